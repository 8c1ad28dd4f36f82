-- A reminder mailed a while before a show (ticketmesh.mail.reminders.lead, a day by default) to a booking's customer
-- and to whoever holds a ticket received from another customer: written with the booking's tickets mail or the
-- received ticket's mail, moved with the show, gone with the booking's whole cancellation, the ticket's void or its
-- giving on, and its customer's account. A process claims the due ones for a while (claimed_until) and marks each
-- sent; one claimed by a process that died is taken again once its claim lapses. Rows of shows long over are deleted.
create table show_reminders (
    -- the booking, or the ticket received
    id            uuid primary key,
    received      boolean     not null,
    showtime_id   uuid        not null,
    -- the booking's customer or the ticket's holder, whose account's closing drops it; none for a box office sale
    user_id       uuid,
    recipient     text        not null,
    -- a booking's reference and whether it was sold at the box office; a received ticket's place and giver
    reference     text        not null default '',
    box_office    boolean     not null default false,
    place         text        not null default '',
    giver_name    text        not null default '',
    starts_at     timestamptz not null,
    due_at        timestamptz not null,
    claimed_until timestamptz,
    sent_at       timestamptz
);
create index show_reminders_due on show_reminders (due_at) where sent_at is null;
create index show_reminders_by_showtime on show_reminders (showtime_id);
create index show_reminders_by_user on show_reminders (user_id);
create index show_reminders_by_recipient on show_reminders (lower(recipient));
create index show_reminders_by_start on show_reminders (starts_at);
