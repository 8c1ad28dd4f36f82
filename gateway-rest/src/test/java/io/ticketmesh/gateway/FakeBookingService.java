package io.ticketmesh.gateway;

import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CreateBookingResponse;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeResponse;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.booking.v1.PromoCodeServiceGrpc;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process booking-service standing in for its promotion codes and CreateBooking (which booking-service's own
 * tests carry out): it keeps every request it gets and answers from it; the code {@link #UNUSABLE} does not apply,
 * and a booking without a card is refused unless its code is {@link #FREE}.
 */
final class FakeBookingService {
    static final String NAME = "fake-booking-service";
    static final String UNUSABLE = "NOPE";
    /** The code that makes a booking free, so that it needs no card. */
    static final String FREE = "COMP-100";
    static final List<Object> REQUESTS = new CopyOnWriteArrayList<>();
    private static Server server;

    private FakeBookingService() {}

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = InProcessServerBuilder.forName(NAME).directExecutor().addService(new Codes()).addService(new Bookings()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The requests of this type received so far, oldest first. */
    static <T> List<T> received(Class<T> type) {
        return REQUESTS.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static final class Codes extends PromoCodeServiceGrpc.PromoCodeServiceImplBase {
        @Override
        public void createPromoCode(CreatePromoCodeRequest request, StreamObserver<CreatePromoCodeResponse> response) {
            REQUESTS.add(request);
            if (request.getPromoCode().getCode().isEmpty()) {
                response.onError(GrpcErrors.toStatus(DomainException.invalid("promo_code.code", "must be 3 to 32 letters, digits or dashes")));
                return;
            }
            response.onNext(CreatePromoCodeResponse.newBuilder().setPromoCode(request.getPromoCode().toBuilder()
                    .setPromoCodeId(UUID.randomUUID().toString()).setOrganizationId(request.getOrganizationId())).build());
            response.onCompleted();
        }

        @Override
        public void updatePromoCode(UpdatePromoCodeRequest request, StreamObserver<UpdatePromoCodeResponse> response) {
            REQUESTS.add(request);
            response.onNext(UpdatePromoCodeResponse.newBuilder().setPromoCode(request.getPromoCode()).build());
            response.onCompleted();
        }

        @Override
        public void quoteBooking(QuoteBookingRequest request, StreamObserver<QuoteBookingResponse> response) {
            REQUESTS.add(request);
            if (request.getPromoCode().equalsIgnoreCase(UNUSABLE)) {
                response.onError(GrpcErrors.toStatus(new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_PROMO_CODE_INVALID,
                        "promo_code: is disabled", List.of(new FieldViolation("promo_code", "is disabled")))));
                return;
            }
            response.onNext(QuoteBookingResponse.newBuilder().setPromoCode(request.getPromoCode().toUpperCase())
                    .setTotals(BookingTotals.newBuilder().setTotal(eur(8250)).setDiscount(eur(1800))).build());
            response.onCompleted();
        }
    }

    private static final class Bookings extends BookingServiceGrpc.BookingServiceImplBase {
        @Override
        public void createBooking(CreateBookingRequest request, StreamObserver<CreateBookingResponse> response) {
            REQUESTS.add(request);
            if (!request.hasCard() && !request.getPromoCode().equalsIgnoreCase(FREE)) {
                response.onError(GrpcErrors.toStatus(DomainException.invalid("card", "is required: only a booking whose seats are all free"
                        + " is made without a card")));
                return;
            }
            response.onNext(CreateBookingResponse.newBuilder().setBooking(Booking.newBuilder().setBookingId(UUID.randomUUID().toString())
                    .setHoldId(request.getHoldId()).setStatus(BookingStatus.BOOKING_STATUS_CONFIRMED).setPromoCode(request.getPromoCode())
                    .setTotals(BookingTotals.newBuilder().setTotal(eur(8250)))).build());
            response.onCompleted();
        }
    }

    private static Money eur(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("EUR").build();
    }
}
