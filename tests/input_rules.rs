//! Issue 9, "Input is not checked at the door": the store's intake applies the input rules
//! (README, "Input rules") on SQLite and PostgreSQL alike, and `meja intake` reads JSON strictly and
//! local times in the receiving instansi's zone.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use meja::domain::*;
use meja::store::seed::DEMO_NATIONAL;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("a test time")
        .with_timezone(&Utc)
}

/// A report received an hour ago: inside the window whatever the day the tests run.
fn fresh(judul: &str) -> NewComplaint {
    report(judul, Utc::now() - Duration::hours(1))
}

/// Intake of `new` is refused with a message that starts with `field`, and writes nothing.
async fn refused_at_intake(db: &TestDb, new: NewComplaint, field: &str) -> String {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let before = db.store.latest_event_id().await.expect("latest event");
    let err = match db.store.intake(&national, new).await {
        Ok(c) => panic!(
            "{}: accepted #{} but {field} breaks the rules",
            db.label, c.id
        ),
        Err(e) => e,
    };
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{field}: ")),
        "{}: expected a refusal naming {field}, got {message:?}",
        db.label
    );
    assert_eq!(
        db.store.latest_event_id().await.expect("latest event"),
        before,
        "{}: a refused report writes nothing",
        db.label
    );
    message
}

/// NUL was stored by SQLite and refused by PostgreSQL with a database error; now both refuse it,
/// and every other control character, naming the field.
async fn control_characters_are_refused_alike(db: &TestDb) {
    seeded(db, 0).await;
    let mut new = fresh("Jalan rusak");
    new.isi = "Jalan berlubang\0 di depan sekolah".into();
    let message = refused_at_intake(db, new, "isi").await;
    assert!(
        message.contains("U+0000") && message.contains("at character 16"),
        "{message}"
    );
    let mut new = fresh("Jalan\0rusak");
    new.isi = "Berlubang".into();
    refused_at_intake(db, new, "judul").await;
    let mut new = fresh("Jalan rusak");
    new.lokasi = Some("Jl. Merdeka\0".into());
    refused_at_intake(db, new, "lokasi").await;
    let mut new = fresh("Jalan rusak");
    new.reporter.name = Some("\u{1b}[?1049lNama".into());
    let message = refused_at_intake(db, new, "pelapor.nama").await;
    assert!(message.contains("U+001B"), "{message}");
    let mut new = fresh("Jalan rusak");
    new.tags = vec!["jalan".into(), "banjir\u{7}".into()];
    refused_at_intake(db, new, "tags[1]").await;
}

/// The sizes, dates and numbers of issue 9, each refused with its field on both backends.
async fn out_of_bounds_input_is_refused(db: &TestDb) {
    seeded(db, 0).await;
    let message = refused_at_intake(db, fresh(&"J".repeat(100 * 1024)), "judul").await;
    assert_eq!(message, "judul: at most 200 characters, got 102400");
    let mut new = fresh("Jalan rusak");
    new.isi = "x".repeat(5 * 1024 * 1024);
    refused_at_intake(db, new, "isi").await;
    refused_at_intake(db, fresh("\u{200B}"), "judul").await;
    refused_at_intake(db, fresh(" \u{FEFF}\u{200D} "), "judul").await;
    let mut new = fresh("Jalan rusak");
    new.isi = "\u{200B}\n\u{2060}".into();
    refused_at_intake(db, new, "isi").await;
    let message = refused_at_intake(
        db,
        report("Jalan rusak", at("1970-01-01T00:00:00Z")),
        "diterima",
    )
    .await;
    assert!(message.contains("2010-01-01"), "{message}");
    refused_at_intake(
        db,
        report("Jalan rusak", at("2099-01-01T00:00:00Z")),
        "diterima",
    )
    .await;
    refused_at_intake(
        db,
        report("Jalan rusak", Utc::now() + Duration::hours(1)),
        "diterima",
    )
    .await;
    let mut new = fresh("Jalan rusak");
    new.lat = Some(999.0);
    new.lon = Some(109.33);
    let message = refused_at_intake(db, new, "lat").await;
    assert_eq!(message, "lat: expected a number from -90 to 90, got 999");
    let mut new = fresh("Jalan rusak");
    new.lat = Some(-0.03);
    new.lon = Some(-200.0);
    refused_at_intake(db, new, "lon").await;
    let mut new = fresh("Jalan rusak");
    new.attachments = vec![
        Attachment {
            name: "foto.jpg".into(),
            mime: "image/jpeg".into(),
            size_bytes: 1024,
        },
        Attachment {
            name: "surat.pdf".into(),
            mime: "application/pdf".into(),
            size_bytes: -5,
        },
    ];
    refused_at_intake(db, new, "lampiran[1].ukuran").await;
    let mut new = fresh("Jalan rusak");
    new.tanggal_kejadian = Some(Utc::now().date_naive() + Duration::days(3));
    refused_at_intake(db, new, "tanggal_kejadian").await;
    let mut new = fresh("Jalan rusak");
    new.tanggal_kejadian = NaiveDate::from_ymd_opt(1900, 1, 1);
    refused_at_intake(db, new, "tanggal_kejadian").await;
    let mut new = fresh("Jalan rusak");
    new.tags = (0..21).map(|i| format!("tag{i}")).collect();
    refused_at_intake(db, new, "tags").await;
    let mut new = fresh("Jalan rusak");
    new.reporter.nik = Some("12345".into());
    refused_at_intake(db, new, "pelapor.nik").await;
}

