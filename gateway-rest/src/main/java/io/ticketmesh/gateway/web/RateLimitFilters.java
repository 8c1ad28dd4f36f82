package io.ticketmesh.gateway.web;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.proto.common.v1.ErrorReason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with Retry-After (when the budget is back) past the budgets: per IP before authentication (stricter where
 * passwords are guessed or mails with links could be sent in bulk: login, register, password reset and change,
 * address change and its confirmation, closing an account, and its export, which reads every list of the account),
 * and per
 * user after it.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitFilters {
    private static final Set<String> CREDENTIAL_PATHS = Set.of("/api/v1/auth/login", "/api/v1/auth/register",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/api/v1/me/password", "/api/v1/me/email",
            "/api/v1/auth/email-confirmation", "/api/v1/me/close", "/api/v1/me/export");
    private static final RateLimiter.Decision ALLOWED = new RateLimiter.Decision(true, 0);

    /** Runs just before Spring Security (order -100). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ipRateLimitFilter(RateLimiter limiter, GatewayProperties properties, ProblemWriter problems) {
        GatewayProperties.RateLimits limits = properties.rateLimits();
        return registration(-110, new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String ip = request.getRemoteAddr();
                RateLimiter.Decision decision = CREDENTIAL_PATHS.contains(request.getRequestURI())
                        ? limiter.acquire("auth:ip:" + ip, limits.authPerIp()) : ALLOWED;
                if (decision.allowed()) {
                    decision = limiter.acquire("ip:" + ip, limits.perIp());
                }
                if (!decision.allowed()) {
                    tooMany(response, problems, decision);
                    return;
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getRequestURI().startsWith("/actuator/");
            }
        });
    }

    /** Runs after Spring Security, which has found the user. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> userRateLimitFilter(RateLimiter limiter, GatewayProperties properties, ProblemWriter problems) {
        int perUser = properties.rateLimits().perUser();
        return registration(-50, new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                    RateLimiter.Decision decision = limiter.acquire("user:" + caller.userId(), perUser);
                    if (!decision.allowed()) {
                        tooMany(response, problems, decision);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        });
    }

    private static FilterRegistrationBean<OncePerRequestFilter> registration(int order, OncePerRequestFilter filter) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }

    private static void tooMany(HttpServletResponse response, ProblemWriter problems, RateLimiter.Decision decision) throws IOException {
        long retryAfter = decision.retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, ErrorReason.ERROR_REASON_RATE_LIMITED,
                "too many requests; retry in " + retryAfter + " s", List.of(),
                Map.of(ErrorDetail.RETRY_AFTER_SECONDS.key(), Long.toString(retryAfter))));
    }
}
