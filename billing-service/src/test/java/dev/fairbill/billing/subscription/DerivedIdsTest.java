package dev.fairbill.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.ids.SubscriptionId;

/**
 * Derived ids are part of stored event streams and of idempotency: the same inputs must always give the same id, so
 * these values are pinned.
 */
class DerivedIdsTest {

    @Test
    void subscriptionChargeIdIsStableForItsPeriodAndAttempt() {
        assertThat(SubscriptionChargeIds.of(SubscriptionId.of("sub_X"), Instant.parse("2026-11-01T00:00:00Z"), 0))
                .isEqualTo(ChargeId.of("ch_1B0QW7J08FXQ08PT0E21ASH9P0"));
    }

    @Test
    void disputeIdIsStableForTheProcessorsDispute() {
        assertThat(Dispute.idFor("panel", "stripe", "du_123")).isEqualTo(DisputeId.of("dp_6Y2EMT6XW4T7V43NVF9YA1QBFY"));
    }
}
