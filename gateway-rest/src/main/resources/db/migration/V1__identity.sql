-- Identity: users, organizations with memberships, refresh tokens, signing keys. Owned by gateway-rest.
create extension if not exists citext;

create table users (
    id             uuid primary key,
    email          citext      not null unique,
    name           text        not null,
    password_hash  text        not null,
    -- platform-wide roles, e.g. {ADMIN}; everyone signed in is a CUSTOMER
    platform_roles text[]      not null default '{}',
    created_at     timestamptz not null default now()
);

create table organizations (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

create table memberships (
    organization_id uuid        not null references organizations (id),
    user_id         uuid        not null references users (id),
    role            text        not null check (role in ('OWNER', 'STAFF')),
    created_at      timestamptz not null default now(),
    primary key (organization_id, user_id)
);
create index memberships_by_user on memberships (user_id);

-- Opaque refresh tokens, stored only as SHA-256 hashes. Each use rotates the token within its family; presenting
-- a rotated token again revokes the whole family (the token was stolen, or replayed).
create table refresh_tokens (
    id          uuid primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references users (id),
    token_hash  bytea       not null unique,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    rotated_at  timestamptz,
    revoked_at  timestamptz
);
create index refresh_tokens_by_family on refresh_tokens (family_id);

-- RS256 signing keys. A new key is published in the JWKS before it signs anything (so every service's cached JWKS
-- already has it), signs from activates_at until retired_at, and stays published until the tokens it signed expire.
create table signing_keys (
    kid           text primary key,
    -- the private and public key as a JWK (JSON); local and test stacks keep it here, production would use a KMS
    jwk           text        not null,
    created_at    timestamptz not null default now(),
    activates_at  timestamptz not null,
    retired_at    timestamptz,
    publish_until timestamptz
);
-- at most one key that has no retirement planned: the current or the coming one
create unique index one_unretired_signing_key on signing_keys ((true)) where retired_at is null;

-- Idempotency-Key records of mutating REST calls: the same key and body replay the first response.
create table idempotency_records (
    scope         text        not null,
    idem_key      text        not null,
    request_hash  bytea       not null,
    status        int,
    content_type  text,
    body          bytea,
    created_at    timestamptz not null default now(),
    primary key (scope, idem_key)
);
create index idempotency_records_created_at on idempotency_records (created_at);
