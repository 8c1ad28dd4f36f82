-- A staff member's shift at an organization's box office: their till opened with a float (the cash put in it to give
-- change), then counted at its close against what it should hold (the float, and the cash they took less what they
-- handed back over the shift, read from bookings and cancellations as GetBoxOfficeTill reads them). At most one open
-- shift a staff member and organization; the request ids that opened and closed it answer their retries.
create table till_shifts (
    id                  uuid primary key,
    organization_id     uuid        not null,
    staff_user_id       text        not null,
    opened_at           timestamptz not null,
    currency            text        not null,
    opening_float_minor bigint      not null check (opening_float_minor >= 0),
    closed_at           timestamptz,
    closed_by           text,
    counted_cash_minor  bigint check (counted_cash_minor >= 0),
    expected_cash_minor bigint check (expected_cash_minor >= 0),
    note                text,
    constraint till_shifts_closed check ((closed_at is null) = (counted_cash_minor is null)
        and (closed_at is null) = (expected_cash_minor is null) and (closed_at is null) = (closed_by is null))
);
create unique index till_shifts_one_open on till_shifts (organization_id, staff_user_id) where closed_at is null;
-- ListTillShifts: an organization's shifts, the latest opened first.
create index till_shifts_of_organization on till_shifts (organization_id, opened_at, id);
