//! The details an imported history carries are stored as the log has always held them: the JSON
//! written back with its keys in order and nothing else (as `serde_json::Value` writes it), the
//! first event given the import's mark and the original text, whatever shape the source wrote
//! them in. The digest that makes re-delivery idempotent is stored as earlier versions stored it.

use super::*;

/// How each event's details are written in the file, from the export's own (canonical) text.
fn as_the_source_writes_them(n: usize, exported: &str) -> String {
    match n {
        // Spaces, keys out of order, one twice, an escape written the long way, numbers that
        // are written back otherwise, and an `import` key of the source's own (replaced).
        0 => {
            let extra = r#" "zeta" : [1, 2.50, -0, 1e2, 12345678901234567890123, "a\u00e9\/b"], "import": {"old": true}, "dup": 1, "dup": 2 "#;
            match exported {
                "{}" => format!("{{{extra}}}"),
                _ => format!("{{{extra},{}", &exported[1..]),
            }
        }
        // As exported: already as the log holds it.
        1 => exported.to_string(),
        // No details at all.
        2 => "null".into(),
        // Not an object.
        3 => r#"["teks", {"b": 1, "a": 2}]"#.into(),
        _ => format!("{{ {}", &exported[1..]),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_details_are_stored_as_the_log_holds_them() {
    let db = sqlite().await;
    seeded(&db, 60).await;
    let export = ok(&meja(&db, DEMO_NATIONAL, &["export", "--format", "jsonl"]));
    let mut record: Value = export
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["events"].as_array().is_some_and(|e| e.len() >= 5))
        .expect("a record with a history of five events or more");
    record["judul"] = Value::from("Jalan <b>rusak</b> di ujung");
    // Each event's details go in as placeholders, replaced by the text the source wrote.
    let mut written = Vec::new();
    for (n, event) in record["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        written.push(as_the_source_writes_them(n, &event["details"].to_string()));
        event["details"] = Value::from(format!("@details-{n}@"));
    }
    let mut line = record.to_string();
    for (n, text) in written.iter().enumerate() {
        line = line.replace(&format!("\"@details-{n}@\""), text);
    }
    let target = empty_like(&db).await;
    let (_dir, path) = file("laporan.jsonl", &format!("{line}\n"));
    assert_eq!(counts(&import(&target, &path, &[])), (1, 0, 0, 0));

    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", target.url))
        .await
        .unwrap();
    let (source, source_id, digest): (String, String, String) =
        sqlx::query_as("SELECT source, source_id, source_digest FROM complaint")
            .fetch_one(&pool)
            .await
            .unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT details FROM event ORDER BY version")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;

    let expected: Vec<String> = written
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let mut details: Value = serde_json::from_str(text).unwrap();
            if details.is_null() {
                details = serde_json::json!({});
            }
            if n == 0 {
                details["import"] = serde_json::json!({"source": source, "id": source_id});
                details["original"] = serde_json::json!({"judul": "Jalan <b>rusak</b> di ujung"});
            }
            details.to_string()
        })
        .collect();
    assert_eq!(stored, expected);
    assert!(stored[0].contains(r#""zeta":[1,2.5,-0.0,100.0,1.2345678901234568e+22,"aé/b"]"#));
    // The digest of this record as every earlier version computed and stored it.
    assert_eq!(digest, DIGEST, "{line}");
}

/// Pinned from the version before the details were kept as text.
const DIGEST: &str = "c9cd082ef1f29582";
