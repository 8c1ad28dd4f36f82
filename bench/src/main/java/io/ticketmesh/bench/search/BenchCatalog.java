package io.ticketmesh.bench.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fills event-service's database with a catalog the size the search target names: events with made-up titles
 * (a few thousand distinct words, so a title word finds about a hundred events), descriptions drawn from common
 * English words (each in a few percent of events), 1 to 3 showtimes on sale over the next six months in venues
 * across UK cities, two price tiers each; then builds the search rows from the same view the service uses.
 */
final class BenchCatalog {
    static final List<String> CITIES = List.of("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh",
            "Liverpool", "Bristol", "Sheffield", "Newcastle", "Cardiff", "Belfast", "Nottingham", "Leicester", "Brighton",
            "Oxford", "Cambridge", "York", "Bath", "Aberdeen", "Norwich", "Exeter", "Plymouth", "Dundee");
    static final List<String> CATEGORIES = List.of("THEATRE", "CINEMA", "CONCERT", "OPERA", "DANCE", "COMEDY", "SPORTS",
            "FAMILY", "CONFERENCE", "OTHER");
    static final List<String> COMMON_WORDS = List.of(("love night city dream summer winter story river light dark music "
            + "voice heart family friend journey secret garden house king queen war peace ghost island ocean mountain road "
            + "star moon sun fire water storm wild golden silver broken lost hidden last first young old little grand "
            + "spring autumn evening morning midnight dance song orchestra choir symphony comedy tragedy musical ballet "
            + "festival live tour premiere classic modern revival encore gala tribute legend hero stranger lover mother "
            + "father daughter son sister brother child dog horse bird tale myth wonder magic laughter tears memory "
            + "promise letter window door bridge station train ship garden forest desert snow rain wind").split(" "));
    private static final String[] SYLLABLES = {"ka", "lo", "mir", "ta", "ven", "dor", "sel", "bri", "no", "qua", "ru",
            "fen", "ix", "ol", "pa", "zen", "tor", "mi", "la", "cor", "vas", "el", "um", "ber", "sti", "gan", "ho", "lin",
            "de", "rak", "so", "wen", "al", "tri", "mo", "nex"};

    private BenchCatalog() {}

    /** Made-up title words, the same on every run. */
    static List<String> titleWords(int count) {
        Random random = new Random(42);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            StringBuilder word = new StringBuilder();
            for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words.add(word.toString());
        }
        return new ArrayList<>(words);
    }

    /** Loads {@code events} events and their showtimes; returns the number of showtimes. */
    static int load(Connection c, int events, List<String> titleWords) throws SQLException {
        String organization = "11111111-1111-1111-1111-111111111111";
        try (Statement s = c.createStatement()) {
            s.execute("select setseed(0.42)");
            s.execute("""
                    insert into venues (id, organization_id, name, city, timezone, capacity)
                    select gen_random_uuid(), '%s', city || ' ' || kind, city, 'Europe/London', 1000
                    from unnest(?::text[]) city, unnest(array['Playhouse', 'Arena', 'Royal Hall']) kind
                    """.formatted(organization).replace("?::text[]", textArray(CITIES)));
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into events (id, organization_id, title, description, category, genre, duration_seconds)
                select gen_random_uuid(), ?::uuid,
                       initcap(t[1 + floor(random() * cardinality(t))::int] || ' ' || t[1 + floor(random() * cardinality(t))::int]
                               || case when random() < 0.5 then ' ' || t[1 + floor(random() * cardinality(t))::int] else '' end),
                       (select string_agg(d[1 + floor(random() * cardinality(d))::int + 0 * w], ' ')
                        from generate_series(1, 12) w where g > 0),
                       c[1 + floor(random() * cardinality(c))::int], '', 7200
                from generate_series(1, ?) g, (select ?::text[] t, ?::text[] d, ?::text[] c) words
                """)) {
            insert.setString(1, organization);
            insert.setInt(2, events);
            insert.setArray(3, array(c, titleWords));
            insert.setArray(4, array(c, COMMON_WORDS));
            insert.setArray(5, array(c, CATEGORIES));
            insert.execute();
        }
        try (Statement s = c.createStatement()) {
            int showtimes = s.executeUpdate("""
                    insert into showtimes (id, event_id, organization_id, venue_id, starts_at, ends_at, timezone, status,
                                           venue_revision, version, published_at)
                    select gen_random_uuid(), x.event_id, x.organization_id, x.venue_id, x.starts_at,
                           x.starts_at + interval '2 hours', 'Europe/London', 'ON_SALE', 1, 2, now()
                    from (select e.id as event_id, e.organization_id,
                                 v.ids[1 + floor(random() * cardinality(v.ids))::int] as venue_id,
                                 date_trunc('hour', now() + interval '1 day' + random() * interval '180 days') as starts_at
                          from events e
                                   cross join lateral generate_series(1, 1 + floor(random() * 3)::int + 0 * e.duration_seconds) n
                                   cross join (select array_agg(id) as ids from venues) v) x
                    """);
            s.execute("""
                    insert into price_tiers (showtime_id, tier, amount_minor, currency)
                    select id, tier, case tier when 'A' then 3000 + floor(random() * 7000) else 800 + floor(random() * 2200) end, 'GBP'
                    from showtimes, unnest(array['A', 'B']) tier
                    """);
            // the same copy as event-service's SearchIndex, for every showtime at once
            s.execute("""
                    do $$
                    declare columns text := (select string_agg(quote_ident(column_name), ', ' order by ordinal_position)
                                             from information_schema.columns where table_name = 'showtime_search');
                    begin
                        execute format('insert into showtime_search (%1$s) select %1$s from showtime_search_source', columns);
                    end $$
                    """);
            // what autovacuum would do soon after a bulk load (it also moves GIN's pending entries into the index)
            s.execute("vacuum analyze");
            return showtimes;
        }
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static String textArray(List<String> values) {
        return "array['" + String.join("', '", values) + "']";
    }
}
