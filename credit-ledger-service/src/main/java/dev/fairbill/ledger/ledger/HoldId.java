package dev.fairbill.ledger.ledger;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A hold's id, {@code hold_…}. */
public record HoldId(@JsonValue String value) {

    public HoldId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static HoldId of(String value) {
        return new HoldId(value);
    }

    public static HoldId generate() {
        return new HoldId(Ids.generate(IdPrefix.HOLD));
    }

    /** The same name always gives the same id, so a redelivered request creates nothing new. */
    public static HoldId derive(String name) {
        return new HoldId(Ids.derive(IdPrefix.HOLD, name));
    }

    @Override
    public String toString() {
        return value;
    }
}
