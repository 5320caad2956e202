package dev.fairbill.billing.query;

import java.time.Instant;

import dev.fairbill.billing.domain.AccountRole;

/** An account as the read model holds it. */
public record AccountView(String id, String tenant, String externalRef, AccountRole role, String parentAccountId,
                          String email, String defaultPaymentMethod, String status, Instant createdAt) {
}
