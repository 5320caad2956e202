package dev.fairbill.ledger.ledger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's rules per tenant ({@code fairbill.ledger.*}). A tenant without its own entry under {@code tenants}
 * uses {@code defaults}. A bad setting stops the service at startup with the property named.
 *
 * @param snapshotThreshold  events between two snapshots of a ledger, so a busy account loads fast
 * @param holdDefaultExpiry  how long a hold lasts when the request names no {@code expiresIn}
 * @param holdMaxExpiry      the longest {@code expiresIn} a hold may ask for
 */
@ConfigurationProperties("fairbill.ledger")
public record LedgerSettings(@DefaultValue("100") int snapshotThreshold,
                             @DefaultValue("15m") Duration holdDefaultExpiry,
                             @DefaultValue("7d") Duration holdMaxExpiry,
                             @DefaultValue Tenant defaults,
                             Map<String, Tenant> tenants) {

    public LedgerSettings {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("fairbill.ledger.snapshot-threshold must be at least 1");
        }
        requirePositive("fairbill.ledger.hold-default-expiry", holdDefaultExpiry);
        requirePositive("fairbill.ledger.hold-max-expiry", holdMaxExpiry);
        if (holdDefaultExpiry.compareTo(holdMaxExpiry) > 0) {
            throw new IllegalArgumentException(
                    "fairbill.ledger.hold-default-expiry must not be longer than fairbill.ledger.hold-max-expiry");
        }
        defaults.validate("fairbill.ledger.defaults");
        tenants.forEach((name, tenant) -> tenant.validate("fairbill.ledger.tenants." + name));
    }

    public Tenant tenant(String tenant) {
        return tenants.getOrDefault(tenant, defaults);
    }

    private static void requirePositive(String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be positive, was " + value);
        }
    }

    /**
     * One tenant's ledger rules.
     *
     * @param overdraftLimit how far below zero a consumption may take the credit balance (never negative
     *                       unless the tenant allows an overdraft); 0 allows none
     * @param grantExpiry    how long a grant of a source lasts when the request names no {@code expiresAt}
     *                       ("tenant setting" for SERVICE_CREDIT, GOODWILL, ADJUSTMENT); absent means never
     * @param tiers          reseller tiers by lifetime purchased credits, lowest first (final-sale-reseller §5)
     */
    public record Tenant(@DefaultValue("0") long overdraftLimit, Map<LotSource, Duration> grantExpiry,
                         List<Tier> tiers) {

        public Tenant {
            grantExpiry = grantExpiry == null ? Map.of() : Map.copyOf(grantExpiry);
            tiers = tiers == null ? List.of() : tiers.stream().sorted(Comparator.comparingLong(Tier::lifetimePurchased))
                    .toList();
        }

        void validate(String prefix) {
            if (overdraftLimit < 0) {
                throw new IllegalArgumentException(prefix + ".overdraft-limit must not be negative");
            }
            grantExpiry.forEach((source, expiry) -> {
                if (!source.isGrantable() || source.holdsCash()) {
                    throw new IllegalArgumentException(prefix + ".grant-expiry." + source
                            + ": only SERVICE_CREDIT, GOODWILL and ADJUSTMENT grants have a tenant expiry");
                }
                requirePositive(prefix + ".grant-expiry." + source, expiry);
            });
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                if (tier.name() == null || tier.name().isBlank() || tier.lifetimePurchased() <= 0) {
                    throw new IllegalArgumentException(prefix + ".tiers[" + i
                            + "] needs a name and a positive lifetime-purchased threshold");
                }
                if (i > 0 && tiers.get(i - 1).lifetimePurchased() == tier.lifetimePurchased()) {
                    throw new IllegalArgumentException(prefix + ".tiers: two tiers share the threshold "
                            + tier.lifetimePurchased());
                }
            }
        }

        /** The highest tier reached with {@code lifetimePurchased} credits, or null below the first threshold. */
        public Tier tierFor(long lifetimePurchased) {
            Tier reached = null;
            for (Tier tier : tiers) {
                if (lifetimePurchased >= tier.lifetimePurchased()) {
                    reached = tier;
                }
            }
            return reached;
        }
    }

    /**
     * A reseller reaches {@code name} once it has bought {@code lifetimePurchased} credits in total;
     * {@code subResellers} says whether the tier unlocks creating sub-reseller accounts (final-sale-reseller §5).
     */
    public record Tier(String name, long lifetimePurchased, boolean subResellers) {
    }
}
