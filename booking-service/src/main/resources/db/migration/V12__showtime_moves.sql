-- Showtimes the organizer moved (a ShowtimeChanged naming starts_at among the fields it changed), each move once, by
-- the showtime's version. The kept bookings made before a move are told of it (BookingRescheduled, a batch a sweep)
-- and their customers may cancel for a refund until the new start.
create table showtime_moves (
    showtime_id uuid        not null,
    version     bigint      not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    moved_at    timestamptz not null default now(),
    -- every kept booking made before the move has been told
    told        boolean     not null default false,
    primary key (showtime_id, version)
);
create index showtime_moves_untold on showtime_moves (moved_at) where not told;

-- Which booking was told of which move of its showtime.
create table booking_move_notices (
    booking_id       uuid   not null references bookings (id),
    showtime_version bigint not null,
    primary key (booking_id, showtime_version)
);
