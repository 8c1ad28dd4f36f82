package io.ticketmesh.platform.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * Answers a unary RPC with what a handler returns. A handler that throws is answered by the platform's exception
 * handler (status, ErrorInfo, BadRequest), so service classes only delegate.
 */
public final class UnaryCalls {
    private UnaryCalls() {}

    public static <Q, R> void answer(Q request, Function<Q, R> handler, StreamObserver<R> response) {
        response.onNext(handler.apply(request));
        response.onCompleted();
    }
}
