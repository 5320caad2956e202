package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway costs ({@code bench/gateway-overhead.sh}): the same read, at 32 connections in a closed loop
 * ({@code wrk}), once straight to billing's own port with an internal token and once through the gateway with an API
 * key; the ratio of the two rates against the targets: at least 0.6 on {@code GET /api/v1/accounts/{id}} and 0.4 on
 * {@code GET /api/v1/plans}. Starts its own stack (all four services, fresh data, free ports, the gateway's rate limit
 * raised far above the load). A warm-up of every endpoint both ways comes first, and each measurement follows a
 * warm-up of the same length.
 */
public final class GatewayBenchmark {

    private static final String TENANT = "panel";
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    /** @param shown the path as the report names it */
    private record Endpoint(String shown, String path, double target) {
    }

    private record Run(double perSecond, double p99Millis, long non2xx) {
    }

    public static void main(String[] args) throws Exception {
        int connections = 32;
        Duration duration = Duration.ofSeconds(20);
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--connections=")) {
                connections = Integer.parseInt(value);
            } else if (arg.startsWith("--duration=")) {
                duration = LedgerConsumptionBenchmark.Options.seconds(value);
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; use --connections=N --duration=Ns");
            }
        }
        if (!wrkInstalled()) {
            System.err.println("This benchmark needs wrk (apt-get install wrk).");
            System.exit(2);
        }
        int clients = connections;
        Duration each = duration;
        LoadBenchmark.runOnOwnStack("gateway", SERVICE_JVM_OPTIONS, stack -> measure(stack, clients, each));
    }

    private static boolean measure(LocalStack stack, int connections, Duration duration) throws Exception {
        boolean met = true;
        var token = InternalJwt.renewing(TENANT);
        var api = new LedgerApiClient(stack.url(Service.BILLING), stack.url(Service.LEDGER), token);
        String account = api.openAccount("bench-" + UUID.randomUUID());
        List<Endpoint> endpoints = List.of(new Endpoint("/api/v1/accounts/{id}", "/api/v1/accounts/" + account, 0.6),
                new Endpoint("/api/v1/plans", "/api/v1/plans", 0.4));
        // Every path both ways first, so that no measurement meets code the JIT has not compiled yet: the gateway
        // sees no load during the direct runs, and on two busy cores its first 20 s under load are still compiling.
        System.out.printf("Warming up: every endpoint direct and through the gateway, %d s each ...%n",
                duration.toSeconds());
        for (Endpoint endpoint : endpoints) {
            wrk(stack.url(Service.BILLING) + endpoint.path(), "Bearer " + token.get(), connections, duration);
            wrk(stack.gatewayUrl() + endpoint.path(), "Bearer rk_test_" + TENANT, connections, duration);
        }
        List<String> lines = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            String direct = stack.url(Service.BILLING) + endpoint.path();
            String gateway = stack.gatewayUrl() + endpoint.path();
            System.out.printf("%s: direct, then through the gateway; %d connections, %d s warm-up and %d s each ...%n",
                    endpoint.path(), connections, duration.toSeconds(), duration.toSeconds());
            wrk(direct, "Bearer " + token.get(), connections, duration);
            Run straight = wrk(direct, "Bearer " + token.get(), connections, duration);
            wrk(gateway, "Bearer rk_test_" + TENANT, connections, duration);
            Run through = wrk(gateway, "Bearer rk_test_" + TENANT, connections, duration);
            double ratio = straight.perSecond() == 0 ? 0 : through.perSecond() / straight.perSecond();
            long non2xx = straight.non2xx() + through.non2xx();
            boolean endpointMet = ratio >= endpoint.target() && non2xx == 0;
            met &= endpointMet;
            lines.add("  GET %-22s direct %,8.0f/s (p99 %5.1f ms)   gateway %,8.0f/s (p99 %5.1f ms)   ratio %.2f"
                    .formatted(endpoint.shown(), straight.perSecond(), straight.p99Millis(), through.perSecond(),
                            through.p99Millis(), ratio)
                    + "   target >= %.1f   %s%s".formatted(endpoint.target(), endpointMet ? "met" : "NOT met",
                    non2xx > 0 ? "   (" + non2xx + " non-2xx answers)" : ""));
        }
        System.out.printf("%nGateway overhead: %d CPU cores, Java %s, wrk with %d connections, %d s each%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature(), connections,
                duration.toSeconds());
        lines.forEach(System.out::println);
        return met;
    }

    private static Run wrk(String url, String authorization, int connections, Duration duration)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-H", "Authorization: " + authorization, url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher rate = RATE.matcher(output);
        Matcher p99 = P99.matcher(output);
        Matcher non2xx = NON_2XX.matcher(output);
        if (!rate.find() || !p99.find()) {
            throw new IllegalStateException("unexpected wrk output: " + output);
        }
        double p99Millis = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        return new Run(Double.parseDouble(rate.group(1)), p99Millis, non2xx.find() ? Long.parseLong(non2xx.group(1))
                : 0);
    }

    private static boolean wrkInstalled() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private GatewayBenchmark() {
    }
}
