//! meja's own JSON lines, re-imported into an empty database, give the same complaints and clocks;
//! CSV and Open311 as `meja export` writes them (Open311 validated against the shared schema by
//! tests/export.rs) come in too.

use super::*;

fn export(db: &TestDb, format: &str) -> String {
    ok(&meja(db, DEMO_NATIONAL, &["export", "--format", format]))
}

/// A database on the same backend with the same world (instansi, officers, categories) and no
/// complaints.
pub async fn empty_like(db: &TestDb) -> TestDb {
    let other = match db.label {
        "sqlite" => sqlite().await,
        "pgbouncer" => pgbouncer().await,
        _ => postgres().await,
    };
    seeded(&other, 0).await;
    other
}

/// What must survive the trip: the complaint and its clock, as `show --json` has them.
fn facts(c: &Complaint) -> Value {
    serde_json::json!({
        "id": c.id,
        "status": c.status,
        "klasifikasi": c.klasifikasi,
        "channel": c.channel,
        "judul": c.judul,
        "isi": c.isi,
        "lokasi": c.lokasi,
        "tags": c.tags,
        "kategori": c.kategori,
        "instansi": c.instansi,
        "assignee": c.assignee,
        "routed_by": c.routed_by,
        "escalated_to": c.escalated_to,
        "pending_reply_by": c.pending_reply_by,
        "reporter": c.reporter,
        "anonim": c.anonim,
        "rahasia": c.rahasia,
        "received_at": c.received_at,
        "updated_at": c.updated_at,
        "version": c.version,
        "clock": c.clock,
        "events": c.events.iter().map(|e| (e.kind, e.status, e.at, e.actor.clone())).collect::<Vec<_>>(),
    })
}

async fn all(db: &TestDb) -> Vec<Complaint> {
    let store = db.second_store().await;
    let n = national(db).await;
    let mut query = meja::store::ListQuery::new(meja::domain::view::View::Semua);
    query.limit = 1000;
    let page = store.list(&n, &query).await.unwrap();
    assert!(page.next.is_none());
    let mut out = Vec::new();
    for row in &page.rows {
        out.push(store.complaint(&n, row.id).await.unwrap());
    }
    store.close().await;
    out.sort_by_key(|c| c.id);
    out
}

pub async fn a_jsonl_export_reimported_into_an_empty_database_gives_the_same_complaints(
    db: &TestDb,
) {
    seeded(db, 120).await;
    let (_dir, path) = file("export.jsonl", &export(db, "jsonl"));
    let target = empty_like(db).await;
    let summary = import(&target, &path, &[]);
    assert_eq!(counts(&summary), (120, 0, 0, 0), "{summary}");
    let (source, imported) = (all(db).await, all(&target).await);
    assert_eq!(source.len(), imported.len());
    for (a, b) in source.iter().zip(&imported) {
        assert_eq!(facts(a), facts(b), "#{}", a.id);
    }
    assert!(
        source.iter().any(|c| c.status == Status::Selesai)
            && source.iter().any(|c| c.assignee.is_some())
            && source
                .iter()
                .any(|c| c.clock.is_some_and(|k| k.state == ClockState::Breached)),
        "the seed gives the trip something to carry"
    );
    // The same file again: nothing happens.
    assert_eq!(counts(&import(&target, &path, &[])), (0, 120, 0, 0));
    target.drop_schema().await;
}

pub async fn csv_and_open311_exports_import(db: &TestDb) {
    seeded(db, 40).await;
    let source = all(db).await;
    let target = empty_like(db).await;
    let (_d1, csv) = file("export.csv", &export(db, "csv"));
    assert_eq!(
        counts(&import(&target, &csv, &["--format", "csv"])),
        (40, 0, 0, 0)
    );
    let (_d2, open311) = file("export.json", &export(db, "open311"));
    assert_eq!(
        counts(&import(&target, &open311, &["--format", "open311"])),
        (40, 0, 0, 0)
    );
    let imported = all(&target).await;
    assert_eq!(imported.len(), 80);
    for c in &source {
        let from_csv = imported
            .iter()
            .find(|i| {
                i.events[0].details["import"]
                    == serde_json::json!({"source": "csv", "id": c.id.to_string()})
            })
            .unwrap_or_else(|| panic!("#{} from the CSV", c.id));
        assert_eq!(
            (
                &from_csv.judul,
                &from_csv.isi,
                &from_csv.instansi,
                from_csv.received_at
            ),
            (&c.judul, &c.isi, &c.instansi, c.received_at)
        );
        assert_eq!(from_csv.status, Status::Baru, "CSV has no history");
        let from_open311 = imported
            .iter()
            .find(|i| {
                i.events[0].details["import"]
                    == serde_json::json!({"source": "open311", "id": c.id.to_string()})
            })
            .unwrap_or_else(|| panic!("#{} from Open311", c.id));
        assert_eq!(
            (
                &from_open311.isi,
                &from_open311.instansi,
                &from_open311.lokasi
            ),
            (&c.isi, &c.instansi, &c.lokasi)
        );
        assert_eq!((from_open311.lat, from_open311.lon), (c.lat, c.lon));
    }
    target.drop_schema().await;
}
