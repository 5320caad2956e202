package dev.fairbill.refund.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.ProblemException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.ValidationFailedException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import dev.fairbill.refund.refundcase.RefundCaseCommands.AddEvidence;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RejectRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseExists;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.process.RefundCaseOpener;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.refund.query.RefundCaseQueries;
import dev.fairbill.refund.query.RefundCaseView;
import dev.fairbill.refund.query.RefundFactsReader;
import jakarta.validation.Valid;

/** Refund requests, the preview and the review queue (docs/api.md, refunds). */
@RestController
@RequestMapping("/api/v1/refund-requests")
public class RefundRequestController {

    static final String REVIEW_SCOPE = "refunds:review";

    private final CommandGateway commands;
    private final RefundCaseOpener opener;
    private final TestClockAccounts testClocks;
    private final RefundRequestReader decisions;
    private final RefundCaseQueries cases;
    private final RefundFactsReader facts;
    private final Clock clock;

    public RefundRequestController(CommandGateway commands, RefundCaseOpener opener, RefundRequestReader decisions,
                                   RefundCaseQueries cases, RefundFactsReader facts, Clock clock,
                                   TestClockAccounts testClocks) {
        this.testClocks = testClocks;
        this.commands = commands;
        this.opener = opener;
        this.decisions = decisions;
        this.cases = cases;
        this.facts = facts;
        this.clock = clock;
    }

    /**
     * Opens a case decided by the tenant's policy; 201 whatever the outcome, the decision names its clause. 409
     * {@code refund-case-exists} while another case for the same charge (or target) is open.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<RefundCaseResponse> open(@Valid @RequestBody RefundRequestBody body) {
        String tenant = Caller.current().tenant();
        RefundCaseId id = RefundCaseId.of(IdempotentCreation.id(IdPrefix.REFUND_CASE));
        if (cases.find(tenant, id.value()).isEmpty()) {
            // an account on a test clock asks at that clock's time, and its review deadline waits for the clock
            testClocks.within(body.accountId(), () -> {
                var request = decisions.decide(tenant, body, clock.instant());
                opener.open(id, tenant, body.accountId(), request.decided(), body.explanation(), request.evidence())
                        .ifPresent(open -> {
                            throw new RefundCaseExists(open);
                        });
            });
        }
        return ResponseEntity.created(URI.create("/api/v1/refund-requests/" + id.value()))
                .body(RefundCaseResponse.of(find(tenant, id.value())));
    }

    /**
     * "What would happen if": the same decision, nothing opened. While the target has an open case the preview
     * answers as the request would, 409 {@code refund-case-exists} naming that case.
     */
    @PostMapping("/preview")
    public PreviewResponse preview(@Valid @RequestBody RefundRequestBody body) {
        String tenant = Caller.current().tenant();
        var decided = testClocks.within(body.accountId(),
                () -> decisions.decide(tenant, body, clock.instant()).decided());
        opener.openCaseOf(tenant, decided).ifPresent(open -> {
            throw new RefundCaseExists(open);
        });
        return new PreviewResponse(RefundCaseResponse.DecisionResponse.of(decided.decision()),
                decided.reviewDueBy());
    }

    @GetMapping("/{caseId}")
    public RefundCaseResponse get(@PathVariable String caseId) {
        return RefundCaseResponse.of(find(Caller.current().tenant(), caseId));
    }

    /** The tenant's cases, oldest first; {@code ?status=IN_REVIEW} is the review queue. */
    @GetMapping
    public Page<RefundCaseResponse> list(@RequestParam(required = false) String status, PageRequest page) {
        if (status != null && !isStatus(status)) {
            throw new ValidationFailedException("status", "is not a refund case status");
        }
        long after = page.afterSequence();
        var views = Page.of(cases.list(Caller.current().tenant(), status, after, page.fetchSize()), page,
                view -> Long.toString(view.seq()));
        return new Page<>(views.data().stream().map(RefundCaseResponse::of).toList(), views.nextCursor());
    }

