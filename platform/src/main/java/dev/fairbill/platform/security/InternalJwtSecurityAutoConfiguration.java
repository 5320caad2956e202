package dev.fairbill.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.fairbill.platform.web.ProblemResponseWriter;
import dev.fairbill.platform.web.Problems;

/**
 * Services accept only requests that carry the gateway's internal JWT: signed with the shared secret, issued by the
 * gateway for the services, unexpired, naming a tenant this deployment serves. Scopes are checked again here (defence in depth), and
 * webhook and actuator paths are open because they authenticate differently or not at all, and so is the service's
 * OpenAPI document, which the gateway combines into the public one.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
})
@EnableConfigurationProperties(InternalJwtProperties.class)
public class InternalJwtSecurityAutoConfiguration {

    /** The longest a token may be issued for; the gateway's live for a minute. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** Verified tokens kept to skip verifying them again: one per API key in use for its token's life. */
    private static final int VERIFIED_TOKENS_KEPT = 10_000;

    @Bean
    public JwtDecoder internalJwtDecoder(InternalJwtProperties properties, Clock clock) {
        var key = new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        // the issuer is a name, not a URL: the default converter would try to make it one on every request, and
        // fail with an exception each time
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<java.util.List<String>>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        OAuth2TokenValidator<Jwt> tenant = new JwtClaimValidator<String>(Caller.TENANT_CLAIM,
                value -> value != null && properties.tenants().contains(value));
        // a token must expire, and soon: the gateway issues tokens for a minute, so one without an expiry or made to
        // live longer than MAX_TOKEN_LIFETIME was not made by it for one request
        OAuth2TokenValidator<Jwt> expires = token -> token.getIssuedAt() != null && token.getExpiresAt() != null
                && !Duration.between(token.getIssuedAt(), token.getExpiresAt()).minus(MAX_TOKEN_LIFETIME).isPositive()
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token has no expiry or lives longer than " + MAX_TOKEN_LIFETIME, null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, expires,
                new JwtIssuerValidator(properties.issuer()), audience, tenant));
        return new VerifiedTokens(decoder, timestamps, VERIFIED_TOKENS_KEPT);
    }

    /**
     * No observation (timer, span) around each security filter, the authentication and the authorization of every
     * request: they cost a tenth of a request's CPU, and the request's own metrics already time the whole of it.
     * Refused requests are counted by their status.
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain internalJwtFilterChain(HttpSecurity http, InternalJwtProperties properties,
                                                      ProblemResponseWriter problems) throws Exception {
        String family = properties.scopeFamily();
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid internal token from the gateway is required."));
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> problems.write(response,
                Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                        "The API key lacks the scope this operation needs."));
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/**", "/webhooks/**", "/error", "/v3/api-docs").permitAll()
                        .requestMatchers(HttpMethod.POST, properties.reviewPaths().toArray(String[]::new))
                        .hasAuthority("SCOPE_" + family + ":review")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAuthority("SCOPE_" + family + ":read")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAuthority("SCOPE_" + family + ":read")
                        .requestMatchers("/api/**").hasAuthority("SCOPE_" + family + ":write")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .build();
    }
}
