package io.ticketmesh.platform.auth;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Forwards the current caller's bearer token on outgoing calls made on their behalf, so the downstream service
 * checks the same identity itself.
 */
public final class BearerForwardingClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                String token = CallerContext.current().bearerToken();
                if (!token.isEmpty() && !headers.containsKey(AuthServerInterceptor.AUTHORIZATION)) {
                    headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + token);
                }
                super.start(responseListener, headers);
            }
        };
    }
}
