package dev.fairbill.gateway.security;

import java.util.Arrays;

/** What an API key may do. The values are the strings the services read from the internal JWT's {@code scope} claim. */
public enum Scope {
    BILLING_READ("billing:read"),
    BILLING_WRITE("billing:write"),
    LEDGER_READ("ledger:read"),
    LEDGER_WRITE("ledger:write"),
    REFUNDS_READ("refunds:read"),
    REFUNDS_WRITE("refunds:write"),
    REFUNDS_REVIEW("refunds:review");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Scope fromValue(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + value + "'"));
    }

    @Override
    public String toString() {
        return value;
    }
}
