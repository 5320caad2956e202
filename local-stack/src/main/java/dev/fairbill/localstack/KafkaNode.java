package dev.fairbill.localstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * One Kafka broker in KRaft mode (broker and controller in one process), run by the local stack as a process of its
 * own so that it can be stopped, killed and started again like the services. Its log directory is kept across
 * restarts: a broker killed with {@code kill -9} comes back with every message and every consumer group's offsets.
 *
 * <p>Arguments: the data directory, the client port and the controller port.
 */
public final class KafkaNode {

    private KafkaNode() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaNode <data directory> <port> <controller port>");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path logs = directory.resolve("logs");
        Files.createDirectories(logs);
        Path config = directory.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties(logs, port, controllerPort).store(writer, "written by the Fairbill local stack");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool$.MODULE$.execute(new String[] {"format", "--ignore-formatted",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()}, System.out);
            if (formatted != 0) {
                System.err.println("formatting the Kafka log directory " + logs + " failed");
                System.exit(1);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Properties properties(Path logs, int port, int controllerPort) {
        var properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", logs.toString());
        properties.put("num.partitions", "6");
        properties.put("auto.create.topics.enable", "true");
        properties.put("group.initial.rebalance.delay.ms", "0");
        for (String topic : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            properties.put(topic + ".replication.factor", "1");
        }
        properties.put("offsets.topic.num.partitions", "6");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "6");
        return properties;
    }
}
