package dev.fairbill.refund.process;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.PolicyEngine;
import dev.fairbill.refund.policy.RefundFacts;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.policy.TenantPolicies;
import dev.fairbill.refund.policy.TenantPolicy;
import dev.fairbill.refund.query.RefundFactsReader;

/**
 * The tenant's policy applied to a request with the facts refund-service keeps: one path for requests from the API,
 * the preview, and the cases the sagas open themselves (duplicates, cancellations with a refund request).
 */
@Component
public class RefundCaseDecider {

    private final RefundFactsReader facts;
    private final TenantPolicies policies;
    private final PolicyEngine engine;

    public RefundCaseDecider(RefundFactsReader facts, TenantPolicies policies, PolicyEngine engine) {
        this.facts = facts;
        this.policies = policies;
        this.engine = engine;
    }

    /**
     * A decision and what it was made from.
     *
     * @param refundable          what is still refundable on the charge, or {@code null} when none was captured
     * @param reviewDueBy         for {@code NEEDS_REVIEW}: when the review is due, else {@code null}
     * @param cancelsSubscription the policy cancels this subscription if its refund is approved (cooling-off-prorata)
     * @param subscriptionToCancel which: the target, or the subscription the target charge paid for
     */
    public record Decided(RefundRequest request, RefundFacts facts, Decision decision, Money refundable,
                          Instant reviewDueBy, boolean cancelsSubscription, String subscriptionToCancel) {

        public String chargeId() {
            return facts.charge() == null ? null : facts.charge().chargeId();
        }
    }

    /** The facts of the request's target, known now. */
    public RefundFacts factsFor(String tenant, String accountId, RefundRequest request, Instant now) {
        return facts.factsFor(tenant, accountId, request.target(), now);
    }

    public Decided decide(String tenant, RefundRequest request, RefundFacts known, Instant now) {
        TenantPolicy policy = policies.forTenant(tenant);
        Decision decision = duringAnOutage(request, known)
                ? untilTheOutageIsOver(policy)
                : atMostRequested(engine.decide(policy, known, request, now), request.requestedAmount());
        Instant reviewDueBy = decision.outcome() == Decision.Outcome.NEEDS_REVIEW ? policy.reviewDueBy(now) : null;
        // a refund of a subscription, asked for by the subscription or by the charge that paid its period, cancels it
        String subscription = request.target().kind() == TargetKind.SUBSCRIPTION ? request.target().id()
                : request.target().kind() == TargetKind.CHARGE && known.subscription() != null
                        ? known.subscription().subscriptionId() : null;
        boolean cancels = policy.document().approvedRefundCancelsSubscription() && subscription != null;
        return new Decided(request, known, decision, known.charge() == null ? null : known.charge().refundable(),
                reviewDueBy, cancels, cancels ? subscription : null);
    }

    /**
     * What an outage is compensated with depends on how long it lasts: a request about an outage still going on waits
     * in review, and is decided by the policy when the outage is closed.
     */
    private static boolean duringAnOutage(RefundRequest request, RefundFacts known) {
        return request.reason() == RefundReason.SERVICE_UNAVAILABLE
                && known.incidents().stream().anyMatch(incident -> incident.endedAt() == null);
    }

    private static Decision untilTheOutageIsOver(TenantPolicy policy) {
        return new Decision(Decision.Outcome.NEEDS_REVIEW, null, null, null, policy.document().id(),
                policy.document().version(), PolicyEngine.OUTAGE_ONGOING, "The outage that affects your service is still going "
                        + "on, and what it is compensated with depends on how long it lasts. Your request waits until "
                        + "it is over; then it is decided and you are told the result.");
    }

    /** A customer who asks for less than the policy gives gets what they asked for. */
    private static Decision atMostRequested(Decision decision, Money requested) {
        if (requested == null || decision.amount() == null || !decision.amount().isGreaterThan(requested)) {
            return decision;
        }
        return new Decision(decision.outcome(), requested, decision.destination(), decision.remedy(),
                decision.policyId(), decision.policyVersion(), decision.clause(), decision.explanation());
    }
}
