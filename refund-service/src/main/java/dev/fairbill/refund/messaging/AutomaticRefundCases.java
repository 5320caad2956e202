package dev.fairbill.refund.messaging;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.refund.domain.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.domain.RefundCaseId;
import dev.fairbill.refund.policy.RefundReason;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.query.RefundCaseDecider;
import dev.fairbill.refund.query.RefundCaseQueries;

/**
 * Refund cases nobody asked for through the API: a duplicate billing flagged (DOMAIN.md saga 2: reversed whatever
 * the tenant's policy, through the rule every policy obeys) and the refund part of "cancel and refund me" (saga 1:
 * the cancellation is billing's, the refund is decided by policy). Each is opened once under an id known in advance,
 * so a second flag or a redelivered cancellation opens nothing.
 */
@Component
class AutomaticRefundCases {

    private final RefundCaseDecider decider;
    private final RefundCaseQueries cases;
    private final CommandGateway commands;

    AutomaticRefundCases(RefundCaseDecider decider, RefundCaseQueries cases, CommandGateway commands) {
        this.decider = decider;
        this.cases = cases;
        this.commands = commands;
    }

    /** The one case of a flagged duplicate: its id derives from the charge, so a second flag finds it. */
    static RefundCaseId duplicateCaseId(String tenant, String chargeId) {
        return RefundCaseId.of(Ids.derive(IdPrefix.REFUND_CASE, "duplicate\n" + tenant + "\n" + chargeId));
    }

    void reverseDuplicate(String tenant, String accountId, String chargeId, String duplicateOf, Instant flaggedAt) {
        open(duplicateCaseId(tenant, chargeId), tenant, accountId,
                new RefundRequest(RefundReason.DUPLICATE_CHARGE, new Target(TargetKind.CHARGE, chargeId), null,
                        List.of()),
                "Opened automatically: billing flagged this charge as a duplicate of " + duplicateOf + ".",
                flaggedAt);
    }

    /** @param refundReason the customer's reason as given to billing; one that is not a refund reason is a change of mind */
    void refundCancelledSubscription(String caseId, String tenant, String accountId, String subscriptionId,
                                     String refundReason, Instant requestedAt) {
        RefundReason reason = RefundReason.parse(refundReason).orElse(RefundReason.CHANGE_OF_MIND);
        open(RefundCaseId.of(caseId), tenant, accountId,
                new RefundRequest(reason, new Target(TargetKind.SUBSCRIPTION, subscriptionId), null, List.of()),
                "Asked for with the subscription's cancellation" + (refundReason == null ? "." : ": " + refundReason
                        + "."), requestedAt);
    }

    private void open(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                      String explanation, Instant now) {
        if (cases.find(tenant, caseId.value()).isPresent()) {
            return;
        }
        var decided = decider.decide(tenant, request, decider.factsFor(tenant, accountId, request, now), now);
        commands.sendAndWait(new OpenRefundCase(caseId, tenant, accountId, request, decided.chargeId(), explanation,
                List.of(), decided.decision(), decided.refundable(), decided.reviewDueBy(),
                decided.cancelsSubscription()));
    }
}
