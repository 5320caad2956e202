package dev.fairbill.platform.web.idempotency;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.fairbill.platform.security.Caller;

/** Stands in for Spring Security: authenticates the tenant named in {@code X-Test-Tenant}, if any. */
final class TenantFromHeaderFilter extends OncePerRequestFilter {

    static final String TENANT = "X-Test-Tenant";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = request.getHeader(TENANT);
        if (tenant != null) {
            Jwt jwt = Jwt.withTokenValue("test").header("alg", "HS256").subject("key_" + tenant)
                    .claim(Caller.TENANT_CLAIM, tenant).issuedAt(Instant.now()).build();
            SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
