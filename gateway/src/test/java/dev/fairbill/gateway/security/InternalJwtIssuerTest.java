package dev.fairbill.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.fairbill.gateway.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class InternalJwtIssuerTest {

    private static final byte[] SECRET = "unit-test-internal-jwt-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Caller CALLER =
            new Caller("key_smm_read", "smm", Set.of(Scope.REFUNDS_READ, Scope.BILLING_READ, Scope.LEDGER_READ));

    private final InternalJwtIssuer issuer = new InternalJwtIssuer(SECRET, new MutableClock(NOW));

    @Test
    void tokenIsHs256SignedWithTheSharedSecret() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issueFor(CALLER));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
    }

    @Test
    void tokenDoesNotVerifyWithAnotherSecret() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issueFor(CALLER));

        byte[] otherSecret = "another-internal-jwt-secret-0123456789ab".getBytes(StandardCharsets.UTF_8);
        assertThat(jwt.verify(new MACVerifier(otherSecret))).isFalse();
    }

    @Test
    void claimsNameTheCallerItsTenantAndScopes() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.issueFor(CALLER)).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("fairbill-gateway");
        assertThat(claims.getAudience()).containsExactly("fairbill-services");
        assertThat(claims.getSubject()).isEqualTo("key_smm_read");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("smm");
        assertThat(claims.getStringClaim("scope")).isEqualTo("billing:read ledger:read refunds:read");
    }

    /** Only a test-mode key's token says so: the services let only such callers use test clocks. */
    @Test
    void claimsNameTheKeysMode() throws Exception {
        var testKey = new Caller("key_smm_test", "smm", Set.of(Scope.BILLING_WRITE), true);

        assertThat(SignedJWT.parse(issuer.issueFor(CALLER)).getJWTClaimsSet().getStringClaim("mode"))
                .isEqualTo("live");
        assertThat(SignedJWT.parse(issuer.issueFor(testKey)).getJWTClaimsSet().getStringClaim("mode"))
                .isEqualTo("test");
    }

    @Test
    void tokenLivesSixtySecondsFromTheClocksNow() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.issueFor(CALLER)).getJWTClaimsSet();

        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aCallersTokenIsReusedForHalfItsLifeThenANewOneIsSigned() throws Exception {
        var clock = new MutableClock(NOW);
        var reusing = new InternalJwtIssuer(SECRET, clock);
        String first = reusing.issueFor(CALLER);

        clock.advance(Duration.ofSeconds(29));
        assertThat(reusing.issueFor(CALLER)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        JWTClaimsSet renewed = SignedJWT.parse(reusing.issueFor(CALLER)).getJWTClaimsSet();
        assertThat(renewed.getJWTID()).isNotEqualTo(SignedJWT.parse(first).getJWTClaimsSet().getJWTID());
        assertThat(renewed.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(30 + 60));
    }

    @Test
    void callersNeverShareAToken() throws Exception {
        var otherKeySameTenant = new Caller("key_smm_write", "smm", CALLER.scopes());
        var fewerScopes = new Caller("key_smm_read", "smm", Set.of(Scope.BILLING_READ));

        JWTClaimsSet other = SignedJWT.parse(issuer.issueFor(otherKeySameTenant)).getJWTClaimsSet();
        JWTClaimsSet fewer = SignedJWT.parse(issuer.issueFor(fewerScopes)).getJWTClaimsSet();
        issuer.issueFor(CALLER);

        assertThat(other.getSubject()).isEqualTo("key_smm_write");
        assertThat(fewer.getStringClaim("scope")).isEqualTo("billing:read");
        assertThat(SignedJWT.parse(issuer.issueFor(CALLER)).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("billing:read ledger:read refunds:read");
    }

    @Test
    void aClockThatWentBackSignsANewToken() throws Exception {
        var clock = new MutableClock(NOW);
        var reusing = new InternalJwtIssuer(SECRET, clock);
        String first = reusing.issueFor(CALLER);

        clock.advance(Duration.ofSeconds(-5));

        assertThat(SignedJWT.parse(reusing.issueFor(CALLER)).getJWTClaimsSet().getIssueTime().toInstant())
                .isEqualTo(NOW.minusSeconds(5));
        assertThat(reusing.issueFor(CALLER)).isNotEqualTo(first);
    }
}
