-- The log keeps an entry as long as ticketmesh.mail.log-retention (MailLogRetention): older ones are found through
-- this index to be deleted, not by reading the whole log.
create index notification_log_by_time on notification_log (sent_at);
