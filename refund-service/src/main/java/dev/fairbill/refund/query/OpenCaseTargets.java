package dev.fairbill.refund.query;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPayoutReversed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.refundcase.RefundCaseStatus;

/**
 * The targets that have an open refund case (in review, approved or executing): one case per charge, or per purchase
 * or subscription that no charge pays for. A case claims its target in the transaction that opens it, so of two
 * requests for one target, on any replica, one opens its case and the other learns which case is open. The claim is
 * released when the case settles: denied, paid out, remedied or failed.
 */
@Component
@ProcessingGroup(OpenCaseTargets.PROCESSING_GROUP)
public class OpenCaseTargets {

    public static final String PROCESSING_GROUP = "open-case-targets";

    private final JdbcClient jdbc;

    public OpenCaseTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code target} for {@code caseId}; must run in the transaction that opens the case, which then holds
     * the claim until it commits or rolls back.
     *
     * @return the case that holds the target already, if another one does
     */
    public Optional<String> claim(String tenant, String target, RefundCaseId caseId) {
        int claimed = jdbc.sql("""
                        INSERT INTO open_case_targets (tenant, target, case_id) VALUES (?, ?, ?)
                        ON CONFLICT (tenant, target) DO NOTHING""")
                .params(tenant, target, caseId.value())
                .update();
        return claimed == 1 ? Optional.empty() : holder(tenant, target).filter(holder -> !holder.equals(caseId.value()));
    }

    /** The open case of {@code target}, if there is one. */
    public Optional<String> holder(String tenant, String target) {
        return jdbc.sql("SELECT case_id FROM open_case_targets WHERE tenant = ? AND target = ?")
                .params(tenant, target)
                .query(String.class)
                .optional();
    }

    @EventHandler
    void on(RefundCaseOpened opened) {
        if (opened.status() == RefundCaseStatus.DENIED) {
            release(opened.caseId());
        }
    }

    @EventHandler
    void on(RefundCaseRejected rejected) {
        release(rejected.caseId());
    }

    @EventHandler
    void on(RefundPaidOut paid) {
        release(paid.caseId());
    }

    @EventHandler
    void on(RemedyApplied remedied) {
        release(remedied.caseId());
    }

    @EventHandler
    void on(RefundExecutionFailed failed) {
        release(failed.caseId());
    }

    private void release(RefundCaseId caseId) {
        jdbc.sql("DELETE FROM open_case_targets WHERE case_id = ?").param(caseId.value()).update();
    }
}
