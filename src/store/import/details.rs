//! An imported event's details, kept as the JSON text the source wrote. The log stores details
//! as `serde_json::Value` writes them (keys in order, no spaces); meja's own exports already are
//! that text, so for them it is stored as it came, and only what the import reads (the `clock`,
//! the `reason`) is parsed, straight into what reads it. Text written any other way is parsed
//! and written back, as it always was. Every event's details read into a tree of values, written
//! back, and read again for the clock was a fifth of the preparing stage's work (issue 14).

use crate::domain::clock::{ClockEvent, ClockRecord};
use serde_json::{Map, Value};

/// An event's details as JSON text, valid (the reader's parser checked it).
#[derive(Debug, Clone, PartialEq)]
pub struct Details(String);

/// The details the monev figures read from an event's log entry besides its clock
/// (`monev::Life`).
const READ_BY_THE_FIGURES: [&str; 1] = ["reason"];

/// An event's details as the import stores them and as the monev figures read them.
#[derive(Debug)]
pub(super) struct Stored {
    /// The text the log stores.
    pub text: String,
    /// Only the details the figures read, besides the clock.
    pub read: Value,
    /// The clock they record, as `ClockEvent::of` reads it from the log.
    pub clock: Option<Option<ClockRecord>>,
}

/// Objects nested deeper than this are left to serde_json (which refuses them past its limit).
const DEEPEST: usize = 100;

impl Details {
    /// The text of a JSON value that serde_json has read (a `RawValue`'s, or a value's written).
    pub fn from_json_text(text: String) -> Details {
        Details(text)
    }

    /// No details: an empty object.
    pub fn none() -> Details {
        Details("{}".into())
    }

    pub fn of_value(value: &Value) -> Details {
        Details(value.to_string())
    }

    /// The clock these details record, as `ClockEvent::of` reads it from the log.
    pub fn clock(&self) -> Option<Option<ClockRecord>> {
        match canonical(&self.0) {
            Some(Shape::Object(members)) => clock_of(&members),
            Some(Shape::Other) => None,
            None => serde_json::from_str::<Value>(&self.0)
                .ok()
                .and_then(|v| ClockEvent::recorded(&v)),
        }
    }

    /// The text the log stores, and the details the monev figures read (only those: the rest
    /// is never looked at). `first` is the import's mark and the original text, added to the
    /// first event's details when they are an object (replacing keys of the source's own).
    pub(super) fn stored(
        self,
        first: Option<(&Value, &Map<String, Value>)>,
    ) -> Result<Stored, String> {
        let Some(shape) = canonical(&self.0) else {
            // Written otherwise: parsed and written back, as the log has always held it.
            let mut details: Value =
                serde_json::from_str(&self.0).map_err(|e| format!("details: {e}"))?;
            if let (Some((mark, original)), Value::Object(o)) = (first, &mut details) {
                o.insert("import".into(), mark.clone());
                if !original.is_empty() {
                    o.insert("original".into(), Value::Object(original.clone()));
                }
            }
            return Ok(Stored {
                text: details.to_string(),
                clock: ClockEvent::recorded(&details),
                read: details,
            });
        };
        let Shape::Object(members) = shape else {
            return Ok(Stored {
                text: self.0,
                read: Value::Null,
                clock: None,
            });
        };
        let clock = clock_of(&members);
        let mut read = Map::new();
        for (key, value) in members
            .iter()
            .filter(|(k, _)| READ_BY_THE_FIGURES.contains(k))
        {
            let value = serde_json::from_str(value).map_err(|e| format!("details.{key}: {e}"))?;
            read.insert((*key).to_string(), value);
        }
        let text = match first {
            None => self.0,
            Some((mark, original)) => {
                let mut added = vec![("import", mark.to_string())];
                if !original.is_empty() {
                    added.push(("original", Value::Object(original.clone()).to_string()));
                }
                with_members(&members, &added)
            }
        };
        Ok(Stored {
            text,
            read: Value::Object(read),
            clock,
        })
    }
}

/// The clock an object's members record, read from its text as `ClockEvent::recorded` reads it
/// from a value (canonical text has no key twice, so the first `clock` is the only one).
fn clock_of(members: &[(&str, &str)]) -> Option<Option<ClockRecord>> {
    let (_, text) = members.iter().find(|(key, _)| *key == "clock")?;
    serde_json::from_str(text).ok()
}

