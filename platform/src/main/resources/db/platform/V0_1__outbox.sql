-- Transactional outbox (platform). A service writes its event here in the same transaction as the state change;
-- the relay publishes rows to Kafka in id order and deletes them once the broker acknowledged them.
create table outbox (
    id            bigint generated always as identity primary key,
    event_id      uuid        not null unique,
    topic         text        not null,
    -- the Kafka record key: the aggregate id; order is kept per key
    message_key   text        not null,
    -- full proto name of the payload, e.g. ticketmesh.booking.v1.BookingConfirmed (the CloudEvents type)
    event_type    text        not null,
    payload       bytea       not null,
    -- extra record headers captured at write time (traceparent, x-request-id), as a JSON object of strings
    headers       jsonb       not null default '{}'::jsonb,
    created_at    timestamptz not null default now()
);

-- Wake the relay as soon as a transaction that wrote events commits (NOTIFY is delivered at commit).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end;
$$;

create trigger outbox_written after insert on outbox
    for each statement execute function outbox_notify();
