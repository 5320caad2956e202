package dev.fairbill.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports for a stack that must not collide with another one (tests, benchmarks); the services' ports follow
 * the gateway's, so bases need a block.
 *
 * <p>Ports come from below Linux's ephemeral range (32768–60999): a port the kernel handed out as "free" from that
 * range can be taken again, as the local end of some outgoing connection (JDBC, Kafka), in the seconds before the
 * service that was meant to listen on it binds. That race failed a CI run with "billing-service exited with 1".
 */
final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int BELOW_EPHEMERAL = 32_000;

    /** The first of {@code size} consecutive free ports. */
    static int block(int size) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL - size);
            if (allFree(first, size)) {
                return first;
            }
        }
        throw new IOException("no block of " + size + " free ports between " + LOWEST + " and " + BELOW_EPHEMERAL);
    }

    private static boolean allFree(int first, int size) {
        for (int port = first; port < first + size; port++) {
            try (var socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private FreePorts() {
    }
}
