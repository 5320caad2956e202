package dev.fairbill.billing.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A dispute's id, {@code dp_…}; also the aggregate identifier of its event stream. */
public record DisputeId(@JsonValue String value) {

    public DisputeId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static DisputeId of(String value) {
        return new DisputeId(value);
    }

    public static DisputeId generate() {
        return new DisputeId(Ids.generate(IdPrefix.DISPUTE));
    }

    @Override
    public String toString() {
        return value;
    }
}
