//! `meja import` through the real binary, on SQLite and PostgreSQL (directly and through
//! PgBouncer): re-delivery is idempotent and new content is recorded by an event; a bad record
//! stops the whole file (or, with `--skip-bad`, is written out with its reason); HTML is made plain
//! and the original kept; meja's own JSON lines re-imported into an empty database give the same
//! complaints and clocks; CSV and Open311 come in too; only admins import, into their subtree.

mod bad_records;
#[path = "../common/mod.rs"]
mod common;
mod details;
mod large;
mod names;
mod redelivery;
mod round_trip;
mod storage;

use bad_records::*;
use common::*;
use large::*;
use meja::domain::lifecycle::Actor;
use meja::domain::*;
use meja::store::seed::DEMO_NATIONAL;
use names::*;
use redelivery::*;
use round_trip::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn meja(db: &TestDb, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "--as", user])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .env("MEJA_LANG", "en")
        .output()
        .expect("run meja")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "meja failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// Imports `file` as the national admin and returns the summary (`--json`).
fn import(db: &TestDb, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["import", file.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(&meja(db, DEMO_NATIONAL, &args))).expect("summary JSON")
}

fn counts(summary: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| {
        summary[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {summary}"))
    };
    (n("imported"), n("unchanged"), n("updated"), n("rejected"))
}

/// A file in a directory that lives as long as the returned guard.
fn file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

async fn national(db: &TestDb) -> Actor {
    actor(&db.store, DEMO_NATIONAL).await
}

/// (complaints, events) in the database.
async fn totals(db: &TestDb) -> (i64, i64) {
    let store = db.second_store().await;
    let n = national(db).await;
    let events = store.events_after(&n, 0, 1_000_000).await.unwrap().len() as i64;
    let complaints = store
        .counts(
            &n,
            &meja::domain::filter::parse("").unwrap(),
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .get(meja::domain::view::View::Semua);
    store.close().await;
    (complaints, events)
}

/// The complaint imported from `source` with `source_id`, found by its title.
async fn by_title(db: &TestDb, judul: &str) -> Complaint {
    let store = db.second_store().await;
    let n = national(db).await;
    let mut query = meja::store::ListQuery::new(meja::domain::view::View::Semua);
    query.limit = 1000;
    let page = store.list(&n, &query).await.unwrap();
    let row = page
        .rows
        .iter()
        .find(|r| r.judul == judul)
        .unwrap_or_else(|| panic!("no complaint titled {judul}"));
    let c = store.complaint(&n, row.id).await.unwrap();
    store.close().await;
    c
}

/// The ids a filter finds in every report the national admin sees.
async fn found(db: &TestDb, filter_text: &str) -> Vec<i64> {
    let store = db.second_store().await;
    let n = national(db).await;
    let mut query = meja::store::ListQuery::new(meja::domain::view::View::Semua);
    query.filter = meja::domain::filter::parse(filter_text).unwrap();
    query.limit = 1000;
    let page = store.list(&n, &query).await.unwrap();
    store.close().await;
    page.rows.iter().map(|r| r.id).collect()
}

const CSV_HEADER: &str = "id,judul,isi,instansi,kanal,diterima,lokasi,tags,pelapor_nama";

fn csv_row(id: &str, judul: &str, isi: &str) -> String {
    format!(
        "{id},{judul},\"{isi}\",KOTA-PONTIANAK,web,2026-11-02T09:30:00+07:00,Jl. Gajah Mada,jalan,Budi"
    )
}

on_all!(
    the_same_file_twice_changes_nothing_the_second_time,
    new_content_for_the_same_id_is_recorded_by_an_event,
    a_status_the_rules_refuse_is_rejected_naming_the_field,
    one_bad_record_leaves_the_database_unchanged,
    skip_bad_writes_the_rejects_and_imports_the_rest,
    html_is_made_plain_and_the_original_kept,
    only_admins_import_and_only_into_their_subtree,
    a_jsonl_export_reimported_into_an_empty_database_gives_the_same_complaints,
    csv_and_open311_exports_import,
    instansi_named_as_people_write_them,
    a_large_import_adds_the_same_figures_as_row_by_row,
    a_report_delivered_again_in_a_large_import_has_its_figures_recomputed,
);
