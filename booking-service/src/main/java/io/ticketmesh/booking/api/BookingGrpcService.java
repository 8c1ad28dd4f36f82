package io.ticketmesh.booking.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.booking.booking.BookingCreator;
import io.ticketmesh.booking.booking.BookingReader;
import io.ticketmesh.booking.booking.BoxOfficeTills;
import io.ticketmesh.booking.booking.CancellationQuotes;
import io.ticketmesh.booking.booking.Cancellations;
import io.ticketmesh.booking.booking.CounterRefunds;
import io.ticketmesh.booking.booking.PartialRefunds;
import io.ticketmesh.booking.booking.SalesReports;
import io.ticketmesh.booking.booking.TicketResends;
import io.ticketmesh.booking.booking.TillShifts;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.booking.v1.CloseTillShiftRequest;
import io.ticketmesh.proto.booking.v1.CloseTillShiftResponse;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CreateBookingResponse;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBookingResponse;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillRequest;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillResponse;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportResponse;
import io.ticketmesh.proto.booking.v1.GetTillShiftRequest;
import io.ticketmesh.proto.booking.v1.GetTillShiftResponse;
import io.ticketmesh.proto.booking.v1.HandBackRefundRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundResponse;
import io.ticketmesh.proto.booking.v1.ListBookingsRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsResponse;
import io.ticketmesh.proto.booking.v1.ListTillShiftsRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsResponse;
import io.ticketmesh.proto.booking.v1.OpenTillShiftRequest;
import io.ticketmesh.proto.booking.v1.OpenTillShiftResponse;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationResponse;
import io.ticketmesh.proto.booking.v1.RefundBookingRequest;
import io.ticketmesh.proto.booking.v1.RefundBookingResponse;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.booking.v1.ResendTicketsResponse;
import org.springframework.stereotype.Service;

/** BookingService over gRPC. */
@Service
public class BookingGrpcService extends BookingServiceGrpc.BookingServiceImplBase {
    private final BookingCreator creator;
    private final BookingReader reader;
    private final Cancellations cancellations;
    private final SalesReports sales;
    private final TicketResends resends;
    private final BoxOfficeTills tills;
    private final CounterRefunds counterRefunds;
    private final PartialRefunds partialRefunds;
    private final CancellationQuotes quotes;
    private final TillShifts shifts;

    public BookingGrpcService(BookingCreator creator, BookingReader reader, Cancellations cancellations, SalesReports sales,
                              TicketResends resends, BoxOfficeTills tills, CounterRefunds counterRefunds, PartialRefunds partialRefunds,
                              CancellationQuotes quotes, TillShifts shifts) {
        this.creator = creator;
        this.reader = reader;
        this.cancellations = cancellations;
        this.sales = sales;
        this.resends = resends;
        this.tills = tills;
        this.counterRefunds = counterRefunds;
        this.partialRefunds = partialRefunds;
        this.quotes = quotes;
        this.shifts = shifts;
    }

    @Override
    public void createBooking(CreateBookingRequest request, StreamObserver<CreateBookingResponse> response) {
        answer(request, creator::create, response);
    }

    @Override
    public void getBooking(GetBookingRequest request, StreamObserver<GetBookingResponse> response) {
        answer(request, reader::get, response);
    }

    @Override
    public void listBookings(ListBookingsRequest request, StreamObserver<ListBookingsResponse> response) {
        answer(request, reader::list, response);
    }

    @Override
    public void cancelBooking(CancelBookingRequest request, StreamObserver<CancelBookingResponse> response) {
        answer(request, cancellations::cancel, response);
    }

    @Override
    public void resendTickets(ResendTicketsRequest request, StreamObserver<ResendTicketsResponse> response) {
        answer(request, resends::resend, response);
    }

    @Override
    public void getSalesReport(GetSalesReportRequest request, StreamObserver<GetSalesReportResponse> response) {
        answer(request, sales::report, response);
    }

    @Override
    public void getBoxOfficeTill(GetBoxOfficeTillRequest request, StreamObserver<GetBoxOfficeTillResponse> response) {
        answer(request, tills::till, response);
    }

    @Override
    public void quoteCancellation(QuoteCancellationRequest request, StreamObserver<QuoteCancellationResponse> response) {
        answer(request, quotes::quote, response);
    }

    @Override
    public void refundBooking(RefundBookingRequest request, StreamObserver<RefundBookingResponse> response) {
        answer(request, partialRefunds::refund, response);
    }

    @Override
    public void handBackRefund(HandBackRefundRequest request, StreamObserver<HandBackRefundResponse> response) {
        answer(request, counterRefunds::handBack, response);
    }

    @Override
    public void openTillShift(OpenTillShiftRequest request, StreamObserver<OpenTillShiftResponse> response) {
        answer(request, shifts::open, response);
    }

    @Override
    public void closeTillShift(CloseTillShiftRequest request, StreamObserver<CloseTillShiftResponse> response) {
        answer(request, shifts::close, response);
    }

    @Override
    public void getTillShift(GetTillShiftRequest request, StreamObserver<GetTillShiftResponse> response) {
        answer(request, shifts::get, response);
    }

    @Override
    public void listTillShifts(ListTillShiftsRequest request, StreamObserver<ListTillShiftsResponse> response) {
        answer(request, shifts::list, response);
    }
}
