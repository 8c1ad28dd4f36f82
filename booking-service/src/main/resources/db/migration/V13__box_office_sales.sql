-- A booking sold at the venue's box office: how its buyer paid there (null for a booking made online). Its user_id is
-- the staff member who sold it, customer_name and customer_email the buyer's; it has no payment at the provider.
alter table bookings add column box_office_payment text check (box_office_payment in ('CASH', 'CARD_TERMINAL'));