/// What is accepted is stored normalised, and reads back identically on both backends: line
/// endings unified, texts trimmed, blank optional texts absent, a title of exactly 200 characters
/// (multi-byte ones) kept whole.
async fn accepted_input_is_stored_normalised(db: &TestDb) {
    seeded(db, 0).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let mut new = fresh("  Jalan rusak di Jl. Merdeka \r\n");
    new.isi = "Baris pertama.\r\nBaris kedua.\rBaris ketiga.\tKolom.\n\n".into();
    new.lokasi = Some("\u{200B} ".into());
    new.tags = vec![" jalan ".into()];
    new.reporter.name = Some("  Budi Santoso ".into());
    new.reporter.email = Some(" ".into());
    new.lat = Some(-0.0263);
    new.lon = Some(109.3425);
    let c = db.store.intake(&national, new).await.expect("intake");
    let c = db
        .store
        .complaint(&national, c.id)
        .await
        .expect("read back");
    assert_eq!(c.judul, "Jalan rusak di Jl. Merdeka");
    assert_eq!(c.isi, "Baris pertama.\nBaris kedua.\nBaris ketiga.\tKolom.");
    assert_eq!(c.lokasi, None);
    assert_eq!(c.tags, vec!["jalan"]);
    assert_eq!(c.reporter.name.as_deref(), Some("Budi Santoso"));
    assert_eq!(c.reporter.email, None);
    assert_eq!((c.lat, c.lon), (Some(-0.0263), Some(109.3425)));

    let title: String = "Jalan berlubang 🚧 é".chars().cycle().take(200).collect();
    assert!(title.chars().count() == 200 && !title.ends_with(' '));
    let c = db
        .store
        .intake(&national, fresh(&title))
        .await
        .expect("200 characters is the limit, not over it");
    let c = db
        .store
        .complaint(&national, c.id)
        .await
        .expect("read back");
    assert_eq!(c.judul, title);
}

/// HTML from a source is made plain at the door: line breaks become newlines, entities their
/// characters, tags are dropped; the phrase it broke is found again, and the intake event keeps
/// what the source sent, verbatim. Text without markup is stored as written.
async fn html_from_a_source_is_made_plain_and_kept_verbatim(db: &TestDb) {
    seeded(db, 0).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let sent_title = "Jalan rusak &amp; berlubang";
    let sent_body = "Yth. Dinas PUPR,<br />Jalan<br>rusak di depan SD&nbsp;5.<p>Mohon segera.</p>";
    let mut new = fresh(sent_title);
    new.isi = sent_body.into();
    let c = db.store.intake(&national, new).await.expect("intake");
    let c = db
        .store
        .complaint(&national, c.id)
        .await
        .expect("read back");
    assert_eq!(c.judul, "Jalan rusak & berlubang");
    assert_eq!(
        c.isi,
        "Yth. Dinas PUPR,\nJalan\nrusak di depan SD 5.\nMohon segera."
    );
    let intake = c.events.first().expect("the intake event");
    assert_eq!(intake.details["original"]["judul"], sent_title);
    assert_eq!(intake.details["original"]["isi"], sent_body);
    let mut query = meja::store::ListQuery::new(meja::domain::view::View::Semua);
    query.filter = meja::domain::filter::parse("\"jalan rusak\" sd").unwrap();
    let found = db.store.list(&national, &query).await.expect("search");
    assert!(
        found.rows.iter().any(|r| r.id == c.id),
        "the phrase the <br> broke is found"
    );

    let plain = "Jarak <1 km dari sekolah, x < 5 & y > 3";
    let mut new = fresh("Tanpa markah");
    new.isi = plain.into();
    let c = db.store.intake(&national, new).await.expect("intake");
    let c = db
        .store
        .complaint(&national, c.id)
        .await
        .expect("read back");
    assert_eq!(c.isi, plain);
    assert!(c.events[0].details.get("original").is_none());
}

