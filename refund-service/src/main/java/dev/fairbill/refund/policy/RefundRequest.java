package dev.fairbill.refund.policy;

import java.util.List;
import java.util.Objects;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;

/**
 * What the customer (or the system) asks for, as the policy engine sees it.
 *
 * @param reason          one of the API's refund reasons
 * @param target          the charge, purchase or subscription the request is about
 * @param requestedAmount the amount asked for, or {@code null} for "what the policy gives"
 * @param evidenceKinds   the kinds of evidence attached ({@code POLICE_REPORT}, {@code BANK_PROOF}, …)
 */
public record RefundRequest(RefundReason reason, Target target, Money requestedAmount, List<String> evidenceKinds) {

    public RefundRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        evidenceKinds = evidenceKinds == null ? List.of() : List.copyOf(evidenceKinds);
    }

    /** What a refund request is about. */
    public enum TargetKind {
        CHARGE,
        PURCHASE,
        SUBSCRIPTION
    }

    public record Target(TargetKind kind, String id) {

        public Target {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }
}
