-- A reminder mailed to a booking's customer a while before its show (ticketmesh.mail.reminders.lead, a day by
-- default): written with the booking's tickets mail, moved with its show, gone with its cancellation or its
-- customer's account. A process claims the due ones for a while (claimed_until) and marks each sent; one claimed by a
-- process that died is taken again once its claim lapses. Rows of shows long over are deleted.
create table show_reminders (
    booking_id    uuid primary key,
    showtime_id   uuid        not null,
    reference     text        not null,
    recipient     text        not null,
    box_office    boolean     not null,
    starts_at     timestamptz not null,
    due_at        timestamptz not null,
    claimed_until timestamptz,
    sent_at       timestamptz
);
create index show_reminders_due on show_reminders (due_at) where sent_at is null;
create index show_reminders_by_recipient on show_reminders (lower(recipient));
create index show_reminders_by_start on show_reminders (starts_at);
