-- Password resets, and the version identity events carry for an account.

-- The account's version: one further with each event about it (EventMetadata.aggregate_version)
alter table users add column version bigint not null default 1;

-- Mailed reset secrets, stored only as their SHA-256: each good once, until expires_at. A reset or a password
-- change uses up every open one of the account. Rows older than a day are deleted when the account asks again.
create table password_resets (
    id           uuid primary key,
    user_id      uuid        not null references users (id),
    token_hash   bytea       not null unique,
    requested_at timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index password_resets_by_user on password_resets (user_id, requested_at);

-- Every session of an account, for signing them all out when its password changes
create index refresh_tokens_by_user on refresh_tokens (user_id) where revoked_at is null;
