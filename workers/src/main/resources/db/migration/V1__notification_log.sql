-- Every email workers sent, one row per event that asked for it, written in the inbox transaction of that event: what
-- went to whom, for support and for tests. (The inbox keeps a redelivered event from sending again.)
create table notification_log (
    event_id   uuid        primary key,
    kind       text        not null,
    recipient  text        not null,
    subject    text        not null,
    sent_at    timestamptz not null default now()
);
