-- A giver's offers a page at a time (ListTicketOffers), newest first: every offer of theirs with `all` (the account
-- export), not only the pending ones the partial index served.
drop index ticket_offers_of_giver;
create index ticket_offers_by_giver on ticket_offers (from_user_id, created_at desc, id desc);
