package io.ticketmesh.payment.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.payment.payment.Authorizer;
import io.ticketmesh.payment.payment.PaymentReader;
import io.ticketmesh.payment.payment.Settlement;
import io.ticketmesh.proto.payment.v1.AuthorizeRequest;
import io.ticketmesh.proto.payment.v1.AuthorizeResponse;
import io.ticketmesh.proto.payment.v1.CaptureRequest;
import io.ticketmesh.proto.payment.v1.CaptureResponse;
import io.ticketmesh.proto.payment.v1.GetPaymentRequest;
import io.ticketmesh.proto.payment.v1.GetPaymentResponse;
import io.ticketmesh.proto.payment.v1.ListPaymentsRequest;
import io.ticketmesh.proto.payment.v1.ListPaymentsResponse;
import io.ticketmesh.proto.payment.v1.PaymentServiceGrpc;
import io.ticketmesh.proto.payment.v1.RefundRequest;
import io.ticketmesh.proto.payment.v1.RefundResponse;
import io.ticketmesh.proto.payment.v1.VoidRequest;
import io.ticketmesh.proto.payment.v1.VoidResponse;
import org.springframework.stereotype.Service;

/** PaymentService over gRPC. Only Ticketmesh's own services (a SERVICE token) may call it. */
@Service
public class PaymentGrpcService extends PaymentServiceGrpc.PaymentServiceImplBase {
    private final Authorizer authorizer;
    private final Settlement settlement;
    private final PaymentReader reader;

    public PaymentGrpcService(Authorizer authorizer, Settlement settlement, PaymentReader reader) {
        this.authorizer = authorizer;
        this.settlement = settlement;
        this.reader = reader;
    }

    @Override
    public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> response) {
        answer(request, authorizer::authorize, response);
    }

    @Override
    public void capture(CaptureRequest request, StreamObserver<CaptureResponse> response) {
        answer(request, settlement::capture, response);
    }

    @Override
    public void void_(VoidRequest request, StreamObserver<VoidResponse> response) {
        answer(request, settlement::voidPayment, response);
    }

    @Override
    public void refund(RefundRequest request, StreamObserver<RefundResponse> response) {
        answer(request, settlement::refund, response);
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> response) {
        answer(request, reader::get, response);
    }

    @Override
    public void listPayments(ListPaymentsRequest request, StreamObserver<ListPaymentsResponse> response) {
        answer(request, reader::list, response);
    }
}
