-- A box office sale is the organization's, not the staff member's who made it: it is not in their list of their own
-- bookings, and their account's closing leaves its buyer's name and address alone.
drop index bookings_by_customer;
create index bookings_of_customer on bookings (user_id, created_at desc, id desc) where box_office_payment is null;
