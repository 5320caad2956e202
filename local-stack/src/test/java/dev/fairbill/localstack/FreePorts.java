package dev.fairbill.localstack;

import java.io.IOException;
import java.net.ServerSocket;

/** Free local ports for a stack under test; the services' ports follow the gateway's, so bases need a block. */
final class FreePorts {

    static int one() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The first of {@code size} consecutive free ports. */
    static int block(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = one();
            if (first + size < 65535 && allFree(first, size)) {
                return first;
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports");
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
