//! `meja export` on both backends: Open311 output validates against the GeoReport v2 schemas in
//! ../shared/open311; JSON lines and CSV carry every complaint of the view and filter; `--public`
//! leaves out rahasia reports and every reporter identity.

mod common;

use common::*;
use meja::domain::view::View;
use meja::store::ListQuery;
use meja::store::seed::DEMO_NATIONAL;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn export(db: &TestDb, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "--as", DEMO_NATIONAL, "export"])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .output()
        .expect("run meja export");
    assert!(
        out.status.success(),
        "meja export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn schema(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/open311/georeport-v2")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} (../shared beside the project): {e}", path.display()));
    serde_json::from_str(&text).expect("a JSON schema")
}

/// Validates `value` against the part of JSON Schema the GeoReport v2 schemas use (type, anyOf,
/// enum, required, properties, items with $ref, maxLength, format date-time and uri); any other
/// keyword in the schema fails the test, so the validator cannot silently pass what it does not
/// understand.
fn validate(value: &Value, schema: &Value, at: &str, problems: &mut Vec<String>) {
    let known = [
        "type",
        "anyOf",
        "enum",
        "required",
        "properties",
        "items",
        "$ref",
        "maxLength",
        "format",
        "description",
        "minItems",
        "uniqueItems",
    ];
    let obj = schema.as_object().expect("a schema object");
    for key in obj.keys() {
        assert!(
            known.contains(&key.as_str()),
            "schema keyword {key} at {at}"
        );
    }
    if let Some(r) = obj.get("$ref") {
        let target = schema_named(r.as_str().expect("a $ref"));
        return validate(value, &target, at, problems);
    }
    if let Some(any) = obj.get("anyOf") {
        let fits = any.as_array().unwrap().iter().any(|s| {
            let mut p = Vec::new();
            validate(value, s, at, &mut p);
            p.is_empty()
        });
        if !fits {
            problems.push(format!("{at}: {value} fits none of {any}"));
        }
        return;
    }
    if let Some(t) = obj.get("type").and_then(Value::as_str) {
        let ok = match t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "null" => value.is_null(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            other => panic!("type {other}"),
        };
        if !ok {
            problems.push(format!("{at}: {value} is not a {t}"));
            return;
        }
    }
    if let Some(choices) = obj.get("enum").and_then(Value::as_array)
        && !choices.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {choices:?}"));
    }
    if let (Some(max), Some(s)) = (obj.get("maxLength").and_then(Value::as_u64), value.as_str())
        && s.chars().count() as u64 > max
    {
        problems.push(format!("{at}: longer than {max}"));
    }
    match (obj.get("format").and_then(Value::as_str), value.as_str()) {
        (Some("date-time"), Some(s)) if chrono::DateTime::parse_from_rfc3339(s).is_err() => {
            problems.push(format!("{at}: {s} is not an RFC 3339 date-time"));
        }
        (Some("uri"), Some(s)) if !s.contains(':') => {
            problems.push(format!("{at}: {s} is not a URI"));
        }
        (Some("date-time" | "uri"), _) | (None, _) | (_, None) => {}
        (Some(other), Some(_)) => panic!("format {other}"),
    }
    if let Some(required) = obj.get("required").and_then(Value::as_array) {
        for name in required {
            let name = name.as_str().unwrap();
            if value.get(name).is_none() {
                problems.push(format!("{at}: {name} is missing"));
            }
        }
    }
    if let (Some(props), Some(fields)) = (obj.get("properties"), value.as_object()) {
        for (name, v) in fields {
            match props.get(name) {
                Some(s) => validate(v, s, &format!("{at}.{name}"), problems),
                None => problems.push(format!("{at}: {name} is not a GeoReport field")),
            }
        }
    }
    if let (Some(items), Some(list)) = (obj.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            validate(v, items, &format!("{at}[{i}]"), problems);
        }
    }
}

fn schema_named(name: &str) -> Value {
    schema(name)
}

async fn all_ids(db: &TestDb) -> Vec<i64> {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let mut query = ListQuery::new(View::Semua);
    query.limit = 1000;
    let page = db.store.list(&national, &query).await.unwrap();
    assert!(page.next.is_none(), "one page holds the test's reports");
    page.rows.iter().map(|r| r.id).collect()
}

async fn open311_validates_and_every_format_carries_every_report(db: &TestDb) {
    seeded(db, 120).await;
    let ids = all_ids(db).await;

    let open311: Value = serde_json::from_str(&export(db, &["--format", "open311"])).expect("JSON");
    let mut problems = Vec::new();
    validate(
        &open311,
        &schema("requests.json"),
        "requests",
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let list = open311.as_array().unwrap();
    assert_eq!(list.len(), ids.len());
    assert!(list.iter().any(|r| r["status"] == "closed"));
    assert!(
        list.iter()
            .any(|r| r["status"] == "open" && !r["expected_datetime"].is_null())
    );

    let jsonl = export(db, &["--format", "jsonl"]);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), ids.len());
    assert!(
        lines
            .iter()
            .all(|c| c["events"].as_array().is_some_and(|e| !e.is_empty()))
    );

    let csv = export(db, &["--format", "csv", "--filter", "status:selesai"]);
    let selesai = lines.iter().filter(|c| c["status"] == "selesai").count();
    // Quoted fields may hold line breaks: count records by their id column's start instead.
    let records = csv
        .lines()
        .skip(1)
        .filter(|l| {
            l.split(',')
                .next()
                .is_some_and(|id| id.parse::<i64>().is_ok())
        })
        .filter(|l| l.split(',').nth(1) == Some("selesai"))
        .count();
    assert_eq!(records, selesai);
    assert!(csv.starts_with("id,status,klasifikasi,"));

    // Public data: no rahasia report, no reporter identity.
    let public = export(db, &["--format", "jsonl", "--public"]);
    let rahasia = lines.iter().filter(|c| c["rahasia"] == true).count();
    assert!(rahasia > 0, "the seed has rahasia reports");
    let public: Vec<Value> = public
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(public.len(), lines.len() - rahasia);
    for c in &public {
        assert_eq!(c["rahasia"], false);
        for part in ["name", "phone", "email", "nik"] {
            assert!(c["reporter"][part].is_null(), "{part} in {}", c["id"]);
        }
    }
}

on_both!(open311_validates_and_every_format_carries_every_report);
