-- Holding, releasing and expiring a seat change its state, hold and version. With no index on the hold, none of
-- these is an indexed column, so PostgreSQL can update the row in place on its page (a HOT update): no new entries in
-- the primary key for every change, less WAL, and no index bloat from the churn of an on-sale. A hold's seats are
-- found through the primary key from the hold's own seat list instead. Pages are left a tenth empty for the new row
-- versions; the setting applies to pages written from now on (inventory built after this migration).
drop index seats_by_hold;
alter table seats set (fillfactor = 90);
