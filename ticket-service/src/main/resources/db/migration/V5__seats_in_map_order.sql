-- The seat map reads a showtime's seats in map order (section, row, position in the row) through this index, so neither
-- PostgreSQL nor ticket-service sorts 50,000 rows per read (the sort spilled to disk at the default work_mem). None of
-- these columns ever changes, so holds stay HOT updates.
create index seats_in_map_order on seats (showtime_id, section, row_index, position_in_row) where not standing;
