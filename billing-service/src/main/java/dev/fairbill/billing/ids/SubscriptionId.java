package dev.fairbill.billing.ids;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/** A subscription's id, {@code sub_…}; also the aggregate identifier of its event stream. */
public record SubscriptionId(@JsonValue String value) {

    public SubscriptionId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static SubscriptionId of(String value) {
        return new SubscriptionId(value);
    }

    public static SubscriptionId generate() {
        return new SubscriptionId(Ids.generate(IdPrefix.SUBSCRIPTION));
    }

    @Override
    public String toString() {
        return value;
    }
}
