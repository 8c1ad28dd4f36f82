package io.ticketmesh.booking.saga;

import io.ticketmesh.proto.payment.v1.Card;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Cards of bookings whose authorization has not gone through yet, in this process's memory only (never written
 * anywhere), so a saga retried after payment-service was unreachable can still authorize. Forgotten once the
 * authorization step ends or its deadline passes; a saga resumed by another process finds the payment through
 * payment-service instead, or fails with PAYMENT_INTERRUPTED when none was made.
 */
@Component
public class CardsInFlight {
    private record Kept(Card card, Instant until) {}

    private final Map<UUID, Kept> cards = new ConcurrentHashMap<>();

    void keep(UUID bookingId, Card card, Instant until) {
        cards.values().removeIf(kept -> kept.until().isBefore(Instant.now()));
        cards.put(bookingId, new Kept(card, until));
    }

    Card find(UUID bookingId) {
        Kept kept = cards.get(bookingId);
        return kept == null || kept.until().isBefore(Instant.now()) ? null : kept.card();
    }

    void forget(UUID bookingId) {
        cards.remove(bookingId);
    }
}
