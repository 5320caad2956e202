package dev.fairbill.refund.process;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.refund.refundcase.RefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RejectRefundCase;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.query.RefundCaseQueries;
import dev.fairbill.refund.query.RefundCaseView;

/**
 * When an outage is closed, the requests about it that waited in review are decided by the tenant's policy with the
 * outage's whole length: service credits or money are granted, a refusal is sent, and a request the policy itself
 * sends to review (or one still touched by another ongoing outage) stays for a reviewer. Each case is decided in its
 * own command; one a reviewer decided meanwhile is left as it is. Closing the incident again resumes what a crash
 * interrupted, and whatever is left waits in the review queue with its deadline.
 */
@Component
public class OutageCases {

    private static final Logger log = LoggerFactory.getLogger(OutageCases.class);

    private final RefundCaseQueries cases;
    private final RefundCaseDecider decider;
    private final CommandGateway commands;
    private final Clock clock;

    public OutageCases(RefundCaseQueries cases, RefundCaseDecider decider, CommandGateway commands, Clock clock) {
        this.cases = cases;
        this.decider = decider;
        this.commands = commands;
        this.clock = clock;
    }

    /** Decides the tenant's cases that waited for an outage to be over. */
    public void decideWaitingCases(String tenant) {
        for (RefundCaseView waiting : cases.waitingForOutage(tenant)) {
            try {
                decide(tenant, waiting);
            } catch (RuleViolation refused) {
                log.info("A case that waited for an outage was not decided automatically: case={} problem={}",
                        waiting.id(), refused.getMessage());
            }
        }
    }

    private void decide(String tenant, RefundCaseView waiting) {
        RefundRequest request = new RefundRequest(RefundReason.valueOf(waiting.reason()),
                new RefundRequest.Target(RefundRequest.TargetKind.valueOf(waiting.targetKind()), waiting.targetId()),
                waiting.requested(), waiting.evidence().stream().map(piece -> piece.kind().name()).toList());
        Instant now = clock.instant();
        RefundCaseDecider.Decided decided = decider.decide(tenant, request,
                decider.factsFor(tenant, waiting.accountId(), request, now), now);
        Decision decision = decided.decision();
        RefundCaseId caseId = RefundCaseId.of(waiting.id());
        String note = "Decided when the outage was over (" + decision.clause() + "): " + decision.explanation();
        switch (decision.outcome()) {
            case REMEDY -> commands.sendAndWait(new ApproveRefundCase(caseId, tenant, null, null,
                    decided.refundable(), note, RefundCase.SYSTEM, Actor.service(), decision.remedy()));
            case APPROVED -> commands.sendAndWait(new ApproveRefundCase(caseId, tenant, decision.amount(),
                    decision.destination(), decided.refundable(), note, RefundCase.SYSTEM, Actor.service()));
            case DENIED -> commands.sendAndWait(new RejectRefundCase(caseId, tenant, note, RefundCase.SYSTEM,
                    Actor.service()));
            case NEEDS_REVIEW -> {
                // the policy itself wants a person: the case stays in review
            }
        }
    }
}
