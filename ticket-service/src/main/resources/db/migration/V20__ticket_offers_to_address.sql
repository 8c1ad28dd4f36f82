-- A closed account's address is erased from the settled offers made to it (and again every minute for an hour after,
-- platform's AccountClosures): found through this index rather than by reading every offer each time.
create index ticket_offers_to_address on ticket_offers (recipient_email) where recipient_email <> '';
