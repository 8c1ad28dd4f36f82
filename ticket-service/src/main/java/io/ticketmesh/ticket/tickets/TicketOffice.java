package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.platform.qr.QrImages;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeResponse;
import io.ticketmesh.proto.ticket.v1.GetVerificationKeysResponse;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.IssueTicketsResponse;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketsIssued;
import io.ticketmesh.proto.ticket.v1.TicketsVoided;
import io.ticketmesh.proto.ticket.v1.VerificationKey;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.proto.ticket.v1.VoidTicketsResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.persistence.HoldRepository.HoldWithSeats;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets: issued once per seat of a confirmed booking (a retry returns the same tickets), read by their holder or
 * the organization's staff, voided on cancellation (a transferred ticket's recipient holds the one voided). Issuing and voiding are announced on {@code ticketmesh.tickets},
 * keyed by booking.
 */
@Service
public class TicketOffice {
    public static final String TOPIC = "ticketmesh.tickets";
    private final TicketRepository tickets;
    private final HoldRepository holds;
    private final ShowtimeOrganizations organizations;
    private final QrSigner signer;
    private final Outbox outbox;
    private final IdempotentRequests idempotent;

    public TicketOffice(TicketRepository tickets, HoldRepository holds, ShowtimeOrganizations organizations, QrSigner signer, Outbox outbox,
                        IdempotentRequests idempotent) {
        this.tickets = tickets;
        this.holds = holds;
        this.organizations = organizations;
        this.signer = signer;
        this.outbox = outbox;
        this.idempotent = idempotent;
    }

    @Transactional
    public IssueTicketsResponse issue(IssueTicketsRequest request, Caller caller) {
        HoldWithSeats locked = holds.withSeats(UUID.fromString(request.getHoldId()), true)
                .orElseThrow(() -> DomainException.notFound("hold", request.getHoldId()));
        HoldsRecord hold = locked.hold();
        caller.requireUserOrService(hold.getUserId().toString());
        UUID bookingId = UUID.fromString(request.getBookingId());
        if (!hold.getStatus().equals("CONFIRMED") || !hold.getBookingId().equals(bookingId)) {
            throw DomainException.invalidState("tickets are issued for a hold its booking confirmed (ConfirmHold first)");
        }
        OffsetDateTime now = StoredTime.now();
        NewTicket issuing = new NewTicket(bookingId, hold.getId(), hold.getShowtimeId(), hold.getUserId(), holderName(request, caller),
                hold.getBoxOffice(), now);
        List<TicketsRecord> made = locked.seats().stream().map(seat -> issuing.forSeat(new NewTicket.Seat(seat.getSeatId(), seat.getSection(),
                seat.getRowLabel(), seat.getLabel(), seat.getTier()), signer)).toList();
        // a retry finds the booking's tickets issued (under the hold's lock): it inserts none, reads them and announces
        // nothing; when all are inserted they are the booking's tickets (one hold a booking), so none is read back
        int inserted = tickets.insertAbsent(made);
        boolean issuedNow = inserted > 0;
        List<TicketsRecord> ofBooking = inserted == made.size() ? made.stream().sorted(TicketRepository.SEAT_ORDER).toList()
                : tickets.ofBooking(bookingId);
        List<Ticket> issued = ofBooking.stream().map(TicketProtos::ticket).toList();
        if (issuedNow) {
            outbox.append(TOPIC, TicketsIssued.newBuilder().setMetadata(EventMetadatas.next(bookingId.toString(), TicketRepository.ISSUED_VERSION))
                    .setBookingId(bookingId.toString()).setShowtimeId(hold.getShowtimeId().toString()).addAllTickets(issued).build());
        }
        return IssueTicketsResponse.newBuilder().addAllTickets(issued).build();
    }

    /** The name the request gives; else the customer's own, but a service's name is no one's (left empty). */
    private static String holderName(IssueTicketsRequest request, Caller caller) {
        if (!request.getHolderName().isBlank() || caller.isService()) {
            return request.getHolderName();
        }
        return caller.name();
    }

