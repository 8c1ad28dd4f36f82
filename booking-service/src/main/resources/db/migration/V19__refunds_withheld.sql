-- The organizer's refund policy by time (event-service's Showtime.customer_refund_steps): a customer's own cancellation
-- close to the show refunds refund_percent of what its seats would refund, the rest withheld. A booking keeps the sum
-- withheld, so a later cancellation of its last seats refunds what is left of what was paid less what was withheld.
alter table cancellations
    add column withheld_minor  bigint  not null default 0 check (withheld_minor >= 0),
    add column refund_percent  integer not null default 100 check (refund_percent between 0 and 100);
alter table bookings add column withheld_minor bigint not null default 0 check (withheld_minor >= 0);
