-- Who handed back a box office sale's refund at the counter, and when: a staff member cancelling at the counter hands
-- it back at once; the refunds of a showtime the organizer cancelled wait for the buyer (HandBackRefund), in no till
-- until then. A staff member's till counts the refunds they handed back over its period.
alter table cancellations
    add column handed_back_by text,
    add column handed_back_at timestamptz,
    add constraint cancellations_handed_back check ((handed_back_by is null) = (handed_back_at is null));
update cancellations c set handed_back_by = c.cancelled_by, handed_back_at = c.created_at
from bookings b where b.id = c.booking_id and b.box_office_payment is not null and c.cancelled_by is not null;
drop index cancellations_by_staff;
create index cancellations_handed_back on cancellations (handed_back_by, handed_back_at) where handed_back_by is not null;
