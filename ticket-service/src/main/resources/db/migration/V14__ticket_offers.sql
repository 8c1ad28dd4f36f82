-- A ticket offered to someone without an account yet (OfferTicket), by address; accepted (AcceptTicketOffer) by the
-- account that has the address and the mailed token, whose hash alone is kept. One pending offer a ticket.
create table ticket_offers (
    id              uuid        primary key,
    ticket_id       uuid        not null references tickets (id),
    from_user_id    uuid        not null,
    -- the giver's name as their token carried it, for the transfer's mail
    from_name       text        not null,
    recipient_email text        not null,
    token_sha256    bytea       not null unique,
    status          text        not null check (status in ('PENDING', 'ACCEPTED', 'WITHDRAWN')),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    -- the ticket the recipient got, once accepted
    accepted_ticket uuid        references tickets (id),
    check ((status = 'ACCEPTED') = (accepted_ticket is not null))
);
create unique index ticket_offers_one_pending on ticket_offers (ticket_id) where status = 'PENDING';
