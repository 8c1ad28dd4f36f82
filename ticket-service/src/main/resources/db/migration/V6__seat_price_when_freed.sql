-- A catalog change re-prices the seats that are free (AVAILABLE or BLOCKED) at once. A seat held or sold keeps the price
-- its customer was shown and pays; the tier's new price waits here and becomes the seat's price when the seat is freed
-- (a hold released or lapsed, a sale refunded). Without it, a seat held during a re-pricing went back on sale at the
-- old price. Not indexed, so holds and releases stay HOT updates; adding a nullable column rewrites nothing.
alter table seats add column price_when_freed_minor bigint check (price_when_freed_minor >= 0);