    @Transactional(readOnly = true)
    public Ticket get(String ticketId, Caller caller) {
        return TicketProtos.ticket(readable(ticketId, caller));
    }

    @Transactional(readOnly = true)
    public GetTicketQrCodeResponse qrCode(GetTicketQrCodeRequest request, Caller caller) {
        TicketsRecord ticket = readable(request.getTicketId(), caller);
        int size = request.getSizePx() == 0 ? 300 : request.getSizePx();
        return GetTicketQrCodeResponse.newBuilder().setPng(com.google.protobuf.ByteString.copyFrom(QrImages.png(ticket.getQrPayload(), size))).build();
    }

    /**
     * A booking's tickets (its customer or the organization's staff), a showtime's (its organization's staff) or a
     * customer's (that customer).
     */
    @Transactional(readOnly = true)
    public ListTicketsResponse list(ListTicketsRequest request, Caller caller) {
        int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
        if (request.hasBookingId()) {
            List<TicketsRecord> found = ofBookingFor(UUID.fromString(request.getBookingId()), caller);
            return ListTicketsResponse.newBuilder().addAllTickets(found.stream().map(TicketProtos::ticket).toList()).build();
        }
        Cursor after = Cursor.parse(request);
        List<TicketsRecord> read;
        if (request.hasHolderUserId()) {
            caller.requireUserOrService(request.getHolderUserId());
            read = tickets.ofHolder(UUID.fromString(request.getHolderUserId()), after, size + 1);
        } else {
            UUID showtimeId = UUID.fromString(request.getShowtimeId());
            organizations.requireStaff(showtimeId, caller);
            read = tickets.ofShowtime(showtimeId, after, size + 1);
        }
        var page = Page.of(read, size, ticket -> Cursor.of(ticket.getIssuedAt(), ticket.getId()), request);
        return ListTicketsResponse.newBuilder().addAllTickets(page.rows().stream().map(TicketProtos::ticket).toList())
                .setNextPageToken(page.nextToken()).build();
    }

    /**
     * A booking's tickets: all of them for a service or the organization's staff, those a customer holds for them (a
     * ticket given away stays listed, TRANSFERRED; the recipient's is theirs alone).
     */
    private List<TicketsRecord> ofBookingFor(UUID bookingId, Caller caller) {
        caller.requireAuthenticated();
        List<TicketsRecord> found = tickets.ofBooking(bookingId);
        if (found.isEmpty() || seesWholeBooking(found.getFirst(), caller)) {
            return found;
        }
        List<TicketsRecord> held = found.stream().filter(ticket -> caller.userId().equals(ticket.getHolderUserId().toString())).toList();
        if (held.isEmpty()) {
            throw DomainException.permissionDenied("this belongs to another user");
        }
        return held;
    }

