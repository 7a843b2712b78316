-- Each officer's load counted from their open reports only. The index of 0012 held every report
-- an officer was ever given, and at a million reports two thirds of those are finished
-- (`selesai`, 669,244 of 1,000,000 in the seed): a national admin's officer list walked about
-- 800,000 entries for 6,171 officers (160-210 ms). Finished and archived reports have no running
-- clock (breach_at is NULL), so the overdue count reads the same entries. The status is in the
-- index as well, as SQLite reads a partial index alone only when it holds every column tested.
DROP INDEX complaint_assignee_load;
CREATE INDEX complaint_open_load ON complaint (assignee_id, breach_at, status)
    WHERE assignee_id IS NOT NULL AND status NOT IN ('selesai', 'diarsipkan');
