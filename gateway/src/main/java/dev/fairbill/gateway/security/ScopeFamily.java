package dev.fairbill.gateway.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

/**
 * The service a route belongs to; reading needs its read scope, every other method its write scope. Approving or
 * rejecting a refund case, and completing the remedy a reviewer chose, need the review scope, whatever the case of the
 * path.
 */
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

    private static final Pattern REVIEW_ACTION =
            Pattern.compile("/api/v1/refund-requests/[^/]+/(approve|reject|remedy/complete)/*");

    public Scope requiredFor(HttpMethod method, String path) {
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return read;
        }
        return REVIEW_ACTION.matcher(path.toLowerCase(Locale.ROOT)).matches() ? Scope.REFUNDS_REVIEW : write;
    }

    public static ScopeFamily named(String name) {
        return Arrays.stream(values())
                .filter(family -> family.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope family '" + name + "'"));
    }
}
