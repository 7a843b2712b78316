//! On SQLite a column's values keep the storage class (`typeof`) the import writes: integers stay
//! integers, reals reals, flags 0 and 1, absent values NULL, in a small import and a large one
//! alike (whose monev sums are added at the end instead of by the triggers). What SQLite's
//! queries compare (`status = 'selesai'`, `breach_at < ?`) depends on it, and any other way of
//! handing the values to SQLite (one JSON text per statement was tried) must keep it.

use super::*;

/// Every column of the tables an import fills, with the storage classes found in it.
const EXPECTED: &str = "\
complaint.id: integer\n\
complaint.status: text\n\
complaint.klasifikasi: text\n\
complaint.channel: text\n\
complaint.judul: text\n\
complaint.isi: text\n\
complaint.tanggal_kejadian: text\n\
complaint.lokasi: text\n\
complaint.lat: null, real\n\
complaint.lon: null, real\n\
complaint.kategori_id: integer\n\
complaint.tags: text\n\
complaint.anonim: integer\n\
complaint.rahasia: integer\n\
complaint.attachments: text\n\
complaint.instansi_id: integer\n\
complaint.instansi_path: text\n\
complaint.assignee_id: integer, null\n\
complaint.routed_by: integer, null\n\
complaint.escalated_to: null\n\
complaint.pending_reply_by: null\n\
complaint.hold_until: null\n\
complaint.merged_into: null\n\
complaint.received_at: integer\n\
complaint.updated_at: integer\n\
complaint.version: integer\n\
complaint.clock_kind: null, text\n\
complaint.clock_started_at: integer, null\n\
complaint.clock_days: integer, null\n\
complaint.clock_paused: integer\n\
complaint.breach_at: integer, null\n\
complaint.close_at: integer, null\n\
complaint.clock_breached_at: integer, null\n\
complaint.deescalated_at: null\n\
complaint.source: text\n\
complaint.source_id: text\n\
complaint.source_digest: text\n\
complaint.source_status: text\n\
complaint.search_judul: text\n\
complaint.search_isi: text\n\
event.id: integer\n\
event.complaint_id: integer\n\
event.at: integer\n\
event.actor_id: integer\n\
event.actor: text\n\
event.kind: text\n\
event.status: text\n\
event.details: text\n\
event.batch: null, text\n\
event.version: integer\n\
event.impersonator: null\n\
event.recorded_at: integer, null\n\
event.left_path: null\n\
event.left_klasifikasi: null\n\
reporter.complaint_id: integer\n\
reporter.name: text\n\
reporter.phone: null, text\n\
reporter.email: null, text\n\
reporter.nik: null, text\n\
monev_fact.complaint_id: integer\n\
monev_fact.instansi_path: text\n\
monev_fact.klasifikasi: text\n\
monev_fact.assignee_id: integer, null\n\
monev_fact.status: text\n\
monev_fact.channel: text\n\
monev_fact.kategori_id: integer\n\
monev_fact.received_day: integer\n\
monev_fact.received_month: integer\n\
monev_fact.excluded: integer\n\
monev_fact.selesai: integer\n\
monev_fact.verify_met: integer\n\
monev_fact.verify_missed: integer\n\
monev_fact.follow_met: integer\n\
monev_fact.follow_missed: integer\n\
monev_fact.reply_days: integer, null\n\
monev_fact.escalations: text\n\
monev_tally.instansi_path: text\n\
monev_tally.grain: text\n\
monev_tally.day: integer\n\
monev_tally.facet: text\n\
monev_tally.received: integer\n\
monev_tally.excluded_n: integer\n\
monev_tally.selesai: integer\n\
monev_tally.verify_met: integer\n\
monev_tally.verify_missed: integer\n\
monev_tally.follow_met: integer\n\
monev_tally.follow_missed: integer\n\
monev_tally.r0: integer\n\
monev_tally.r1: integer\n\
monev_tally.r2: integer\n\
monev_tally.r3: integer\n\
monev_tally.r4: integer\n\
monev_tally.r5: integer\n\
monev_tally.r6: integer\n\
monev_tally.r7: integer\n\
monev_tally.r8: integer\n\
monev_tally.r9: integer\n\
monev_tally.r10: integer\n\
monev_tally.r11: integer\n\
monev_tally.r12: integer\n\
monev_tally.r13: integer\n\
monev_tally.r14: integer\n\
monev_tally.r15: integer\n\
monev_tally.r_more: integer\n\
monev_tally.esc: integer\n\
monev_tally.esc_resolved: integer\n\
monev_tally.open_baru: integer\n\
monev_tally.open_ditunda: integer\n\
monev_tally.open_terverifikasi: integer\n\
monev_tally.open_didisposisikan: integer\n\
monev_tally.open_bukan_wewenang: integer\n\
monev_tally.open_ditindaklanjuti: integer\n\
monev_tally.open_menunggu_persetujuan: integer\n\
monev_tally.open_ditanggapi: integer\n\
monev_tally.open_tanggapan_pelapor: integer\n\
monev_handled.officer_id: integer\n\
monev_handled.day: integer\n\
monev_handled.n: integer";

