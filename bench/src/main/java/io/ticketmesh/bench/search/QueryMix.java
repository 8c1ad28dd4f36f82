package io.ticketmesh.bench.search;

import com.google.protobuf.Timestamp;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What people type and click, in rough proportions: a word of a title, two words of one title, a common word that
 * matches thousands of events, a word with a city, and browsing without words by city and category or by dates
 * and price. About one search in ten asks for the second page's worth (page_size 40).
 */
final class QueryMix {
    private final List<String> titles;

    QueryMix(List<String> titles) {
        this.titles = titles;
    }

    /** A request and the name of its kind, for per-kind latencies. */
    record Query(String kind, SearchEventsRequest request) {}

    Query next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        SearchEventsRequest.Builder request = SearchEventsRequest.newBuilder().setPageSize(random.nextInt(10) == 0 ? 40 : 20);
        String[] title = titles.get(random.nextInt(titles.size())).toLowerCase().split(" ");
        int dice = random.nextInt(100);
        if (dice < 35) {
            return new Query("title_word", request.setQuery(title[random.nextInt(title.length)]).build());
        } else if (dice < 50) {
            return new Query("two_title_words", request.setQuery(title[0] + " " + title[1]).build());
        } else if (dice < 65) {
            return new Query("common_word", request.setQuery(pick(BenchCatalog.COMMON_WORDS)).build());
        } else if (dice < 75) {
            return new Query("word_and_city", request.setQuery(title[random.nextInt(title.length)] + " " + pick(BenchCatalog.CITIES)).build());
        } else if (dice < 90) {
            return new Query("browse_city_category", request.setCity(pick(BenchCatalog.CITIES))
                    .addCategories(EventCategory.valueOf("EVENT_CATEGORY_" + pick(BenchCatalog.CATEGORIES))).build());
        }
        Instant from = Instant.now().plus(Duration.ofDays(random.nextInt(150)));
        return new Query("browse_week_under_15", request.setFrom(seconds(from)).setTo(seconds(from.plus(Duration.ofDays(7))))
                .setMaxPriceMinor(1500).build());
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private static Timestamp seconds(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }
}
