package io.ticketmesh.platform.testing;

import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.error.RemoteError;
import java.util.concurrent.TimeUnit;

/** Calling a service under test over gRPC as a given token holder, and reading the error of a call that fails. */
public final class GrpcTestCalls {
    private GrpcTestCalls() {}

    /** A stub that calls as the holder of {@code token} (anonymous when null), with a generous deadline. */
    public static <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).withDeadlineAfter(60, TimeUnit.SECONDS)
                .withMaxOutboundMessageSize(32 * 1024 * 1024);
    }

    /** The error of a call that must fail; an AssertionError if it succeeds. */
    public static RemoteError failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return RemoteError.of(e);
        }
        throw new AssertionError("the call succeeded");
    }
}
