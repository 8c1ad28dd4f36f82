package io.ticketmesh.gateway.security;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.gateway.web.ProblemWriter;
import io.ticketmesh.gateway.web.Problems;
import io.ticketmesh.platform.auth.JwtVerifier;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless bearer-token security. Tokens are checked by the same {@link JwtVerifier} every gRPC service uses, fed
 * with the gateway's own keys, so the gateway and the services accept exactly the same tokens. Public: sign-up,
 * login, refresh, JWKS, API docs, health, catalog reads and the payment provider's webhook (it is HMAC-signed).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtVerifier verifier, ProblemWriter problems,
                            GatewayProperties properties) throws Exception {
        AuthenticationManager bearer = authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            try {
                return new CallerAuthentication(verifier.verify(token));
            } catch (DomainException e) {
                throw new InvalidBearerTokenException(e.getMessage());
            }
        };
        return http
                .csrf(csrf -> csrf.disable())
                .cors(c -> c.configurationSource(cors(properties)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                                "/api/v1/auth/service-token", "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm",
                                "/api/v1/auth/email-confirmation").permitAll()
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/api/v1/tickets/verification-keys").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/venues/**", "/api/v1/events/**", "/api/v1/showtimes/*",
                                "/api/v1/showtimes/*/seats", "/api/v1/showtimes/*/presale", "/api/v1/organizations/*/venues",
                                "/api/v1/organizations/*/showtimes", "/api/v1/organizations/*/events").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/webhooks/**").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, ErrorReason.ERROR_REASON_UNAUTHENTICATED,
                                    e instanceof InvalidBearerTokenException ? e.getMessage() : "this call needs a bearer token"));
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                Problems.of(HttpStatus.FORBIDDEN, ErrorReason.ERROR_REASON_PERMISSION_DENIED, "not allowed"))))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, ErrorReason.ERROR_REASON_UNAUTHENTICATED,
                                    "this call needs a bearer token"));
                        }))
                .build();
    }

    /**
     * A path Spring Security's firewall refuses ({@code ;} parameters, {@code //}, encoded dots or slashes, control
     * characters) is 400 MALFORMED_REQUEST as a problem, rather than the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejected(ProblemWriter problems) {
        return (request, response, e) -> problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
                ErrorReason.ERROR_REASON_MALFORMED_REQUEST, "the request path is not allowed: " + e.getMessage()));
    }

    /** Browsers may call the API from the configured origins (TICKETMESH_CORS_ORIGINS, comma-separated). */
    static CorsConfigurationSource cors(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
