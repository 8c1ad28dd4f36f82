-- Ranks counted once, not per question: at the first question after the opening every early arrival is ranked in one
-- statement (their draw order), and each later arrival takes the next rank from the room's counter. Counting the
-- places ahead on every poll cost a scan of the queue per question.
alter table waiting_rooms add column ranked boolean not null default false;
alter table waiting_rooms add column ranked_places bigint not null default 0;
