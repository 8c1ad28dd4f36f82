package io.ticketmesh.gateway.web;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST, PUT, PATCH and DELETE: the first request with a key runs and its response is
 * kept; the same key with the same body replays that response ({@code Idempotent-Replayed: true}); the same key
 * with another body is refused (422), and while the first is still running a retry gets 409. The key also becomes
 * the downstream calls' {@code request_id} ({@link MutationRequestIds}), so services deduplicate the same way.
 * Sign-in calls are excluded: their answers are fresh credentials, which must never be stored or replayed.
 */
@Component
@Order(-30)
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> CREDENTIAL_PATHS = Set.of("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout");

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !METHODS.contains(request.getMethod())
                || CREDENTIAL_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problems.write(response, Problems.of(DomainException.invalid(HEADER, "must be 1 to 128 letters, digits or . _ : -")));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String scope = scope();
        byte[] fingerprint = fingerprint(request, body);
        var claim = store.claim(scope, key, fingerprint);
        if (claim.existing() != null) {
            answerRepeat(response, claim.existing(), fingerprint);
            return;
        }
        request.setAttribute(MutationRequestIds.ATTRIBUTE, UUID.nameUUIDFromBytes((scope + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString());
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            completed = captured.getStatus() < 500;
        } finally {
            if (completed) {
                store.complete(scope, key, captured.getStatus(), captured.getContentType(), captured.getContentAsByteArray());
            } else {
                store.release(scope, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void answerRepeat(HttpServletResponse response, IdempotencyStore.Record first, byte[] fingerprint) throws IOException {
        if (!MessageDigest.isEqual(first.requestHash(), fingerprint)) {
            problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used with a different request"));
            return;
        }
        if (first.status() == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(response, Problems.of(new DomainException(FailureKind.ABORTED,
                    ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_IN_PROGRESS, "the first request with this Idempotency-Key is still running")));
            return;
        }
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(first.body());
    }

    /** Keys are per user; anonymous calls (registration) share one scope, where keys are random enough. */
    private static String scope() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? IdempotencyStore.userScope(caller.userId()) : "anonymous";
    }

    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once and served again to the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is in memory: it is all available at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }
    }
}
