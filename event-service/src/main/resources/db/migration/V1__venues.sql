-- Venues and their seat maps. A venue belongs to one organization; every seat has a stable id for life.
create table venues (
    id              uuid primary key,
    organization_id uuid        not null,
    name            text        not null,
    city            text        not null,
    address         text        not null default '',
    country_code    text        not null default '',
    timezone        text        not null,
    -- sellable places: seats plus standing capacity
    capacity        int         not null check (capacity > 0),
    stage_x         double precision,
    stage_y         double precision,
    revision        bigint      not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index venues_by_organization on venues (organization_id, created_at desc, id desc);

create table venue_sections (
    id           uuid primary key,
    venue_id     uuid not null references venues (id) on delete cascade,
    position     int  not null,
    name         text not null,
    kind         text not null check (kind in ('SEATED', 'STANDING')),
    capacity     int  not null default 0 check (capacity >= 0),
    default_tier text not null default '',
    unique (venue_id, name),
    unique (venue_id, position)
);

create table venue_rows (
    id         uuid primary key,
    section_id uuid not null references venue_sections (id) on delete cascade,
    position   int  not null,
    label      text not null,
    unique (section_id, label),
    unique (section_id, position)
);

create table venue_seats (
    id       uuid primary key,
    row_id   uuid             not null references venue_rows (id) on delete cascade,
    position int              not null,
    label    text             not null,
    x        double precision not null,
    y        double precision not null,
    tier     text             not null default '',
    features text[]           not null default '{}',
    unique (row_id, label),
    unique (row_id, position)
);
