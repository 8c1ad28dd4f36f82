-- A showtime's door list (ListTickets of a showtime) is read a page at a time in issue order, each page after the
-- last ticket of the one before. Without this index every page sorted all of the showtime's tickets (50,000 for an
-- arena) to find its hundred; with it a page is a range read wherever it falls in the list.
create index tickets_by_showtime on tickets (showtime_id, issued_at, id);
