package dev.fairbill.ledger.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.ledger.ledger.ConsumptionResult;
import dev.fairbill.ledger.ledger.HoldId;
import dev.fairbill.ledger.ledger.LedgerCommands.CaptureHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ConsumeCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.PlaceHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ReleaseHold;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LedgerSettings;
import dev.fairbill.ledger.query.ConsumptionView;
import dev.fairbill.ledger.query.LedgerQueries;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.ValidationFailedException;
import jakarta.validation.Valid;

/** Using credits: consumptions, and two-phase holds (docs/api.md, credit ledger). */
@RestController
@RequestMapping("/api/v1/ledgers/{accountId}")
public class ConsumptionController {

    private final CommandGateway commands;
    private final LedgerQueries ledgers;
    private final LedgerSettings settings;
    private final Clock clock;
    private final TestClockAccounts testClocks;

    public ConsumptionController(CommandGateway commands, LedgerQueries ledgers, LedgerSettings settings,
                                 Clock clock, TestClockAccounts testClocks) {
        this.testClocks = testClocks;
        this.commands = commands;
        this.ledgers = ledgers;
        this.settings = settings;
        this.clock = clock;
    }

    /** 409 {@code insufficient-credits}, 423 {@code ledger-frozen}; a repeated operation answers the first result. */
    @PostMapping("/consumptions")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<ConsumptionResponse> consume(@PathVariable String accountId,
                                                       @Valid @RequestBody ConsumptionRequest request,
                                                       @RequestHeader(value = Operation.IDEMPOTENCY_KEY,
                                                               required = false) String idempotencyKey) {
        ledgers.requireOwned(Caller.current().tenant(), accountId);
        Operation operation = Operation.of(accountId, idempotencyKey);
        ConsumptionResult result = commands.sendAndWait(new ConsumeCredits(LedgerId.of(accountId), operation.id(),
                operation.idOf(IdPrefix.CONSUMPTION), request.amount(), request.reference()));
        ConsumptionView consumed = result.repeated()
                ? ledgers.consumption(accountId, result.consumptionId()).orElseThrow()
                : new ConsumptionView(result.consumptionId(), accountId, result.amount(), result.allocations(),
                        result.balanceAfter());
        return ResponseEntity.status(HttpStatus.CREATED).body(ConsumptionResponse.of(consumed));
    }

    @PostMapping("/holds")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<HoldResponse> hold(@PathVariable String accountId, @Valid @RequestBody HoldRequest request,
                                             @RequestHeader(value = Operation.IDEMPOTENCY_KEY, required = false)
                                             String idempotencyKey) {
        // an account on a test clock times its hold out by that clock
        Instant now = testClocks.within(accountId, clock::instant);
        ledgers.requireOwned(Caller.current().tenant(), accountId);
        Duration expiresIn = request.expiresIn() == null ? settings.holdDefaultExpiry() : request.expiresIn();
        if (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(settings.holdMaxExpiry()) > 0) {
            throw new ValidationFailedException("expiresIn", "must be positive and at most "
                    + settings.holdMaxExpiry());
        }
        Operation operation = Operation.of(accountId, idempotencyKey);
        HoldId holdId = commands.sendAndWait(new PlaceHold(LedgerId.of(accountId), operation.id(),
                HoldId.of(operation.idOf(IdPrefix.HOLD)), request.amount(), request.reference(), now.plus(expiresIn)));
        return ResponseEntity.status(HttpStatus.CREATED).body(hold(accountId, holdId.value()));
    }

    @GetMapping("/holds/{holdId}")
    public HoldResponse get(@PathVariable String accountId, @PathVariable String holdId) {
        ledgers.requireOwned(Caller.current().tenant(), accountId);
        return hold(accountId, holdId);
    }

    /** Captures all of the hold, or {@code amount} of it with the rest released; capturing again changes nothing. */
    @PostMapping("/holds/{holdId}/capture")
    public HoldResponse capture(@PathVariable String accountId, @PathVariable String holdId,
                                @Valid @RequestBody(required = false) HoldCaptureRequest request) {
        ledgers.requireOwned(Caller.current().tenant(), accountId);
        hold(accountId, holdId);
        commands.sendAndWait(new CaptureHold(LedgerId.of(accountId), HoldId.of(holdId),
                request == null ? null : request.amount()));
        return hold(accountId, holdId);
    }

    @PostMapping("/holds/{holdId}/release")
    public HoldResponse release(@PathVariable String accountId, @PathVariable String holdId) {
        ledgers.requireOwned(Caller.current().tenant(), accountId);
        hold(accountId, holdId);
        commands.sendAndWait(new ReleaseHold(LedgerId.of(accountId), HoldId.of(holdId)));
        return hold(accountId, holdId);
    }

    private HoldResponse hold(String accountId, String holdId) {
        return ledgers.hold(accountId, holdId).map(HoldResponse::of)
                .orElseThrow(() -> new NotFoundException("Hold " + holdId));
    }
}
