package dev.fairbill.refund.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.refund.refundcase.Evidence;
import dev.fairbill.refund.refundcase.RefundCaseRuleViolation;
import dev.fairbill.refund.policy.RefundFacts;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.process.RefundCaseDecider;

/**
 * Turns a refund request body into the policy's decision: checks the request, gathers the target's facts from
 * refund-service's own projections and asks the tenant's policy. The same path serves opening a case and the
 * preview, so the preview is exactly the decision a case would get.
 */
@Component
class RefundRequestReader {

    private final RefundCaseDecider decider;

    RefundRequestReader(RefundCaseDecider decider) {
        this.decider = decider;
    }

    /** A decision, what it was made from, and the evidence that came with the request. */
    record Decided(RefundCaseDecider.Decided decided, List<Evidence> evidence) {
    }

    Decided decide(String tenant, RefundRequestBody body, Instant now) {
        List<Evidence> evidence = evidence(body.evidence());
        RefundRequest request = new RefundRequest(body.reason(), target(body),
                body.amount() == null ? null : body.amount().toMoney("amount"),
                evidence.stream().map(piece -> piece.kind().name()).toList());
        RefundFacts known = decider.factsFor(tenant, body.accountId(), request, now);
        requireRefundable(request.requestedAmount(), known.charge() == null ? null : known.charge().refundable());
        return new Decided(decider.decide(tenant, request, known, now), evidence);
    }

    /** A requested amount above what is still refundable is refused with 422. */
    static void requireRefundable(Money requested, Money refundable) {
        if (requested == null) {
            return;
        }
        if (refundable == null) {
            throw new UnprocessableException("nothing-refundable", "Nothing refundable",
                    "No captured charge pays for this target, so there is no money to refund.");
        }
        if (!requested.currency().equals(refundable.currency())) {
            throw new UnprocessableException("currency-mismatch", "Currency mismatch",
                    "The amount is in " + requested.currency() + "; the charge was in " + refundable.currency() + ".");
        }
        if (requested.isGreaterThan(refundable)) {
            throw RefundCaseRuleViolation.exceedsRefundable(requested, refundable);
        }
    }

    static List<Evidence> evidence(List<RefundRequestBody.EvidenceBody> bodies) {
        return bodies == null ? List.of()
                : bodies.stream().map(body -> new Evidence(body.kind(), body.reference())).toList();
    }

    private static Target target(RefundRequestBody body) {
        List<Target> targets = new ArrayList<>();
        if (body.chargeId() != null) {
            targets.add(new Target(TargetKind.CHARGE, body.chargeId()));
        }
        if (body.purchaseId() != null) {
            targets.add(new Target(TargetKind.PURCHASE, body.purchaseId()));
        }
        if (body.subscriptionId() != null) {
            targets.add(new Target(TargetKind.SUBSCRIPTION, body.subscriptionId()));
        }
        if (targets.size() != 1) {
            throw new UnprocessableException("target-required", "One target required",
                    "A refund request names exactly one of chargeId, purchaseId and subscriptionId.");
        }
        return targets.getFirst();
    }
}
