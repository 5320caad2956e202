package dev.fairbill.refund.policy;

import java.util.Optional;

/** API.md's refund reasons. A reason a template does not list is denied by its final-sale clause (DOMAIN.md). */
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
