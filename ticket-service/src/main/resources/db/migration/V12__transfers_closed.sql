-- The organizer closed the showtime to transfers (its catalog's Showtime.transfers_closed, kept as the catalog changes
-- it): TransferTicket refuses its tickets.
alter table inventory_showtimes add column transfers_closed boolean not null default false;
