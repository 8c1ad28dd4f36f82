-- Cashing up a box office till: who handed back each refund (the person who cancelled; no one for a sweep such as a
-- cancelled showtime's), and a staff member's box office sales and refunds over a period.
alter table cancellations add column cancelled_by text;
create index cancellations_by_staff on cancellations (cancelled_by, created_at) where cancelled_by is not null;
create index box_office_sales_by_seller on bookings (organization_id, user_id, created_at) where box_office_payment is not null;
