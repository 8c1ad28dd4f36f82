-- A sale at the box office is the organization's, not the staff member's who made it: the hold made for the counter
-- counts toward no one's per-customer limit, and its tickets, held in the seller's name for want of the buyer's
-- account, are in no wallet and are not given away online. Holds and tickets made before this count as online ones.
alter table holds   add column box_office boolean not null default false;
alter table tickets add column box_office boolean not null default false;

-- a customer's wallet, newest first (tickets_by_holder listed the box office's tickets under their seller)
drop index tickets_by_holder;
create index tickets_in_wallet on tickets (holder_user_id, issued_at desc, id desc) where not box_office;
