-- Who admitted a ticket at the door, and whether by hand (its id, found in the door list) rather than by its code.
-- Admissions made before this stay without an admitter.
alter table tickets add column checked_in_by      uuid,
                    add column checked_in_by_hand boolean not null default false;
