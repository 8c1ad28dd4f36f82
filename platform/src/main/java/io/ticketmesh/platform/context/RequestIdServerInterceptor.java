package io.ticketmesh.platform.context;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.slf4j.MDC;

/**
 * Takes the caller's {@code x-request-id} (or makes one), puts it in the gRPC context and the log context for
 * the whole call, and returns it in the response headers.
 */
public final class RequestIdServerInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String requestId = RequestContext.acceptOrCreate(headers.get(RequestContext.METADATA_KEY));
        Context context = Context.current().withValue(RequestContext.CONTEXT_KEY, requestId);
        ServerCall<Q, R> echoing = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(RequestContext.METADATA_KEY, requestId);
                super.sendHeaders(responseHeaders);
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, echoing, headers, next);
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                withMdc(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                withMdc(super::onHalfClose);
            }

            @Override
            public void onCancel() {
                withMdc(super::onCancel);
            }

            @Override
            public void onComplete() {
                withMdc(super::onComplete);
            }

            @Override
            public void onReady() {
                withMdc(super::onReady);
            }

            private void withMdc(Runnable callback) {
                String previous = MDC.get(RequestContext.MDC_KEY);
                MDC.put(RequestContext.MDC_KEY, requestId);
                try {
                    callback.run();
                } finally {
                    if (previous == null) {
                        MDC.remove(RequestContext.MDC_KEY);
                    } else {
                        MDC.put(RequestContext.MDC_KEY, previous);
                    }
                }
            }
        };
    }
}
