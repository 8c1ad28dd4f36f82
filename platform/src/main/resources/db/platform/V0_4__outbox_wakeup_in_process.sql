-- The relay is now woken in-process after commit (OutboxWakeup). NOTIFY took a cluster-wide lock at every commit
-- that wrote events, serializing the writes of all services.
drop trigger outbox_written on outbox;
drop function outbox_notify();
