package dev.fairbill.refund.messaging;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.refund.refundcase.RefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.process.RefundCaseOpener;
import dev.fairbill.refund.process.RefundCaseDecider;
import dev.fairbill.refund.query.RefundCaseQueries;

/**
 * Refund cases nobody asked for through the API: a duplicate billing flagged (reversed whatever the tenant's policy,
 * through the rule every policy obeys) and the refund part of "cancel and refund me" (the cancellation is billing's,
 * the refund is decided by policy). Each is opened once under an id known in advance, so a second flag or a
 * redelivered cancellation opens nothing. When the target already has an open case, that case stays the only one:
 * a flagged duplicate's case in review is approved for the duplicate, and the cancellation's case is denied with the
 * clause {@value #CASE_EXISTS}, naming the open case.
 */
@Component
class AutomaticRefundCases {

    static final String CASE_EXISTS = "refund-case-exists";

    private final RefundCaseDecider decider;
    private final RefundCaseQueries cases;
    private final RefundCaseOpener opener;
    private final CommandGateway commands;

    AutomaticRefundCases(RefundCaseDecider decider, RefundCaseQueries cases, RefundCaseOpener opener,
                         CommandGateway commands) {
        this.decider = decider;
        this.cases = cases;
        this.opener = opener;
        this.commands = commands;
    }

    /** The one case of a flagged duplicate: its id derives from the charge, so a second flag finds it. */
    static RefundCaseId duplicateCaseId(String tenant, String chargeId) {
        return RefundCaseId.of(Ids.derive(IdPrefix.REFUND_CASE, "duplicate\n" + tenant + "\n" + chargeId));
    }

    void reverseDuplicate(String tenant, String accountId, String chargeId, String duplicateOf, Instant flaggedAt) {
        RefundCaseId caseId = duplicateCaseId(tenant, chargeId);
        var request = new RefundRequest(RefundReason.DUPLICATE_CHARGE, new Target(TargetKind.CHARGE, chargeId), null,
                List.of());
        String reversal = "billing flagged this charge as a duplicate of " + duplicateOf + ".";
        if (exists(tenant, caseId)) {
            return;
        }
        var decided = decide(tenant, accountId, request, flaggedAt);
        opener.open(caseId, tenant, accountId, decided, "Opened automatically: " + reversal, List.of())
                .ifPresent(open -> approveInReview(tenant, RefundCaseId.of(open), decided, "Approved automatically: "
                        + reversal));
    }

    /** @param refundReason the customer's reason as given to billing; one that is not a refund reason is a change of mind */
    void refundCancelledSubscription(String caseId, String tenant, String accountId, String subscriptionId,
                                     String refundReason, Instant requestedAt) {
        RefundCaseId id = RefundCaseId.of(caseId);
        if (exists(tenant, id)) {
            return;
        }
        RefundReason reason = RefundReason.parse(refundReason).orElse(RefundReason.CHANGE_OF_MIND);
        var request = new RefundRequest(reason, new Target(TargetKind.SUBSCRIPTION, subscriptionId), null, List.of());
        String explanation = "Asked for with the subscription's cancellation"
                + (refundReason == null ? "." : ": " + refundReason + ".");
        var decided = decide(tenant, accountId, request, requestedAt);
        opener.open(id, tenant, accountId, decided, explanation, List.of()).ifPresent(open -> commands.sendAndWait(
                new OpenRefundCase(id, tenant, accountId, request, decided.chargeId(), explanation, List.of(),
                        caseExists(decided.decision(), open), null, null, false)));
    }

    private boolean exists(String tenant, RefundCaseId caseId) {
        return cases.find(tenant, caseId.value()).isPresent();
    }

    private RefundCaseDecider.Decided decide(String tenant, String accountId, RefundRequest request, Instant now) {
        return decider.decide(tenant, request, decider.factsFor(tenant, accountId, request, now), now);
    }

    /** The open case pays the duplicate back in full, if a reviewer has not decided it yet. */
    private void approveInReview(String tenant, RefundCaseId open, RefundCaseDecider.Decided duplicate, String note) {
        boolean inReview = cases.find(tenant, open.value())
                .filter(view -> RefundCaseStatus.IN_REVIEW.name().equals(view.status()))
                .isPresent();
        if (inReview) {
            commands.sendAndWait(new ApproveRefundCase(open, tenant, null,
                    Decision.Destination.ORIGINAL_PAYMENT_METHOD, duplicate.refundable(), note, RefundCase.SYSTEM));
        }
    }

    private static Decision caseExists(Decision policyDecision, String open) {
        return new Decision(Decision.Outcome.DENIED, null, null, null, policyDecision.policyId(),
                policyDecision.policyVersion(), CASE_EXISTS, "Refund case " + open + " for this charge is still open;"
                        + " it decides the refund, so this request opens no second one.");
    }
}
