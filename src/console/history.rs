//! The complaint's history as sentences in the interface's language: who did what, to whom, and
//! what it said or changed, for every event kind. Pure, beneath both the view (the detail's
//! timeline) and the update side (live notices), so both tell an event the same way.

use super::i18n::{Lang, T};
use super::labels::{klas_label, status_label};
use super::state::RefData;
use crate::domain::text::visible;
use crate::domain::{Channel, Event, EventKind, Klasifikasi, Status};

fn text<'a>(e: &'a Event, key: &str) -> Option<&'a str> {
    e.details
        .get(key)
        .and_then(|v| v.as_str())
        .filter(|t| !t.is_empty())
}

fn number(e: &Event, key: &str) -> Option<i64> {
    e.details.get(key).and_then(|v| v.as_i64())
}

/// "budi mendisposisikan ke Dinas PUPR": the actor and what they did, with its object.
pub fn sentence(e: &Event, lang: Lang) -> String {
    use EventKind as K;
    let to = text(e, "to").map(visible).unwrap_or_default();
    let until = text(e, "until")
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        .map(|d| lang.date(d))
        .unwrap_or_default();
    let other = number(e, "into")
        .or_else(|| number(e, "other"))
        .map(|n| n.to_string())
        .unwrap_or_default();
    let key = match e.kind {
        K::Intake => T::DidIntake,
        K::Verify => T::DidVerify,
        K::VerifyDispose => T::DidVerifyDispose,
        K::Dispose => T::DidDispose,
        K::Hold => T::DidHold,
        K::Resume => T::DidResume,
        K::Return => T::DidReturn,
        K::Archive => T::DidArchive,
        K::Claim => T::DidClaim,
        K::Assign => T::DidAssign,
        K::Unassign => T::DidUnassign,
        K::Reply => T::DidReply,
        K::Note => T::DidNote,
        K::Submit => T::DidSubmit,
        K::Approve => T::DidApprove,
        K::SendBack => T::DidSendBack,
        K::Escalate if to.is_empty() => T::DidEscalateUp,
        K::Escalate => T::DidEscalate,
        K::Deescalate => T::DidDeescalate,
        K::ReporterReply => T::DidReporterReply,
        K::Close => T::DidClose,
        K::AutoClose => T::DidAutoClose,
        K::Reopen => T::DidReopen,
        K::Merge => T::DidMerge,
        K::Link => T::DidLink,
    };
    lang.fmt(
        key,
        &[
            ("who", &visible(&e.actor)),
            ("to", &to),
            ("until", &until),
            ("id", &other),
        ],
    )
}

/// What the event said or changed, one labelled line each, field names translated: the text of
/// a reply or note, a reason, a verification's changes (to the new value; the log keeps no old
/// value). Database ids and the recorded clock (the clock history's) are left out.
pub fn details(e: &Event, lang: Lang, reference: &RefData) -> Vec<String> {
    let mut out = Vec::new();
    let serde_json::Value::Object(map) = &e.details else {
        return out;
    };
    for (k, v) in map {
        let label = match k.as_str() {
            // Said by the sentence, or ids that mean nothing to a reader.
            // The source's text before its markup was made plain is kept for export and audit;
            // the report shows the plain text.
            "to" | "until" | "into" | "other" | "assignee" | "clock" | "original" | "was" => {
                continue;
            }
            "channel" => {
                if let Some(c) = v.as_str().and_then(|c| c.parse::<Channel>().ok()) {
                    let kanal = super::labels::channel_label(c, lang);
                    out.push(format!("{}: {kanal}", lang.t(T::FieldChannel)));
                }
                continue;
            }
            "instansi" => T::FieldInstansi,
            "body" => T::HistBody,
            "note" => T::HistNote,
            "reason" => T::HistReason,
            // The status it left (the seed's lives record it): in words, not the code.
            "from" => {
                if let Some(st) = v.as_str().and_then(|c| c.parse::<Status>().ok()) {
                    let was = status_label(st, lang);
                    out.push(format!("{}: {was}", lang.t(T::HistFrom)));
                }
                continue;
            }
            "changes" => {
                if let Some(c) = changes(v, map.get("was"), lang, reference) {
                    out.push(format!("{}: {c}", lang.t(T::HistChanged)));
                }
                continue;
            }
            _ => T::HistOther,
        };
        let value = match v {
            serde_json::Value::String(s) if !s.is_empty() => s.clone(),
            serde_json::Value::String(_) | serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        let label = if label == T::HistOther {
            k.clone()
        } else {
            lang.t(label).to_string()
        };
        out.push(format!("{label}: {value}"));
    }
    out
}

/// A verification's changes: "judul Jalan rsak -> Jalan rusak, kategori -> Jalan", names
/// translated, each with what it was where the event recorded it (`was`; older events did not).
fn changes(
    v: &serde_json::Value,
    was: Option<&serde_json::Value>,
    lang: Lang,
    reference: &RefData,
) -> Option<String> {
    let serde_json::Value::Object(map) = v else {
        return None;
    };
    let mut parts = Vec::new();
    for (k, v) in map.iter().filter(|(_, v)| !v.is_null()) {
        let Some((label, value)) = value_of(k, v, lang, reference) else {
            continue;
        };
        let before = was
            .and_then(|w| w.get(k))
            .filter(|w| !w.is_null())
            .and_then(|w| value_of(k, w, lang, reference))
            .map(|(_, b)| b)
            .filter(|b| !b.is_empty());
        let label = lang.t(label).to_lowercase();
        parts.push(match before {
            Some(b) if b != value => format!("{label} {b} -> {value}"),
            Some(_) => continue,
            None => format!("{label} -> {value}"),
        });
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One field of a verification in words: its label and its value.
fn value_of(
    k: &str,
    v: &serde_json::Value,
    lang: Lang,
    reference: &RefData,
) -> Option<(T, String)> {
    Some({
        match k {
            "judul" => (T::HistTitle, v.as_str().unwrap_or_default().to_string()),
            "klasifikasi" => (
                T::FieldKlas,
                v.as_str()
                    .and_then(|c| c.parse::<Klasifikasi>().ok())
                    .map(|k| klas_label(k, lang, false).to_string())
                    .unwrap_or_else(|| v.to_string()),
            ),
            "kategori_id" => (
                T::FieldKategori,
                v.as_i64()
                    .and_then(|id| reference.categories.iter().find(|c| c.id == id))
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| v.to_string()),
            ),
            "tags" => (
                T::FieldTags,
                v.as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            ),
            _ => return None,
        }
    })
}
