-- Events (what an organization sells) and showtimes (an event in a venue at a time) with their price tiers.
create table events (
    id               uuid primary key,
    organization_id  uuid        not null,
    title            text        not null,
    description      text        not null default '',
    category         text        not null,
    genre            text        not null default '',
    duration_seconds int         not null default 0 check (duration_seconds >= 0),
    language         text        not null default '',
    age_rating       text        not null default '',
    image_urls       text[]      not null default '{}',
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index events_by_organization on events (organization_id, created_at desc);

create table showtimes (
    id                   uuid primary key,
    event_id             uuid        not null references events (id),
    organization_id      uuid        not null,
    venue_id             uuid        not null references venues (id),
    starts_at            timestamptz not null,
    ends_at              timestamptz not null,
    timezone             text        not null,
    sales_start          timestamptz,
    sales_end            timestamptz,
    max_tickets_per_user int         not null default 10 check (max_tickets_per_user between 1 and 100),
    status               text        not null default 'DRAFT'
                         check (status in ('DRAFT', 'ON_SALE', 'SOLD_OUT', 'CANCELLED', 'ENDED')),
    -- the venue revision whose seat map is sold; fixed at publication
    venue_revision       bigint,
    version              bigint      not null default 1,
    published_at         timestamptz,
    cancelled_at         timestamptz,
    cancel_reason        text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check (ends_at > starts_at),
    check (sales_end is null or sales_start is null or sales_end > sales_start)
);
create index showtimes_by_event on showtimes (event_id, starts_at);
create index showtimes_by_organization on showtimes (organization_id, starts_at);

create table price_tiers (
    showtime_id  uuid   not null references showtimes (id) on delete cascade,
    tier         text   not null,
    amount_minor bigint not null check (amount_minor >= 0),
    currency     text   not null check (currency ~ '^[A-Z]{3}$'),
    display_name text   not null default '',
    primary key (showtime_id, tier)
);
