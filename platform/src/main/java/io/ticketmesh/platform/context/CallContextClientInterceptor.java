package io.ticketmesh.platform.context;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.auth.CallerContext;

/**
 * Carries the work's context onto every outgoing gRPC call: the request id, so one id follows the work across
 * services, and the caller's bearer token, so the downstream service checks the same identity itself.
 */
public final class CallContextClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                String requestId = RequestContext.currentRequestIdOrNull();
                if (requestId != null && !headers.containsKey(RequestContext.METADATA_KEY)) {
                    headers.put(RequestContext.METADATA_KEY, requestId);
                }
                String token = CallerContext.current().bearerToken();
                if (!token.isEmpty() && !headers.containsKey(AuthServerInterceptor.AUTHORIZATION)) {
                    headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + token);
                }
                super.start(responseListener, headers);
            }
        };
    }
}