on_both!(
    control_characters_are_refused_alike,
    out_of_bounds_input_is_refused,
    accepted_input_is_stored_normalised,
    html_from_a_source_is_made_plain_and_kept_verbatim,
);

// The command line (SQLite): JSON on standard input, flags, and where local times are read.

fn meja(db: &str, user: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", db, "--as", user])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        // These tests read the English lines; the default language is Indonesian.
        .env("MEJA_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run meja");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.as_bytes())
            .expect("write standard input");
    }
    child.wait_with_output().expect("meja's output")
}

/// Runs `meja intake --json` and returns `show --json` of the new complaint.
fn intake(db: &str, args: &[&str], stdin: &str) -> serde_json::Value {
    let mut all = vec!["intake", "--json"];
    all.extend_from_slice(args);
    let out = meja(db, DEMO_NATIONAL, &all, stdin);
    assert!(
        out.status.success(),
        "intake {args:?} {stdin}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).expect("intake JSON");
    let id = created["id"].as_i64().expect("an id").to_string();
    let shown = meja(db, DEMO_NATIONAL, &["show", &id, "--json"], "");
    assert!(shown.status.success());
    serde_json::from_slice(&shown.stdout).expect("show JSON")
}

fn received(v: &serde_json::Value) -> DateTime<Utc> {
    at(v["received_at"].as_str().expect("received_at"))
}

fn refused(out: &Output, expect: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code for '{expect}': {stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
    assert!(stderr.contains(expect), "expected '{expect}' in {stderr:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
}

/// The national level's instansi is in WIB; these tests rely on it.
async fn cli_db() -> TestDb {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    assert_eq!(db.store.find_instansi_zone(&national), Zone::Wib);
    db
}

/// Issue 9's example: kanal, diterima and pelapor were dropped silently (stored as loket, received
/// now, no reporter), and a local time in JSON did not parse.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_intake_keeps_every_indonesian_key() {
    let db = cli_db().await;
    let v = intake(
        &db.url,
        &["--stdin"],
        r#"{"judul":"Lampu jalan padam","isi":"Sudah seminggu padam.","kanal":"telepon",
            "diterima":"2026-03-13 09:30","pelapor":"Budi","tanggal_kejadian":"2026-03-06",
            "lokasi":"Jl. Merdeka","lat":-0.0263,"lon":109.3425,"tags":["lampu","jalan"],
            "lampiran":[{"nama":"foto.jpg","mime":"image/jpeg","ukuran":204800}]}"#,
    );
    assert_eq!(v["channel"], "telepon");
    assert_eq!(received(&v), at("2026-03-13T09:30:00+07:00"));
    assert_eq!(v["reporter"]["name"], "Budi");
    assert_eq!(v["tanggal_kejadian"], "2026-03-06");
    assert_eq!(v["lat"], -0.0263);
    assert_eq!(v["tags"], serde_json::json!(["lampu", "jalan"]));
    assert_eq!(v["attachments"][0]["size_bytes"], 204800);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_intake_takes_english_keys_too() {
    let db = cli_db().await;
    let v = intake(
        &db.url,
        &["--stdin"],
        r#"{"title":"Lampu jalan padam","body":"Sudah seminggu padam.","channel":"surat",
            "received_at":"2026-03-13T09:30:00+08:00","incident_date":"2026-03-06",
            "reporter":{"name":"Siti Rahma","phone":"0812-0000-1111","email":"siti@contoh.id"},
            "classification":"aspirasi"}"#,
    );
    assert_eq!(v["channel"], "surat");
    assert_eq!(v["klasifikasi"], "aspirasi");
    assert_eq!(received(&v), at("2026-03-13T01:30:00Z"));
    assert_eq!(v["reporter"]["phone"], "0812-0000-1111");
    assert_eq!(v["reporter"]["email"], "siti@contoh.id");
}

/// JSON mistakes are refused with the key and the form expected, and write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_intake_refuses_what_it_does_not_understand() {
    let db = cli_db().await;
    let before = db.store.latest_event_id().await.expect("latest event");
    let url = &db.url;
    let intake = |json: &str| meja(url, DEMO_NATIONAL, &["intake", "--stdin"], json);
    let out = intake(r#"{"judul":"J","isi":"I","kanall":"telepon"}"#);
    refused(
        &out,
        "unknown key 'kanall' (accepted keys: judul, title, isi, body,",
    );
    refused(&out, "kanal, channel, diterima, received_at,");
    refused(
        &intake(r#"{"judul":"J","isi":"I","pelapor":{"nama":"Budi","alamat":"Jl. X"}}"#),
        "unknown key 'pelapor.alamat'",
    );
    refused(
        &intake(r#"[{"judul":"J","isi":"I"}]"#),
        "expected one JSON object {...} describing the complaint, got an array [...]",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I","diterima":"2026-11-27T09"}"#),
        "diterima: expected a time like 2026-11-27T09:30:00+07:00 or 2026-11-27 09:30, got '2026-11-27T09'",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I","tanggal_kejadian":"27/11/2026"}"#),
        "tanggal_kejadian: expected a date like 2026-11-27 (YYYY-MM-DD), got '27/11/2026'",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I","kanal":"fax"}"#),
        "kanal: unknown value 'fax' (expected one of: web, sms,",
    );
    refused(
        &intake(r#"{"judul":["J"],"isi":"I"}"#),
        "judul: expected text (a JSON string), got an array [...]",
    );
    refused(
        &intake(r#"{"judul":"J","title":"T","isi":"I"}"#),
        "are the same field: give only one",
    );
    refused(&intake(r#"{"isi":"I"}"#), "judul: required");
    refused(
        &intake(r#"{"judul":"J","isi":"I"#),
        "not valid JSON at line 1",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I\u0000"}"#),
        "isi: control character U+0000 at character 2",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I","lat":999,"lon":0}"#),
        "lat: expected a number from -90 to 90, got 999",
    );
    refused(
        &intake(r#"{"judul":"J","isi":"I","diterima":"1970-01-01T00:00:00Z"}"#),
        "diterima: must not be before 2010-01-01",
    );
    refused(
        &meja(
            url,
            DEMO_NATIONAL,
            &[
                "intake", "--judul", "J", "--isi", "I", "--lat", "999", "--lon", "0",
            ],
            "",
        ),
        "lat: expected a number from -90 to 90, got 999",
    );
    refused(
        &meja(
            url,
            DEMO_NATIONAL,
            &["intake", "--judul", "\u{200B}", "--isi", "I"],
            "",
        ),
        "judul: must contain visible text",
    );
    assert_eq!(
        db.store.latest_event_id().await.expect("latest event"),
        before,
        "refusals wrote nothing"
    );
}

/// `--diterima 2026-03-13 09:30` (and a local time in JSON) is read in the zone of the instansi
/// receiving the report, not in the acting officer's: 09:30 WITA is 01:30 UTC, not 02:30.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_times_are_the_receiving_instansis() {
    let db = cli_db().await;
    let wita = db
        .store
        .instansi_list()
        .into_iter()
        .find(|i| i.zone == Zone::Wita)
        .expect("a WITA instansi in the fixture");
    let flags = intake(
        &db.url,
        &[
            "--judul",
            "Jalan rusak",
            "--isi",
            "Berlubang",
            "--instansi",
            &wita.code,
            "--diterima",
            "2026-03-13 09:30",
        ],
        "",
    );
    assert_eq!(flags["instansi"], wita.name.as_str());
    assert_eq!(received(&flags), at("2026-03-13T09:30:00+08:00"));
    let json = intake(
        &db.url,
        &["--stdin"],
        &serde_json::json!({
            "judul": "Jalan rusak",
            "isi": "Berlubang",
            "instansi": wita.code,
            "diterima": "2026-03-13T09:30",
        })
        .to_string(),
    );
    assert_eq!(received(&json), at("2026-03-13T01:30:00Z"));
    // An explicit offset is taken as given; without --instansi the officer's own zone applies.
    let offset = intake(
        &db.url,
        &[
            "--judul",
            "Jalan rusak",
            "--isi",
            "Berlubang",
            "--instansi",
            &wita.code,
            "--diterima",
            "2026-03-13T09:30:00+07:00",
        ],
        "",
    );
    assert_eq!(received(&offset), at("2026-03-13T02:30:00Z"));
    let own = intake(
        &db.url,
        &[
            "--judul",
            "Jalan rusak",
            "--isi",
            "Berlubang",
            "--diterima",
            "2026-03-13 09:30",
        ],
        "",
    );
    assert_eq!(received(&own), at("2026-03-13T09:30:00+07:00"));
}
