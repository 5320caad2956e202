package dev.fairbill.billing.charge;

import java.time.Instant;

import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.money.Money;

/**
 * What a charge is for and how it is paid, as {@link CaptureCharge} asked: kept by a charge awaiting the ledger's or
 * the processor's answer, so that the capture or failure it records later says the same.
 */
public record ChargeTerms(ChargeId chargeId, AccountId accountId, String tenant, Money amount, String description,
                   SubscriptionId subscriptionId, Instant billingPeriodStart, PurchaseId purchaseId,
                   String paymentMethod, boolean intentional) {

    static ChargeTerms of(CaptureCharge command) {
        return new ChargeTerms(command.chargeId(), command.accountId(), command.tenant(), command.amount(),
                command.description(), command.subscriptionId(), command.billingPeriodStart(), command.purchaseId(),
                command.paymentMethod(), command.intentional());
    }

    ChargeAwaitingBalance awaitingBalance(Instant at) {
        return new ChargeAwaitingBalance(this, at);
    }

    ChargeCaptured captured(String processor, String processorChargeId, Money paidFromBalance, Instant at) {
        return new ChargeCaptured(this, processor, processorChargeId, at, paidFromBalance);
    }

    ChargeFailed failed(String processor, String failureCode, Money paidFromBalance, Instant at) {
        return new ChargeFailed(this, processor, failureCode, at, paidFromBalance);
    }
}
