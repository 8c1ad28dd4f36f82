package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient.Seller;
import io.ticketmesh.booking.config.BookingProperties;
import io.ticketmesh.booking.domain.Pricing;
import io.ticketmesh.booking.domain.References;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.saga.SagaRunner;
import io.ticketmesh.booking.saga.SagaStore;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.BoxOfficeSale;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CreateBookingResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CreateBooking: checks the caller's hold, prices it (with the promotion code entered, counted against its limits),
 * requires a card unless it costs nothing or is sold at the box office (by the organization's staff, for a buyer
 * paying at the counter), writes the booking with its pricing step done, the next step started and
 * BookingCreated in one transaction, then runs the saga in this request until it is done, waits for 3-D Secure, or
 * must retry a participant later (the answer is then PENDING). The same request_id answers the same booking.
 */
@Service
public class BookingCreator {
    private final HoldPrices prices;
    private final BookingRepository bookings;
    private final BookingEvents events;
    private final SagaStore store;
    private final SagaRunner runner;
    private final BookingReader reader;
    private final BookingProperties properties;
    private final TransactionTemplate transaction;

    public BookingCreator(HoldPrices prices, BookingRepository bookings, BookingEvents events, SagaStore store, SagaRunner runner,
                          BookingReader reader, BookingProperties properties, TransactionTemplate transaction) {
        this.prices = prices;
        this.bookings = bookings;
        this.events = events;
        this.store = store;
        this.runner = runner;
        this.reader = reader;
        this.properties = properties;
        this.transaction = transaction;
    }

    public CreateBookingResponse create(CreateBookingRequest request) {
        Caller caller = CallerContext.authenticated();
        byte[] fingerprint = fingerprint(request);
        var earlier = bookings.findByRequest(caller.userId(), request.getRequestId());
        if (earlier.isPresent()) {
            return answer(sameRequest(earlier.get(), fingerprint), caller);
        }
        Hold hold = prices.callersHold(request.getHoldId(), caller);
        Seller seller = prices.sellerOf(hold);
        if (request.hasBoxOffice()) {
            caller.requireStaff(seller.organizationId());
            if (request.hasCard()) {
                throw DomainException.invalid("card", "is not taken for a box office sale: the buyer pays at the counter");
            }
        }
        if (request.hasBoxOffice() != hold.getBoxOffice()) {
            throw DomainException.invalid("box_office", hold.getBoxOffice() ? "is required: the hold was made for the box office"
                    : "needs a hold made for the box office (HoldSeats' box_office)");
        }
        Written written;
        try {
            written = transaction.execute(status -> insert(request, caller, hold, seller, fingerprint));
        } catch (DuplicateKeyException e) {
            var raced = bookings.findByRequest(caller.userId(), request.getRequestId());
            if (raced.isPresent()) {
                return answer(sameRequest(raced.get(), fingerprint), caller);
            }
            String other = bookings.liveBookingOfHold(UUID.fromString(hold.getHoldId())).map(b -> b.getId().toString()).orElse("another booking");
            throw DomainException.invalidState("the hold is already being booked by " + other).with(ErrorDetail.BOOKING_ID, other);
        }
        Card card = request.hasCard() && written.booking().getTotalMinor() > 0 ? request.getCard() : null;
        return runner.runNew(written.booking(), written.items(), card)
                .map(confirmed -> CreateBookingResponse.newBuilder().setBooking(confirmed).build())
                .orElseGet(() -> answer(written.booking().getId(), caller));
    }

    /** A booking as its creating transaction wrote it, with its items in their order. */
    private record Written(BookingsRecord booking, List<BookingItemsRecord> items) {}

