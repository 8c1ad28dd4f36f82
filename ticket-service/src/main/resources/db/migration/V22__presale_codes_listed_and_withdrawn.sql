-- Single-use presale codes listed again (ListPresaleCodes, in issue order: an id to page by, as codes issued together
-- share their time) and withdrawn by the organizer (WithdrawPresaleCodes: from then on a withdrawn code admits no one).
alter table presale_codes
    add column id           uuid not null default gen_random_uuid(),
    add column withdrawn_at timestamptz;
create unique index presale_codes_in_issue_order on presale_codes (showtime_id, issued_at, id);
