package dev.fairbill.ledger.web;

import java.time.Clock;
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

import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.VoidLot;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LedgerSettings;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.ledger.ledger.LotSource;
import dev.fairbill.ledger.query.CapturedCharges;
import dev.fairbill.ledger.query.LedgerQueries;
import dev.fairbill.ledger.query.LedgerView;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.ValidationFailedException;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import jakarta.validation.Valid;

/** A ledger, its lots and statement, and grants (docs/api.md, credit ledger). */
@RestController
@RequestMapping("/api/v1/ledgers/{accountId}")
public class LedgerController {

    private final CommandGateway commands;
    private final LedgerQueries ledgers;
    private final LedgerSettings settings;
    private final Clock clock;
    private final TestClockAccounts testClocks;
    private final CapturedCharges charges;

    public LedgerController(CommandGateway commands, LedgerQueries ledgers, LedgerSettings settings, Clock clock,
                            CapturedCharges charges, TestClockAccounts testClocks) {
        this.testClocks = testClocks;
        this.commands = commands;
        this.ledgers = ledgers;
        this.settings = settings;
        this.clock = clock;
        this.charges = charges;
    }

    @GetMapping
    public LedgerResponse get(@PathVariable String accountId) {
        LedgerView ledger = ledgers.require(Caller.current().tenant(), accountId);
        return LedgerResponse.of(ledger, ledgers.cashBalances(accountId),
                ledgers.openLots(accountId).stream().map(LotResponse::of).toList());
    }

    /**
     * Operators and sagas grant SERVICE_CREDIT, GOODWILL, ADJUSTMENT and REFUND_BALANCE; allowance, trial and
     * purchased lots come only from billing's facts, transfer lots only from transfers.
     */
    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<LotResponse> grant(@PathVariable String accountId, @Valid @RequestBody GrantRequest request,
                                             @RequestHeader(value = Operation.IDEMPOTENCY_KEY, required = false)
                                             String idempotencyKey) {
        // an account on a test clock has its lots' default expiry counted from that clock's time
        Instant now = testClocks.within(accountId, clock::instant);
        LedgerView ledger = ledgers.require(Caller.current().tenant(), accountId);
        LotSource source = grantable(request.source());
        CreditUnit unit = unit(request.unit(), source);
        Instant expiresAt = request.expiresAt();
        if (expiresAt == null && settings.tenant(ledger.tenant()).grantExpiry().containsKey(source)) {
            expiresAt = now.plus(settings.tenant(ledger.tenant()).grantExpiry().get(source));
        }
        requirePaidBy(ledger, source, unit, request.amount(), request.chargeId());
        Operation operation = Operation.of(accountId, idempotencyKey);
        LotId lotId = commands.sendAndWait(new GrantLot(LedgerId.of(accountId), operation.id(),
                LotId.of(operation.idOf(IdPrefix.LOT)), unit, source, request.amount(), expiresAt,
                request.reference(), request.chargeId(), null, Actor.current()));
        return ResponseEntity.status(HttpStatus.CREATED).body(lot(accountId, lotId.value()));
    }

    /** Voids what is left of a lot granted by mistake, as an entry of its own. */
    @PostMapping("/lots/{lotId}/void")
    public LotResponse voidLot(@PathVariable String accountId, @PathVariable String lotId,
                               @Valid @RequestBody VoidRequest request) {
        ledgers.require(Caller.current().tenant(), accountId);
        lot(accountId, lotId);
        commands.sendAndWait(new VoidLot(LedgerId.of(accountId), LotId.of(lotId), request.reason(), Actor.current()));
        return lot(accountId, lotId);
    }

    @GetMapping("/lots/{lotId}")
    public LotResponse getLot(@PathVariable String accountId, @PathVariable String lotId) {
        ledgers.require(Caller.current().tenant(), accountId);
        return lot(accountId, lotId);
    }

    /** The statement, oldest entry first, paged. */
    @GetMapping("/entries")
    public Page<EntryResponse> entries(@PathVariable String accountId, PageRequest page) {
        ledgers.require(Caller.current().tenant(), accountId);
        long after = page.afterSequence();
        var views = Page.of(ledgers.entries(accountId, after, page.fetchSize()), page,
                entry -> Long.toString(entry.seq()));
        return new Page<>(views.data().stream().map(EntryResponse::of).toList(), views.nextCursor());
    }

    private LotResponse lot(String accountId, String lotId) {
        return ledgers.lot(accountId, lotId).map(LotResponse::of)
                .orElseThrow(() -> new NotFoundException("Lot " + lotId));
    }

    private static LotSource grantable(LotSource source) {
        if (!source.isGrantable()) {
            throw new UnprocessableException("source-not-grantable", "Source not grantable",
                    source + " lots come from billing's facts or transfers; grants may be SERVICE_CREDIT, GOODWILL,"
                            + " ADJUSTMENT or REFUND_BALANCE.");
        }
        return source;
    }

    /**
     * A cash lot is money a charge took and that goes back to its payment method on withdrawal: it names a charge
     * billing captured for this very account, in the lot's currency, for at least the lot's amount. Other lots name
     * no charge.
     */
    private void requirePaidBy(LedgerView ledger, LotSource source, CreditUnit unit, long amount, String chargeId) {
        if (!source.holdsCash()) {
            if (chargeId != null) {
                throw new ValidationFailedException("chargeId", "names the charge of a REFUND_BALANCE grant only");
            }
            return;
        }
        if (chargeId == null) {
            throw new ValidationFailedException("chargeId", "is required for a REFUND_BALANCE grant");
        }
        Money charged = charges.amountOf(ledger.tenant(), ledger.accountId(), chargeId)
                .orElseThrow(() -> new UnprocessableException("unknown-charge", "Unknown charge", "Charge "
                        + chargeId + " is not a captured charge of account " + ledger.accountId() + "."));
        if (!charged.currency().equals(unit.currency())) {
            throw new UnprocessableException("currency-mismatch", "Currency mismatch", "Charge " + chargeId
                    + " was paid in " + charged.currency() + ", not " + unit + ".");
        }
        if (amount > charged.amount()) {
            throw new UnprocessableException("exceeds-charge", "Exceeds the charge", "A cash lot from charge "
                    + chargeId + " holds at most the " + charged + " it took.");
        }
    }

    private static CreditUnit unit(String unit, LotSource source) {
        if (unit == null) {
            if (source.holdsCash()) {
                throw new UnprocessableException("unit-required", "Unit required",
                        "A REFUND_BALANCE grant names its currency in unit.");
            }
            return CreditUnit.CREDIT;
        }
        try {
            return CreditUnit.of(unit);
        } catch (IllegalArgumentException unknown) {
            throw new ValidationFailedException("unit", "must be CREDIT or an ISO-4217 currency code");
        }
    }
}
