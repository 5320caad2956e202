package dev.fairbill.localstack;

import java.nio.file.Path;

/**
 * One of the four applications the stack runs, with its jar in the build output and the database it owns.
 *
 * @param portOffset added to the stack's base port for HTTP, and to the management base port for actuator
 */
enum Service {
    BILLING("billing-service", "billing", 1),
    LEDGER("credit-ledger-service", "ledger", 2),
    REFUND("refund-service", "refund", 3),
    GATEWAY("gateway", null, 0);

    final String module;
    final String database;
    final int portOffset;

    Service(String module, String database, int portOffset) {
        this.module = module;
        this.database = database;
        this.portOffset = portOffset;
    }

    Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
