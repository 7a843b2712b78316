-- The subtree and klasifikasi a complaint left with this event (its instansi or its klasifikasi
-- changed): the readers it left still hear of it in their feeds, masked
-- (store::ops::complaints::events_after), so that their counts follow it out.
ALTER TABLE event ADD COLUMN left_path TEXT;
ALTER TABLE event ADD COLUMN left_klasifikasi TEXT;

-- Those readers may read that event: they saw the complaint when it was theirs.
DROP POLICY event_read ON event;
CREATE POLICY event_read ON event FOR SELECT USING (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id)
    OR (left_path IS NOT NULL
        AND ((SELECT m.sees_all FROM meja_me(current_user) m)
             OR (left_path >= (SELECT m.lo FROM meja_me(current_user) m)
                 AND left_path < (SELECT m.hi FROM meja_me(current_user) m)
                 AND (left_klasifikasi NOT IN ('wbs', 'pengadaan')
                      OR (SELECT m.sees_admin_classes FROM meja_me(current_user) m)))))
);
-- The rule of 0005 (who, which version, when), plus: what an event says was left is where the
-- complaint was.
ALTER POLICY event_append ON event WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (actor_id = (SELECT m.id FROM meja_me(current_user) m)
        AND actor = (SELECT m.username FROM meja_me(current_user) m)
        AND impersonator IS NOT DISTINCT FROM
            (CASE WHEN session_user <> current_user THEN session_user::TEXT END)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id
                     AND (event.version = c.version + 1
                          OR (event.kind = 'intake' AND event.version = 1 AND c.version = 1))
                     AND (event.recorded_at IS NULL
                          OR event.kind = 'intake'
                          OR event.at >= c.updated_at)
                     AND (event.left_path IS NULL
                          OR (event.left_path = c.instansi_path
                              AND event.left_klasifikasi IS NOT DISTINCT FROM c.klasifikasi)))
        AND CASE
            WHEN recorded_at IS NULL THEN
                abs(at - (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT) <= 60000
            ELSE
                abs(recorded_at - (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT) <= 60000
                AND at <= recorded_at
        END)
);
