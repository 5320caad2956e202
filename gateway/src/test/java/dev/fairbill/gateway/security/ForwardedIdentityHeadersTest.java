package dev.fairbill.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;

import dev.fairbill.gateway.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedIdentityHeadersTest {

    private final ForwardedIdentityHeaders filter = new ForwardedIdentityHeaders(new InternalJwtIssuer(
            "unit-test-internal-jwt-secret-0123456789".getBytes(StandardCharsets.UTF_8),
            new MutableClock(Instant.parse("2026-11-22T10:15:30Z"))));

    @Test
    void identityHeadersAreDroppedWhateverTheirCase() {
        HttpHeaders incoming = new HttpHeaders();
        incoming.add("X-Fairbill-Tenant", "chat");
        incoming.add("x-fairbill-anything", "x");
        incoming.add("X-TENANT", "chat");
        incoming.add("x-user", "admin");
        incoming.add("X-Forwarded-User", "admin");
        incoming.add("authorization", "Bearer sk_test_chat");
        incoming.add("Accept", "application/json");

        HttpHeaders forwarded = filter.apply(incoming, anonymousRequest());

        assertThat(forwarded.headerNames()).containsExactly("Accept");
    }

    @Test
    void authenticatedCallerIsVouchedForByAnInternalJwt() throws Exception {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest();
        new Caller("key_chat_admin", "chat", Set.of(Scope.BILLING_READ)).attachTo(servletRequest);
        HttpHeaders incoming = new HttpHeaders();
        incoming.setBearerAuth("sk_test_chat");

        HttpHeaders forwarded = filter.apply(incoming, ServerRequest.create(servletRequest, List.of()));

        List<String> authorizations = forwarded.get(HttpHeaders.AUTHORIZATION);
        assertThat(authorizations).hasSize(1);
        SignedJWT jwt = SignedJWT.parse(authorizations.getFirst().substring("Bearer ".length()));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("key_chat_admin");
    }

    @Test
    void anonymousRequestCarriesNoAuthorization() {
        HttpHeaders incoming = new HttpHeaders();
        incoming.add("Stripe-Signature", "t=1,v1=abc");

        HttpHeaders forwarded = filter.apply(incoming, anonymousRequest());

        assertThat(forwarded.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(forwarded.getFirst("Stripe-Signature")).isEqualTo("t=1,v1=abc");
    }

    private static ServerRequest anonymousRequest() {
        return ServerRequest.create(new MockHttpServletRequest(), List.of());
    }
}
