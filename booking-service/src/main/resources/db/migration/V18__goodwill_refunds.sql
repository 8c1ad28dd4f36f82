-- A refund of part of what was paid without cancelling a seat (RefundBooking): carried out as a cancellation of no
-- seats (nothing voided or freed, the booking's status kept), its amount chosen by the organizer.
alter table cancellations add column goodwill boolean not null default false;