    /**
     * Voids a booking's tickets (all, or those named by id or seat); voiding again changes nothing. With
     * {@code only_held_by_user_id}, voids nothing if one of them is held by someone else or was used at the door; a
     * customer calling it themselves is held to that (they do not void one they gave away, or one they went in with).
     * Runs under the booking's hold lock, as transfers do, so a transfer is before it (its recipient's ticket is the
     * seat's) or after (refused). With {@code validate_only}, answers what it would void, or refuses as it would, and
     * does nothing (no lock, nothing recorded).
     */
    @Transactional
    public VoidTicketsResponse voidTickets(VoidTicketsRequest request, Caller caller) {
        UUID bookingId = UUID.fromString(request.getBookingId());
        List<TicketsRecord> ofBooking = tickets.ofBooking(bookingId);
        if (ofBooking.isEmpty()) {
            throw DomainException.notFound("tickets of booking", request.getBookingId());
        }
        requireHolderOrStaff(ofBooking.getFirst(), caller);
        List<UUID> ticketIds = request.getTicketIdsList().stream().map(UUID::fromString).toList();
        List<UUID> seatIds = request.getSeatIdsList().stream().map(UUID::fromString).toList();
        String onlyHeldBy = seesWholeBooking(ofBooking.getFirst(), caller) ? request.getOnlyHeldByUserId() : caller.userId();
        if (request.getValidateOnly()) {
            List<TicketsRecord> live = tickets.liveOf(bookingId, ticketIds, seatIds);
            if (!onlyHeldBy.isEmpty()) {
                refuseForCustomer(live, onlyHeldBy);
            }
            return voided(live);
        }
        return idempotent.once(request.getRequestId(), request, VoidTicketsResponse.parser(), () -> {
            holds.findAllForUpdate(List.of(ofBooking.getFirst().getHoldId()));
            if (!onlyHeldBy.isEmpty()) {
                refuseForCustomer(tickets.liveOf(bookingId, ticketIds, seatIds), onlyHeldBy);
            }
            List<TicketsRecord> voided = tickets.voidTickets(bookingId, ticketIds, seatIds, request.getReason());
            if (!voided.isEmpty()) {
                outbox.append(TOPIC, TicketsVoided.newBuilder().setMetadata(EventMetadatas.next(bookingId.toString(), tickets.nextEventVersion(bookingId)))
                        .setBookingId(bookingId.toString()).addAllTicketIds(voided.stream().map(t -> t.getId().toString()).toList())
                        .setReason(request.getReason()).build());
            }
            return voided(voided);
        });
    }

    private static VoidTicketsResponse voided(List<TicketsRecord> tickets) {
        return VoidTicketsResponse.newBuilder().addAllTickets(tickets.stream().map(TicketProtos::ticket).toList()).build();
    }

    /** What a customer's own cancellation may not void: a ticket someone else holds now, or one used at the door. */
    private static void refuseForCustomer(List<TicketsRecord> toVoid, String customerUserId) {
        refuseSeats(toVoid, ticket -> !ticket.getHolderUserId().toString().equals(customerUserId), "were given to someone else, who holds them now");
        refuseSeats(toVoid, ticket -> ticket.getStatus().equals("CHECKED_IN"), "were used at the door");
    }

    private static void refuseSeats(List<TicketsRecord> toVoid, Predicate<TicketsRecord> refused, String why) {
        List<String> seats = toVoid.stream().filter(refused).map(ticket -> ticket.getSeatId().toString()).toList();
        if (!seats.isEmpty()) {
            throw DomainException.invalidState("the tickets of seats " + String.join(", ", seats) + " " + why + "; no ticket is voided")
                    .with(ErrorDetail.SEAT_IDS, seats);
        }
    }

    public GetVerificationKeysResponse verificationKeys() {
        GetVerificationKeysResponse.Builder response = GetVerificationKeysResponse.newBuilder();
        signer.keys().forEach(key -> response.addKeys(VerificationKey.newBuilder().setKeyId(key.getKid()).setAlgorithm("Ed25519")
                .setPublicKey(com.google.protobuf.ByteString.copyFrom(key.getPublicKey()))));
        return response.build();
    }

    private TicketsRecord readable(String ticketId, Caller caller) {
        TicketsRecord ticket = tickets.find(UUID.fromString(ticketId)).orElseThrow(() -> DomainException.notFound("ticket", ticketId));
        requireHolderOrStaff(ticket, caller);
        return ticket;
    }

    /** A service, or staff of the organization of {@code ticket}'s show: not held to the tickets a customer holds. */
    private boolean seesWholeBooking(TicketsRecord ticket, Caller caller) {
        return caller.isService() || caller.isMemberOf(organizations.of(ticket.getShowtimeId()));
    }

    private void requireHolderOrStaff(TicketsRecord ticket, Caller caller) {
        caller.requireAuthenticated();
        if (!caller.isService() && !caller.userId().equals(ticket.getHolderUserId().toString())) {
            organizations.requireStaff(ticket.getShowtimeId(), caller);
        }
    }
}
