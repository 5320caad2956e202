package dev.fairbill.refund.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A refund case's id, {@code rc_…}; also the aggregate identifier of its event stream. */
public record RefundCaseId(@JsonValue String value) {

    public RefundCaseId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static RefundCaseId of(String value) {
        return new RefundCaseId(value);
    }

    public static RefundCaseId generate() {
        return new RefundCaseId(Ids.generate(IdPrefix.REFUND_CASE));
    }

    @Override
    public String toString() {
        return value;
    }
}
