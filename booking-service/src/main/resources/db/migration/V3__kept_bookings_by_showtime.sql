-- The refund sweep of cancelled showtimes (every recovery interval) looks for their bookings still kept. Without
-- this index it read the bookings of every cancelled showtime ever, refunded long ago, or every booking when those
-- are most of them; the kept ones of a refunded showtime are none, so the sweep now reads only what it refunds.
create index bookings_kept_by_showtime on bookings (showtime_id) where status in ('CONFIRMED', 'PARTIALLY_CANCELLED');
