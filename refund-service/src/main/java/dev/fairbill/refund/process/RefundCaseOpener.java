package dev.fairbill.refund.process;

import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.refund.refundcase.Evidence;
import dev.fairbill.refund.refundcase.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseExists;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.query.OpenCaseTargets;

/**
 * Opens a decided refund case unless its target has an open case already: the target is claimed and the case opened
 * in one transaction (joined by the command's unit of work), so concurrent requests for one charge open one case.
 */
@Component
public class RefundCaseOpener {

    private final OpenCaseTargets targets;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    public RefundCaseOpener(OpenCaseTargets targets, CommandGateway commands, TransactionTemplate transaction) {
        this.targets = targets;
        this.commands = commands;
        this.transaction = transaction;
    }

    /** The charge the request is about, or its purchase or subscription when no charge pays for it. */
    public static String targetOf(RefundCaseDecider.Decided decided) {
        var target = decided.request().target();
        return targetOf(decided.chargeId(), target.kind().name(), target.id());
    }

    /**
     * Opens the case, unless another case of the target is open.
     *
     * @return the open case of the target when it is another one; nothing was opened then
     */
    public Optional<String> open(RefundCaseId caseId, String tenant, String accountId,
                                 RefundCaseDecider.Decided decided, String explanation, List<Evidence> evidence) {
        return transaction.execute(status -> {
            Optional<String> open = targets.claim(tenant, targetOf(decided), caseId);
            if (open.isEmpty()) {
                commands.sendAndWait(new OpenRefundCase(caseId, tenant, accountId, decided.request(),
                        decided.chargeId(), explanation, evidence, decided.decision(), decided.refundable(),
                        decided.reviewDueBy(), decided.cancelsSubscription(), decided.subscriptionToCancel()));
            }
            return open;
        });
    }

    /**
     * Runs {@code decide} (a reviewer's new decision on a case whose payout failed, so it no longer held its target)
     * once the case holds its target again, in one transaction.
     *
     * @throws RefundCaseExists when another case of the target opened meanwhile: deciding this one could pay twice
     */
    public void reclaimAndDecide(RefundCaseId caseId, String tenant, String target, Runnable decide) {
        transaction.executeWithoutResult(status -> {
            Optional<String> other = targets.claim(tenant, target, caseId);
            if (other.isPresent()) {
                throw new RefundCaseExists(other.get());
            }
            decide.run();
        });
    }

    /** The target of an opened case: its charge, or its purchase or subscription when no charge pays for it. */
    public static String targetOf(String chargeId, String targetKind, String targetId) {
        return chargeId != null ? "CHARGE:" + chargeId : targetKind + ":" + targetId;
    }

    /** The open case of the decided request's target, if there is one. */
    public Optional<String> openCaseOf(String tenant, RefundCaseDecider.Decided decided) {
        return targets.holder(tenant, targetOf(decided));
    }
}
