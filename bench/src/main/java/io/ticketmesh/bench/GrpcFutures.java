package io.ticketmesh.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.CompletableFuture;

/** gRPC's future stubs' answers as {@link CompletableFuture}s, completed on the thread that got the answer. */
public final class GrpcFutures {
    private GrpcFutures() {}

    /**
     * A plaintext channel whose answers complete on its transport thread (no executor between), as the clients of
     * {@link LoadRunner#runAsync} need to send their next call without a hand-off.
     */
    public static ManagedChannel channel(String host, int port) {
        return ManagedChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
    }

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
