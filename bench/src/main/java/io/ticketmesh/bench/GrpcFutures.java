package io.ticketmesh.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;

/** gRPC's future stubs' answers as {@link CompletableFuture}s, completed on the thread that got the answer. */
public final class GrpcFutures {
    private GrpcFutures() {}

    public static <T> CompletableFuture<T> of(ListenableFuture<T> call) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                answer.complete(result);
            }

            @Override
            public void onFailure(Throwable failure) {
                answer.completeExceptionally(failure);
            }
        }, MoreExecutors.directExecutor());
        return answer;
    }
}
