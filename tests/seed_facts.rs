//! Facts the seeded data must respect: every instansi keeps the time zone of the province it lies
//! in, nobody is assigned a report they may not see, and the demo supervisor finds new reports to
//! verify in Masuk.

mod common;

use common::*;
use meja::domain::access::{self, Sighting};
use meja::domain::lifecycle::Actor;
use meja::domain::view::View;
use meja::domain::*;
use meja::seed::data;
use meja::store::ListQuery;
use meja::store::seed::{DEMO_NEW_REPORTS, DEMO_SUPERVISOR, ensure_demo};
use std::collections::HashMap;

/// The province an instansi lies in: the Provinsi above it (or itself), or for a national body and
/// its units the province its seat is in. None for the national admin (KemenPANRB, in Jakarta).
fn province_of(
    inst: &Instansi,
    by_id: &HashMap<i64, &Instansi>,
) -> Option<&'static data::Province> {
    let mut here = inst;
    loop {
        match here.kind {
            InstansiKind::Provinsi => return data::province_by_code(&here.code),
            InstansiKind::Kementerian
            | InstansiKind::Lembaga
            | InstansiKind::Bumn
            | InstansiKind::Ptn => {
                let agency = data::MINISTRIES
                    .iter()
                    .chain(data::STATE_COMPANIES)
                    .chain(data::UNIVERSITIES)
                    .find(|a| a.code == here.code)
                    .unwrap_or_else(|| panic!("{} is not a seeded national body", here.code));
                return Some(
                    data::province_by_code(agency.seat)
                        .unwrap_or_else(|| panic!("{}: no province {}", here.code, agency.seat)),
                );
            }
            InstansiKind::Nasional => return data::province_by_code("DKI"),
            _ => {
                let parent = here.parent_id.expect("a parent");
                here = by_id[&parent];
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_instansi_keeps_the_zone_of_its_province() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let list = db.store.instansi_list();
    let by_id: HashMap<i64, &Instansi> = list.iter().map(|i| (i.id, i)).collect();
    let mut checked = 0;
    for inst in &list {
        let province = province_of(inst, &by_id).expect("a province");
        assert_eq!(
            inst.zone, province.zone,
            "{} ({}) lies in {} ({}) but keeps {}",
            inst.code, inst.name, province.name, province.zone, inst.zone
        );
        checked += 1;
    }
    assert!(checked > 1_000, "only {checked} instansi");
    // Known by heart, not derived: Makassar and Bali keep WITA, Jayapura WIT, Yogyakarta WIB.
    for (code, zone) in [
        ("UNHAS", Zone::Wita),
        ("UNUD", Zone::Wita),
        ("UNCEN", Zone::Wit),
        ("UGM", Zone::Wib),
        ("NASIONAL", Zone::Wib),
        ("KOTA-PONTIANAK", Zone::Wib),
    ] {
        let inst = db.store.find_instansi(code).expect(code);
        assert_eq!(inst.zone, zone, "{code}");
        for unit in list
            .iter()
            .filter(|u| u.parent_id == Some(inst.id) && u.kind == InstansiKind::Unit)
        {
            assert_eq!(unit.zone, zone, "{} under {code}", unit.code);
        }
    }
    db.drop_schema().await;
}

/// An assigned complaint (id, klasifikasi, instansi path) and its assignee (id, username, role,
/// instansi id, instansi path).
type AssignedRow = (i64, String, String, i64, String, String, i64, String);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_is_assigned_a_report_they_may_not_see() {
    let db = sqlite().await;
    seeded(&db, 2_000).await;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.url))
        .await
        .expect("raw connection");
    let rows: Vec<AssignedRow> = sqlx::query_as(
        "SELECT c.id, c.klasifikasi, c.instansi_path, o.id, o.username, o.role, o.instansi_id, i.path \
         FROM complaint c JOIN officer o ON o.id = c.assignee_id JOIN instansi i ON i.id = o.instansi_id",
    )
    .fetch_all(&pool)
    .await
    .expect("assigned complaints");
    pool.close().await;
    assert!(rows.len() > 500, "only {} assigned", rows.len());
    let mut hidden_kinds = 0;
    for (id, klasifikasi, path, officer, username, role, instansi_id, own_path) in rows {
        let klasifikasi = Klasifikasi::parse(&klasifikasi).expect("klasifikasi");
        let role = Role::parse(&role).expect("role");
        if access::hidden_classes(Role::Officer).contains(&klasifikasi) {
            hidden_kinds += 1;
        }
        let assignee = Actor {
            id: officer,
            username: username.clone(),
            role,
            instansi_id,
            instansi_path: own_path,
        };
        let sighting = Sighting {
            instansi_path: &path,
            klasifikasi,
        };
        assert!(
            access::may_see(&assignee, sighting).is_ok(),
            "#{id} ({klasifikasi} at {path}) is assigned to {username} ({role}), who may not see it"
        );
    }
    assert!(
        hidden_kinds > 10,
        "only {hidden_kinds} wbs/pengadaan reports were assigned: the test proves little"
    );
    db.drop_schema().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_supervisor_has_new_reports_to_verify() {
    let db = sqlite().await;
    assert!(ensure_demo(&db.store).await.expect("demo"), "a new demo");
    let supervisor = actor(&db.store, DEMO_SUPERVISOR).await;
    let mut query = ListQuery::new(View::Masuk);
    query.limit = 1_000;
    let page = db.store.list(&supervisor, &query).await.expect("masuk");
    let new: Vec<_> = page
        .rows
        .iter()
        .filter(|r| r.status == Status::Baru)
        .collect();
    assert!(
        new.len() >= DEMO_NEW_REPORTS,
        "{} new reports in the demo supervisor's Masuk",
        new.len()
    );
    // They are real work: the supervisor may verify each of them.
    let shown = db
        .store
        .complaint(&supervisor, new[0].id)
        .await
        .expect("visible");
    assert_eq!(shown.status, Status::Baru);
    // A second start finds the demo made and adds nothing.
    assert!(!ensure_demo(&db.store).await.expect("demo again"));
    let again = db.store.list(&supervisor, &query).await.expect("masuk");
    assert_eq!(again.rows.len(), page.rows.len());
    db.drop_schema().await;
}

/// Every row of the seeded complaints and events, in order, as text.
async fn dump(db: &TestDb) -> (Vec<String>, Vec<String>) {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.url))
        .await
        .expect("raw connection");
    let complaints: Vec<String> = sqlx::query_scalar(
        "SELECT json_array(id, status, klasifikasi, instansi_path, assignee_id, routed_by, escalated_to, \
         pending_reply_by, hold_until, received_at, updated_at, version, clock_kind, clock_started_at, \
         clock_days, clock_paused, breach_at, close_at, judul) FROM complaint ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .expect("complaints");
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT json_array(id, complaint_id, at, actor_id, actor, kind, status, details) FROM event ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .expect("events");
    pool.close().await;
    (complaints, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_gives_the_same_data_and_details_are_json() {
    let a = sqlite().await;
    let b = sqlite().await;
    seeded(&a, 1_500).await;
    seeded(&b, 1_500).await;
    let (ca, ea) = dump(&a).await;
    let (cb, eb) = dump(&b).await;
    assert_eq!(ca.len(), 1_500);
    assert!(ca == cb, "complaints differ between two runs of seed 7");
    assert!(ea == eb, "events differ between two runs of seed 7");
    for e in &ea {
        let row: serde_json::Value = serde_json::from_str(e).expect("row");
        let details = row[7].as_str().expect("details text");
        let parsed: serde_json::Value = serde_json::from_str(details)
            .unwrap_or_else(|err| panic!("details of {row} are not JSON: {err}"));
        assert!(parsed.is_object(), "{row}");
    }
    // The simulated lives reach every stage the rules allow, from intake to closing by silence.
    for kind in [
        "intake",
        "verify_dispose",
        "archive",
        "hold",
        "claim",
        "reply",
        "submit",
        "approve",
        "reporter_reply",
        "auto_close",
    ] {
        assert!(
            ea.iter().any(|e| e.contains(&format!("\"{kind}\""))),
            "no {kind} event"
        );
    }
    a.drop_schema().await;
    b.drop_schema().await;
}
