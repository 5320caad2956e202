package dev.fairbill.ledger.web;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/**
 * The operation id of a write that moves credits or cash: from the request's {@code Idempotency-Key} when it has one,
 * so a retry after the key store forgot it (24 h) is still applied once by the ledger itself; otherwise a new one.
 */
record Operation(String id) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static Operation of(String accountId, String idempotencyKey) {
        return new Operation(idempotencyKey == null ? Ids.generate(IdPrefix.LEDGER_ENTRY)
                : "key:" + accountId + ":" + idempotencyKey);
    }

    /** The id of what this operation creates: the same operation always names the same thing. */
    String idOf(IdPrefix prefix) {
        return Ids.derive(prefix, id);
    }
}
