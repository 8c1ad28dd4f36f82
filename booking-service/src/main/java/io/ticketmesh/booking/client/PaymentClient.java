package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.saga.SagaBooking;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.payment.v1.AuthorizeRequest;
import io.ticketmesh.proto.payment.v1.CaptureRequest;
import io.ticketmesh.proto.payment.v1.GetPaymentRequest;
import io.ticketmesh.proto.payment.v1.ListPaymentsRequest;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.payment.v1.PaymentServiceGrpc;
import io.ticketmesh.proto.payment.v1.PaymentStatus;
import io.ticketmesh.proto.payment.v1.RefundRequest;
import io.ticketmesh.proto.payment.v1.VoidRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** payment-service as the saga sees it: authorize (maybe via 3-D Secure), capture, and their compensations. */
@Component
public class PaymentClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ManagedChannel channel;
    private final Participants participants;
    private final Clock clock;

    public PaymentClient(GrpcChannelFactory channels, @Value("${ticketmesh.payments.target}") String target, Participants participants,
                         Clock clock) {
        this.channel = channels.createChannel(target);
        this.participants = participants;
        this.clock = clock;
    }

    private PaymentServiceGrpc.PaymentServiceBlockingStub stub() {
        return participants.asService(PaymentServiceGrpc.newBlockingStub(channel), TIMEOUT);
    }

    /**
     * Authorizes the total. With the card at hand it asks payment-service (idempotent per booking); without it (a
     * saga resumed by another process, or woken by the challenge's outcome) it reads what the earlier call made.
     */
    public StepResult authorize(SagaBooking saga) {
        return participants.outcome(Participants.PAYMENT_SERVICE, () -> {
            Payment payment;
            if (saga.card().isPresent() && saga.paymentId().isEmpty()) {
                try {
                    payment = stub().authorize(AuthorizeRequest.newBuilder().setRequestId(saga.requestId("authorize_payment"))
                            .setBookingId(saga.id().toString()).setAmount(total(saga)).setCard(saga.card().get())
                            .setDescription("Ticketmesh booking " + saga.booking().getReference()).build()).getPayment();
                } catch (StatusRuntimeException e) {
                    // a decline names the failed payment, which the booking keeps showing
                    String failed = ErrorDetail.PAYMENT_ID.in(RemoteError.of(e).metadata());
                    if (!failed.isEmpty()) {
                        saga.paymentId(UUID.fromString(failed));
                    }
                    throw e;
                }
            } else {
                Optional<Payment> found = find(saga);
                if (found.isEmpty()) {
                    return new StepResult.Failed("PAYMENT_INTERRUPTED", "the booking was interrupted before its payment reached the provider");
                }
                payment = found.get();
            }
            saga.payment(payment);
            return switch (payment.getStatus()) {
                case PAYMENT_STATUS_AUTHORIZED, PAYMENT_STATUS_CAPTURED -> StepResult.done(payment.getCardBrand() + " ending " + payment.getCardLast4());
                case PAYMENT_STATUS_REQUIRES_ACTION -> {
                    if (clock.instant().isAfter(saga.booking().getPaymentDeadline().toInstant())) {
                        yield new StepResult.Failed("HOLD_EXPIRED", "3-D Secure was not completed before the seats' hold ran out");
                    }
                    saga.nextActionUrl(payment.getNextActionUrl());
                    yield new StepResult.Waiting("3-D Secure challenge sent to the customer");
                }
                case PAYMENT_STATUS_FAILED -> new StepResult.Failed(
                        payment.getFailureCode().equals("provider_timeout") ? "PAYMENT_PROVIDER_TIMEOUT" : "PAYMENT_DECLINED",
                        payment.getFailureMessage());
                default -> new StepResult.Failed("PAYMENT_DECLINED", "the payment is " + payment.getStatus());
            };
        });
    }

    public StepResult voidPayment(SagaBooking saga) {
        return participants.outcome(Participants.PAYMENT_SERVICE, () -> {
            Optional<UUID> paymentId = saga.paymentId().or(() -> find(saga).map(p -> UUID.fromString(p.getPaymentId())));
            if (paymentId.isEmpty()) {
                return StepResult.done("no payment was made");
            }
            Payment payment = stub().void_(VoidRequest.newBuilder().setRequestId(saga.requestId("void_payment"))
                    .setPaymentId(paymentId.get().toString()).build()).getPayment();
            return StepResult.done("payment " + payment.getStatus().name().replace("PAYMENT_STATUS_", "").toLowerCase());
        });
    }

    public StepResult capture(SagaBooking saga) {
        return participants.outcome(Participants.PAYMENT_SERVICE, () -> {
            Payment payment = stub().capture(CaptureRequest.newBuilder().setRequestId(saga.requestId("capture_payment"))
                    .setPaymentId(saga.paymentId().orElseThrow().toString()).build()).getPayment();
            saga.payment(payment);
            return StepResult.done("captured " + payment.getCaptured().getAmountMinor() + " " + payment.getCaptured().getCurrency());
        });
    }

    /** Compensation of capture: gives back everything captured and not yet refunded. */
    public StepResult refundAll(SagaBooking saga) {
        return refund(saga, "refund_payment", null, "booking failed after payment");
    }

    /** Refunds {@code amount} (everything left when null) under the caller's request id. */
    public StepResult refund(SagaBooking saga, String requestStep, Money amount, String reason) {
        if (saga.paidAtBoxOffice().isPresent()) {
            // paid at the counter, handed back there; the booking's refunded amount records it
            return StepResult.done("to be handed back at the box office (" + saga.paidAtBoxOffice().get() + ")");
        }
        if (amount != null && amount.getAmountMinor() == 0) {
            // a free booking's, which has no payment, or the free seats' of one
            return StepResult.done("nothing to refund");
        }
        return participants.outcome(Participants.PAYMENT_SERVICE, () -> {
            RefundRequest.Builder request = RefundRequest.newBuilder().setRequestId(saga.requestId(requestStep))
                    .setPaymentId(saga.paymentId().orElseThrow().toString()).setReason(reason);
            if (amount != null) {
                request.setAmount(amount);
            }
            Payment payment = stub().refund(request.build()).getPayment();
            return StepResult.done("refunded, " + payment.getRefunded().getAmountMinor() + " in all");
        });
    }

    public Optional<Payment> get(UUID paymentId) {
        return Optional.of(stub().getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId.toString()).build()).getPayment());
    }

    private Optional<Payment> find(SagaBooking saga) {
        if (saga.paymentId().isPresent()) {
            return get(saga.paymentId().get());
        }
        return stub().listPayments(ListPaymentsRequest.newBuilder().setBookingId(saga.id().toString()).build())
                .getPaymentsList().stream().filter(p -> p.getStatus() != PaymentStatus.PAYMENT_STATUS_UNSPECIFIED).reduce((a, b) -> b);
    }

    private static Money total(SagaBooking saga) {
        return Money.newBuilder().setAmountMinor(saga.booking().getTotalMinor()).setCurrency(saga.booking().getCurrency()).build();
    }
}
