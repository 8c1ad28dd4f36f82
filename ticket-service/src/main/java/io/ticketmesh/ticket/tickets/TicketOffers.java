package io.ticketmesh.ticket.tickets;

import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKETS;
import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKET_OFFERS;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.crypto.OpaqueSecrets;
import io.ticketmesh.platform.crypto.SecretSealer;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferResponse;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersResponse;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.OfferTicketResponse;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.ticket.v1.TicketOfferStatus;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferResponse;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketOffersRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket offered to someone without an account yet: its holder names an address (OfferTicket), workers mail it a
 * one-time link (TicketOffered carries the token, an {@link OpaqueSecrets} secret, sealed for workers; only its hash
 * is kept), and whoever then has an account with that address and the token accepts it (AcceptTicketOffer), which
 * gives the ticket as TransferTicket does. Until then the ticket stays the giver's, who may use it, give it otherwise
 * or withdraw the offer; acceptance then finds it no longer theirs to give. Locks are taken as a transfer takes them
 * (the booking's hold, the ticket), then the offer's row.
 */
@Service
public class TicketOffers {
    /** How long an offer waits at most; it lapses at the show's start if that is sooner. */
    static final Duration LIFETIME = Duration.ofDays(7);
    /** Offers a page when the request names no size. */
    static final int PAGE = 100;
    private static final FieldDescriptor SEALED_TOKEN = TicketOffered.getDescriptor().findFieldByNumber(TicketOffered.SEALED_TOKEN_FIELD_NUMBER);
    private final DSLContext dsl;
    private final TicketTransfers transfers;
    private final TicketRepository tickets;
    private final InventoryRepository inventory;
    private final Outbox outbox;
    private final IdempotentRequests idempotent;
    private final SecretSealer sealer;

    /** {@code sealer}: seals an offer's token for workers, which alone read it. */
    public TicketOffers(DSLContext dsl, TicketTransfers transfers, TicketRepository tickets, InventoryRepository inventory, Outbox outbox,
                        IdempotentRequests idempotent, SecretSealer sealer) {
        this.dsl = dsl;
        this.transfers = transfers;
        this.tickets = tickets;
        this.inventory = inventory;
        this.outbox = outbox;
        this.idempotent = idempotent;
        this.sealer = sealer;
    }

    @Transactional
    public OfferTicketResponse offer(OfferTicketRequest request, Caller caller) {
        caller.requireAuthenticated();
        TicketsRecord ticket = transfers.lockToGive(request.getTicketId());
        TicketTransfers.requireHolder(ticket, caller);
        return idempotent.once(request.getRequestId(), request, OfferTicketResponse.parser(), () -> {
            String email = request.getRecipientEmail().strip().toLowerCase(Locale.ROOT);
            if (email.equals(caller.email().toLowerCase(Locale.ROOT))) {
                throw DomainException.invalid("recipient_email", "is the caller's own address");
            }
            OffsetDateTime now = StoredTime.now();
            transfers.requireGivable(ticket, now);
            dsl.update(TICKET_OFFERS).set(TICKET_OFFERS.STATUS, "WITHDRAWN").where(TICKET_OFFERS.TICKET_ID.eq(ticket.getId()))
                    .and(TICKET_OFFERS.STATUS.eq("PENDING")).execute();
            String token = OpaqueSecrets.next();
            OffsetDateTime startsAt = inventory.findShowtime(ticket.getShowtimeId()).orElseThrow().getStartsAt();
            TicketOffersRecord offer = dsl.newRecord(TICKET_OFFERS);
            offer.setId(UUID.randomUUID());
            offer.setTicketId(ticket.getId());
            offer.setFromUserId(UUID.fromString(caller.userId()));
            offer.setFromName(caller.name());
            offer.setRecipientEmail(email);
            offer.setTokenSha256(OpaqueSecrets.hash(token));
            offer.setStatus("PENDING");
            offer.setCreatedAt(now);
            offer.setExpiresAt(startsAt.isBefore(now.plus(LIFETIME)) ? startsAt : now.plus(LIFETIME));
            offer.insert();
            outbox.append(TicketOffice.TOPIC, TicketOffered.newBuilder()
                    .setMetadata(EventMetadatas.next(ticket.getBookingId().toString(), tickets.nextEventVersion(ticket.getBookingId())))
                    .setOfferId(offer.getId().toString()).setBookingId(ticket.getBookingId().toString())
                    .setShowtimeId(ticket.getShowtimeId().toString()).setTicket(TicketProtos.ticket(ticket).toBuilder().clearQrPayload())
                    .setFromName(caller.name()).setRecipientEmail(email).setSealedToken(sealer.seal(token, SEALED_TOKEN))
                    .setExpiresAt(StoredTime.timestamp(offer.getExpiresAt())).build());
            return OfferTicketResponse.newBuilder().setOffer(proto(offer)).build();
        });
    }

    @Transactional
    public AcceptTicketOfferResponse accept(AcceptTicketOfferRequest request, Caller caller) {
        caller.requireAuthenticated();
        if (caller.isService()) {
            throw DomainException.permissionDenied("an offer is accepted by the customer it was mailed to");
        }
        TicketOffersRecord found = dsl.selectFrom(TICKET_OFFERS).where(TICKET_OFFERS.TOKEN_SHA256.eq(OpaqueSecrets.hash(request.getToken())))
                .fetchOptional().orElseThrow(() -> DomainException.notFound("ticket offer", "of this token"));
        if (!found.getRecipientEmail().equals(caller.email().toLowerCase(Locale.ROOT))) {
            throw DomainException.permissionDenied("the offer is for another address: sign in with the account of the address it was mailed to");
        }
        TicketsRecord ticket = transfers.lockToGive(found.getTicketId().toString());
        TicketOffersRecord offer = dsl.selectFrom(TICKET_OFFERS).where(TICKET_OFFERS.ID.eq(found.getId())).forUpdate().fetchSingle();
        return idempotent.once(request.getRequestId(), request, AcceptTicketOfferResponse.parser(), () -> {
            OffsetDateTime now = StoredTime.now();
            if (!offer.getStatus().equals("PENDING")) {
                throw DomainException.invalidState("the offer was " + offer.getStatus().toLowerCase(Locale.ROOT) + " already");
            }
            if (!now.isBefore(offer.getExpiresAt())) {
                throw DomainException.invalidState("the offer lapsed at " + offer.getExpiresAt());
            }
            if (!ticket.getHolderUserId().equals(offer.getFromUserId())) {
                throw DomainException.invalidState("the ticket is no longer its giver's to give");
            }
            if (offer.getFromUserId().toString().equals(caller.userId())) {
                throw DomainException.invalid("token", "the ticket is the caller's already");
            }
            Caller giver = new Caller(offer.getFromUserId().toString(), "", offer.getFromName(), Map.of(), Set.of(), "");
            TicketsRecord received = transfers.give(ticket, giver, UUID.fromString(caller.userId()), caller.name(), caller.email());
            offer.setStatus("ACCEPTED");
            offer.setAcceptedTicket(received.getId());
            offer.store();
            return AcceptTicketOfferResponse.newBuilder().setTicket(TicketProtos.ticket(received)).build();
        });
    }

    @Transactional
    public WithdrawTicketOfferResponse withdraw(WithdrawTicketOfferRequest request, Caller caller) {
        caller.requireAuthenticated();
        TicketOffersRecord offer = dsl.selectFrom(TICKET_OFFERS).where(TICKET_OFFERS.ID.eq(UUID.fromString(request.getOfferId())))
                .forUpdate().fetchOptional()
                .filter(found -> found.getFromUserId().toString().equals(caller.userId()))
                .orElseThrow(() -> DomainException.notFound("ticket offer", request.getOfferId()));
        if (offer.getStatus().equals("ACCEPTED")) {
            throw DomainException.invalidState("the offer was accepted already");
        }
        if (offer.getStatus().equals("PENDING")) {
            offer.setStatus("WITHDRAWN");
            offer.store();
        }
        return WithdrawTicketOfferResponse.newBuilder().setOffer(proto(offer)).build();
    }

    /**
     * The caller's offers, newest first, a page at a time: those that can still be taken (pending, not lapsed, the
     * ticket still theirs and VALID), or with {@code all} every one they made, a pending one that can no longer be
     * taken shown LAPSED.
     */
    @Transactional(readOnly = true)
    public ListTicketOffersResponse list(ListTicketOffersRequest request, Caller caller) {
        caller.requireAuthenticated();
        UUID giver = UUID.fromString(caller.userId());
        OffsetDateTime now = StoredTime.now();
        Field<Boolean> givable = DSL.field(TICKETS.STATUS.eq("VALID").and(TICKETS.HOLDER_USER_ID.eq(giver))).as("givable");
        Condition listed = TICKET_OFFERS.FROM_USER_ID.eq(giver);
        if (!request.getAll()) {
            listed = listed.and(TICKET_OFFERS.STATUS.eq("PENDING")).and(TICKET_OFFERS.EXPIRES_AT.gt(now))
                    .and(TICKETS.STATUS.eq("VALID")).and(TICKETS.HOLDER_USER_ID.eq(giver));
        }
        Cursor after = Cursor.parse(request);
        if (after != null) {
            listed = listed.and(DSL.row(TICKET_OFFERS.CREATED_AT, TICKET_OFFERS.ID).lt(after.atUtc(), after.id()));
        }
        int size = request.getPageSize() == 0 ? PAGE : request.getPageSize();
        List<TicketOffer> read = dsl.select(TICKET_OFFERS.fields()).select(givable).from(TICKET_OFFERS)
                .join(TICKETS).on(TICKETS.ID.eq(TICKET_OFFERS.TICKET_ID)).where(listed)
                .orderBy(TICKET_OFFERS.CREATED_AT.desc(), TICKET_OFFERS.ID.desc()).limit(size + 1)
                .fetch(row -> shown(row.into(TICKET_OFFERS), row.get(givable), now));
        var page = Page.of(read, size, offer -> Cursor.of(offer.getCreatedAt(), offer.getOfferId()), request);
        return ListTicketOffersResponse.newBuilder().addAllOffers(page.rows()).setNextPageToken(page.nextToken()).build();
    }

    /** The offer as its giver sees it: a pending one past its time, or whose ticket they can no longer give, LAPSED. */
    private static TicketOffer shown(TicketOffersRecord offer, boolean givable, OffsetDateTime now) {
        TicketOffer proto = proto(offer);
        boolean lapsed = offer.getStatus().equals("PENDING") && (!givable || !now.isBefore(offer.getExpiresAt()));
        return lapsed ? proto.toBuilder().setStatus(TicketOfferStatus.TICKET_OFFER_STATUS_LAPSED).build() : proto;
    }

    /**
     * Blanks a closed account's address on the offers made to it that are settled (accepted, withdrawn, or past their
     * time); a pending one keeps it, as whoever has the mailbox may still take it (the address is free for a new account).
     */
    void eraseRecipientAddress(String email) {
        dsl.update(TICKET_OFFERS).set(TICKET_OFFERS.RECIPIENT_EMAIL, "")
                .where(TICKET_OFFERS.RECIPIENT_EMAIL.eq(email.strip().toLowerCase(Locale.ROOT)))
                .and(TICKET_OFFERS.STATUS.ne("PENDING").or(TICKET_OFFERS.EXPIRES_AT.le(StoredTime.now()))).execute();
    }

    /**
     * Blanks the address on up to {@code limit} offers made before {@code cutoff} and no longer pending (one to an
     * address that never had an account would keep it for good); answers how many.
     */
    public int eraseAddressesOfferedBefore(OffsetDateTime cutoff, int limit) {
        return dsl.update(TICKET_OFFERS).set(TICKET_OFFERS.RECIPIENT_EMAIL, "").where(TICKET_OFFERS.ID.in(DSL.select(TICKET_OFFERS.ID)
                .from(TICKET_OFFERS).where(TICKET_OFFERS.RECIPIENT_EMAIL.ne("")).and(TICKET_OFFERS.CREATED_AT.lt(cutoff))
                .and(TICKET_OFFERS.STATUS.ne("PENDING").or(TICKET_OFFERS.EXPIRES_AT.le(StoredTime.now()))).limit(limit))).execute();
    }

    /** Blanks the giver's name on the offers of a closed account (the transfer's mail then names no one). */
    void eraseGiverName(UUID giverUserId) {
        dsl.update(TICKET_OFFERS).set(TICKET_OFFERS.FROM_NAME, "").where(TICKET_OFFERS.FROM_USER_ID.eq(giverUserId))
                .and(TICKET_OFFERS.FROM_NAME.ne("")).execute();
    }

    private static TicketOffer proto(TicketOffersRecord offer) {
        return TicketOffer.newBuilder().setOfferId(offer.getId().toString()).setTicketId(offer.getTicketId().toString())
                .setRecipientEmail(offer.getRecipientEmail()).setStatus(TicketOfferStatus.valueOf("TICKET_OFFER_STATUS_" + offer.getStatus()))
                .setCreatedAt(StoredTime.timestamp(offer.getCreatedAt()))
                .setExpiresAt(StoredTime.timestamp(offer.getExpiresAt())).build();
    }

}
