-- A closed account's address is erased from the log, and again every minute for an hour after (platform's
-- AccountClosures): found through this index, not by reading the whole log each time.
create index notification_log_by_recipient on notification_log (lower(recipient));