    /**
     * Reviewers only. The amount may lower the request but never pass what is still refundable on the charge; the
     * destination defaults to where the policy sends approvals in review, else the original payment method; a remedy
     * may be granted instead of money. A case whose payout failed may be approved again (nothing was paid), as long as
     * no other case of its target opened meanwhile.
     */
    @PostMapping("/{caseId}/approve")
    public RefundCaseResponse approve(@PathVariable String caseId, @Valid @RequestBody ReviewBodies.Approve body) {
        Caller caller = requireReviewer();
        RefundCaseView view = find(caller.tenant(), caseId);
        Money refundable = view.chargeId() == null ? null
                : facts.charge(caller.tenant(), view.chargeId()).map(c -> c.refundable()).orElse(null);
        Money amount = body.amount() == null ? null : body.amount().toMoney("amount");
        RefundRequestReader.requireRefundable(amount, refundable);
        var approve = new ApproveRefundCase(RefundCaseId.of(caseId), caller.tenant(), amount, body.destination(),
                refundable, body.note(), caller.keyId(), Actor.current(), body.remedyDecided());
        if (RefundCaseStatus.FAILED.name().equals(view.status())) {
            // a failed payout paid nothing: the reviewer may approve again, e.g. to the balance when the card is closed
            opener.reclaimAndDecide(approve.caseId(), caller.tenant(),
                    RefundCaseOpener.targetOf(view.chargeId(), view.targetKind(), view.targetId()),
                    () -> commands.sendAndWait(approve));
        } else {
            commands.sendAndWait(approve);
        }
        return RefundCaseResponse.of(find(caller.tenant(), caseId));
    }

    @PostMapping("/{caseId}/reject")
    public RefundCaseResponse reject(@PathVariable String caseId, @Valid @RequestBody ReviewBodies.Note body) {
        Caller caller = requireReviewer();
        find(caller.tenant(), caseId);
        commands.sendAndWait(new RejectRefundCase(RefundCaseId.of(caseId), caller.tenant(), body.note(),
                caller.keyId(), Actor.current()));
        return RefundCaseResponse.of(find(caller.tenant(), caseId));
    }

    /**
     * Evidence asked for during the review: order details, identity, proof of fraud.
     */
    @PostMapping("/{caseId}/evidence")
    public RefundCaseResponse addEvidence(@PathVariable String caseId,
                                          @Valid @RequestBody RefundRequestBody.EvidenceBody body) {
        String tenant = Caller.current().tenant();
        find(tenant, caseId);
        commands.sendAndWait(new AddEvidence(RefundCaseId.of(caseId), tenant,
                RefundRequestReader.evidence(List.of(body)).getFirst()));
        return RefundCaseResponse.of(find(tenant, caseId));
    }

    /**
     * Reviewers only: the operator finished a remedy that is a task (subscription extension, account correction,
     * operational fix), and the case is REMEDIED.
     */
    @PostMapping("/{caseId}/remedy/complete")
    public RefundCaseResponse completeRemedy(@PathVariable String caseId,
                                             @Valid @RequestBody ReviewBodies.Note body) {
        Caller caller = requireReviewer();
        find(caller.tenant(), caseId);
        commands.sendAndWait(new CompleteRemedy(RefundCaseId.of(caseId), caller.tenant(), body.note(),
                caller.keyId(), Actor.current()));
        return RefundCaseResponse.of(find(caller.tenant(), caseId));
    }

    /** @param reviewDueBy when a case opened now would be due for review, for {@code NEEDS_REVIEW} */
    public record PreviewResponse(RefundCaseResponse.DecisionResponse decision, Instant reviewDueBy) {
    }

    private RefundCaseView find(String tenant, String caseId) {
        if (!Ids.isValid(IdPrefix.REFUND_CASE, caseId)) {
            throw new NotFoundException("Refund case " + caseId);
        }
        return cases.find(tenant, caseId).orElseThrow(() -> new NotFoundException("Refund case " + caseId));
    }

    private static Caller requireReviewer() {
        Caller caller = Caller.current();
        if (!caller.hasScope(REVIEW_SCOPE)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Approving or rejecting a refund case, or completing its remedy, needs the " + REVIEW_SCOPE
                            + " scope.");
        }
        return caller;
    }

    private static boolean isStatus(String status) {
        for (RefundCaseStatus known : RefundCaseStatus.values()) {
            if (known.name().equals(status)) {
                return true;
            }
        }
        return false;
    }
}
