package io.ticketmesh.ticket.persistence;

import static io.ticketmesh.ticket.persistence.jooq.Tables.BOOKING_TICKET_VERSIONS;
import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKETS;

import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.persistence.MultiRowInsert;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Tickets. Admission is one conditional update, so of concurrent scans of a ticket exactly one admits it. */
@Repository
public class TicketRepository {
    private final DSLContext dsl;

    public TicketRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Inserts in one statement the tickets whose booking was issued none for their seat yet (each must have the same
     * fields set); answers how many it inserted.
     */
    public int insertAbsent(List<TicketsRecord> tickets) {
        if (tickets.isEmpty()) {
            return 0;
        }
        return MultiRowInsert.of(dsl, TICKETS, tickets).onConflict(TICKETS.BOOKING_ID, TICKETS.SEAT_ID)
                .where(TICKETS.TRANSFERRED_FROM.isNull()).doNothing().execute();
    }

    /** The ticket, locked until the transaction ends. */
    public Optional<TicketsRecord> lock(UUID ticketId) {
        return dsl.selectFrom(TICKETS).where(TICKETS.ID.eq(ticketId)).forUpdate().fetchOptional();
    }

    /**
     * VALID to TRANSFERRED (at the recipient's ticket's issue time) and the recipient's ticket inserted, in one
     * statement each; the ticket must be locked and VALID.
     */
    public void transfer(TicketsRecord given, TicketsRecord received) {
        dsl.update(TICKETS).set(TICKETS.STATUS, "TRANSFERRED").set(TICKETS.TRANSFERRED_AT, received.getIssuedAt())
                .where(TICKETS.ID.eq(given.getId())).and(TICKETS.STATUS.eq("VALID")).execute();
        dsl.insertInto(TICKETS).set(received).execute();
    }

    public Optional<TicketsRecord> find(UUID ticketId) {
        return dsl.selectFrom(TICKETS).where(TICKETS.ID.eq(ticketId)).fetchOptional();
    }

    /** The aggregate version of a booking's first ticket event, TicketsIssued (no event of a booking comes before it). */
    public static final long ISSUED_VERSION = 1;

    /**
     * The aggregate version of the booking's next ticket event after TicketsIssued ({@code ticketmesh.tickets} is keyed
     * by booking): 2 for the first, one further for each after (migration V19). Taken in the transaction that appends
     * the event, whose row lock orders the booking's events as their commits do. The issue itself takes
     * {@link #ISSUED_VERSION} without a statement, keeping the booking path a round trip shorter.
     */
    public long nextEventVersion(UUID bookingId) {
        return dsl.insertInto(BOOKING_TICKET_VERSIONS).set(BOOKING_TICKET_VERSIONS.BOOKING_ID, bookingId)
                .set(BOOKING_TICKET_VERSIONS.VERSION, ISSUED_VERSION + 1)
                .onConflict(BOOKING_TICKET_VERSIONS.BOOKING_ID).doUpdate()
                .set(BOOKING_TICKET_VERSIONS.VERSION, BOOKING_TICKET_VERSIONS.VERSION.plus(1L))
                .returningResult(BOOKING_TICKET_VERSIONS.VERSION).fetchSingle().value1();
    }

    /** A booking's tickets in {@link #SEAT_ORDER}. */
    public List<TicketsRecord> ofBooking(UUID bookingId) {
        return dsl.selectFrom(TICKETS).where(TICKETS.BOOKING_ID.eq(bookingId)).orderBy(TICKETS.SECTION.collate("C"),
                TICKETS.ROW_LABEL.collate("C"), TICKETS.SEAT_LABEL.collate("C"), TICKETS.ISSUED_AT, TICKETS.ID).fetch();
    }

    /**
     * The order of a booking's tickets: by section, row and seat label, compared as {@link #ofBooking} compares them,
     * then a seat's tickets as they were issued (the booking's, then each transfer's).
     */
    public static final Comparator<TicketsRecord> SEAT_ORDER = Comparator.comparing(TicketsRecord::getSection)
            .thenComparing(TicketsRecord::getRowLabel).thenComparing(TicketsRecord::getSeatLabel)
            .thenComparing(TicketsRecord::getIssuedAt);

    public List<TicketsRecord> ofShowtime(UUID showtimeId, Cursor after, int limit) {
        var query = dsl.selectFrom(TICKETS).where(TICKETS.SHOWTIME_ID.eq(showtimeId));
        if (after != null) {
            query = query.and(DSL.row(TICKETS.ISSUED_AT, TICKETS.ID).gt(after.atUtc(), after.id()));
        }
        return query.orderBy(TICKETS.ISSUED_AT, TICKETS.ID).limit(limit).fetch();
    }

    /** A customer's tickets, newest first, after the cursor (null for the first page); not the box office's they sold. */
    public List<TicketsRecord> ofHolder(UUID holderUserId, Cursor after, int limit) {
        var query = dsl.selectFrom(TICKETS).where(TICKETS.HOLDER_USER_ID.eq(holderUserId)).and(soldOnline());
        if (after != null) {
            query = query.and(DSL.row(TICKETS.ISSUED_AT, TICKETS.ID).lt(after.atUtc(), after.id()));
        }
        return query.orderBy(TICKETS.ISSUED_AT.desc(), TICKETS.ID.desc()).limit(limit).fetch();
    }