    private Written insert(CreateBookingRequest request, Caller caller, Hold hold, Seller seller, byte[] fingerprint) {
        HoldPrices.Priced priced = prices.price(hold, seller, request.getPromoCode(), caller.userId(), true);
        Pricing.Totals totals = priced.totals();
        if (!totals.free() && !request.hasCard() && !request.hasBoxOffice()) {
            throw DomainException.invalid("card", "is required: only a booking whose seats are all free, or a box office sale, "
                    + "is made without a card");
        }
        BookingsRecord booking = bookings.newBooking();
        booking.setId(UUID.randomUUID());
        booking.setReference(References.next());
        booking.setUserId(caller.userId());
        if (request.hasBoxOffice()) {
            BoxOfficeSale sale = request.getBoxOffice();
            booking.setCustomerEmail(sale.getCustomerEmail());
            booking.setCustomerName(sale.getCustomerName());
            booking.setBoxOfficePayment(BookingProtos.column(sale.getPayment()));
        } else {
            booking.setCustomerEmail(caller.email());
            booking.setCustomerName(caller.name());
        }
        booking.setCreateRequest(request.getRequestId());
        booking.setRequestHash(fingerprint);
        booking.setShowtimeId(UUID.fromString(hold.getShowtimeId()));
        booking.setOrganizationId(UUID.fromString(seller.organizationId()));
        booking.setHoldId(UUID.fromString(hold.getHoldId()));
        booking.setStatus("PENDING");
        booking.setCurrency(hold.getSeats(0).getPrice().getCurrency());
        booking.setSubtotalMinor(totals.subtotal());
        booking.setDiscountMinor(totals.discount());
        if (priced.promotion().code() != null) {
            booking.setPromoCodeId(priced.promotion().code().getId());
            booking.setPromoCode(priced.promotion().code().getCode());
        }
        booking.setFeesMinor(totals.fees());
        booking.setTaxesMinor(totals.taxes());
        booking.setTotalMinor(totals.total());
        booking.setRefundedMinor(0L);
        booking.setWithheldMinor(0L);
        booking.setVersion(1L);
        booking.setSagaState("RUNNING");
        store.leaseNew(booking);
        booking.setPaymentDeadline(OffsetDateTime.ofInstant(Instant.ofEpochSecond(hold.getExpiresAt().getSeconds()), ZoneOffset.UTC)
                .plus(properties.latePaymentGrace()));
        booking.setCreatedAt(StoredTime.now());
        booking.setUpdatedAt(booking.getCreatedAt());
        booking.insert();
        List<BookingItemsRecord> items = new ArrayList<>();
        for (int i = 0; i < hold.getSeatsCount(); i++) {
            SeatAvailability seat = hold.getSeats(i);
            BookingItemsRecord item = bookings.newItem();
            item.setId(UUID.randomUUID());
            item.setBookingId(booking.getId());
            item.setSeatId(UUID.fromString(seat.getSeatId()));
            item.setSection(seat.getSection());
            item.setRowLabel(seat.getRow());
            item.setSeatLabel(seat.getLabel());
            item.setTier(seat.getTier());
            item.setPriceMinor(seat.getPrice().getAmountMinor());
            item.setDiscountMinor(priced.promotion().discounts().get(i));
            item.setCancelled(false);
            items.add(item);
        }
        items.sort(BookingRepository.ITEM_ORDER);
        bookings.insertItems(items);
        // as GetBooking would show it now, without reading back what this transaction wrote (its saga starts below)
        events.created(booking, BookingProtos.booking(booking, items, List.of(), null, List.of()));
        String discount = booking.getPromoCode() == null ? "" : ", less " + totals.discount() + " with code " + booking.getPromoCode();
        runner.startNew(booking.getId(), "subtotal " + totals.subtotal() + discount + ", fees " + totals.fees() + ", taxes " + totals.taxes()
                + " " + booking.getCurrency());
        return new Written(booking, items);
    }

    private UUID sameRequest(BookingsRecord booking, byte[] fingerprint) {
        if (!MessageDigest.isEqual(booking.getRequestHash(), fingerprint)) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                    "request_id " + booking.getCreateRequest() + " was used for a different booking");
        }
        return booking.getId();
    }

    /** The booking as it stands, after waiting a little for a saga another request is running. */
    private CreateBookingResponse answer(UUID bookingId, Caller caller) {
        long deadline = System.nanoTime() + properties.answerWithin().toNanos();
        BookingsRecord booking = bookings.find(bookingId).orElseThrow();
        while (booking.getSagaState().equals("RUNNING") || booking.getSagaState().equals("COMPENSATING")) {
            if (System.nanoTime() > deadline || booking.getLeaseOwner() == null) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            booking = bookings.find(bookingId).orElseThrow();
        }
        return CreateBookingResponse.newBuilder().setBooking(reader.view(booking, true)).build();
    }

    /** What tells a retry from another request, without keeping the card number or its hash. */
    private static byte[] fingerprint(CreateBookingRequest request) {
        String number = request.getCard().getNumber();
        CreateBookingRequest masked = !request.hasCard() ? request : request.toBuilder().setCard(request.getCard().toBuilder()
                .setNumber(number.substring(Math.max(0, number.length() - 4))).setCvc("")).build();
        try {
            return MessageDigest.getInstance("SHA-256").digest(masked.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
