package io.ticketmesh.platform.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service calling another on a user's behalf passes on the request id and the user's token. */
class CallContextClientInterceptorTest {
    private final AtomicReference<Metadata> received = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                received.set(headers);
                return next.startCall(call, headers);
            }
        };
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new VenueServiceGrpc.VenueServiceImplBase() {
                    @Override
                    public void getVenue(GetVenueRequest request, StreamObserver<GetVenueResponse> response) {
                        response.onNext(GetVenueResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                }, capture)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private void callDownstream() {
        VenueServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, new CallContextClientInterceptor()))
                .getVenue(GetVenueRequest.newBuilder().setVenueId(UUID.randomUUID().toString()).build());
    }

    @Test
    void requestIdAndCallersTokenTravelDownstream() throws Exception {
        Caller alice = new Caller("user-1", "alice@example.test", "Alice", Map.of(), Set.of(), "the.token.value");
        CallerContext.with(alice).withValue(RequestContext.CONTEXT_KEY, "req-downstream").call(() -> {
            callDownstream();
            return null;
        });
        assertThat(received.get().get(RequestContext.METADATA_KEY)).isEqualTo("req-downstream");
        assertThat(received.get().get(AuthServerInterceptor.AUTHORIZATION)).isEqualTo("Bearer the.token.value");
    }

    @Test
    void anonymousWorkOutsideARequestSendsNeither() {
        callDownstream();
        assertThat(received.get().get(RequestContext.METADATA_KEY)).isNull();
        assertThat(received.get().get(AuthServerInterceptor.AUTHORIZATION)).isNull();
    }
}
