package dev.fairbill.billing.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A charge's id, {@code ch_…}; also the aggregate identifier of its event stream. */
public record ChargeId(@JsonValue String value) {

    public ChargeId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static ChargeId of(String value) {
        return new ChargeId(value);
    }

    public static ChargeId generate() {
        return new ChargeId(Ids.generate(IdPrefix.CHARGE));
    }

    @Override
    public String toString() {
        return value;
    }
}
