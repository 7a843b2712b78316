-- Calendars per instansi: a regional day off belongs to the instansi whose subtree it applies to, and
-- one date may be off in two different instansi, so the key becomes (day, instansi_id).
-- instansi_id 0 is the national calendar (0 rather than NULL: key columns cannot be NULL). Rows
-- from before stay national.
ALTER TABLE holiday ADD COLUMN instansi_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE holiday DROP CONSTRAINT holiday_pkey;
ALTER TABLE holiday ADD PRIMARY KEY (day, instansi_id);
