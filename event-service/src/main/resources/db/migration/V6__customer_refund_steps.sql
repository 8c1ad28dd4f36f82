-- The organizer's refund policy by time (Showtime.customer_refund_steps): once less than a step's before_start is left
-- until the show, a customer cancelling their own booking gets that step's percent of the refund. Kept as two arrays,
-- position by position, earliest step (longest before_start) first.
alter table showtimes
    add column customer_refund_step_seconds  bigint[] not null default '{}',
    add column customer_refund_step_percents integer[] not null default '{}',
    add constraint showtimes_customer_refund_steps
        check (cardinality(customer_refund_step_seconds) = cardinality(customer_refund_step_percents));
