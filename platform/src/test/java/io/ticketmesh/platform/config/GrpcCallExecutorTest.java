package io.ticketmesh.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/** Where a service's gRPC calls run: on virtual threads when the service runs on them, as every service does. */
class GrpcCallExecutorTest {
    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(PlatformAutoConfiguration.VirtualThreadCalls.class);

    @Test
    void callsRunOnVirtualThreadsWhenTheServiceDoes() {
        contexts.withPropertyValues("spring.threads.virtual.enabled=true")
                .run(context -> assertThat(threadOfACall(context.getBeanProvider(ServerBuilderCustomizer.class).orderedStream().toList()))
                        .isNotNull().matches(Thread::isVirtual, "is virtual"));
    }

    @Test
    void callsStayOnGrpcsOwnExecutorOtherwise() {
        contexts.run(context -> assertThat(threadOfACall(context.getBeanProvider(ServerBuilderCustomizer.class).orderedStream().toList()))
                .isNotNull().matches(thread -> !thread.isVirtual(), "is a platform thread"));
    }

    /** The thread a call runs on in a server built with these customizers. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Thread threadOfACall(List<ServerBuilderCustomizer> customizers) throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                thread.set(Thread.currentThread());
                return next.startCall(call, headers);
            }
        };
        String name = InProcessServerBuilder.generateName();
        ServerBuilder builder = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), recorder));
        customizers.forEach(customizer -> customizer.customize(builder));
        Server server = builder.build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
            return thread.get();
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }
}
