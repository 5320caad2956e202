package dev.fairbill.ledger.ledger;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A credit ledger is identified by the account it belongs to: one ledger per account. */
public record LedgerId(@JsonValue String accountId) {

    public LedgerId {
        Objects.requireNonNull(accountId, "accountId");
    }

    @JsonCreator
    public static LedgerId of(String accountId) {
        return new LedgerId(accountId);
    }

    @Override
    public String toString() {
        return accountId;
    }
}
