package dev.fairbill.billing.query;

import java.time.Instant;
import java.util.List;

import dev.fairbill.billing.account.AccountRole;

/**
 * An account as the read model holds it; {@code holds} keep a SUSPENDED account suspended; {@code testClock} is the
 * test clock it lives on, or null.
 */
public record AccountView(String id, String tenant, String externalRef, AccountRole role, String parentAccountId,
                          String email, String defaultPaymentMethod, String status, List<Hold> holds,
                          Instant createdAt, String testClock) {

    public record Hold(String reason, String reference) {
    }
}
