//! Re-delivery: the same record again changes nothing; new content is recorded by an event that
//! says what changed; a status the source moved becomes a move only when the rules allow it.

use super::*;

pub async fn the_same_file_twice_changes_nothing_the_second_time(db: &TestDb) {
    seeded(db, 0).await;
    let text = [
        CSV_HEADER.to_string(),
        csv_row(
            "A-1",
            "Jalan rusak di Gajah Mada",
            "Lubang besar di tengah jalan.",
        ),
        csv_row("A-2", "Lampu jalan mati", "Sudah seminggu lampu mati."),
        csv_row("A-3", "Sampah menumpuk", "Sampah tidak diangkut tiga hari."),
    ]
    .join("\n");
    let (_dir, path) = file("reports.csv", &text);
    let first = import(db, &path, &["--format", "csv", "--source", "lapor"]);
    assert_eq!(counts(&first), (3, 0, 0, 0), "{first}");
    let after_first = totals(db).await;
    assert_eq!(after_first.0, 3);
    let second = import(db, &path, &["--format", "csv", "--source", "lapor"]);
    assert_eq!(counts(&second), (0, 3, 0, 0), "{second}");
    assert_eq!(
        totals(db).await,
        after_first,
        "no complaint and no event more"
    );
    // Another source's ids are its own: the same ids from it are other reports.
    let other = import(
        db,
        &path,
        &["--format", "csv", "--source", "aplikasi-daerah"],
    );
    assert_eq!(counts(&other), (3, 0, 0, 0), "{other}");
}

pub async fn new_content_for_the_same_id_is_recorded_by_an_event(db: &TestDb) {
    seeded(db, 0).await;
    let judul = "Jembatan retak di Sungai Jawi";
    let before = [
        CSV_HEADER.to_string(),
        csv_row("B-7", judul, "Retak kecil di sisi kiri."),
    ]
    .join("\n");
    let (_dir, path) = file("before.csv", &before);
    assert_eq!(
        counts(&import(db, &path, &["--format", "csv"])),
        (1, 0, 0, 0)
    );
    let original = by_title(db, judul).await;
    let after = [
        CSV_HEADER.to_string(),
        csv_row("B-7", judul, "Retaknya melebar, sudah membahayakan."),
    ]
    .join("\n");
    let (_dir2, path2) = file("after.csv", &after);
    assert_eq!(
        counts(&import(db, &path2, &["--format", "csv"])),
        (0, 0, 1, 0)
    );
    let changed = by_title(db, judul).await;
    assert_eq!(changed.id, original.id, "the same complaint");
    assert_eq!(changed.isi, "Retaknya melebar, sudah membahayakan.");
    assert_eq!(changed.version, original.version + 1);
    assert_eq!(changed.status, original.status, "content changes no status");
    // Search reads the new body's words (by root: `membahayakan`, `bahaya`), not the old one's.
    assert_eq!(found(db, "bahaya").await, vec![changed.id]);
    assert!(found(db, "\"sisi kiri\"").await.is_empty());
    let event = changed.events.last().unwrap();
    assert_eq!(event.kind, EventKind::Note);
    assert_eq!(event.actor, DEMO_NATIONAL);
    let change = &event.details["import"]["changes"]["isi"];
    assert_eq!(change["old"], "Retak kecil di sisi kiri.");
    assert_eq!(change["new"], "Retaknya melebar, sudah membahayakan.");
    assert!(
        event.details["import"]["changes"].get("judul").is_none(),
        "only what changed: {}",
        event.details
    );
    // Delivered once more as it is now: nothing happens.
    assert_eq!(
        counts(&import(db, &path2, &["--format", "csv"])),
        (0, 1, 0, 0)
    );
    assert_eq!(by_title(db, judul).await.events.len(), changed.events.len());
}

pub async fn a_status_the_rules_refuse_is_rejected_naming_the_field(db: &TestDb) {
    seeded(db, 0).await;
    let request = |status: &str| {
        format!(
            "[\n{{\"service_request_id\": \"SR-1\", \"status\": \"{status}\", \"description\": \"Got mampet di Jl. Tanjungpura\", \"agency_responsible\": \"Kota Pontianak\", \"requested_datetime\": \"2026-11-03T08:00:00+07:00\"}}\n]\n"
        )
    };
    let (_dir, open) = file("open.json", &request("open"));
    assert_eq!(
        counts(&import(db, &open, &["--format", "open311"])),
        (1, 0, 0, 0)
    );
    // Closed at the source, but a new report (baru) is not closed by anyone: `plan` refuses.
    let (dir, closed) = file("closed.json", &request("closed"));
    let rejects = dir.path().join("rejects.jsonl");
    let summary = import(
        db,
        &closed,
        &[
            "--format",
            "open311",
            "--skip-bad",
            rejects.to_str().unwrap(),
        ],
    );
    assert_eq!(counts(&summary), (0, 0, 0, 1), "{summary}");
    let reject: Value =
        serde_json::from_str(std::fs::read_to_string(&rejects).unwrap().trim()).unwrap();
    assert_eq!(reject["line"], 2);
    let reason = reject["reason"].as_str().unwrap();
    assert!(reason.starts_with("status:"), "{reason}");
    let c = by_title(db, "Got mampet di Jl. Tanjungpura").await;
    assert_eq!(c.status, Status::Baru);
    assert_eq!(c.events.len(), 1);
}
