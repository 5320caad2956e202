package dev.fairbill.gateway.security;

import java.util.Arrays;

import org.springframework.http.HttpMethod;

/** The service a route belongs to; reading needs its read scope, every other method its write scope. */
public enum ScopeFamily {
    BILLING(Scope.BILLING_READ, Scope.BILLING_WRITE),
    LEDGER(Scope.LEDGER_READ, Scope.LEDGER_WRITE),
    REFUNDS(Scope.REFUNDS_READ, Scope.REFUNDS_WRITE);

    private final Scope read;
    private final Scope write;

    ScopeFamily(Scope read, Scope write) {
        this.read = read;
        this.write = write;
    }

    public Scope requiredFor(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? read : write;
    }

    public static ScopeFamily named(String name) {
        return Arrays.stream(values())
                .filter(family -> family.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope family '" + name + "'"));
    }
}
