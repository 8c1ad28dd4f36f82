package io.ticketmesh.platform.context;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** Sends the current request id with every outgoing gRPC call, so one id follows the work across services. */
public final class RequestIdClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                String requestId = RequestContext.currentRequestIdOrNull();
                if (requestId != null && !headers.containsKey(RequestContext.METADATA_KEY)) {
                    headers.put(RequestContext.METADATA_KEY, requestId);
                }
                super.start(responseListener, headers);
            }
        };
    }
}