/// The object `members` (in key order) with `added` (in key order) put in their places, a key
/// already there given the added value, as a map of values would have it.
fn with_members(members: &[(&str, &str)], added: &[(&str, String)]) -> String {
    let length = members
        .iter()
        .map(|(k, v)| k.len() + v.len() + 4)
        .sum::<usize>()
        + added
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>();
    let mut text = String::with_capacity(length + 2);
    text.push('{');
    let (mut old, mut new) = (members.iter().peekable(), added.iter().peekable());
    loop {
        let (key, value) = match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some(&&(k, v)), None) => {
                old.next();
                (k, v)
            }
            (Some(&&(k, _)), Some((a, v))) if *a <= k => {
                if *a == k {
                    old.next();
                }
                new.next();
                (*a, v.as_str())
            }
            (Some(&&(k, v)), Some(_)) => {
                old.next();
                (k, v)
            }
            (None, Some((a, v))) => {
                new.next();
                (*a, v.as_str())
            }
        };
        if text.len() > 1 {
            text.push(',');
        }
        text.push('"');
        text.push_str(key);
        text.push_str("\":");
        text.push_str(value);
    }
    text.push('}');
    text
}

/// What canonical text holds at its top.
enum Shape<'a> {
    /// An object's members, key and value text, in key order (no key twice, none escaped).
    Object(Vec<(&'a str, &'a str)>),
    Other,
}

/// The shape of `text` when it is exactly what `Value` writes back after reading it; `None` when
/// it may not be (spaces, keys out of order or twice, escapes written otherwise, numbers that
/// are not plain integers, which `Value` could write another way). In doubt, `None`.
fn canonical(text: &str) -> Option<Shape<'_>> {
    let mut scan = Scan {
        text: text.as_bytes(),
        at: 0,
    };
    let shape = if scan.peek() == Some(b'{') {
        let mut members = Vec::new();
        // The scan stops only at ASCII bytes: these are places between characters.
        scan.object(0, &mut |key, from, to| {
            members.push((&text[key.0..key.1], &text[from..to]));
        })?;
        Shape::Object(members)
    } else {
        scan.value(0)?;
        Shape::Other
    };
    (scan.at == text.len()).then_some(shape)
}

