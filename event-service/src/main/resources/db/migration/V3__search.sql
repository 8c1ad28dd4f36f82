-- Search: one row per showtime holding what search filters on and shows, and the text it matches against.
-- showtime_search_source defines each row from the catalog tables; SearchIndex copies it over whenever a showtime,
-- its event or its venue changes, in the same transaction.
create view showtime_search_source as
select s.id                                                          as showtime_id,
       s.event_id,
       s.status,
       s.starts_at,
       s.timezone,
       v.id                                                          as venue_id,
       v.name                                                        as venue_name,
       v.city,
       lower(v.city)                                                 as city_key,
       e.category,
       coalesce(tiers.currency, '')                                  as currency,
       coalesce(tiers.prices, '{}')                                  as prices,
       text.headline,
       text.headline || setweight(to_tsvector('english', e.description), 'D') as document
from showtimes s
         join events e on e.id = s.event_id
         join venues v on v.id = s.venue_id
         left join lateral (select min(p.currency)                                  as currency,
                                   array_agg(p.amount_minor order by p.amount_minor) as prices
                            from price_tiers p
                            where p.showtime_id = s.id) tiers on true
         cross join lateral (select setweight(to_tsvector('english', e.title), 'A')
                                        || setweight(to_tsvector('english', v.name || ' ' || v.city), 'B')
                                        || setweight(to_tsvector('english', e.genre || ' ' || e.category), 'C') as headline) text;

create table showtime_search (
    showtime_id uuid primary key references showtimes (id) on delete cascade,
    event_id    uuid        not null references events (id) on delete cascade,
    status      text        not null,
    starts_at   timestamptz not null,
    timezone    text        not null,
    venue_id    uuid        not null,
    venue_name  text        not null,
    city        text        not null,
    city_key    text        not null,
    category    text        not null,
    currency    text        not null,
    -- every tier price, ascending
    prices      bigint[]    not null,
    -- title, venue and city, genre and category: what a hit is ranked by
    headline    tsvector    not null,
    -- the headline and the description: what a hit must match
    document    tsvector    not null
);
create index showtime_search_headline on showtime_search using gin (headline);
create index showtime_search_document on showtime_search using gin (document);
-- browsing without words: soonest first, optionally in one city
create index showtime_search_by_start on showtime_search (status, starts_at, showtime_id);
create index showtime_search_by_city on showtime_search (city_key, status, starts_at, showtime_id);
-- an event's own showtimes, for "is this its first match" and for the showtimes shown with a hit
create index showtime_search_by_event on showtime_search (event_id, starts_at);

-- the catalog that exists already
insert into showtime_search (showtime_id, event_id, status, starts_at, timezone, venue_id, venue_name, city, city_key,
                             category, currency, prices, headline, document)
select showtime_id, event_id, status, starts_at, timezone, venue_id, venue_name, city, city_key,
       category, currency, prices, headline, document
from showtime_search_source;
