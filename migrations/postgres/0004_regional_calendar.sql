-- Calendars per instansi: a regional day off belongs to the instansi whose subtree it applies to, and
-- one date may be off in two different instansi, so the key becomes (day, instansi_id).
-- instansi_id 0 is the national calendar (0 rather than NULL: key columns cannot be NULL). Rows
-- from before stay national.
ALTER TABLE holiday ADD COLUMN instansi_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE holiday DROP CONSTRAINT holiday_pkey;
ALTER TABLE holiday ADD PRIMARY KEY (day, instansi_id);

-- Who may change which day, as calendar::may_change says: national days and cuti bersama (and
-- anything with no instansi) national admins only; a regional day an admin of that instansi or
-- above it (its path within their subtree), or a national admin.
DROP POLICY holiday_change ON holiday;
CREATE POLICY holiday_change ON holiday FOR ALL USING (
    (SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m)
    OR (instansi_id <> 0 AND kind = 'regional'
        AND (SELECT m.role = 'admin' FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM instansi i WHERE i.id = holiday.instansi_id
                     AND i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                     AND i.path < (SELECT m.hi FROM meja_me(current_user) m)))
) WITH CHECK (
    (SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m)
    OR (instansi_id <> 0 AND kind = 'regional'
        AND (SELECT m.role = 'admin' FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM instansi i WHERE i.id = holiday.instansi_id
                     AND i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                     AND i.path < (SELECT m.hi FROM meja_me(current_user) m)))
);
