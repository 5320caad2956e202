package dev.fairbill.ledger.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.ledger.query.LedgerProjection;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;

@RestController
@RequestMapping("/api/v1/ledgers")
public class LedgerController {

    private final LedgerProjection ledgers;

    public LedgerController(LedgerProjection ledgers) {
        this.ledgers = ledgers;
    }

    @GetMapping("/{accountId}")
    public LedgerResponse get(@PathVariable String accountId) {
        return ledgers.find(Caller.current().tenant(), accountId)
                .map(LedgerResponse::of)
                .orElseThrow(() -> new NotFoundException("Ledger of account " + accountId));
    }
}
