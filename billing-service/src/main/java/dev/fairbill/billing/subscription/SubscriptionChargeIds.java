package dev.fairbill.billing.subscription;

import java.time.Instant;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/**
 * The id of each charge attempt a subscription makes, derived from (subscription, period start, attempt) in the
 * canonical {@code ch_} form. A redelivered charge request therefore names the charge that already exists instead of
 * charging the customer again.
 */
public final class SubscriptionChargeIds {

    public static ChargeId of(SubscriptionId subscriptionId, Instant periodStart, int attempt) {
        return ChargeId.of(Ids.derive(IdPrefix.CHARGE, subscriptionId.value() + "|" + periodStart + "|" + attempt));
    }

    private SubscriptionChargeIds() {
    }
}
