-- Promotion codes an organization's customers enter when they book. A code's uses are not counted in a column: they
-- are the bookings that name it and neither failed nor were wholly cancelled, counted under the code's row lock in
-- the transaction that writes a booking, so a code limited to n uses never discounts more than n live bookings.
create table promo_codes (
    id                           uuid primary key,
    organization_id              uuid        not null,
    -- upper case, as customers' entries are compared
    code                         text        not null check (code ~ '^[A-Z0-9-]{3,32}$'),
    -- exactly one of a percentage and an amount (in currency) off each ticket it applies to
    percent_off                  int         check (percent_off between 1 and 100),
    amount_off_minor             bigint      check (amount_off_minor > 0),
    currency                     char(3),
    event_id                     uuid,
    tiers                        text[]      not null default '{}',
    starts_at                    timestamptz,
    ends_at                      timestamptz,
    -- 0: no limit
    max_redemptions              int         not null default 0 check (max_redemptions >= 0),
    max_redemptions_per_customer int         not null default 0 check (max_redemptions_per_customer >= 0),
    disabled                     boolean     not null default false,
    created_by                   text        not null,
    created_at                   timestamptz not null default now(),
    updated_at                   timestamptz not null default now(),
    unique (organization_id, code),
    check ((percent_off is null) <> (amount_off_minor is null)),
    check ((amount_off_minor is null) = (currency is null)),
    check (ends_at is null or starts_at is null or ends_at > starts_at)
);
create index promo_codes_by_organization on promo_codes (organization_id, created_at desc, id desc);

-- What a booking's code took off, booking by booking and seat by seat.
alter table bookings add column promo_code_id  uuid references promo_codes (id),
                     add column promo_code     text,
                     add column discount_minor bigint not null default 0;
-- the total's check of V1 (named by PostgreSQL, as it was written on the column) gives way to one with the discount
do $$
declare
    total_check text;
begin
    select conname into strict total_check from pg_constraint
     where conrelid = 'bookings'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%(total_minor = %';
    execute format('alter table bookings drop constraint %I', total_check);
end $$;
alter table bookings add constraint bookings_discount_check check (discount_minor between 0 and subtotal_minor),
                     add constraint bookings_total_minor_check check (total_minor = subtotal_minor - discount_minor + fees_minor + taxes_minor),
                     add constraint bookings_promo_code_named check ((promo_code_id is null) = (promo_code is null));
create index bookings_by_promo_code on bookings (promo_code_id, user_id) where promo_code_id is not null;

alter table booking_items add column discount_minor bigint not null default 0;
alter table booking_items add constraint booking_items_discount_check check (discount_minor between 0 and price_minor);
