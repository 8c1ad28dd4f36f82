-- Seat inventory: one row per seat of a published showtime, built from ShowtimePublished. The seat row is the only
-- place a seat's sale state lives, so it names at most one hold and one booking; the checks tie the state to them.
create table inventory_showtimes (
    id                   uuid primary key,
    organization_id      uuid        not null,
    status               text        not null check (status in ('ON_SALE', 'CANCELLED')),
    starts_at            timestamptz not null,
    sales_start          timestamptz,
    sales_end            timestamptz,
    max_tickets_per_user int         not null check (max_tickets_per_user > 0),
    currency             text        not null,
    total_seats          int         not null,
    -- the catalog's showtime version last applied (ShowtimePublished, ShowtimeChanged)
    catalog_version      bigint      not null,
    created_at           timestamptz not null default now()
);

-- Versions of inventory changes. One sequence instead of a counter row per showtime: a counter row would make every
-- hold of a showtime queue behind one row lock. A seat's changes are serialized by its row lock and take their
-- number after it, so each seat's versions increase in the order its changes commit.
create sequence inventory_version;

create table seats (
    showtime_id     uuid             not null references inventory_showtimes (id),
    seat_id         uuid             not null,
    section_id      uuid             not null,
    section         text             not null,
    row_label       text             not null,
    label           text             not null,
    row_index       int              not null,
    position_in_row int              not null,
    stage_distance  double precision not null,
    tier            text             not null,
    price_minor     bigint           not null check (price_minor >= 0),
    features        text[]           not null default '{}',
    state           text             not null default 'AVAILABLE'
                    check (state in ('AVAILABLE', 'HELD', 'SOLD', 'BLOCKED')),
    hold_id         uuid,
    booking_id      uuid,
    version         bigint           not null default 0,
    primary key (showtime_id, seat_id),
    check ((state = 'HELD') = (hold_id is not null)),
    check ((state = 'SOLD') = (booking_id is not null))
);
create index seats_by_hold on seats (hold_id) where hold_id is not null;
create index seats_by_booking on seats (booking_id) where booking_id is not null;

create table standing_areas (
    showtime_id uuid   not null references inventory_showtimes (id),
    section_id  uuid   not null,
    section     text   not null,
    capacity    int    not null check (capacity > 0),
    tier        text   not null,
    price_minor bigint not null check (price_minor >= 0),
    primary key (showtime_id, section_id)
);

create table holds (
    id             uuid primary key,
    showtime_id    uuid        not null references inventory_showtimes (id),
    user_id        uuid        not null,
    status         text        not null check (status in ('ACTIVE', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    seat_ids       uuid[]      not null,
    expires_at     timestamptz not null,
    extensions     int         not null default 0,
    booking_id     uuid,
    subtotal_minor bigint      not null,
    currency       text        not null,
    created_at     timestamptz not null default now(),
    ended_at       timestamptz,
    check ((status = 'CONFIRMED') = (booking_id is not null))
);
-- the sweeper's work list
create index holds_expiring on holds (expires_at) where status = 'ACTIVE';
-- the per-customer limit counts these
create index holds_by_customer on holds (showtime_id, user_id) where status in ('ACTIVE', 'CONFIRMED');
create unique index holds_by_booking on holds (booking_id) where booking_id is not null;
