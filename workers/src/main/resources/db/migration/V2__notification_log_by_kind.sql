-- One event can ask for mails of different kinds (an address change: the link to the new address, and a notice to the
-- old one), each logged once.
alter table notification_log drop constraint notification_log_pkey;
alter table notification_log add primary key (event_id, kind);
