-- Whether the showtime's tickets may be given to another customer (ticket-service's TransferTicket): the organizer's
-- guard against resale, published with the showtime.
alter table showtimes add column transfers_closed boolean not null default false;
