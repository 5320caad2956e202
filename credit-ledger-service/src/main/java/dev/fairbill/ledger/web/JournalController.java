package dev.fairbill.ledger.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.ledger.query.JournalCheck;
import dev.fairbill.platform.security.Caller;

/** The caller's tenant's journal check: balanced per unit, and each account's liability matching its lots. */
@RestController
public class JournalController {

    private final JournalCheck journal;

    public JournalController(JournalCheck journal) {
        this.journal = journal;
    }

    @GetMapping("/api/v1/journal/check")
    public JournalCheck.Result check() {
        return journal.check(Caller.current().tenant());
    }
}
