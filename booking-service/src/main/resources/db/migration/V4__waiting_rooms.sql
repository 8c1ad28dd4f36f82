-- On-sale waiting rooms. A room admits `admitted_before` places plus `admit_per_minute` a minute since `rate_since`
-- (the later of the opening and the last rate change); a place is admitted once its rank is within that count, so no
-- scheduler is needed and every process agrees on who is in.
create table waiting_rooms (
    showtime_id       uuid        primary key,
    organization_id   uuid        not null,
    active            boolean     not null,
    admit_per_minute  int         not null check (admit_per_minute >= 0),
    opens_at          timestamptz not null,
    admission_ttl_s   int         not null check (admission_ttl_s > 0),
    admitted_before   bigint      not null default 0 check (admitted_before >= 0),
    rate_since        timestamptz not null,
    -- strictly increasing per room; the version of its WaitingRoomChanged events
    version           bigint      not null,
    -- the request_id of the last ConfigureRoom applied: its retry changes nothing
    last_request_id   text        not null,
    updated_at        timestamptz not null
);

-- Queue keys: arrivals before the opening draw a random key below 2^62, so their order is a fair lottery; later
-- arrivals take 2^62 plus the next number of this sequence, after every early one, first come first served.
create sequence waiting_room_arrivals;

create table waiting_room_places (
    showtime_id          uuid        not null references waiting_rooms (showtime_id),
    user_id              text        not null,
    queue_key            bigint      not null,
    -- the Join that put the caller in this place: its retry answers the place, even once the admission lapsed
    request_id           text        not null,
    joined_at            timestamptz not null,
    -- 1-based place in the whole queue, counted once the room has opened (it no longer changes then)
    queue_rank           bigint,
    admitted_at          timestamptz,
    admission_expires_at timestamptz,
    primary key (showtime_id, user_id),
    check ((admitted_at is null) = (admission_expires_at is null))
);
create index waiting_room_places_in_order on waiting_room_places (showtime_id, queue_key);

-- The Ed25519 keys that sign admission tokens; the oldest signs (see AdmissionTokens).
create table admission_signing_keys (
    kid         text        primary key,
    private_key bytea       not null,
    public_key  bytea       not null,
    created_at  timestamptz not null default clock_timestamp()
);
