package dev.fairbill.refund.refundcase;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads the case events stored at revision 1, which listed a case's claim, assessment, cancellation, award, review
 * and payout field by field, as revision 2, which keeps them as values.
 */
@Component
public class RefundCaseUpcaster extends NestingUpcaster {

    private static final List<String> REVIEW = List.of("note", "reviewer", "actor");

    public RefundCaseUpcaster() {
        super(Map.of(
                "RefundCaseOpened", Map.of("claim", List.of("explanation", "evidence"),
                        "assessment", List.of("decision", "status", "reviewDueBy"),
                        "cancellation", List.of("cancelsSubscription", "subscriptionToCancel")),
                "RefundCaseApproved", Map.of("award", List.of("amount", "destination", "remedy"), "review", REVIEW),
                "RefundCaseRejected", Map.of("review", REVIEW),
                "PayoutRequested", Map.of("payout", List.of("amount", "destination"))),
                "1", "2", Map.of("cancelsSubscription", false));
    }
}
