//! Reply templates: `{name}` placeholders filled from the complaint, the due date written in
//! Bahasa Indonesia ("Senin, 30 Nov 2026"). Pure. A placeholder without a value stays visible in
//! the text, and `placeholders` finds what is left so that a reply is never sent half-filled.

use crate::domain::lang::Lang;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The placeholders meja fills: reporter, tracking id, instansi, due date, working days left.
pub const KNOWN: [&str; 5] = ["pelapor", "nomor", "instansi", "tenggat", "sisa_hari"];

/// A date in Bahasa Indonesia: "Senin, 30 Nov 2026" (the language's one date format).
pub fn tanggal(d: NaiveDate) -> String {
    Lang::Id.date(d)
}

/// Whether `name` may be a placeholder: a lower-case letter, then letters, digits or '_'.
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 40
}

/// Every `{name}` in `text` with its byte range, in order.
fn spans(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| i + from) {
        let Some(close) = text[open + 1..].find(['}', '{']).map(|i| i + open + 1) else {
            break;
        };
        if text.as_bytes()[close] == b'{' {
            from = close;
            continue;
        }
        let name = &text[open + 1..close];
        if is_name(name) {
            out.push((open, close + 1, name));
        }
        from = close + 1;
    }
    out
}

/// The placeholders still in `text` (each once, in order of first appearance).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in spans(text) {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// `body` with each placeholder that has a value replaced; the others stay as written.
pub fn render(body: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut last = 0;
    for (start, end, name) in spans(body) {
        if let Some(v) = values.get(name) {
            out.push_str(&body[last..start]);
            out.push_str(v);
            last = end;
        }
    }
    out.push_str(&body[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<&'static str, String> {
        let mut v = BTreeMap::new();
        v.insert("pelapor", "Siti Rahma".to_string());
        v.insert("nomor", "#1916449".to_string());
        v.insert("instansi", "Dinas PUPR".to_string());
        v.insert(
            "tenggat",
            tanggal(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        );
        v.insert("sisa_hari", "2".to_string());
        v
    }

    #[test]
    fn dates_are_written_in_indonesian() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(tanggal(d), "Senin, 30 Nov 2026");
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap();
        assert_eq!(tanggal(d), "Senin, 17 Agu 2026");
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(tanggal(d), "Jumat, 1 Jan 2027");
    }

    #[test]
    fn known_placeholders_are_filled_and_unknown_ones_stay() {
        let body = "Yth. {pelapor}, laporan {nomor} di {instansi} selesai {tenggat} ({sisa_hari} hari). {salam}";
        let out = render(body, &values());
        assert_eq!(
            out,
            "Yth. Siti Rahma, laporan #1916449 di Dinas PUPR selesai Senin, 30 Nov 2026 (2 hari). {salam}"
        );
        assert_eq!(placeholders(&out), vec!["salam"]);
        assert!(placeholders(&render("{nomor}{nomor}", &values())).is_empty());
    }

    #[test]
    fn braces_that_are_not_placeholders_are_left_alone() {
        for text in [
            "json {\"a\": 1}",
            "{ spasi }",
            "{}",
            "{{nomor}",
            "tanpa tutup {nomor",
            "{Besar}",
        ] {
            let out = render(text, &values());
            if text == "{{nomor}" {
                assert_eq!(out, "{#1916449");
            } else {
                assert_eq!(out, text);
                assert!(placeholders(text).is_empty(), "{text}");
            }
        }
        assert_eq!(placeholders("a {x} b {y_1} {x}"), vec!["x", "y_1"]);
        assert_eq!(render("😀 {nomor} 日本", &values()), "😀 #1916449 日本");
    }

    #[test]
    fn a_missing_value_keeps_the_placeholder() {
        let mut v = values();
        v.remove("tenggat");
        assert_eq!(render("batas {tenggat}", &v), "batas {tenggat}");
    }
}
