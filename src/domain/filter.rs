//! The filter language of saved views and the `/` prompt:
//! `status:baru kanal:sms instansi:"Dinas PUPR" terlambat "jalan rusak"`.
//!
//! Terms are separated by spaces. `key:value` terms narrow by a field (repeating a key ORs the values;
//! values may be quoted); a leading `-` negates a status, channel or classification term. Bare words
//! `terlambat`, `eskalasi`, `anonim` and `rahasia` are flags; any other bare word or "quoted phrase" is
//! full-text search over title and body. Errors carry the character position of the offending term.

use super::types::{Channel, Klasifikasi, Status};
use super::view::Order;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AssigneeFilter {
    /// `petugas:saya`: assigned to the reader.
    Me,
    /// `petugas:-` or `petugas:kosong`: unassigned.
    Nobody,
    User(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub statuses: Vec<Status>,
    pub not_statuses: Vec<Status>,
    pub channels: Vec<Channel>,
    pub not_channels: Vec<Channel>,
    pub klasifikasi: Vec<Klasifikasi>,
    pub not_klasifikasi: Vec<Klasifikasi>,
    /// Instansi by code or part of its name: the complaint's instansi lies in its subtree.
    pub instansi: Option<String>,
    pub assignee: Option<AssigneeFilter>,
    /// Category by name (a topic includes its subtopics).
    pub kategori: Option<String>,
    pub tags: Vec<String>,
    pub overdue: bool,
    pub escalated: bool,
    pub anonim: bool,
    pub rahasia: bool,
    /// Words and phrases for full-text search, all of which must match.
    pub text: Vec<String>,
    /// `urut:`: the order asked for; none means the view's own (`Order::DEFAULT`).
    pub order: Option<Order>,
    /// `jatuh:`: clocks falling due today or on the next working day.
    pub due: Option<Due>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The order the rows come in: the one asked for, else relevance when there are words to
    /// rank by, else urgency. Relevance asked for without words is urgency.
    pub fn order(&self) -> Order {
        let words = self.has_words();
        match self.order {
            Some(Order::Relevan) if !words => Order::DEFAULT,
            Some(order) => order,
            None if words => Order::Relevan,
            None => Order::DEFAULT,
        }
    }

    /// The words and phrases searched for, as the index holds them (`stem::stem_text`): each a
    /// phrase of stemmed words. A term with no word in it (`"..."`) asks nothing of the text.
    pub fn search_words(&self) -> Vec<String> {
        self.text
            .iter()
            .map(|t| super::stem::stem_text(t))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Whether the filter searches the text.
    pub fn has_words(&self) -> bool {
        !self.search_words().is_empty()
    }
}

/// A filter that did not parse; `position` is the character offset (0-based) of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("filter, column {}: {message}", position + 1)]
pub struct FilterError {
    pub position: usize,
    pub message: String,
}

struct Token {
    start: usize,
    negated: bool,
    key: Option<String>,
    value: String,
    quoted: bool,
}

fn tokenize(input: &str) -> Result<Vec<Token>, FilterError> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let negated = chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        let mut key = None;
        let mut value = String::new();
        let mut quoted = false;
        loop {
            if i >= chars.len() || chars[i].is_whitespace() {
                break;
            }
            let c = chars[i];
            if c == '"' {
                let open = i;
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    if chars[i] == '"' {
                        closed = true;
                        i += 1;
                        break;
                    }
                    value.push(chars[i]);
                    i += 1;
                }
                if !closed {
                    return Err(FilterError {
                        position: open,
                        message: "the quote opened here is never closed".into(),
                    });
                }
                quoted = true;
                continue;
            }
            if c == ':' && key.is_none() && !quoted {
                if value.is_empty() {
                    return Err(FilterError {
                        position: i,
                        message: "a ':' needs a field name before it, e.g. status:baru".into(),
                    });
                }
                key = Some(std::mem::take(&mut value).to_lowercase());
                i += 1;
                continue;
            }
            value.push(c);
            i += 1;
        }
        tokens.push(Token {
            start,
            negated,
            key,
            value,
            quoted,
        });
    }
    Ok(tokens)
}

/// The keys the language knows, with their Indonesian and English spellings.
pub const KEYS: &[(&str, &str)] = &[
    ("status", "status"),
    ("kanal", "channel"),
    ("klasifikasi", "kelas"),
    ("instansi", "instansi"),
    ("petugas", "assignee"),
    ("kategori", "category"),
    ("tag", "tag"),
    ("urut", "sort"),
    ("jatuh", "due"),
];

/// `jatuh:` (`due:`): the running verification or follow-up clock falls due later today, or on
/// the next working day, as the supervisor's board counts them (the reader's today and calendar,
/// each report's day read in its holder's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Due {
    Today,
    NextWorkingDay,
}