/// `table.column: class, class` for every column of the tables an import writes.
async fn storage_classes(url: &str) -> String {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{url}"))
        .await
        .unwrap();
    let mut out = Vec::new();
    for table in [
        "complaint",
        "event",
        "reporter",
        "monev_fact",
        "monev_tally",
        "monev_handled",
    ] {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        )))
        .fetch_all(&pool)
        .await
        .unwrap();
        for column in columns {
            let classes: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT DISTINCT typeof({column}) FROM {table} ORDER BY 1"
            )))
            .fetch_all(&pool)
            .await
            .unwrap();
            out.push(format!("{table}.{column}: {}", classes.join(", ")));
        }
    }
    pool.close().await;
    out.join("\n")
}

/// The export, with one record given every optional value a report can carry.
fn lines(export: &str) -> Vec<String> {
    let mut lines: Vec<String> = export.lines().map(String::from).collect();
    let mut full: Value = serde_json::from_str(&lines[0]).unwrap();
    full["lat"] = Value::from(-0.0263);
    full["lon"] = Value::from(109.342_5);
    full["tanggal_kejadian"] = Value::from("2020-01-01");
    full["lokasi"] = Value::from("Jl. Gajah Mada");
    full["tags"] = serde_json::json!(["jalan", "banjir"]);
    full["anonim"] = Value::from(true);
    full["rahasia"] = Value::from(true);
    full["attachments"] =
        serde_json::json!([{"name": "foto.jpg", "mime": "image/jpeg", "size_bytes": 1234}]);
    full["reporter"] = serde_json::json!({
        "name": "Budi", "phone": "081234567890", "email": "budi@example.id", "nik": null
    });
    let events = full["events"].as_array_mut().unwrap();
    let last = events.last_mut().unwrap();
    last["batch"] = Value::from("b-1");
    last["recorded_at"] = last["at"].clone();
    lines[0] = full.to_string();
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_import_keeps_the_storage_classes() {
    let db = sqlite().await;
    seeded(&db, 60).await;
    let lines = lines(&ok(&meja(
        &db,
        DEMO_NATIONAL,
        &["export", "--format", "jsonl"],
    )));
    let mut text = lines.join("\n");
    text.push('\n');
    for large in [false, true] {
        if large {
            // Past the size that makes an import large (a line of spaces, skipped as blank).
            text.push_str(&" ".repeat(33 << 20));
            text.push('\n');
        }
        let (_dir, path) = file("laporan.jsonl", &text);
        let target = empty_like(&db).await;
        let summary = import(&target, &path, &[]);
        assert_eq!(counts(&summary), (60, 0, 0, 0), "{summary}");
        assert_eq!(
            storage_classes(&target.url).await,
            EXPECTED,
            "large import: {large}"
        );
        // The reals to the bit, as the record gave them.
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", target.url))
            .await
            .unwrap();
        let at: (f64, f64) = sqlx::query_as("SELECT lat, lon FROM complaint WHERE lat IS NOT NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        assert_eq!(at, (-0.0263, 109.342_5));
    }
}
