-- Addresses accounts asked to move to, each waiting for the link mailed to it: the secret stored only as its SHA-256,
-- good once until expires_at. Confirming one uses up every open one of the account. The sweep of spent credentials
-- (identity/ExpiredCredentials) deletes those asked for over a day ago.
create table email_changes (
    id           uuid primary key,
    user_id      uuid        not null references users (id),
    new_email    citext      not null,
    token_hash   bytea       not null unique,
    requested_at timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index email_changes_by_user on email_changes (user_id, requested_at);
create index email_changes_by_request_time on email_changes (requested_at);
