-- booking-service: bookings, their items, and the saga that carries each one through ticket-service and
-- payment-service. The saga's state is in the booking row (saga_state, lease) and its step log (saga_steps), so
-- a restarted process finds every saga in flight and resumes or compensates it.
create table bookings (
    id               uuid primary key,
    -- short human reference printed on tickets and emails, e.g. TM-7KQ4-ZP2D
    reference        text        not null unique,
    user_id          text        not null,
    customer_email   text        not null default '',
    customer_name    text        not null default '',
    -- the CreateBooking request_id and a hash of the request (card masked): a retry finds this booking
    create_request   text        not null,
    request_hash     bytea       not null,
    showtime_id      uuid        not null,
    organization_id  uuid        not null,
    hold_id          uuid        not null,
    status           text        not null check (status in ('PENDING', 'REQUIRES_ACTION', 'CONFIRMED', 'FAILED',
                                                            'PARTIALLY_CANCELLED', 'CANCELLED')),
    currency         char(3)     not null,
    subtotal_minor   bigint      not null check (subtotal_minor >= 0),
    fees_minor       bigint      not null check (fees_minor >= 0),
    taxes_minor      bigint      not null check (taxes_minor >= 0),
    total_minor      bigint      not null check (total_minor = subtotal_minor + fees_minor + taxes_minor),
    refunded_minor   bigint      not null default 0 check (refunded_minor between 0 and total_minor),
    payment_id       uuid,
    next_action_url  text,
    failure_code     text,
    failure_message  text,
    -- RUNNING: steps go forward; WAITING: for the customer's 3-D Secure until payment_deadline;
    -- COMPENSATING: undoing what succeeded; DONE
    saga_state       text        not null check (saga_state in ('RUNNING', 'WAITING', 'COMPENSATING', 'DONE')),
    -- who runs the saga now, and until when; an expired lease lets any instance resume it
    lease_owner      text,
    lease_until      timestamptz,
    -- the hold's expiry plus the late-payment grace: a challenge not completed by then is abandoned
    payment_deadline timestamptz not null,
    version          bigint      not null default 1,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (user_id, create_request)
);
-- one live booking per hold; a failed one leaves the hold free for another attempt
create unique index bookings_one_per_hold on bookings (hold_id) where status <> 'FAILED';
create index bookings_by_customer on bookings (user_id, created_at desc, id desc);
create index bookings_by_showtime on bookings (showtime_id);
create index bookings_in_flight on bookings (lease_until) where saga_state <> 'DONE';

create table booking_items (
    id          uuid primary key,
    booking_id  uuid    not null references bookings (id),
    seat_id     uuid    not null,
    section     text    not null,
    row_label   text    not null,
    seat_label  text    not null,
    tier        text    not null,
    price_minor bigint  not null check (price_minor >= 0),
    cancelled   boolean not null default false,
    unique (booking_id, seat_id)
);

-- The saga timeline: one row per step, in order, with its latest outcome.
create table saga_steps (
    booking_id  uuid        not null references bookings (id),
    position    int         not null,
    name        text        not null,
    outcome     text        not null check (outcome in ('STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED', 'WAITING')),
    attempts    int         not null default 1,
    detail      text        not null default '',
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    primary key (booking_id, position)
);

-- Cancellations of some or all seats, carried out step by step (void tickets, release seats, refund) and
-- finished by the recovery job if the process dies in between.
create table cancellations (
    id             uuid primary key,
    booking_id     uuid        not null references bookings (id),
    request_id     text        not null,
    seat_ids       uuid[]      not null,
    refund_minor   bigint      not null check (refund_minor >= 0),
    reason         text        not null default '',
    state          text        not null check (state in ('PENDING', 'DONE')),
    created_at     timestamptz not null default now(),
    unique (booking_id, request_id)
);
create index cancellations_pending on cancellations (created_at) where state = 'PENDING';
