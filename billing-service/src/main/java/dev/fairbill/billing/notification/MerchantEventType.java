package dev.fairbill.billing.notification;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.AccountTerminatedV1;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFailedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.ledger.CashWithdrawalCompletedV1;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.contracts.refund.RefundCaseDecidedV1;
import dev.fairbill.contracts.refund.RefundCaseSettledV1;

/**
 * The events a merchant's endpoint can ask for, each named as merchants see it and taken from one integration
 * message. {@code ledger.low-balance} is made per endpoint, when a consumption takes the balance below the endpoint's
 * threshold.
 */
public enum MerchantEventType {
    ACCOUNT_SUSPENDED("account.suspended", AccountSuspendedV1.TYPE),
    ACCOUNT_REINSTATED("account.reinstated", AccountReinstatedV1.TYPE),
    ACCOUNT_TERMINATED("account.terminated", AccountTerminatedV1.TYPE),
    SUBSCRIPTION_CREATED("subscription.created", SubscriptionStartedV1.TYPE),
    SUBSCRIPTION_RENEWED("subscription.renewed", SubscriptionRenewedV1.TYPE),
    SUBSCRIPTION_CANCELLED("subscription.cancelled", SubscriptionCancelledV1.TYPE),
    SUBSCRIPTION_EXPIRED("subscription.expired", SubscriptionExpiredV1.TYPE),
    CHARGE_SUCCEEDED("charge.succeeded", ChargeCapturedV1.TYPE),
    CHARGE_FAILED("charge.failed", ChargeFailedV1.TYPE),
    CHARGE_REFUNDED("charge.refunded", ChargeRefundedV1.TYPE),
    CHARGE_FLAGGED_DUPLICATE("charge.flagged-duplicate", ChargeFlaggedDuplicateV1.TYPE),
    REFUND_CASE_DECIDED("refund-case.decided", RefundCaseDecidedV1.TYPE),
    REFUND_CASE_SETTLED("refund-case.settled", RefundCaseSettledV1.TYPE),
    DISPUTE_OPENED("dispute.opened", DisputeOpenedV1.TYPE),
    DISPUTE_CLOSED("dispute.closed", DisputeClosedV1.TYPE),
    LEDGER_LOW_BALANCE("ledger.low-balance", CreditsConsumedV1.TYPE),
    CASH_WITHDRAWAL_COMPLETED("cash-withdrawal.completed", CashWithdrawalCompletedV1.TYPE);

    /** In an endpoint's events: every type, present and future. */
    public static final String ALL = "*";

    private static final Map<String, MerchantEventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MerchantEventType::wireName, Function.identity()));
    private static final Map<String, MerchantEventType> BY_MESSAGE = Arrays.stream(values())
            .filter(type -> type != LEDGER_LOW_BALANCE)
            .collect(Collectors.toUnmodifiableMap(MerchantEventType::messageType, Function.identity()));

    private final String wireName;
    private final String messageType;

    MerchantEventType(String wireName, String messageType) {
        this.wireName = wireName;
        this.messageType = messageType;
    }

    public String wireName() {
        return wireName;
    }

    String messageType() {
        return messageType;
    }

    public static Optional<MerchantEventType> named(String wireName) {
        return Optional.ofNullable(BY_NAME.get(wireName));
    }

    /** The event an integration message is, told to every endpoint that asks for it; none for the others. */
    static Optional<MerchantEventType> ofMessage(String messageType) {
        return Optional.ofNullable(BY_MESSAGE.get(messageType));
    }
}
