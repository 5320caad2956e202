package dev.fairbill.ledger.ledger;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A credit lot's id, {@code lot_…}. */
public record LotId(@JsonValue String value) {

    public LotId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static LotId of(String value) {
        return new LotId(value);
    }

    public static LotId generate() {
        return new LotId(Ids.generate(IdPrefix.LOT));
    }

    /** The same name always gives the same id, so a redelivered request creates nothing new. */
    public static LotId derive(String name) {
        return new LotId(Ids.derive(IdPrefix.LOT, name));
    }

    @Override
    public String toString() {
        return value;
    }
}
