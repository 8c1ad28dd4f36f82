-- Whether the showtime had nothing left to sell when last looked at (SoldOutWatch): it announces each change.
alter table inventory_showtimes add column sold_out boolean not null default false;
