package io.ticketmesh.booking.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.booking.booking.HoldPrices;
import io.ticketmesh.booking.promo.PromoCodes;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeResponse;
import io.ticketmesh.proto.booking.v1.ListPromoCodesRequest;
import io.ticketmesh.proto.booking.v1.ListPromoCodesResponse;
import io.ticketmesh.proto.booking.v1.PromoCodeServiceGrpc;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeResponse;
import org.springframework.stereotype.Service;

/** PromoCodeService over gRPC. */
@Service
public class PromoCodeGrpcService extends PromoCodeServiceGrpc.PromoCodeServiceImplBase {
    private final PromoCodes codes;
    private final HoldPrices prices;

    public PromoCodeGrpcService(PromoCodes codes, HoldPrices prices) {
        this.codes = codes;
        this.prices = prices;
    }

    @Override
    public void createPromoCode(CreatePromoCodeRequest request, StreamObserver<CreatePromoCodeResponse> response) {
        answer(request, codes::create, response);
    }

    @Override
    public void listPromoCodes(ListPromoCodesRequest request, StreamObserver<ListPromoCodesResponse> response) {
        answer(request, codes::list, response);
    }

    @Override
    public void updatePromoCode(UpdatePromoCodeRequest request, StreamObserver<UpdatePromoCodeResponse> response) {
        answer(request, codes::update, response);
    }

    @Override
    public void quoteBooking(QuoteBookingRequest request, StreamObserver<QuoteBookingResponse> response) {
        answer(request, prices::quote, response);
    }
}
