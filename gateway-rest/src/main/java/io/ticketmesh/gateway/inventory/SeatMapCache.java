package io.ticketmesh.gateway.inventory;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The REST seat maps, made for the crowd that opens one showtime's map when its sale opens.
 * <p>
 * Every request reads the seats' states from ticket-service: a snapshot taken after it arrived, so a customer sees
 * their own hold (ticket-service shares one read among the requests waiting for it). The rest of each seat, which
 * changes only with the catalog version, comes from the showtime's {@link SeatMapLayout}, read in full once per
 * catalog version. So a FULL answer costs ticket-service a STATES read (50 KB for 50,000 seats, against 3.6 MB),
 * and the gateway a copy of the layout with the states put in. The gzip of an answer is made once per version of
 * the map, for everyone who asks for that version: compressing a 50,000-seat map takes far longer than sending it.
 * <p>
 * Layouts of the showtimes read last are kept up to a budget of bytes; the least recently read go first.
 */
@Component
class SeatMapCache {
    private static final String SERVICE = "ticket-service";
    /** Showtimes kept at most, however small: each also keeps its latest answer in each view. */
    private static final int MAX_SHOWTIMES = 1_000;
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final SeatMapJson writer;
    private final long budgetBytes;
    /** By showtime, least recently read first. */
    private final LinkedHashMap<UUID, Showtime> showtimes = new LinkedHashMap<>(16, 0.75f, true);

    SeatMapCache(Downstream downstream, GrpcCalls calls, SeatMapJson writer, GatewayProperties properties) {
        this.downstream = downstream;
        this.calls = calls;
        this.writer = writer;
        this.budgetBytes = properties.seatMapCacheBytes();
    }

    /** One view of a showtime's map at one version: its ETag, its JSON, and the JSON gzipped (made once). */
    static final class Answer {
        private final String etag;
        private final long catalogVersion;
        private final long version;
        private final Supplier<byte[]> json;
        private final Supplier<byte[]> gzipped;

        Answer(String etag, long catalogVersion, long version, Supplier<byte[]> json) {
            this.etag = etag;
            this.catalogVersion = catalogVersion;
            this.version = version;
            this.json = json;
            this.gzipped = SingletonSupplier.of(() -> gzip(json.get()));
        }

        /**
         * Which of two answers in one view to keep: the kept one if it is the same map or a newer one. Requests
         * racing each other finish in any order, and one that read the map earlier must not replace a newer answer
         * (the next request for the newer map would compress it again).
         */
        static Answer keep(Answer kept, Answer fresh) {
            boolean keptIsNewer = kept.catalogVersion > fresh.catalogVersion
                    || kept.catalogVersion == fresh.catalogVersion && kept.version > fresh.version;
            return kept.etag.equals(fresh.etag) || keptIsNewer ? kept : fresh;
        }

        String etag() {
            return etag;
        }

        byte[] json() {
            return json.get();
        }

        byte[] gzipped() {
            return gzipped.get();
        }
    }

    /** The map of {@code showtimeId} as it is now, in {@code view}: "full" or "states". */
    Answer read(UUID showtimeId, String view) {
        GetSeatAvailabilityResponse now = read(showtimeId, SeatMapView.SEAT_MAP_VIEW_STATES);
        Showtime showtime = showtime(showtimeId);
        Fitted fitted = view.equals("states") ? new Fitted(now, null) : showtime.fitted(now);
        GetSeatAvailabilityResponse states = fitted.states();
        String etag = etag(view, states);
        Answer fresh = new Answer(etag, states.getCatalogVersion(), states.getVersion(),
                fitted.layout() == null ? () -> writer.writeStates(states) : () -> writer.write(states, fitted.layout()));
        Answer kept = showtime.latest.merge(view, fresh, Answer::keep);
        return kept.etag.equals(etag) ? kept : fresh;
    }

    /** A STATES answer and a layout of the same catalog version, or none for the STATES view. */
    private record Fitted(GetSeatAvailabilityResponse states, SeatMapLayout layout) {}

    /** Weak: the same map is the same JSON, but compression changes the bytes on the wire. */
    private static String etag(String view, GetSeatAvailabilityResponse map) {
        return "W/\"" + view + "-" + map.getVersion() + "-" + map.getCatalogVersion() + (map.getOnSale() ? "" : "-off-sale") + "\"";
    }

    private GetSeatAvailabilityResponse read(UUID showtimeId, SeatMapView view) {
        return calls.idempotent(SERVICE, () -> downstream.inventory().getSeatAvailability(GetSeatAvailabilityRequest.newBuilder()
                .setShowtimeId(showtimeId.toString()).setView(view).build()));
    }

    private Showtime showtime(UUID showtimeId) {
        synchronized (showtimes) {
            Showtime showtime = showtimes.get(showtimeId);
            if (showtime == null) {
                showtime = new Showtime(showtimeId);
                showtimes.put(showtimeId, showtime);
                trim(showtime);
            }
            return showtime;
        }
    }

    /**
     * Lets the least recently read showtimes go, but {@code kept}, until those left fit the budget of bytes and are no
     * more than {@link #MAX_SHOWTIMES}.
     */
    private void trim(Showtime kept) {
        synchronized (showtimes) {
            long bytes = showtimes.values().stream().mapToLong(Showtime::bytes).sum();
            for (Iterator<Showtime> eldest = showtimes.values().iterator();
                 (bytes > budgetBytes || showtimes.size() > MAX_SHOWTIMES) && eldest.hasNext(); ) {
                Showtime showtime = eldest.next();
                if (showtime != kept) {
                    bytes -= showtime.bytes();
                    eldest.remove();
                }
            }
        }
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 6 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What is kept of one showtime: its layout and the latest answer in each view. */
    private final class Showtime {
        private final UUID id;
        private final ReentrantLock reading = new ReentrantLock();
        private final Map<String, Answer> latest = new ConcurrentHashMap<>();
        private volatile SeatMapLayout layout;

        Showtime(UUID id) {
            this.id = id;
        }

        long bytes() {
            SeatMapLayout current = layout;
            return current == null ? 0 : current.keptBytes();
        }

        /**
         * {@code states} with the layout kept, or one read now if none fits (one request reads it; those arriving
         * meanwhile wait for it). If the catalog changed between the two reads, the newer FULL answer's states go with
         * its layout instead.
         */
        Fitted fitted(GetSeatAvailabilityResponse states) {
            SeatMapLayout current = layout;
            if (current == null || !current.fits(states.getCatalogVersion(), states.getSeatStates())) {
                reading.lock();
                try {
                    current = layout;
                    if (current == null || !current.fits(states.getCatalogVersion(), states.getSeatStates())) {
                        GetSeatAvailabilityResponse full = read(id, SeatMapView.SEAT_MAP_VIEW_FULL);
                        current = writer.layout(full);
                        layout = current;
                        if (!current.fits(states.getCatalogVersion(), states.getSeatStates())) {
                            states = SeatMapJson.statesOf(full);
                        }
                    }
                } finally {
                    reading.unlock();
                }
                trim(this);
            }
            return new Fitted(states, current);
        }
    }
}
