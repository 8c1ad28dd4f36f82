package io.ticketmesh.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every gRPC service promises on top of {@link ServiceStartupContract}: gRPC health SERVING, reflection listing
 * its services, and the platform's authentication and validation in front of every RPC. A service's test extends
 * this and names its services.
 */
public abstract class GrpcServiceStartupContract extends ServiceStartupContract {
    private static final int GRPC_PORT = FreePorts.next();
    private static ManagedChannel channel;

    @DynamicPropertySource
    static void grpcPort(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
    }

    /** Full names of the API services the server must expose, e.g. {@code ticketmesh.event.v1.EventService}. */
    protected abstract List<String> apiServices();

    /** Calls one RPC of the service with a request that breaks a validation rule, through the given channel. */
    protected abstract void callWithInvalidRequest(Channel channel);

    protected static synchronized Channel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
        }
        return channel;
    }

    @AfterAll
    static synchronized void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }

    @Test
    void grpcListensOnLoopbackOnly() {
        assertLoopbackOnly(GRPC_PORT);
    }

    @Test
    void grpcHealthIsServing() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheServices() throws Exception {
        CompletableFuture<List<String>> listed = new CompletableFuture<>();
        var requests = ServerReflectionGrpc.newStub(channel()).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                listed.complete(response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList());
            }

            @Override
            public void onError(Throwable t) {
                listed.completeExceptionally(t);
            }

            @Override
            public void onCompleted() { }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> services = listed.get(5, TimeUnit.SECONDS);
        requests.onCompleted();
        assertThat(services).contains("grpc.health.v1.Health").containsAll(apiServices());
    }

    @Test
    void invalidRequestsAreRefusedWithFieldViolations() {
        StatusRuntimeException failure = catchStatus(() -> callWithInvalidRequest(channel()));
        RemoteError error = RemoteError.of(failure);
        assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
        assertThat(error.violations()).isNotEmpty();
    }

    @Test
    void forgedTokensAreUnauthenticated() {
        Metadata headers = new Metadata();
        headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        Channel withToken = io.grpc.ClientInterceptors.intercept(channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
        assertThat(catchStatus(() -> callWithInvalidRequest(withToken)).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        assertThatThrownBy(() -> { }).as("the call should have failed").isNotNull();
        throw new AssertionError("the call should have failed");
    }
}
