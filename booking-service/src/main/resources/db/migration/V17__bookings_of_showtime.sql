-- A showtime's bookings for its organization, newest first (ListBookings with showtime_id), read a page at a time
-- through this index; it takes the place of the one on showtime_id alone, whose reads it serves as well.
create index bookings_of_showtime on bookings (showtime_id, created_at desc, id desc);
drop index bookings_by_showtime;
