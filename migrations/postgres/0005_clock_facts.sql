-- Clocks that never forget, and events that say when they happened.
-- clock_breached_at: when the running clock's due time passed, once it has (ms); a hold and a
--   resume keep it, only a new clock clears it.
-- deescalated_at: when a person last took the escalation back (ms); the sweep escalates again
--   only a breach that comes after it.
-- event.recorded_at: when the event was written (ms), where `at` says when it happened (`--at`:
--   a reply given by phone yesterday is recorded today). NULL: recorded when it happened.
ALTER TABLE complaint ADD COLUMN clock_breached_at BIGINT;
ALTER TABLE complaint ADD COLUMN deescalated_at BIGINT;
ALTER TABLE event ADD COLUMN recorded_at BIGINT;

-- The guard lets the clock's breach move with the clock; deescalated_at is a column of the
-- deescalate move (meja_move_field, written by `meja migrate`).
CREATE OR REPLACE FUNCTION meja_complaint_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    me RECORD;
    ev RECORD;
    bad TEXT;
BEGIN
    SELECT * INTO me FROM meja_me(current_user);
    IF FOUND AND me.owner THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - 'breach_at' - 'close_at' - 'search')
       = (to_jsonb(OLD) - 'breach_at' - 'close_at' - 'search') THEN
        RETURN NEW;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: % is not an officer of this database', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
        RAISE EXCEPTION 'meja: complaint #% changes only with its event (version % to %)',
            OLD.id, OLD.version, NEW.version USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT e.kind, e.status, e.actor_id INTO ev FROM event e
     WHERE e.complaint_id = NEW.id AND e.version = NEW.version;
    IF NOT FOUND OR ev.actor_id IS DISTINCT FROM me.id OR ev.status IS DISTINCT FROM NEW.status THEN
        RAISE EXCEPTION 'meja: complaint #% changes only with its event', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM meja_move m WHERE m.kind = ev.kind AND m.from_status = OLD.status
                    AND m.to_status = NEW.status AND m.role = me.role) THEN
        RAISE EXCEPTION 'meja: % may not % complaint #% from % to %',
            me.username, ev.kind, OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT string_agg(n.key, ', ') INTO bad
      FROM jsonb_each(to_jsonb(NEW)) n
     WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key)
       AND n.key NOT IN ('status', 'version', 'updated_at', 'breach_at', 'close_at', 'search',
                         'clock_kind', 'clock_started_at', 'clock_days', 'clock_paused',
                         'clock_breached_at')
       AND NOT EXISTS (SELECT 1 FROM meja_move_field f WHERE f.kind = ev.kind AND f.col = n.key);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'meja: % does not change % of complaint #%', ev.kind, bad, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- An event says when it happened, and the database holds officers to the truth of it as meja
-- does (`--at`): recorded now, or, when recorded later than it happened, recorded now and dated
-- no later than that and not before the complaint's latest event (its `updated_at`, which every
-- write sets to the time its event happened). A minute's grace for clocks that disagree a
-- little. The owner (migrations, seed, the sweep) is not checked here.
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
                          OR event.at >= c.updated_at))
        AND CASE
            WHEN recorded_at IS NULL THEN
                abs(at - (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT) <= 60000
            ELSE
                abs(recorded_at - (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT) <= 60000
                AND at <= recorded_at
        END)
);
