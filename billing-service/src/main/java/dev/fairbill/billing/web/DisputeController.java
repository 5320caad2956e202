package dev.fairbill.billing.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.query.DisputeEvidence;
import dev.fairbill.billing.query.DisputeProjection;
import dev.fairbill.billing.query.DisputeView;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;

/** Disputes opened by processors' webhooks, and the evidence billing can compile for them. */
@RestController
@RequestMapping("/api/v1/disputes")
public class DisputeController {

    private final DisputeProjection disputes;
    private final DisputeEvidence evidence;

    public DisputeController(DisputeProjection disputes, DisputeEvidence evidence) {
        this.disputes = disputes;
        this.evidence = evidence;
    }

    @GetMapping("/{disputeId}")
    public DisputeResponse get(@PathVariable String disputeId) {
        return DisputeResponse.of(find(disputeId));
    }

    @GetMapping("/{disputeId}/evidence")
    public DisputeEvidence.Bundle evidence(@PathVariable String disputeId) {
        return evidence.compile(find(disputeId));
    }

    private DisputeView find(String disputeId) {
        return disputes.find(Caller.current().tenant(), Ids.requireValid(IdPrefix.DISPUTE, disputeId))
                .orElseThrow(() -> new NotFoundException("Dispute " + disputeId));
    }
}
