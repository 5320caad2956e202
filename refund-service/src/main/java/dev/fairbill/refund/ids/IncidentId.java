package dev.fairbill.refund.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** An incident's id, {@code inc_…}. */
public record IncidentId(@JsonValue String value) {

    public IncidentId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static IncidentId of(String value) {
        return new IncidentId(value);
    }

    public static IncidentId generate() {
        return new IncidentId(Ids.generate(IdPrefix.INCIDENT));
    }

    @Override
    public String toString() {
        return value;
    }
}