impl Due {
    pub fn as_code(self) -> &'static str {
        match self {
            Due::Today => "hari-ini",
            Due::NextWorkingDay => "berikutnya",
        }
    }

    pub fn parse(value: &str) -> Result<Due, String> {
        match value {
            "hari-ini" | "today" => Ok(Due::Today),
            "berikutnya" | "next" => Ok(Due::NextWorkingDay),
            other => Err(format!(
                "unknown due day '{other}' (expected hari-ini or berikutnya; today or next)"
            )),
        }
    }
}

pub const FLAGS: &[(&str, &str)] = &[
    ("terlambat", "overdue"),
    ("eskalasi", "escalated"),
    ("anonim", "anonymous"),
    ("rahasia", "confidential"),
];

pub fn parse(input: &str) -> Result<Filter, FilterError> {
    let mut filter = Filter::default();
    for token in tokenize(input)? {
        let err = |message: String| FilterError {
            position: token.start,
            message,
        };
        let value_pos = token.start;
        match token.key.as_deref() {
            None => {
                let word = token.value.to_lowercase();
                let flag = (!token.quoted)
                    .then(|| FLAGS.iter().find(|(id, en)| *id == word || *en == word))
                    .flatten();
                match (flag, token.negated) {
                    (Some(_), true) => return Err(err(format!("'{word}' cannot be negated"))),
                    (Some(("terlambat", _)), _) => filter.overdue = true,
                    (Some(("eskalasi", _)), _) => filter.escalated = true,
                    (Some(("anonim", _)), _) => filter.anonim = true,
                    (Some(_), _) => filter.rahasia = true,
                    (None, true) => {
                        return Err(err(
                            "only status, kanal and klasifikasi terms can be negated".into(),
                        ));
                    }
                    (None, false) => {
                        if token.value.trim().is_empty() {
                            return Err(err("an empty quoted phrase matches nothing".into()));
                        }
                        filter.text.push(token.value.clone());
                    }
                }
            }
            Some(key) => {
                let canonical = KEYS
                    .iter()
                    .find(|(id, en)| *id == key || *en == key)
                    .map(|(id, _)| *id);
                let Some(canonical) = canonical else {
                    let known: Vec<&str> = KEYS.iter().map(|(id, _)| *id).collect();
                    return Err(err(format!(
                        "unknown field '{key}' (known: {})",
                        known.join(", ")
                    )));
                };
                let value = token.value.trim().to_string();
                if value.is_empty() {
                    return Err(FilterError {
                        position: value_pos + key.chars().count() + usize::from(token.negated) + 1,
                        message: format!("'{key}:' needs a value"),
                    });
                }
                let negatable = matches!(canonical, "status" | "kanal" | "klasifikasi");
                if token.negated && !negatable {
                    return Err(err(format!("'{canonical}' terms cannot be negated")));
                }
                let lower = value.to_lowercase();
                match canonical {
                    "status" => {
                        let s = Status::parse(&lower).map_err(err)?;
                        if token.negated {
                            filter.not_statuses.push(s)
                        } else {
                            filter.statuses.push(s)
                        }
                    }
                    "kanal" => {
                        let c = Channel::parse(&lower).map_err(err)?;
                        if token.negated {
                            filter.not_channels.push(c)
                        } else {
                            filter.channels.push(c)
                        }
                    }
                    "klasifikasi" => {
                        let k = Klasifikasi::parse(&lower).map_err(err)?;
                        if token.negated {
                            filter.not_klasifikasi.push(k)
                        } else {
                            filter.klasifikasi.push(k)
                        }
                    }
                    "instansi" => filter.instansi = Some(value),
                    "petugas" => {
                        filter.assignee = Some(match lower.as_str() {
                            "saya" | "me" => AssigneeFilter::Me,
                            "-" | "kosong" | "none" => AssigneeFilter::Nobody,
                            _ => AssigneeFilter::User(value),
                        })
                    }
                    "kategori" => filter.kategori = Some(value),
                    "urut" => filter.order = Some(Order::parse_any(&lower).map_err(err)?),
                    "jatuh" => filter.due = Some(Due::parse(&lower).map_err(err)?),
                    _ => filter.tags.push(lower),
                }
            }
        }
    }
    Ok(filter)
}

