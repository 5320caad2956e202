package dev.fairbill.ledger.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.ledger.ledger.LedgerCommands.TransferCredits;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.query.LedgerQueries;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.UnprocessableException;
import jakarta.validation.Valid;

/** final-sale-reseller §5: a reseller allocates credits to its own sub-resellers, nobody else. */
@RestController
@RequestMapping("/api/v1/ledgers/{accountId}/transfers")
public class TransferController {

    private final CommandGateway commands;
    private final LedgerQueries ledgers;

    public TransferController(CommandGateway commands, LedgerQueries ledgers) {
        this.commands = commands;
        this.ledgers = ledgers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<TransferResponse> transfer(@PathVariable String accountId,
                                                     @Valid @RequestBody TransferRequest request,
                                                     @RequestHeader(value = Operation.IDEMPOTENCY_KEY,
                                                             required = false) String idempotencyKey) {
        String tenant = Caller.current().tenant();
        ledgers.require(tenant, accountId);
        boolean subordinate = ledgers.ledger(tenant, request.toAccountId())
                .filter(to -> "SUB_RESELLER".equals(to.role()) && accountId.equals(to.parentAccountId()))
                .isPresent();
        if (!subordinate) {
            throw new UnprocessableException("not-a-sub-reseller", "Not a sub-reseller",
                    "Account " + request.toAccountId() + " is not a sub-reseller of " + accountId
                            + "; credits can only be transferred to one's own sub-resellers.");
        }
        String transferId = Operation.of(accountId, idempotencyKey).idOf(IdPrefix.TRANSFER);
        commands.sendAndWait(new TransferCredits(LedgerId.of(accountId), transferId,
                LedgerId.of(request.toAccountId()), request.amount()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new TransferResponse(transferId, accountId, request.toAccountId(), request.amount()));
    }
}
