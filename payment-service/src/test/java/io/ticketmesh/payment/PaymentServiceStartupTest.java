package io.ticketmesh.payment;

import io.grpc.Channel;
import io.ticketmesh.proto.payment.v1.PaymentServiceGrpc;
import io.ticketmesh.proto.payment.v1.GetPaymentRequest;
import io.ticketmesh.platform.testing.GrpcServiceStartupContract;
import java.util.List;
import java.util.Set;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "ticketmesh.payments.webhook-secret=startup-test-secret")
class PaymentServiceStartupTest extends GrpcServiceStartupContract {
    @Override
    protected List<String> apiServices() {
        return List.of("ticketmesh.payment.v1.PaymentService");
    }

    @Override
    protected void callWithInvalidRequest(Channel channel) {
        PaymentServiceGrpc.newBlockingStub(channel).getPayment(GetPaymentRequest.newBuilder().setPaymentId("nope").build());
    }

    @Override
    protected Set<String> ownedTopics() {
        return Set.of("ticketmesh.payments");
    }
}
