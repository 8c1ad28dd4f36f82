package io.ticketmesh.booking.booking;

import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.PaymentClient;
import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.BookingRepository.ShowtimeBookings;
import io.ticketmesh.booking.persistence.BoxOfficeTillRepository;
import io.ticketmesh.booking.persistence.SagaStepRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBookingResponse;
import io.ticketmesh.proto.booking.v1.ListBookingsRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsResponse;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * GetBooking and ListBookings (a customer's, one by its reference, a showtime's), and the full view of a booking (with its
 * payment and tickets) for every answer.
 */
@Service
public class BookingReader {
    private static final Logger log = LoggerFactory.getLogger(BookingReader.class);
    private static final Set<String> TICKETED = Set.of("CONFIRMED", "PARTIALLY_CANCELLED", "CANCELLED");
    private final BookingRepository bookings;
    private final SagaStepRepository steps;
    private final PaymentClient payments;
    private final TicketClient tickets;
    private final BoxOfficeTillRepository tills;
    private final CatalogClient catalog;

    public BookingReader(BookingRepository bookings, SagaStepRepository steps, PaymentClient payments, TicketClient tickets,
                         BoxOfficeTillRepository tills, CatalogClient catalog) {
        this.bookings = bookings;
        this.steps = steps;
        this.payments = payments;
        this.tickets = tickets;
        this.tills = tills;
        this.catalog = catalog;
    }

    public GetBookingResponse get(GetBookingRequest request) {
        BookingsRecord booking = readable(request.getBookingId(), CallerContext.authenticated());
        return GetBookingResponse.newBuilder().setBooking(view(booking, true)).build();
    }

    /**
     * The caller's bookings, newest first, the booking with the reference asked for when the caller may read it, or the
     * showtime's bookings its organization's caller may read; without payment and tickets (GetBooking has them).
     */
    public ListBookingsResponse list(ListBookingsRequest request) {
        Caller caller = CallerContext.authenticated();
        if (!request.getReference().isEmpty()) {
            if (!request.getShowtimeId().isEmpty()) {
                throw DomainException.invalid("showtime_id", "is not asked for with a reference, which names one booking");
            }
            ListBookingsResponse.Builder found = ListBookingsResponse.newBuilder();
            bookings.findByReference(request.getReference()).filter(booking -> mayRead(booking, caller))
                    .ifPresent(booking -> found.addBookings(view(booking, false)));
            return found.build();
        }
        if (!request.getShowtimeId().isEmpty()) {
            ShowtimeBookings which = showtimeBookings(request, caller);
            return page(request, (before, limit) -> bookings.ofShowtime(UUID.fromString(request.getShowtimeId()), which, before, limit));
        }
        if (request.getRefundOwed()) {
            throw DomainException.invalid("refund_owed", "lists a showtime's box office sales: name it in showtime_id");
        }
        return page(request, (before, limit) -> bookings.ofCustomer(caller.userId(), before, limit));
    }

    /**
     * Which of the showtime's bookings the caller lists: those with a refund owed at the counter, if asked, for its
     * organization's STAFF or OWNERs; else all of them for an OWNER, its box office sales for its STAFF.
     */
    private ShowtimeBookings showtimeBookings(ListBookingsRequest request, Caller caller) {
        String organization = catalog.organizationOf(request.getShowtimeId());
        if (request.getRefundOwed()) {
            caller.requireStaff(organization);
            return ShowtimeBookings.REFUND_OWED;
        }
        if (caller.isService() || caller.isOwnerOf(organization)) {
            return ShowtimeBookings.ALL;
        }
        caller.requireStaff(organization);
        return ShowtimeBookings.BOX_OFFICE;
    }

    private interface Rows {
        List<BookingsRecord> read(Cursor before, int limit);
    }

    private ListBookingsResponse page(ListBookingsRequest request, Rows rows) {
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        var page = Page.of(rows.read(Cursor.parse(request), size + 1), size, row -> Cursor.of(row.getCreatedAt(), row.getId()), request);
        ListBookingsResponse.Builder response = ListBookingsResponse.newBuilder().setNextPageToken(page.nextToken());
        page.rows().forEach(b -> response.addBookings(view(b, false)));
        return response.build();
    }

    /**
     * The booking for its customer or an OWNER of the organization, and a box office sale, the organization's, for any of
     * its STAFF; NOT_FOUND for anyone else.
     */
    public BookingsRecord readable(String bookingId, Caller caller) {
        return bookings.find(UUID.fromString(bookingId)).filter(booking -> mayRead(booking, caller))
                .orElseThrow(() -> DomainException.notFound("booking", bookingId));
    }

    private static boolean mayRead(BookingsRecord booking, Caller caller) {
        return caller.userId().equals(booking.getUserId()) || caller.isService() || actsForOrganization(booking, caller);
    }

    /** Whether the caller acts as the booking's customer, held to its rules: neither a service nor its organization. */
    public static boolean actsAsCustomer(BookingsRecord booking, Caller caller) {
        return !caller.isService() && !actsForOrganization(booking, caller);
    }

    /** An OWNER of the booking's organization, or any of its STAFF for a box office sale: not held to a customer's rules. */
    public static boolean actsForOrganization(BookingsRecord booking, Caller caller) {
        String organization = booking.getOrganizationId().toString();
        return caller.isOwnerOf(organization) || booking.getBoxOfficePayment() != null && caller.isMemberOf(organization);
    }

    /**
     * The booking message; {@code full} adds its payment and the tickets its customer holds (one given away shows as
     * TRANSFERRED, without its recipient's), each left out if its service cannot be reached.
     */
    public Booking view(BookingsRecord booking, boolean full) {
        Payment payment = null;
        List<Ticket> issued = List.of();
        if (full) {
            try {
                if (booking.getPaymentId() != null) {
                    payment = payments.get(booking.getPaymentId()).orElse(null);
                }
                if (TICKETED.contains(booking.getStatus())) {
                    issued = tickets.heldByCustomer(booking.getId(), booking.getUserId());
                }
            } catch (StatusRuntimeException | IllegalStateException e) {
                log.warn("booking {} answered without payment or tickets: {}", booking.getId(), e.toString());
            }
        }
        Booking view = BookingProtos.booking(booking, bookings.items(booking.getId()), steps.of(booking.getId()), payment, issued);
        long owed = booking.getBoxOfficePayment() == null || booking.getRefundedMinor() == 0 ? 0 : tills.owed(booking.getId());
        if (owed == 0) {
            return view;
        }
        return view.toBuilder().setBoxOffice(view.getBoxOffice().toBuilder().setRefundOwed(BookingProtos.money(owed, booking.getCurrency())))
                .build();
    }
}
