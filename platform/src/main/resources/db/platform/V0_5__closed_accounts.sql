-- Accounts closed within the last hour (platform, in the services that erase what they keep of customers): their
-- erasure is repeated every minute until then, for rows that work in flight at the closing wrote after it. The
-- address is kept that hour for what is found by it (the mail log).
create table closed_accounts (
    user_id    text        primary key,
    email      text        not null,
    closed_at  timestamptz not null
);
