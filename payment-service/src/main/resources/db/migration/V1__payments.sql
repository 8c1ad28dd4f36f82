-- payment-service: one payment per booking attempt, its refunds, and the provider webhooks already applied.
-- Amounts are minor units of the payment's currency. The checks make over-capture and over-refund impossible.
create table payments (
    id                 uuid primary key,
    booking_id         uuid        not null,
    -- the Authorize call's request_id and a hash of its request: a retry finds this payment, a reuse is refused
    authorize_request  text        not null unique,
    request_hash       bytea       not null,
    status             text        not null check (status in ('AUTHORIZING', 'REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED',
                                                             'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'FAILED')),
    currency           char(3)     not null,
    amount_minor       bigint      not null check (amount_minor > 0),
    captured_minor     bigint      not null default 0 check (captured_minor between 0 and amount_minor),
    refunded_minor     bigint      not null default 0 check (refunded_minor between 0 and captured_minor),
    card_brand         text        not null,
    card_last4         text        not null,
    -- the provider's charge id, once it has answered
    provider_reference text unique,
    failure_code       text,
    failure_message    text,
    next_action_url    text,
    version            bigint      not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index payments_by_booking on payments (booking_id);

create table refunds (
    id                 uuid primary key,
    payment_id         uuid        not null references payments (id),
    amount_minor       bigint      not null check (amount_minor > 0),
    reason             text        not null default '',
    provider_reference text        not null,
    created_at         timestamptz not null default now()
);
create index refunds_by_payment on refunds (payment_id);

-- Webhook event ids already applied: a replayed delivery is refused.
create table webhook_receipts (
    event_id    text primary key,
    received_at timestamptz not null default now()
);

-- The simulated card provider's own books, kept apart from ours so reconciliation compares two records.
-- (A real provider keeps these on its side; the simulation lives in this process and this database.)
create table provider_charges (
    id              text primary key,
    idempotency_key text        not null unique,
    card_brand      text        not null,
    card_last4      text        not null,
    currency        char(3)     not null,
    amount_minor    bigint      not null,
    captured_minor  bigint      not null default 0,
    refunded_minor  bigint      not null default 0,
    status          text        not null,
    decline_code    text,
    -- where the 3-D Secure page sends the customer back to
    return_url      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

-- Each capture, void and refund the provider performed, once per idempotency key.
create table provider_operations (
    idempotency_key text primary key,
    charge_id       text        not null references provider_charges (id),
    kind            text        not null check (kind in ('capture', 'void', 'refund')),
    amount_minor    bigint      not null,
    operation_id    text        not null,
    created_at      timestamptz not null default now()
);
