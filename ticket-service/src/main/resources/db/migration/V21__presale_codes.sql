-- Single-use presale codes (IssuePresaleCodes): random, each for one customer, the first to hold with it (used_by),
-- admitting holds while the showtime's presale runs with issued_codes. A presale may then have no shared codes.
create table presale_codes (
    showtime_id uuid        not null references inventory_showtimes (id),
    code        text        not null,
    issued_at   timestamptz not null,
    used_by     text,
    used_at     timestamptz,
    primary key (showtime_id, code),
    constraint presale_codes_used check ((used_by is null) = (used_at is null))
);
alter table presales add column issued_codes boolean not null default false;
alter table presales drop constraint presales_codes_check;
alter table presales add constraint presales_codes_check
    check (cardinality(codes) <= 100 and (issued_codes or cardinality(codes) >= 1));
