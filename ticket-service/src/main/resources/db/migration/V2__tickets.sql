-- Tickets: one per seat of a confirmed booking, with a QR payload signed by an Ed25519 key of this service.
create table ticket_signing_keys (
    kid         text primary key,
    -- PKCS#8; local and test stacks keep it here, production would keep it in a KMS
    private_key bytea       not null,
    -- the raw 32-byte Ed25519 public key, as scanners get it
    public_key  bytea       not null,
    created_at  timestamptz not null default now()
);

create table tickets (
    id              uuid primary key,
    booking_id      uuid        not null,
    hold_id         uuid        not null references holds (id),
    showtime_id     uuid        not null references inventory_showtimes (id),
    seat_id         uuid        not null,
    section         text        not null,
    row_label       text        not null,
    seat_label      text        not null,
    tier            text        not null,
    holder_user_id  uuid        not null,
    holder_name     text        not null,
    status          text        not null check (status in ('VALID', 'CHECKED_IN', 'VOIDED')),
    qr_payload      text        not null,
    issued_at       timestamptz not null,
    checked_in_at   timestamptz,
    checked_in_gate text,
    voided_at       timestamptz,
    void_reason     text,
    unique (booking_id, seat_id),
    check ((status = 'CHECKED_IN') = (checked_in_at is not null) or status = 'VOIDED')
);
-- one live ticket per seat of a showtime, whatever happens above
create unique index one_live_ticket_per_seat on tickets (showtime_id, seat_id) where status <> 'VOIDED';
create index tickets_by_booking on tickets (booking_id);
