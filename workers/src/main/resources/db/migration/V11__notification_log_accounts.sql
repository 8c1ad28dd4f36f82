-- The account a mail was for, when it had one (a customer's booking, their account's notices, a ticket given to them;
-- none for a buyer at the box office or an offer to an address): a closed account's mails are erased by it as well as
-- by its address, so those sent to an address it had before go too, and an account's export finds its mails by it
-- alone (an address is not confirmed when an account registers). Rows logged before this migration have none.
alter table notification_log add column user_id uuid;
create index notification_log_by_user on notification_log (user_id) where user_id is not null;
