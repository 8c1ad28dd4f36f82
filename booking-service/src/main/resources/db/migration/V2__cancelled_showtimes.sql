-- Showtimes their organizer cancelled (from ShowtimeCancelled). Every booking of one that is, or later becomes,
-- CONFIRMED or PARTIALLY_CANCELLED gets a full refund: a sweep opens the cancellations, so a booking whose saga
-- was still running when the event arrived is refunded once it confirms.
create table cancelled_showtimes (
    showtime_id  uuid primary key,
    cancelled_at timestamptz not null default now()
);
