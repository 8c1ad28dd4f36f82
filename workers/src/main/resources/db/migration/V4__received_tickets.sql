-- Tickets customers received from others (TicketTransferred): whom to tell when such a ticket is voided (the organizer
-- cancelled it), as ticket-service keeps no addresses. Written in the inbox transaction of the transfer's mail; gone
-- when the ticket is given on or its holder's account closes.
create table received_tickets (
    ticket_id      uuid primary key,
    showtime_id    uuid        not null,
    holder_user_id uuid        not null,
    recipient      text        not null,
    giver_name     text        not null,
    place          text        not null,
    received_at    timestamptz not null default now()
);
create index received_tickets_by_holder on received_tickets (holder_user_id);

-- One event can now mail several addresses of one kind (a booking's tickets voided: each recipient told): the log
-- keeps a row per address, once; a row whose address was erased (its account closed) no longer takes part.
alter table notification_log drop constraint notification_log_pkey;
alter table notification_log add column id bigint generated always as identity primary key;
create unique index notification_log_once on notification_log (event_id, kind, recipient) where recipient <> '';
