package dev.fairbill.billing.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** An account's id, {@code acct_…}; also the aggregate identifier of its event stream. */
public record AccountId(@JsonValue String value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static AccountId generate() {
        return new AccountId(Ids.generate(IdPrefix.ACCOUNT));
    }

    @Override
    public String toString() {
        return value;
    }
}
