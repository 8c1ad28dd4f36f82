-- Until when customers may cancel their own bookings for a refund (booking-service asks for the showtime when one
-- does); null: until the show starts.
alter table showtimes add column customer_refunds_end timestamptz;
