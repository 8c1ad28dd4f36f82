package io.ticketmesh.realtime.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import java.util.HashMap;
import java.util.Map;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The showtimes watched in this process, each a {@link Feed} fed by its Redis channel ({@code ticketmesh:seats:<id>},
 * published by workers). The first watcher of a showtime subscribes to its channel and then loads its map from
 * ticket-service; later watchers get the map from memory. When Redis subscriptions come back after a lost connection
 * (pub/sub keeps nothing for the absent), the map is loaded again and every watcher gets a fresh snapshot. The last
 * watcher to leave ends the subscription. Each watcher is fed by its own thread ({@link QueuedWatcher}): a slow
 * client slows no one else, and one {@value #MAX_BEHIND} messages behind is let go.
 */
@Component
public class ShowtimeFeeds {
    public static final String CHANNEL_PREFIX = "ticketmesh:seats:";
    /** Messages a watcher may fall behind before it is let go (a few seconds of an on-sale rush's changes). */
    static final int MAX_BEHIND = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ShowtimeFeeds.class);
    private final Map<String, Feed> feeds = new HashMap<>();
    private final RedissonClient redis;
    private final SeatMapSource source;

    public ShowtimeFeeds(RedissonClient redis, SeatMapSource source) {
        this.redis = redis;
        this.source = source;
    }

    /** What a watcher calls to stop watching. */
    @FunctionalInterface
    public interface Subscription {
        void cancel();
    }

    public Subscription watch(String showtimeId, Watcher sink) {
        QueuedWatcher watcher = new QueuedWatcher(sink, MAX_BEHIND, self -> leave(showtimeId, self));
        Feed feed;
        boolean created;
        synchronized (feeds) {
            created = !feeds.containsKey(showtimeId);
            feed = feeds.computeIfAbsent(showtimeId, Feed::new);
            feed.add(watcher);
        }
        if (created) {
            Thread.ofVirtual().name("feed-" + showtimeId).start(() -> start(feed));
        }
        return () -> leave(showtimeId, watcher);
    }

    /** The watcher stops watching (again changes nothing); the last to leave a feed ends it. */
    private void leave(String showtimeId, Watcher watcher) {
        synchronized (feeds) {
            Feed feed = feeds.get(showtimeId);
            if (feed != null && feed.remove(watcher)) {
                feeds.remove(showtimeId);
                stop(feed);
            }
        }
    }

    /** How many showtimes this process watches (for tests and the log). */
    public int watched() {
        synchronized (feeds) {
            return feeds.size();
        }
    }

    private void start(Feed feed) {
        try {
            RTopic topic = topic(feed);
            feed.messageListener = topic.addListener(byte[].class, (channel, message) -> feed.received(parse(message)));
            feed.statusListener = topic.addListener(new BaseStatusListener() {
                @Override
                public void onSubscribe(String channel) {
                    if (feed.isLoaded()) { // subscribed again after a lost connection: what was missed is in a new snapshot
                        Thread.ofVirtual().start(() -> load(feed));
                    }
                }
            });
            synchronized (feeds) {
                if (feeds.get(feed.showtimeId()) != feed) { // every watcher left while this subscribed
                    stop(feed);
                    return;
                }
            }
            load(feed);
        } catch (RuntimeException e) {
            fail(feed, e);
        }
    }

    private void load(Feed feed) {
        feed.reloading();
        try {
            feed.loaded(source.load(feed.showtimeId()));
        } catch (RuntimeException e) {
            fail(feed, e);
        }
    }

    private void fail(Feed feed, RuntimeException cause) {
        log.info("seat map of {} cannot be served: {}", feed.showtimeId(), cause.toString());
        synchronized (feeds) {
            feed.failed(cause);
            if (feeds.get(feed.showtimeId()) == feed) {
                feeds.remove(feed.showtimeId());
                stop(feed);
            }
        }
    }

    private void stop(Feed feed) {
        try {
            topic(feed).removeListener(feed.messageListener, feed.statusListener);
        } catch (RuntimeException e) {
            log.warn("could not unsubscribe from {}", CHANNEL_PREFIX + feed.showtimeId(), e);
        }
    }

    private RTopic topic(Feed feed) {
        return redis.getTopic(CHANNEL_PREFIX + feed.showtimeId(), ByteArrayCodec.INSTANCE);
    }

    private static SeatChanges parse(byte[] message) {
        try {
            return SeatChanges.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a SeatChanges message", e);
        }
    }
}
