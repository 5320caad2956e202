package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the stack keeps its data and which ports it uses.
 *
 * @param root           the checkout: service jars are found under {@code <module>/target}
 * @param dataDirectory  PostgreSQL's data and the services' logs; kept across restarts
 * @param httpBasePort   gateway port; the services follow (billing +1, ledger +2, refund +3)
 * @param managementBase actuator port of the gateway; the services follow the same way
 * @param postgresPort   the embedded PostgreSQL's port
 * @param kafkaPort      the broker's port; its controller listens on the next one
 * @param extraArguments more command-line arguments per service, e.g. shorter saga timings for a test
 */
record StackSettings(Path root, Path dataDirectory, int httpBasePort, int managementBase, int postgresPort,
                     int kafkaPort, Map<Service, List<String>> extraArguments) {

    StackSettings {
        extraArguments = Map.copyOf(extraArguments);
    }

    /**
     * The settings {@code run-local.sh} starts with: the defaults, or another data directory ({@code FAIRBILL_DATA},
     * as {@code ./run-local.sh restart} reads it) and free ports instead of the usual ones
     * ({@code FAIRBILL_FREE_PORTS=true}), to run a second stack beside the first.
     */
    static StackSettings fromEnvironment(Path root, Map<String, String> environment) throws IOException {
        String data = environment.get("FAIRBILL_DATA");
        Path dataDirectory = data == null || data.isBlank() ? root.resolve(".fairbill") : root.resolve(data);
        if (Boolean.parseBoolean(environment.get("FAIRBILL_FREE_PORTS"))) {
            return onFreePorts(root, dataDirectory);
        }
        return new StackSettings(root, dataDirectory, 8080, 9080, 15432, 19092, Map.of());
    }

    /** These settings, with {@code arguments} added to {@code service}'s command line. */
    StackSettings withArguments(Service service, String... arguments) {
        Map<Service, List<String>> more = new EnumMap<>(Service.class);
        more.putAll(extraArguments);
        more.merge(service, List.of(arguments), (before, added) -> Stream.concat(before.stream(), added.stream())
                .toList());
        return new StackSettings(root, dataDirectory, httpBasePort, managementBase, postgresPort, kafkaPort, more);
    }

    List<String> extraArguments(Service service) {
        return extraArguments.getOrDefault(service, List.of());
    }

    /** A stack in {@code dataDirectory} on eleven consecutive free ports, so that it collides with no other stack. */
    static StackSettings onFreePorts(Path root, Path dataDirectory) throws IOException {
        int base = FreePorts.block(11);
        return new StackSettings(root, dataDirectory, base, base + 4, base + 8, base + 9, Map.of());
    }

    /** The embedded PostgreSQL's data directory. */
    Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    int kafkaControllerPort() {
        return kafkaPort + 1;
    }

    int httpPort(Service service) {
        return httpBasePort + service.portOffset;
    }

    int managementPort(Service service) {
        return managementBase + service.portOffset;
    }
}
