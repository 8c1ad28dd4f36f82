-- Inbox (platform). A consumer records each event id here in the same transaction as the event's effect,
-- so a redelivered event is recognised and changes nothing.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index inbox_received_at on inbox (received_at);
