package dev.fairbill.billing.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A one-time purchase's id, {@code pur_…}; also the aggregate identifier of its event stream. */
public record PurchaseId(@JsonValue String value) {

    public PurchaseId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static PurchaseId of(String value) {
        return new PurchaseId(value);
    }

    public static PurchaseId generate() {
        return new PurchaseId(Ids.generate(IdPrefix.PURCHASE));
    }

    @Override
    public String toString() {
        return value;
    }
}
