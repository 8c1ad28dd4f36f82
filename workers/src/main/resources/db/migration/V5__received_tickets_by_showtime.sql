-- A moved show tells the holders of its tickets received from others, found by showtime.
create index received_tickets_by_showtime on received_tickets (showtime_id);
