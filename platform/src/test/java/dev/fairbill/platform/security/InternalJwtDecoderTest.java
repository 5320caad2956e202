package dev.fairbill.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.fairbill.platform.testsupport.FixtureClock;
import dev.fairbill.platform.testsupport.TestJwts;

class InternalJwtDecoderTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final JwtDecoder decoder = new InternalJwtSecurityAutoConfiguration().internalJwtDecoder(
            new InternalJwtProperties(TestJwts.SECRET, "fairbill-gateway", "fairbill-services", "ledger",
                    Set.of("panel"), List.of()),
            new FixtureClock(now::get));

    @Test
    void theIssuerIsKeptAsTheNameTheGatewaySigned() {
        var jwt = decoder.decode(TestJwts.admin("panel"));

        assertThat(jwt.getClaims().get("iss")).isEqualTo("fairbill-gateway");
        assertThat(jwt.getClaimAsString("tenant")).isEqualTo("panel");
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgainWhileItLives() {
        String token = TestJwts.admin("panel");

        assertThat(decoder.decode(token)).isSameAs(decoder.decode(token));
    }

    @Test
    void aTokenSeenBeforeIsRefusedOnceItHasExpired() {
        String token = TestJwts.admin("panel");
        decoder.decode(token);

        now.set(now.get().plus(Duration.ofMinutes(3)));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAfterTheGenuineOneWasSeen() {
        String token = TestJwts.admin("panel");
        decoder.decode(token);
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .issuer("https://fairbill-gateway.example")
                .audience("fairbill-services")
                .claim("tenant", "panel")
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestJwts.SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> decoder.decode(jwt.serialize())).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("iss");
    }
}
