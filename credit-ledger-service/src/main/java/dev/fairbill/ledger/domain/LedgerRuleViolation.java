package dev.fairbill.ledger.domain;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A ledger command its rules refuse; nothing moves and nothing is recorded. */
public class LedgerRuleViolation extends ProblemException {

    private LedgerRuleViolation(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static LedgerRuleViolation frozen(LedgerId id) {
        return new LedgerRuleViolation(HttpStatus.LOCKED, "ledger-frozen", "Ledger frozen",
                "The ledger of account " + id + " is frozen while the account is suspended; balances are kept.");
    }

    static LedgerRuleViolation insufficientCredits(LedgerId id, long requested, long available) {
        return new LedgerRuleViolation(HttpStatus.CONFLICT, "insufficient-credits", "Insufficient credits",
                "Account " + id + " has " + available + " credits available, " + requested + " were requested.");
    }

    static LedgerRuleViolation insufficientBalance(LedgerId id, Object requested, Object available) {
        return new LedgerRuleViolation(HttpStatus.CONFLICT, "insufficient-balance", "Insufficient balance",
                "Account " + id + " has " + available + " of withdrawable cash balance, " + requested
                        + " was requested.");
    }

    static LedgerRuleViolation invalid(String slug, String title, String detail) {
        return new LedgerRuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, slug, title, detail);
    }

    static LedgerRuleViolation conflict(String slug, String title, String detail) {
        return new LedgerRuleViolation(HttpStatus.CONFLICT, slug, title, detail);
    }
}
