-- A box office buyer has no account whose closing would erase their name and address from the sale: they are erased
-- once the sale is older than the platform's personal data retention (BookingConfig.boxOfficeBuyers), found through
-- this index rather than by reading every booking each hour.
create index box_office_buyers_by_time on bookings (created_at)
    where box_office_payment is not null and (customer_email <> '' or customer_name <> '');
