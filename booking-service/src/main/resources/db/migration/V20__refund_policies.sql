-- Each showtime's refund policy for customers as its organizer set it over time (event-service's customer_refunds_end
-- and customer_refund_steps, read from ShowtimePublished and from each ShowtimeChanged that changes them; since is
-- the showtime's updated_at then). A customer's own cancellation is held to the policy in force when they booked, or
-- to the one in force now when that is kinder: an organizer cannot take back a refund already promised. One row a
-- showtime version that set it (a redelivered event changes nothing). Showtimes published before this table have
-- none, and their bookings are held to the policy as it stands.
create table refund_policies (
    showtime_id   uuid        not null,
    version       bigint      not null,
    since         timestamptz not null,
    refunds_end   timestamptz,
    step_seconds  bigint[]    not null,
    step_percents integer[]   not null,
    primary key (showtime_id, version),
    constraint refund_policies_steps check (cardinality(step_seconds) = cardinality(step_percents))
);
