-- A waiting entry is CLOSED when its showtime stops selling (cancelled, ended, sales closed or begun): no offer will come.
alter table waitlist_entries drop constraint waitlist_entries_status_check;
alter table waitlist_entries add constraint waitlist_entries_status_check
    check (status in ('WAITING', 'OFFERED', 'FULFILLED', 'EXPIRED', 'LEFT', 'CLOSED'));
