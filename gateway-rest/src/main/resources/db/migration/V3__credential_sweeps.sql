-- What the sweep of spent credentials (identity/ExpiredCredentials, every ten minutes) deletes by: refresh tokens past
-- their expiry, and password resets asked for over a day ago (the sweep replaces the deletion at an account's next
-- request that V2's comment describes).
create index refresh_tokens_by_expiry on refresh_tokens (expires_at);
create index password_resets_by_request_time on password_resets (requested_at);
