package io.ticketmesh.platform.auth;

import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;

/**
 * Reads {@code authorization: Bearer <token>} metadata. No token: the call proceeds as {@link Caller#ANONYMOUS}
 * (service code decides whether that is enough). A token that does not verify: the call ends at once with
 * UNAUTHENTICATED, even for public calls, so a client never mistakes a broken token for anonymity.
 */
public final class AuthServerInterceptor implements ServerInterceptor {
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;

    public AuthServerInterceptor(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return next.startCall(call, headers);
        }
        Caller caller;
        try {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw DomainException.unauthenticated("the authorization metadata must be 'Bearer <token>'");
            }
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (DomainException e) {
            GrpcErrors.close(call, e);
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(CallerContext.with(caller), call, headers, next);
    }
}
