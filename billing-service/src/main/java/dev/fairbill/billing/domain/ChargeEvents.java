package dev.fairbill.billing.domain;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.money.Money;

/**
 * The Charge aggregate's events that other billing processes rely on. The Charge aggregate may add events of its
 * own; these keep their names and fields (the class name is the stored type).
 */
public final class ChargeEvents {

    @Revision("1")
    public record ChargeCaptured(ChargeId chargeId, AccountId accountId, String tenant, Money amount,
                                 String description, SubscriptionId subscriptionId, Instant billingPeriodStart,
                                 PurchaseId purchaseId, String paymentMethod, boolean intentional, String processor,
                                 String processorChargeId, Instant capturedAt) {
    }

    @Revision("1")
    public record ChargeFailed(ChargeId chargeId, AccountId accountId, String tenant, Money amount,
                               String description, SubscriptionId subscriptionId, Instant billingPeriodStart,
                               PurchaseId purchaseId, String paymentMethod, String processor, String failureCode,
                               Instant failedAt) {
    }

    private ChargeEvents() {
    }
}
