//! Bad records: named by line and field; nothing half-imported, or with `--skip-bad` the rejects
//! written out with their reasons and the rest imported. HTML from the source is made plain and
//! kept verbatim. Only admins import, into their own subtree.

use super::*;

fn with_a_bad_record() -> String {
    [
        CSV_HEADER.to_string(),
        csv_row("C-1", "Parit tersumbat", "Air meluap ke rumah warga."),
        csv_row(
            "C-2",
            &"Judul yang terlalu panjang ".repeat(10),
            "Isi biasa.",
        ),
        csv_row(
            "C-3",
            "Trotoar rusak",
            "Trotoar di depan sekolah berlubang.",
        ),
    ]
    .join("\n")
}

pub async fn one_bad_record_leaves_the_database_unchanged(db: &TestDb) {
    seeded(db, 0).await;
    let (_dir, path) = file("bad.csv", &with_a_bad_record());
    let before = totals(db).await;
    let out = meja(
        db,
        DEMO_NATIONAL,
        &["import", path.to_str().unwrap(), "--format", "csv"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("line 3: judul: at most 200 characters"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(totals(db).await, before, "not even the good first record");
}

pub async fn skip_bad_writes_the_rejects_and_imports_the_rest(db: &TestDb) {
    seeded(db, 0).await;
    let text = with_a_bad_record();
    let (dir, path) = file("bad.csv", &text);
    let rejects = dir.path().join("rejects.jsonl");
    let summary = import(
        db,
        &path,
        &["--format", "csv", "--skip-bad", rejects.to_str().unwrap()],
    );
    assert_eq!(counts(&summary), (2, 0, 0, 1), "{summary}");
    assert_eq!(totals(db).await.0, 2);
    let written = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{written}");
    assert_eq!(lines[0]["line"], 3);
    assert!(
        lines[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("judul: at most 200 characters"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0]["record"], text.lines().nth(2).unwrap());
    by_title(db, "Parit tersumbat").await;
    by_title(db, "Trotoar rusak").await;
}

pub async fn html_is_made_plain_and_the_original_kept(db: &TestDb) {
    seeded(db, 0).await;
    let isi = "Jalan<br>rusak &amp; berlubang<br />mohon diperbaiki";
    let text = [
        CSV_HEADER.to_string(),
        csv_row("D-1", "Jalan rusak &amp; berlubang", isi),
    ]
    .join("\n");
    let (_dir, path) = file("html.csv", &text);
    assert_eq!(
        counts(&import(db, &path, &["--format", "csv"])),
        (1, 0, 0, 0)
    );
    let c = by_title(db, "Jalan rusak & berlubang").await;
    assert_eq!(c.isi, "Jalan\nrusak & berlubang\nmohon diperbaiki");
    let intake = &c.events[0];
    assert_eq!(intake.kind, EventKind::Intake);
    assert_eq!(intake.details["original"]["isi"], isi);
    assert_eq!(
        intake.details["original"]["judul"],
        "Jalan rusak &amp; berlubang"
    );
    assert_eq!(intake.details["import"]["source"], "csv");
    assert_eq!(intake.details["import"]["id"], "D-1");
    // The phrase runs across the line break that was `<br>`, and over the stemmed words.
    assert_eq!(found(db, "\"jalan rusak\" diperbaiki").await, vec![c.id]);
}

pub async fn only_admins_import_and_only_into_their_subtree(db: &TestDb) {
    seeded(db, 0).await;
    let (_dir, path) = file(
        "one.csv",
        &[
            CSV_HEADER.to_string(),
            csv_row("E-1", "Drainase", "Mampet."),
        ]
        .join("\n"),
    );
    // A supervisor records reports one by one; an import is an admin's.
    let out = meja(
        db,
        meja::store::seed::DEMO_SUPERVISOR,
        &["import", path.to_str().unwrap(), "--format", "csv"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("may not import"), "{stderr}");
    // The kota's admin imports into the kota, not into another province's kota.
    let admin = meja::store::seed::DEMO_ADMIN;
    let out = meja(
        db,
        admin,
        &["import", path.to_str().unwrap(), "--format", "csv"],
    );
    ok(&out);
    let elsewhere = [
        CSV_HEADER.to_string(),
        csv_row("E-2", "Drainase", "Mampet.").replace("KOTA-PONTIANAK", "KOTA-MEDAN"),
    ]
    .join("\n");
    let (_dir2, path2) = file("elsewhere.csv", &elsewhere);
    let out = meja(
        db,
        admin,
        &["import", path2.to_str().unwrap(), "--format", "csv"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 2: instansi:"), "{stderr}");
    assert_eq!(totals(db).await.0, 1);
}
