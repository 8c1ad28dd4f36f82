-- Tickets of a booking its customer holds no more (given to another customer, or voided), read before the booking's
-- reminder was written: a transfer is on another topic than the booking's confirmation, so it can be read first. The
-- reminder, when written, leaves them out of its ticket list (and is not written when none is left), and takes the
-- rows; rows no reminder ever took go after a week. A booking's reminder and these rows are written under one
-- advisory lock a booking, so neither misses the other.
create table tickets_let_go (
    ticket_id  uuid primary key,
    booking_id uuid        not null,
    let_go_at  timestamptz not null default now()
);
create index tickets_let_go_of_booking on tickets_let_go (booking_id);
