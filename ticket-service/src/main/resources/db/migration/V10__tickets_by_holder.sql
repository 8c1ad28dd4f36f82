-- A customer's tickets (ListTickets of a holder, "my tickets" in the apps), newest first, a page after the last
-- ticket of the one before.
create index tickets_by_holder on tickets (holder_user_id, issued_at desc, id desc);
