-- A customer's waitlist entries, newest first, as ListEntries pages them (by the time and id of a page's last entry):
-- read through this index instead of finding them by (user_id, join_request_id) and sorting them all.
create index waitlist_entries_by_customer on waitlist_entries (user_id, created_at desc, id desc);
