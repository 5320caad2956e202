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

    /** Its short name, as {@code ./run-local.sh restart} takes it: billing, ledger, refund, gateway. */
    String part() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
