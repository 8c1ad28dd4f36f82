-- A booking confirmed (or a ticket received) while event-service could not say its show is reminded too: its row is
-- written without the show's start (starts_at null), due at once, and the first round that can ask the show sets
-- when it falls due (or drops it, for a show closer than the lead).
alter table show_reminders alter column starts_at drop not null;
