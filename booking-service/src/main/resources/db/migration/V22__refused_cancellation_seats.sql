-- The seats a customer's cancellation was refused for (their tickets given to someone else or used at the door after
-- it was asked for, as ticket-service's void found): named in the refusal's answer and in every retry's. Null for a
-- cancellation refused before V22 and for any not refused.
alter table cancellations add column refused_seat_ids uuid[];
