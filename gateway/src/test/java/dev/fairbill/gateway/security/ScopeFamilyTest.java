package dev.fairbill.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScopeFamilyTest {

    private static final String ANY = "/api/v1/x";

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void readingNeedsTheReadScope(String method) {
        assertThat(ScopeFamily.BILLING.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.BILLING_READ);
        assertThat(ScopeFamily.LEDGER.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.LEDGER_READ);
        assertThat(ScopeFamily.REFUNDS.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.REFUNDS_READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void everyOtherMethodNeedsTheWriteScope(String method) {
        assertThat(ScopeFamily.BILLING.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.BILLING_WRITE);
        assertThat(ScopeFamily.LEDGER.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.LEDGER_WRITE);
        assertThat(ScopeFamily.REFUNDS.requiredFor(HttpMethod.valueOf(method), ANY)).isEqualTo(Scope.REFUNDS_WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/refund-requests/rc_1/approve", "/api/v1/refund-requests/rc_1/reject",
            "/API/V1/REFUND-REQUESTS/rc_1/APPROVE", "/api/v1/refund-requests/rc_1/Reject/",
            "/api/v1/refund-requests/rc_1/remedy/complete"})
    void reviewingACaseOrCompletingItsRemedyNeedsTheReviewScopeWhateverTheRoute(String path) {
        for (ScopeFamily family : ScopeFamily.values()) {
            assertThat(family.requiredFor(HttpMethod.POST, path)).isEqualTo(Scope.REFUNDS_REVIEW);
        }
        assertThat(ScopeFamily.REFUNDS.requiredFor(HttpMethod.GET, path)).isEqualTo(Scope.REFUNDS_READ);
        assertThat(ScopeFamily.REFUNDS.requiredFor(HttpMethod.POST, "/api/v1/refund-requests/rc_1/evidence"))
                .isEqualTo(Scope.REFUNDS_WRITE);
    }

    @Test
    void familyIsNamedCaseInsensitively() {
        assertThat(ScopeFamily.named("refunds")).isEqualTo(ScopeFamily.REFUNDS);
    }

    @Test
    void misspelledFamilyOrScopeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScopeFamily.named("biling"));
        assertThatIllegalArgumentException().isThrownBy(() -> Scope.fromValue("refunds:approve"));
    }
}
