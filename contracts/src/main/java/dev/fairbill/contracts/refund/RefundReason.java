package dev.fairbill.contracts.refund;

import java.util.Optional;

/**
 * Why a customer asks for money back. Billing takes it with a "cancel and refund me" request and refund-service decides
 * by it; a reason a refund policy does not list is denied by that policy's final-sale clause.
 */
public enum RefundReason {
    CHANGE_OF_MIND,
    UNUSED_CREDITS,
    PARTIAL_USE,
    DISSATISFIED,
    DUPLICATE_CHARGE,
    ADMIN_OVERCHARGE,
    NO_BENEFIT_DELIVERED,
    SERVICE_UNAVAILABLE,
    FRAUDULENT_TRANSACTION,
    TECHNICAL_ISSUE,
    FAILED_ACTIVATION,
    WRONG_RENEWAL,
    NEVER_STARTED,
    DELIVERY_STALLED,
    PARTIAL_DELIVERY,
    WRONG_SERVICE,
    COUNT_DROPPED,
    COOLING_OFF;

    /** The reason named {@code name}, if it is one. */
    public static Optional<RefundReason> parse(String name) {
        for (RefundReason reason : values()) {
            if (reason.name().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
