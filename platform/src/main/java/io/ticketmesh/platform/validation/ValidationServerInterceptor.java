package io.ticketmesh.platform.validation;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;

/** Validates every request message before the service sees it; an invalid one ends the call with INVALID_ARGUMENT. */
public final class ValidationServerInterceptor implements ServerInterceptor {
    private final ProtoValidator validator;

    public ValidationServerInterceptor(ProtoValidator validator) {
        this.validator = validator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new SimpleForwardingServerCallListener<>(delegate) {
            private boolean rejected;

            @Override
            public void onMessage(Q message) {
                if (rejected) {
                    return;
                }
                if (message instanceof Message proto) {
                    try {
                        validator.check(proto);
                    } catch (DomainException e) {
                        rejected = true;
                        GrpcErrors.close(call, e);
                        return;
                    }
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
