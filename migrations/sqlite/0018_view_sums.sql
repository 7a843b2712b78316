-- The month rows of the monev sums with the columns a queue's count adds (`ops/view_sums.rs`):
-- a national admin's exact Semua, Tim or Masuk reads this index alone, about 34,000 entries at a
-- million reports. Without it PostgreSQL read the rows from the table, where each month row of
-- the whole ('') sits among the day rows and the facets' rows: 10,837 pages for 33,938 rows
-- (0.2-1.2 s).
CREATE INDEX monev_tally_month ON monev_tally (facet, instansi_path, received, open_baru,
    open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti,
    open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
    WHERE grain = 'm';

-- The nation's escalated reports by due time: `eskalasi` by urgency reads its first page here in
-- order. The index of 0001 holds them by escalation target and date, so the page read all of them
-- (some 5,500 of a million) and sorted: 28-40 ms on SQLite, 73-76 ms on PostgreSQL, whose planner
-- walked the whole nation's clocks instead.
CREATE INDEX complaint_escalated_due ON complaint (breach_at, id) WHERE escalated_to IS NOT NULL;
