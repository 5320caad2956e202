package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * A reseller's tier, from its lifetime purchased credits (final-sale-reseller §5), changed. Billing reads it to allow
 * creating
 * sub-resellers. Published on {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type
 * {@value #TYPE} and subject = account id.
 *
 * @param tier                the tier's name from the tenant's configuration
 * @param subResellersAllowed the tier unlocks creating sub-reseller accounts
 */
public record TierChangedV1(String accountId, String tenant, String tier, long lifetimePurchased,
                            Instant changedAt, boolean subResellersAllowed) {

    public static final String TYPE = "fairbill.ledger.tier-changed.v1";
}