fn quote(v: &str) -> String {
    if v.contains(char::is_whitespace) || v.contains(':') {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

impl fmt::Display for Filter {
    /// The canonical text of the filter; parsing it gives the same filter back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.statuses.iter().map(|s| format!("status:{s}")));
        parts.extend(self.not_statuses.iter().map(|s| format!("-status:{s}")));
        parts.extend(self.channels.iter().map(|c| format!("kanal:{c}")));
        parts.extend(self.not_channels.iter().map(|c| format!("-kanal:{c}")));
        parts.extend(self.klasifikasi.iter().map(|k| format!("klasifikasi:{k}")));
        parts.extend(
            self.not_klasifikasi
                .iter()
                .map(|k| format!("-klasifikasi:{k}")),
        );
        if let Some(i) = &self.instansi {
            parts.push(format!("instansi:{}", quote(i)));
        }
        match &self.assignee {
            Some(AssigneeFilter::Me) => parts.push("petugas:saya".into()),
            Some(AssigneeFilter::Nobody) => parts.push("petugas:-".into()),
            Some(AssigneeFilter::User(u)) => parts.push(format!("petugas:{}", quote(u))),
            None => {}
        }
        if let Some(k) = &self.kategori {
            parts.push(format!("kategori:{}", quote(k)));
        }
        parts.extend(self.tags.iter().map(|t| format!("tag:{}", quote(t))));
        if let Some(o) = self.order {
            parts.push(format!("urut:{o}"));
        }
        if let Some(d) = self.due {
            parts.push(format!("jatuh:{}", d.as_code()));
        }
        for (on, word) in [
            (self.overdue, "terlambat"),
            (self.escalated, "eskalasi"),
            (self.anonim, "anonim"),
            (self.rahasia, "rahasia"),
        ] {
            if on {
                parts.push(word.into());
            }
        }
        for t in &self.text {
            let is_flag = FLAGS
                .iter()
                .any(|(id, en)| t.eq_ignore_ascii_case(id) || t.eq_ignore_ascii_case(en));
            parts.push(
                if t.contains(char::is_whitespace)
                    || t.contains(':')
                    || is_flag
                    || t.starts_with('-')
                {
                    format!("\"{t}\"")
                } else {
                    t.clone()
                },
            );
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_today_or_on_the_next_working_day() {
        assert_eq!(parse("jatuh:hari-ini").unwrap().due, Some(Due::Today));
        assert_eq!(parse("due:next").unwrap().due, Some(Due::NextWorkingDay));
        let f = parse("jatuh:berikutnya petugas:saya").unwrap();
        assert_eq!(parse(&f.to_string()).unwrap(), f, "{f}");
        let e = parse("jatuh:kemarin").unwrap_err();
        assert!(e.message.contains("hari-ini"), "{}", e.message);
        assert!(parse("-jatuh:hari-ini").is_err());
    }

    #[test]
    fn the_example_of_the_issue() {
        let f = parse(r#"status:baru kanal:sms instansi:"Dinas PUPR" terlambat "jalan rusak""#)
            .unwrap();
        assert_eq!(f.statuses, vec![Status::Baru]);
        assert_eq!(f.channels, vec![Channel::Sms]);
        assert_eq!(f.instansi.as_deref(), Some("Dinas PUPR"));
        assert!(f.overdue);
        assert_eq!(f.text, vec!["jalan rusak".to_string()]);
    }

    #[test]
    fn repeated_keys_or_and_negation() {
        let f = parse("status:baru status:ditunda -kanal:web petugas:saya tag:Banjir").unwrap();
        assert_eq!(f.statuses, vec![Status::Baru, Status::Ditunda]);
        assert_eq!(f.not_channels, vec![Channel::Web]);
        assert_eq!(f.assignee, Some(AssigneeFilter::Me));
        assert_eq!(f.tags, vec!["banjir".to_string()]);
    }

    #[test]
    fn english_spellings() {
        let f = parse("channel:sms overdue assignee:-").unwrap();
        assert_eq!(f.channels, vec![Channel::Sms]);
        assert!(f.overdue);
        assert_eq!(f.assignee, Some(AssigneeFilter::Nobody));
    }

    #[test]
    fn errors_point_at_the_term() {
        let e = parse("kanal:sms status:open").unwrap_err();
        assert_eq!(e.position, 10);
        assert!(e.message.contains("unknown status 'open'"), "{}", e.message);
        let e = parse("warna:merah").unwrap_err();
        assert_eq!(e.position, 0);
        assert!(e.message.contains("unknown field 'warna'"));
        let e = parse("status:baru \"jalan rusak").unwrap_err();
        assert_eq!(e.position, 12);
        let e = parse("status:").unwrap_err();
        assert_eq!(e.position, 7);
        let e = parse(":baru").unwrap_err();
        assert_eq!(e.position, 0);
        assert!(e.to_string().starts_with("filter, column 1:"));
    }

    #[test]
    fn the_order_is_asked_for_in_either_language() {
        assert_eq!(parse("").unwrap().order(), Order::Tenggat);
        assert_eq!(parse("urut:terbaru").unwrap().order(), Order::Terbaru);
        assert_eq!(parse("sort:oldest").unwrap().order(), Order::Terlama);
        let e = parse("kanal:sms urut:acak").unwrap_err();
        assert_eq!(e.position, 10);
        assert!(e.message.contains("unknown order 'acak'"), "{}", e.message);
        assert!(e.message.contains("tenggat (due)"), "{}", e.message);
    }

    #[test]
    fn empty_input_is_the_empty_filter() {
        assert!(parse("   ").unwrap().is_empty());
    }

    #[test]
    fn display_round_trips() {
        for text in [
            r#"status:baru kanal:sms instansi:"Dinas PUPR" terlambat "jalan rusak""#,
            "-status:selesai petugas:- eskalasi banjir \"terlambat\"",
            "urut:terlama status:baru",
        ] {
            let f = parse(text).unwrap();
            assert_eq!(parse(&f.to_string()).unwrap(), f, "{text} -> {f}");
        }
    }
}
