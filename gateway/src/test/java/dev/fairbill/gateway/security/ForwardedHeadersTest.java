package dev.fairbill.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.testsupport.MutableClock;
import dev.fairbill.gateway.web.RequestId;
import dev.fairbill.gateway.web.RequestLogFilter;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTest {

    private final ForwardedHeaders filter = new ForwardedHeaders(new InternalJwtIssuer(
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

    @Test
    void hopByHopForwardingAndLengthHeadersAreDroppedWhateverTheirCase() {
        HttpHeaders incoming = new HttpHeaders();
        for (String name : List.of("Connection", "KEEP-ALIVE", "transfer-encoding", "TE", "Trailer", "Upgrade",
                "Proxy-Authorization", "proxy-authenticate", "Proxy-Connection", "X-Application-Context",
                "Content-Length", "Forwarded", "X-Forwarded-For", "x-forwarded-host", "X-FORWARDED-PROTO")) {
            incoming.add(name, "1");
        }
        incoming.add("Content-Type", "application/json");
        incoming.add("Idempotency-Key", "k-1");

        HttpHeaders forwarded = filter.apply(incoming, anonymousRequest());

        assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("Content-Type", "Idempotency-Key");
    }

    @Test
    void theRequestIdTheGatewayLoggedReplacesTheClients() throws Exception {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest();
        servletRequest.addHeader(RequestId.HEADER, "client-42");
        new RequestLogFilter().doFilter(servletRequest, new MockHttpServletResponse(), (request, response) -> { });
        HttpHeaders incoming = new HttpHeaders();
        incoming.add("x-request-id", "something-else");

        HttpHeaders forwarded = filter.apply(incoming, ServerRequest.create(servletRequest, List.of()));

        assertThat(forwarded.get(RequestId.HEADER)).containsExactly("client-42");
    }

    @Test
    void answersLoseHopByHopHeadersAndTheStatusPseudoHeaderOnly() {
        HttpHeaders incoming = new HttpHeaders();
        incoming.add("Connection", "close");
        incoming.add("Transfer-Encoding", "chunked");
        incoming.add("keep-alive", "timeout=5");
        incoming.add(":status", "200");
        incoming.add("Content-Type", "application/problem+json");
        incoming.add("Retry-After", "1");
        incoming.add("Content-Length", "12");
        incoming.add("Idempotent-Replayed", "true");

        HttpHeaders answered = ForwardedHeaders.answers().apply(incoming, ServerResponse.ok().build());

        assertThat(answered.headerNames()).containsExactlyInAnyOrder("Content-Type", "Retry-After",
                "Content-Length", "Idempotent-Replayed");
    }

    private static ServerRequest anonymousRequest() {
        return ServerRequest.create(new MockHttpServletRequest(), List.of());
    }
}
