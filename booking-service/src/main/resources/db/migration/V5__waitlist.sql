-- Waitlists. An entry waits (WAITING) until the offer sweep holds matching seats for its customer (OFFERED, with the
-- hold and its expiry), then is FULFILLED by a booking of that hold or EXPIRED when the hold lapses unbooked; the
-- customer may leave (LEFT) before.
create table waitlist_entries (
    id               uuid        primary key,
    showtime_id      uuid        not null,
    user_id          text        not null,
    customer_email   text        not null,
    quantity         int         not null check (quantity between 1 and 20),
    together         boolean     not null,
    tier             text        not null,
    status           text        not null check (status in ('WAITING', 'OFFERED', 'FULFILLED', 'EXPIRED', 'LEFT')),
    -- the Join that made the entry: its retry answers the entry
    join_request_id  text        not null,
    hold_id          uuid,
    offer_expires_at timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    check ((status in ('OFFERED', 'FULFILLED', 'EXPIRED')) = (hold_id is not null and offer_expires_at is not null))
);
-- one active entry per customer and showtime
create unique index waitlist_one_active_entry on waitlist_entries (showtime_id, user_id) where status in ('WAITING', 'OFFERED');
create unique index waitlist_entry_of_request on waitlist_entries (user_id, join_request_id);
-- the sweep's reads: waiting entries in order, offers to settle
create index waitlist_waiting_in_order on waitlist_entries (showtime_id, created_at, id) where status = 'WAITING';
create index waitlist_offered on waitlist_entries (hold_id) where status = 'OFFERED';