struct Scan<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > DEEPEST {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth, &mut |_, _, _| {}),
            b'[' => {
                self.at += 1;
                if self.eat(b']').is_some() {
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            _ => self.integer(),
        }
    }

    /// An object, each member's key and where its value starts and ends told to `member`.
    fn object(
        &mut self,
        depth: usize,
        member: &mut dyn FnMut((usize, usize), usize, usize),
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut before: Option<&[u8]> = None;
        loop {
            let (from, to, escaped) = self.string()?;
            // The key without its quotes; an escaped one would have to be read to be ordered.
            let key = &self.text[from + 1..to - 1];
            if escaped || before.is_some_and(|b| b >= key) {
                return None;
            }
            before = Some(key);
            self.eat(b':')?;
            let start = self.at;
            self.value(depth + 1)?;
            member((from + 1, to - 1), start, self.at);
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string written as serde_json writes it: where it starts and ends (with its quotes),
    /// and whether it has escapes.
    fn string(&mut self) -> Option<(usize, usize, bool)> {
        let from = self.at;
        self.eat(b'"')?;
        let mut escaped = false;
        loop {
            // Straight to the next byte that ends the string or needs a look.
            let rest = self.text.get(self.at..)?;
            self.at += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some((from, self.at, escaped));
                }
                b'\\' => {
                    // `\/` and `\uXXXX` are written back otherwise (mostly).
                    match self.text.get(self.at + 1)? {
                        b'"' | b'\\' | b'n' | b'r' | b't' | b'b' | b'f' => self.at += 2,
                        _ => return None,
                    }
                    escaped = true;
                }
                0..0x20 => return None,
                _ => self.at += 1,
            }
        }
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at + word.len();
        (self.text.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// A plain integer, which a `Value` holds and writes back as it is: not `-0` (a float), not
    /// past 18 digits (that may not fit), no fraction or exponent.
    fn integer(&mut self) -> Option<()> {
        let negative = self.eat(b'-').is_some();
        let digits = self.at;
        if self.eat(b'0').is_none() {
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.at += 1;
            }
        }
        let count = self.at - digits;
        if count == 0 || count > 18 || (negative && self.text[digits] == b'0') {
            return None;
        }
        match self.peek() {
            Some(b'.' | b'e' | b'E') => None,
            _ => Some(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the log held before: the text read into a `Value` and written back.
    fn written_back(text: &str, first: Option<(&Value, &Map<String, Value>)>) -> String {
        let mut v: Value = serde_json::from_str(text).unwrap();
        if let (Some((mark, original)), Value::Object(o)) = (first, &mut v) {
            o.insert("import".into(), mark.clone());
            if !original.is_empty() {
                o.insert("original".into(), Value::Object(original.clone()));
            }
        }
        v.to_string()
    }

    const TEXTS: &[&str] = &[
        "{}",
        "[]",
        "null",
        "17",
        "-3",
        "-0",
        "0",
        "1.5",
        "1e3",
        "123456789012345678",
        "1234567890123456789012",
        "-9223372036854775808",
        r#""teks""#,
        r#""a\/b""#,
        r#""\u00e9\u0001\n\t\"\\""#,
        "\"\u{7f}é\\b\\f\\r\"",
        r#"{"a":1,"b":[true,false,null,{"c":"d"}],"c":{}}"#,
        r#"{"b":1,"a":2}"#,
        r#"{"a":1,"a":2}"#,
        r#"{ "a":1}"#,
        r#"{"a" :1}"#,
        r#"{"a":[1 ,2]}"#,
        r#"{"a\u0062":1,"ab":2}"#,
        r#"{"a\n":1,"a":2}"#,
        r#"{"":0,"a":{"y":1,"x":2}}"#,
        r#"{"clock":{"kind":"verifikasi","started_at":"2026-11-02T02:30:00Z","working_days":3},"reason":"ganda","z":[]}"#,
        r#"{"channel":"web","clock":null,"import":{"id":"9","source":"lama"},"instansi":"Kota","original":{"isi":"x"}}"#,
        r#"{"zz":1,"instansi":"Kota"}"#,
        r#"{"Import":1,"imp":2,"importx":3,"orig":4,"z":5}"#,
    ];

    #[test]
    fn stored_text_is_what_a_value_writes_back() {
        let mark = serde_json::json!({"source": "jsonl", "id": "1000042"});
        let mut original = Map::new();
        original.insert("judul".into(), Value::from("<b>Jalan</b>"));
        let none = Map::new();
        for text in TEXTS.iter().chain(CLOCKS) {
            for first in [None, Some((&mark, &none)), Some((&mark, &original))] {
                let stored = Details::from_json_text(text.to_string())
                    .stored(first)
                    .unwrap();
                assert_eq!(stored.text, written_back(text, first), "{text}");
                let all: Value = serde_json::from_str(&stored.text).unwrap();
                for key in READ_BY_THE_FIGURES {
                    assert_eq!(stored.read.get(key), all.get(key), "{key} of {text}");
                }
                assert_eq!(stored.clock, ClockEvent::recorded(&all), "{text}");
            }
        }
    }

    #[test]
    fn the_clock_is_read_as_the_log_reads_it() {
        let mut read = 0;
        for text in TEXTS.iter().chain(CLOCKS) {
            let value: Value = serde_json::from_str(text).unwrap();
            let clock = Details::from_json_text(text.to_string()).clock();
            assert_eq!(clock, ClockEvent::recorded(&value), "{text}");
            read += usize::from(matches!(clock, Some(Some(_))));
        }
        assert_eq!(read, 3, "the clocks that are records are read");
    }

    /// Details with clocks, read or not, as canonical text and otherwise.
    const CLOCKS: &[&str] = &[
        r#"{"clock":{"breached_at":null,"calendar":1,"due_at":"2025-12-03T16:59:59Z","kind":"verifikasi","paused":false,"started_at":"2025-11-28T02:45:00Z","working_days":3,"zone":"WIB"},"from":"baru"}"#,
        r#"{"from":"baru", "clock":{"calendar":475,"due_at":null,"kind":"tindak_lanjut","started_at":"2025-11-28T04:14:00Z","working_days":5,"zone":"WITA"}}"#,
        r#"{"clock":{"calendar":1,"due_at":null,"kind":"verifikasi","started_at":"2025-11-28T02:45:00Z","working_days":3,"zone":"WIB","paused":true,"paused":false}}"#,
        r#"{"clock":null}"#,
        r#"{"clock":{"kind":"verifikasi"}}"#,
        r#"{"clock":{"calendar":1,"due_at":null,"kind":"verifikasi","started_at":"2025-11-28T02:45:00Z","working_days":3.0,"zone":"WIB"}}"#,
    ];

    #[test]
    fn canonical_text_is_kept_as_it_came() {
        for text in [
            "{}",
            r#"{"a":1,"b":[true,false,null,{"c":"d\n"}],"c":{}}"#,
            r#"["teks",-12,0]"#,
        ] {
            assert!(canonical(text).is_some(), "{text}");
        }
    }

    /// The key order the log holds is a map's in key order: were serde_json's `preserve_order`
    /// switched on (by any crate), maps would keep the source's order and this module's splicing
    /// would no longer be what a `Value` writes.
    #[test]
    fn a_value_writes_its_keys_in_order() {
        let v: Value = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"a":2,"b":1}"#);
    }
}
