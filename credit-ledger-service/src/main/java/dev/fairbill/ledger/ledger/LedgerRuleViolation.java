package dev.fairbill.ledger.ledger;

import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/** A ledger command its rules refuse; nothing moves and nothing is recorded. */
public class LedgerRuleViolation extends RuleViolation {

    private LedgerRuleViolation(Kind kind, String slug, String title, String detail) {
        super(kind, slug, title, detail);
    }

    static LedgerRuleViolation frozen(LedgerId id) {
        return new LedgerRuleViolation(Kind.LOCKED, "ledger-frozen", "Ledger frozen",
                "The ledger of account " + id + " is frozen while the account is suspended; balances are kept.");
    }

    static LedgerRuleViolation insufficientCredits(LedgerId id, long requested, long available) {
        return new LedgerRuleViolation(Kind.CONFLICT, "insufficient-credits", "Insufficient credits",
                "Account " + id + " has " + available + " credits available, " + requested + " were requested.");
    }

    static LedgerRuleViolation insufficientBalance(LedgerId id, Object requested, Object available) {
        return new LedgerRuleViolation(Kind.CONFLICT, "insufficient-balance", "Insufficient balance",
                "Account " + id + " has " + available + " of withdrawable cash balance, " + requested
                        + " was requested.");
    }

    static LedgerRuleViolation invalid(String slug, String title, String detail) {
        return new LedgerRuleViolation(Kind.REFUSED, slug, title, detail);
    }

    static LedgerRuleViolation conflict(String slug, String title, String detail) {
        return new LedgerRuleViolation(Kind.CONFLICT, slug, title, detail);
    }
}
