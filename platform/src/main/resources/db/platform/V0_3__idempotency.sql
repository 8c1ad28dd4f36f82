-- Idempotent RPCs (platform). The first answer to a (scope, request_id) is kept with a hash of its request, in
-- the same transaction as the change it made; a retry gets the same answer, a different request the same id fails.
create table idempotency_keys (
    scope         text        not null,
    request_id    text        not null,
    request_hash  bytea       not null,
    response      bytea       not null,
    created_at    timestamptz not null default now(),
    primary key (scope, request_id)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
