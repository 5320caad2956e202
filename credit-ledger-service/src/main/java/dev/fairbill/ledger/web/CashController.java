package dev.fairbill.ledger.web;

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

import dev.fairbill.ledger.ledger.LedgerCommands.WithdrawCashBalance;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.query.LedgerQueries;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import jakarta.validation.Valid;

/** Cash balance withdrawals: paid back to the original payment method by billing (cooling-off-prorata). */
@RestController
@RequestMapping("/api/v1/ledgers/{accountId}/withdrawals")
public class CashController {

    private final CommandGateway commands;
    private final LedgerQueries ledgers;

    public CashController(CommandGateway commands, LedgerQueries ledgers) {
        this.commands = commands;
        this.ledgers = ledgers;
    }

    /** 202: the balance is reduced now; billing's refunds complete it (or bring the money back) shortly after. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<WithdrawalResponse> withdraw(@PathVariable String accountId,
                                                       @Valid @RequestBody WithdrawalRequest request,
                                                       @RequestHeader(value = Operation.IDEMPOTENCY_KEY,
                                                               required = false) String idempotencyKey) {
        ledgers.require(Caller.current().tenant(), accountId);
        String withdrawalId = Operation.of(accountId, idempotencyKey).idOf(IdPrefix.WITHDRAWAL);
        commands.sendAndWait(new WithdrawCashBalance(LedgerId.of(accountId), withdrawalId,
                request.amount().toMoney("amount")));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(withdrawal(accountId, withdrawalId));
    }

    @GetMapping("/{withdrawalId}")
    public WithdrawalResponse get(@PathVariable String accountId, @PathVariable String withdrawalId) {
        ledgers.require(Caller.current().tenant(), accountId);
        return withdrawal(accountId, withdrawalId);
    }

    private WithdrawalResponse withdrawal(String accountId, String withdrawalId) {
        return ledgers.withdrawal(accountId, withdrawalId).map(WithdrawalResponse::of)
                .orElseThrow(() -> new NotFoundException("Withdrawal " + withdrawalId));
    }
}
