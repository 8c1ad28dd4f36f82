-- A giver's waiting offers (ListTicketOffers), newest first.
create index ticket_offers_of_giver on ticket_offers (from_user_id, created_at desc) where status = 'PENDING';
