-- An OFFERED entry is CLOSED too when its showtime is cancelled (its hold can never be sold); it keeps the hold it was
-- offered, so a closed entry has a hold and its expiry, or neither.
alter table waitlist_entries drop constraint waitlist_entries_check;
alter table waitlist_entries add constraint waitlist_entries_offer_check check (
    case
        when status in ('OFFERED', 'FULFILLED', 'EXPIRED') then hold_id is not null and offer_expires_at is not null
        when status = 'CLOSED' then (hold_id is null) = (offer_expires_at is null)
        else hold_id is null and offer_expires_at is null
    end);
