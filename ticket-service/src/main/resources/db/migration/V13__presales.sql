-- A showtime's presale (SetPresale): from starts_at until the showtime's sales_start, a hold needs one of its codes
-- (kept in upper case, compared so). No row: no presale.
create table presales (
    showtime_id uuid        primary key references inventory_showtimes (id),
    starts_at   timestamptz not null,
    codes       text[]      not null check (cardinality(codes) between 1 and 100),
    updated_by  text        not null,
    updated_at  timestamptz not null
);