    /**
     * Blanks the holder's name on every ticket of theirs (their account closed); answers how many were named. Not on
     * those they sold at the box office, which carry their buyers' names.
     */
    public int eraseHolderName(UUID holderUserId) {
        return dsl.update(TICKETS).set(TICKETS.HOLDER_NAME, "")
                .where(TICKETS.HOLDER_USER_ID.eq(holderUserId).and(soldOnline()).and(TICKETS.HOLDER_NAME.ne(""))).execute();
    }

    /**
     * Blanks the buyer's name on up to {@code limit} tickets sold at the box office before {@code cutoff} (a buyer there
     * has no account whose closing would); answers how many.
     */
    public int eraseBoxOfficeHolderNames(OffsetDateTime cutoff, int limit) {
        return dsl.update(TICKETS).set(TICKETS.HOLDER_NAME, "").where(TICKETS.ID.in(DSL.select(TICKETS.ID).from(TICKETS)
                .where(DSL.condition(TICKETS.BOX_OFFICE)).and(TICKETS.HOLDER_NAME.ne("")).and(TICKETS.ISSUED_AT.lt(cutoff))
                .limit(limit))).execute();
    }

    /** Tickets in their holder's wallet: all but the box office's (written as the wallet index's predicate, so it serves). */
    private static Condition soldOnline() {
        return DSL.not(DSL.condition(TICKETS.BOX_OFFICE));
    }

    /**
     * VALID to CHECKED_IN at the gate by the staff member, by hand or by code; the admitted ticket, or empty when it
     * was not VALID (already in, voided or given away).
     */
    public Optional<TicketsRecord> admit(UUID ticketId, String gate, UUID admittedBy, boolean byHand) {
        return dsl.update(TICKETS).set(TICKETS.STATUS, "CHECKED_IN").set(TICKETS.CHECKED_IN_AT, OffsetDateTime.now())
                .set(TICKETS.CHECKED_IN_GATE, gate).set(TICKETS.CHECKED_IN_BY, admittedBy).set(TICKETS.CHECKED_IN_BY_HAND, byHand)
                .where(TICKETS.ID.eq(ticketId)).and(TICKETS.STATUS.eq("VALID")).returning().fetchOptional();
    }

    /**
     * The booking's tickets that admit or admitted among those named by id or seat (each seat's, whoever holds it
     * now), or all of them when neither is named.
     */
    public List<TicketsRecord> liveOf(UUID bookingId, Collection<UUID> ticketIds, Collection<UUID> seatIds) {
        return dsl.selectFrom(TICKETS).where(live(bookingId, ticketIds, seatIds)).fetch();
    }

    /**
     * Voids the booking's tickets {@link #liveOf} selects (a transferred one stays so: its recipient's ticket is the
     * seat's live one); returns them.
     */
    public List<TicketsRecord> voidTickets(UUID bookingId, Collection<UUID> ticketIds, Collection<UUID> seatIds, String reason) {
        return dsl.update(TICKETS).set(TICKETS.STATUS, "VOIDED").set(TICKETS.VOIDED_AT, OffsetDateTime.now()).set(TICKETS.VOID_REASON, reason)
                .where(live(bookingId, ticketIds, seatIds)).returning().fetch();
    }

    /**
     * A showtime's tickets that admit or admitted (a ticket voided after its admission included: its holder came in),
     * counted by section, gate, quarter hour of admission and whether by hand in one read of the showtime's tickets.
     * Tickets to come have neither gate nor quarter.
     */
    public List<AdmissionGroup> admissionGroups(UUID showtimeId) {
        Field<OffsetDateTime> quarter = DSL.field("date_bin('15 minutes', {0}, timestamptz '2000-01-01')",
                OffsetDateTime.class, TICKETS.CHECKED_IN_AT);
        return dsl.select(TICKETS.SECTION, TICKETS.CHECKED_IN_GATE, quarter, TICKETS.CHECKED_IN_BY_HAND, DSL.max(TICKETS.CHECKED_IN_AT),
                        DSL.count())
                .from(TICKETS).where(TICKETS.SHOWTIME_ID.eq(showtimeId))
                .and(TICKETS.STATUS.in("VALID", "CHECKED_IN").or(TICKETS.CHECKED_IN_AT.isNotNull()))
                .groupBy(TICKETS.SECTION, TICKETS.CHECKED_IN_GATE, quarter, TICKETS.CHECKED_IN_BY_HAND)
                .fetch(row -> new AdmissionGroup(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6()));
    }

    /**
     * Tickets of one section admitted at one gate in one quarter hour, by hand or by code, or (gate and quarter null)
     * still to come.
     */
    public record AdmissionGroup(String section, String gate, OffsetDateTime quarter, boolean byHand, OffsetDateTime lastAdmittedAt,
                                 int tickets) {
        public boolean admitted() {
            return gate != null;
        }
    }

    private static Condition live(UUID bookingId, Collection<UUID> ticketIds, Collection<UUID> seatIds) {
        Condition named = ticketIds.isEmpty() && seatIds.isEmpty() ? DSL.noCondition()
                : TICKETS.ID.in(ticketIds).or(TICKETS.SEAT_ID.in(seatIds));
        return TICKETS.BOOKING_ID.eq(bookingId).and(TICKETS.STATUS.in("VALID", "CHECKED_IN")).and(named);
    }
}
