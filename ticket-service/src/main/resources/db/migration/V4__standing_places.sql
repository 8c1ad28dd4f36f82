-- Standing places: a standing area of capacity N is N rows of `seats`, flagged `standing`, with no row or label. Each
-- place is held, sold, released and ticketed exactly like a seat, so the same conditional updates and constraints
-- keep a place from being held or sold twice, and a floor has no counter row that every hold would queue behind.
-- A hold asks for a number of places of an area; ticket-service picks available ones (StandingPicker).
alter table seats add column standing boolean not null default false;
-- The picker's and the availability count's way in. None of these columns ever changes, so holds stay HOT updates.
create index seats_of_standing_area on seats (showtime_id, section_id, position_in_row) where standing;

-- The places of a showtime's standing areas, with ids derived from showtime, area and position (a second call adds
-- nothing). Run when the inventory is built; here for the inventories built before this migration.
create function add_standing_places(showtime uuid) returns void language sql as $$
    insert into seats (showtime_id, seat_id, section_id, section, row_label, label, row_index, position_in_row, stage_distance,
                       tier, price_minor, standing)
    select a.showtime_id, md5(a.showtime_id::text || '/' || a.section_id::text || '/' || place)::uuid, a.section_id, a.section,
           '', '', 0, place, 0, a.tier, a.price_minor, true
    from standing_areas a cross join generate_series(0, a.capacity - 1) as place
    where a.showtime_id = showtime
    on conflict do nothing;
$$;
select add_standing_places(id) from inventory_showtimes;
