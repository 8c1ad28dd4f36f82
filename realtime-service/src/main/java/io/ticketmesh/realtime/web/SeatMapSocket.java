package io.ticketmesh.realtime.web;

import io.grpc.StatusRuntimeException;
import io.ticketmesh.realtime.feed.ShowtimeFeeds;
import io.ticketmesh.realtime.feed.Watcher;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/showtimes/{id}}: the live seat map as JSON text messages. First {@code {"type":"snapshot","version":n,
 * "seats":[{"seat_id":...,"state":"AVAILABLE"},...],"standing":[{"section_id":...,"section":"Floor","capacity":c,
 * "available":a,"held":h,"sold":s},...]}} (again after the service had to reload the map), then
 * {@code {"type":"seats","version":n,"previous_version":m,"changes":[...]}} as seats change, with
 * {@code "standing":[...]} (the areas whose counts moved, counts now) when standing places did. A client whose last
 * version is not {@code previous_version} missed something and reconnects. A map that cannot be served gets
 * {@code {"type":"error","code":"NOT_FOUND"|...,"message":...}} and the socket closes. Seat maps are public: no token.
 * Each socket is written by its own thread (the feed's {@code QueuedWatcher}): a client too slow to take its messages
 * (a send blocked {@value #SEND_TIMEOUT_MS} ms, or too many messages behind) is disconnected and slows no one else.
 */
@Component
public class SeatMapSocket extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(SeatMapSocket.class);
    private static final String SUBSCRIPTION = "subscription";
    static final long SEND_TIMEOUT_MS = 10_000;
    /** Tomcat's bound on a blocking send (20 s unless set on the session). */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private final ShowtimeFeeds feeds;

    public SeatMapSocket(ShowtimeFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session instanceof NativeWebSocketSession socket && socket.getNativeSession() instanceof Session tomcat) {
            tomcat.getUserProperties().put(TOMCAT_SEND_TIMEOUT, SEND_TIMEOUT_MS);
        }
        String path = session.getUri() == null ? "" : session.getUri().getPath();
        String showtimeId = path.substring(path.lastIndexOf('/') + 1);
        try {
            UUID.fromString(showtimeId);
        } catch (IllegalArgumentException e) {
            session.sendMessage(new TextMessage(SeatMapJson.error("VALIDATION_FAILED", "showtime_id: must be an id (UUID)")));
            session.close(CloseStatus.BAD_DATA);
            return;
        }
        session.getAttributes().put(SUBSCRIPTION, feeds.watch(showtimeId, new SocketWatcher(session)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().remove(SUBSCRIPTION) instanceof ShowtimeFeeds.Subscription subscription) {
            subscription.cancel();
        }
    }

    /** Writes the feed to one socket, from one thread at a time; a socket that cannot take it is closed (and then unsubscribed). */
    private record SocketWatcher(WebSocketSession session) implements Watcher {
        @Override
        public void snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing) {
            send(SeatMapJson.snapshot(version, seats, standing));
        }

        @Override
        public void changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing) {
            send(SeatMapJson.changes(version, previousVersion, changes, standing));
        }

        @Override
        public void failed(RuntimeException cause) {
            String code = cause instanceof StatusRuntimeException grpc ? grpc.getStatus().getCode().name() : "UNAVAILABLE";
            send(SeatMapJson.error(code, cause instanceof StatusRuntimeException grpc ? grpc.getStatus().getDescription() : "the seat map cannot be loaded"));
            close(CloseStatus.SERVER_ERROR);
        }

        private void send(String json) {
            if (!session.isOpen()) {
                return;
            }
            try {
                session.sendMessage(new TextMessage(json));
            } catch (IOException | RuntimeException e) {
                log.debug("closing a seat map socket that cannot keep up: {}", e.toString());
                close(CloseStatus.SESSION_NOT_RELIABLE);
            }
        }

        private void close(CloseStatus status) {
            try {
                session.close(status);
            } catch (IOException e) {
                log.debug("seat map socket already gone", e);
            }
        }
    }
}
