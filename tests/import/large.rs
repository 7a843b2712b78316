//! A large import (a file of 32 MB or more) adds the monev figures once at the end, from the
//! facts and moves it computed, instead of the triggers adding them row by row: the figures must
//! be the same to the row as those of the same records imported small, on top of figures already
//! there, and the triggers must be back afterwards. A report delivered again within a large
//! import has its figures recomputed with everything else.

use super::*;

/// The figures, row by row, as text (the same SQL on both backends).
async fn figures(db: &TestDb) -> Vec<String> {
    let tables = [
        (
            "monev_tally",
            "grain, facet, day, instansi_path, received, excluded_n, selesai, verify_met, verify_missed, \
             follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, \
             r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, \
             open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, \
             open_tanggapan_pelapor",
            "grain, facet, day, instansi_path",
        ),
        ("monev_handled", "officer_id, day, n", "officer_id, day"),
        (
            "monev_fact",
            "complaint_id, instansi_path, klasifikasi, assignee_id, status, channel, kategori_id, \
             received_day, received_month, excluded, selesai, verify_met, verify_missed, follow_met, \
             follow_missed, reply_days, escalations",
            "complaint_id",
        ),
    ];
    let mut rows = Vec::new();
    for (table, columns, key) in tables {
        let text = columns
            .split(',')
            .map(|c| format!("COALESCE(CAST({} AS TEXT), '~')", c.trim()))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let sql = format!("SELECT '{table}|' || {text} FROM {table} ORDER BY {key}");
        let found: Vec<String> = if db.label == "sqlite" {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.url))
                .await
                .unwrap();
            let found = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            found
        } else {
            // Straight to PostgreSQL: a plain pool through PgBouncer would collide with the
            // prepared statements another client left on the server connection.
            let pool = sqlx::PgPool::connect(db.direct.as_deref().unwrap_or(&db.url))
                .await
                .unwrap();
            let found = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            found
        };
        rows.extend(found);
    }
    rows
}

/// The lines as a file; `large` pads it past the size that makes an import large (a line of
/// spaces, which the reader skips as blank).
fn lines_file(lines: &[&str], large: bool) -> (tempfile::TempDir, PathBuf) {
    let mut text = lines.join("\n");
    text.push('\n');
    if large {
        text.push_str(&" ".repeat(33 << 20));
        text.push('\n');
    }
    file("laporan.jsonl", &text)
}

pub async fn a_large_import_adds_the_same_figures_as_row_by_row(db: &TestDb) {
    seeded(db, 120).await;
    let export = ok(&meja(db, DEMO_NATIONAL, &["export", "--format", "jsonl"]));
    let lines: Vec<&str> = export.lines().collect();
    assert!(lines.len() >= 100, "the seed exported {}", lines.len());
    let (first, second) = lines.split_at(lines.len() / 2);
    let (_a, first_file) = lines_file(first, false);
    let small = empty_like(db).await;
    let large = empty_like(db).await;
    // Figures already there (the first half, imported small), then the second half on top.
    for target in [&small, &large] {
        assert_eq!(
            counts(&import(target, &first_file, &[])).0,
            first.len() as u64
        );
    }
    let (_b, second_small) = lines_file(second, false);
    let (_c, second_large) = lines_file(second, true);
    assert_eq!(
        counts(&import(&small, &second_small, &[])).0,
        second.len() as u64
    );
    assert_eq!(
        counts(&import(&large, &second_large, &[])).0,
        second.len() as u64
    );
    let expected = figures(&small).await;
    assert!(expected.iter().any(|r| r.starts_with("monev_handled|")));
    assert_eq!(figures(&large).await, expected);
    // The triggers are back: a report imported small afterwards counts in both alike.
    let (_d, more) = file(
        "lagi.csv",
        &format!(
            "{CSV_HEADER}\n{}\n",
            csv_row(
                "x-1",
                "Lampu jalan padam",
                "Sudah seminggu lampu jalan padam"
            )
        ),
    );
    for target in [&small, &large] {
        let summary = import(target, &more, &["--format", "csv", "--source", "kota"]);
        assert_eq!(counts(&summary).0, 1);
    }
    assert_eq!(figures(&large).await, figures(&small).await);
    small.drop_schema().await;
    large.drop_schema().await;
}

pub async fn a_report_delivered_again_in_a_large_import_has_its_figures_recomputed(db: &TestDb) {
    seeded(db, 60).await;
    let export = ok(&meja(db, DEMO_NATIONAL, &["export", "--format", "jsonl"]));
    let lines: Vec<&str> = export.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    let (_a, first_file) = lines_file(first, false);
    // The second half, and the first record again with a new title: a note, and its fact again.
    let mut again: Value = serde_json::from_str(first[0]).unwrap();
    again["judul"] = Value::from("Judul yang diperbaiki di sumbernya");
    let again = again.to_string();
    let mut rest: Vec<&str> = second.to_vec();
    rest.push(&again);
    let small = empty_like(db).await;
    let large = empty_like(db).await;
    for target in [&small, &large] {
        import(target, &first_file, &[]);
    }
    let (_b, rest_small) = lines_file(&rest, false);
    let (_c, rest_large) = lines_file(&rest, true);
    for (target, path) in [(&small, &rest_small), (&large, &rest_large)] {
        let (imported, _, updated, rejected) = counts(&import(target, path, &[]));
        assert_eq!((imported, updated, rejected), (second.len() as u64, 1, 0));
    }
    assert_eq!(figures(&large).await, figures(&small).await);
    small.drop_schema().await;
    large.drop_schema().await;
}
