-- A ticket given to another customer (TransferTicket): its row becomes TRANSFERRED, and a new row for the same seat
-- of the same booking names the recipient as holder and the ticket it replaced.
alter table tickets drop constraint tickets_status_check;
alter table tickets add constraint tickets_status_check check (status in ('VALID', 'CHECKED_IN', 'VOIDED', 'TRANSFERRED'));
alter table tickets add column transferred_at   timestamptz,
                    add column transferred_from uuid references tickets (id);
alter table tickets add constraint tickets_transferred_when check ((status = 'TRANSFERRED') = (transferred_at is not null));

-- a booking's own tickets stay one a seat (what IssueTickets' retry finds); the tickets transferred join them
alter table tickets drop constraint tickets_booking_id_seat_id_key;
create unique index tickets_issued_once on tickets (booking_id, seat_id) where transferred_from is null;
-- a ticket is given away once
create unique index tickets_transferred_once on tickets (transferred_from) where transferred_from is not null;

-- one ticket a seat that admits, whatever happens above: neither a voided nor a transferred one does
drop index one_live_ticket_per_seat;
create unique index one_live_ticket_per_seat on tickets (showtime_id, seat_id) where status in ('VALID', 'CHECKED_IN');
