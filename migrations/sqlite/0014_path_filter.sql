-- A subtree's queue under a filter on what only the report's row held (klasifikasi, channel,
-- tags, anonim, rahasia, category, escalation), and a subtree's queues by due time: each read
-- the row of every report of the subtree to test it or to sort it (a kota of 46,495 reports at a
-- million: `klasifikasi:aspirasi` 177 ms, `tag:dtks` 208 ms, Tim by urgency 31-53 ms). With
-- every filtered and sorted column in one index on the path, the subtree's entries answer the
-- test and the order, and only the page's fifty rows are read (10-30 ms).
-- SQLite only: PostgreSQL combines its indexes in bitmaps, and a report's tags (up to 20 of 50
-- characters) could pass its index entry's size limit.
CREATE INDEX complaint_path_filter ON complaint (instansi_path, breach_at, received_at, id,
    status, assignee_id, klasifikasi, channel, kategori_id, instansi_id, anonim, rahasia,
    escalated_to, tags);
