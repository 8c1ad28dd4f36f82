-- A customer's cancellation that ticket-service refused, as it voids no ticket the customer gave to someone else: kept
-- REFUSED with why, nothing of it carried out (voiding the tickets is its first step), so its retry answers the same.
alter table cancellations drop constraint cancellations_state_check;
alter table cancellations add constraint cancellations_state_check check (state in ('PENDING', 'DONE', 'REFUSED'));
-- the customer asked it (not an OWNER, nor the sweep of a cancelled showtime): its tickets are voided only while theirs
alter table cancellations add column by_customer boolean not null default false,
                          add column refusal     text;
alter table cancellations add constraint cancellations_refused_why check ((state = 'REFUSED') = (refusal is not null));
