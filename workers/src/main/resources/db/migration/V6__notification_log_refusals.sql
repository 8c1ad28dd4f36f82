-- A mail the SMTP server refused for good (a permanent reply to its recipient or to its content: no such mailbox, say)
-- is logged as REFUSED with the server's reply and not tried again, so it no longer holds up the mails behind it;
-- every other entry was SENT.
alter table notification_log
    add column outcome text not null default 'SENT' check (outcome in ('SENT', 'REFUSED')),
    add column reply   text;
