-- A booking's reminder keeps the ids of the booking's tickets its customer still holds: a ticket given to another
-- customer or voided leaves the list, and a booking whose customer holds none of its tickets is reminded no more (the
-- tickets' new holders are reminded of their own). Null for a received ticket's reminder and for rows from before.
alter table show_reminders add column ticket_ids uuid[];
