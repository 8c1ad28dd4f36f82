-- What ticket-service keeps of people without an account, which no closing would erase: a box office buyer's name on
-- their tickets, and the address a ticket was offered to. Both are erased once older than the platform's personal data
-- retention (PersonalDataConfig), found through these indexes rather than by reading every row.
create index box_office_holder_names_by_time on tickets (issued_at) where box_office and holder_name <> '';
create index ticket_offer_addresses_by_time on ticket_offers (created_at) where recipient_email <> '';
