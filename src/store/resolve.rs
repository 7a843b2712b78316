//! Turning what people type into what the rules and queries need: instansi and category names,
//! filter scopes, escalation targets, and the row an accepted action writes.

use super::{Reference, StoreError, cached_due, ms, subtree_end};
use crate::domain::access::{self, Naming, Sighting};
use crate::domain::clock::{ClockBase, ClockEffect, ClockRecord};
use crate::domain::filter::{AssigneeFilter, Filter};
use crate::domain::instansi_match;
use crate::domain::lifecycle::{
    Action, Actor, ComplaintFacts, ComplaintId, InstansiTarget, Needed, OfficerId, Refusal,
    Transition,
};
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};

pub(crate) fn target(i: &Instansi) -> InstansiTarget {
    InstansiTarget {
        id: i.id,
        name: i.name.clone(),
        path: i.path.clone(),
    }
}

/// By code, name or alias as people write them (`instansi_match`), among every instansi.
pub(crate) fn instansi(reference: &Reference, query: &str) -> Result<Instansi, StoreError> {
    instansi_among(reference, query, |_| true)
}

/// Like `instansi`, among the candidates only: an instansi outside them is unknown, and neither
/// the "unknown" nor the "ambiguous" message names anything outside them (`access::may_name`).
/// An ambiguous name is refused with the candidates named, never guessed.
pub(crate) fn instansi_among(
    reference: &Reference,
    query: &str,
    candidate: impl Fn(&Instansi) -> bool,
) -> Result<Instansi, StoreError> {
    if query.trim().is_empty() {
        return Err(Refusal::Empty {
            what: Needed::Instansi,
        }
        .into());
    }
    let (candidates, names): (Vec<&Instansi>, Vec<&instansi_match::Names>) = reference
        .instansi
        .iter()
        .zip(reference.names()?)
        .filter(|(i, _)| candidate(i))
        .unzip();
    match instansi_match::resolve(&names, query) {
        instansi_match::Resolved::One(i) => Ok(candidates[i].clone()),
        instansi_match::Resolved::None => Err(Refusal::UnknownInstansi {
            query: query.to_string(),
        }
        .into()),
        instansi_match::Resolved::Ambiguous(many) => Err(Refusal::AmbiguousInstansi {
            query: query.to_string(),
            candidates: many
                .iter()
                .take(5)
                .map(|&i| format!("{} ({})", candidates[i].name, candidates[i].code))
                .collect(),
            more: many.len().saturating_sub(5),
        }
        .into()),
    }
}

/// An instansi the actor may name for this purpose (see `access::may_name`).
pub(crate) fn instansi_for(
    reference: &Reference,
    actor: &Actor,
    query: &str,
    naming: Naming<'_>,
) -> Result<Instansi, StoreError> {
    instansi_among(reference, query, |i| {
        access::may_name(actor, &i.path, naming)
    })
}

/// By name ("Jalan") or topic/subtopic ("Infrastruktur/Jalan"), case-insensitive.
pub(crate) fn category(all: &[Category], query: &str) -> Result<Category, StoreError> {
    let q = query.trim().to_lowercase();
    let (parent, name) = match q.split_once('/') {
        Some((p, n)) => (Some(p.trim().to_string()), n.trim().to_string()),
        None => (None, q.clone()),
    };
    let parent_name = |c: &Category| {
        c.parent_id
            .and_then(|p| all.iter().find(|x| x.id == p))
            .map(|p| p.name.to_lowercase())
    };
    let matches: Vec<&Category> = all
        .iter()
        .filter(|c| {
            c.name.to_lowercase() == name
                && parent
                    .as_ref()
                    .is_none_or(|p| parent_name(c).as_deref() == Some(p.as_str()))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Refusal::UnknownCategory {
            query: query.to_string(),
        }
        .into()),
        _ => Err(Refusal::AmbiguousCategory {
            query: query.to_string(),
        }
        .into()),
    }
}

/// A category and its subcategories.
pub(crate) fn category_ids(all: &[Category], query: &str) -> Result<Vec<i64>, StoreError> {
    let root = category(all, query)?;
    let mut ids = vec![root.id];
    ids.extend(
        all.iter()
            .filter(|c| c.parent_id == Some(root.id))
            .map(|c| c.id),
    );
    Ok(ids)
}

/// Everything a list or count query needs, resolved: who looks, which part of the tree, which filter.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub actor_id: OfficerId,
    pub actor_instansi: InstansiId,
    pub national: bool,
    pub supervisor: bool,
    /// Subtree range of the actor's instansi (None: national sees everything).
    pub path_range: Option<(String, String)>,
    /// Klasifikasi the actor does not see (`access::hidden_classes`).
    pub hidden_classes: &'static [Klasifikasi],
    pub filter: Filter,
    pub filter_path_range: Option<(String, String)>,
    pub filter_categories: Option<Vec<i64>>,
    pub now_ms: i64,
    pub soon: SoonThreshold,
    /// `jatuh:`: per zone, the instants of the day asked for (`filter_due_ranges`).
    pub due_ranges: Vec<(Zone, i64, i64)>,
}

/// "Due soon" means due by the end of the next working day, and both "next working day" and
/// "end of day" are the instansi's own: its calendar (national days plus its regional days) and
/// its time zone. One threshold serves the national root; a subtree gets its own where its zone or
/// its calendar makes its threshold differ from the one above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SoonThreshold {
    pub national_ms: i64,
    /// (subtree path range, threshold), deepest subtree first: the first range holding a
    /// complaint's instansi path decides.
    pub regional: Vec<(String, String, i64)>,
}

impl SoonThreshold {
    pub fn at(reference: &Reference, now: DateTime<Utc>) -> Self {
        let calendars = &reference.calendars;
        let threshold = |i: &Instansi| ms(calendars.for_instansi(i.id).soon_threshold(now, i.zone));
        let root_zone = reference
            .instansi
            .iter()
            .find(|i| i.parent_id.is_none())
            .map_or(Zone::Wib, |i| i.zone);
        let national_ms = ms(calendars.national().soon_threshold(now, root_zone));
        let regional_days: std::collections::HashSet<InstansiId> = calendars
            .regional_instansi()
            .iter()
            .map(|(id, _)| *id)
            .collect();
        // Where the threshold can change: a zone other than the parent's, or days of its own.
        let mut turning: Vec<&Instansi> = reference
            .instansi
            .iter()
            .filter(|i| {
                let parent_zone = i
                    .parent_id
                    .and_then(|p| reference.instansi(p))
                    .map_or(root_zone, |p| p.zone);
                i.zone != parent_zone || regional_days.contains(&i.id)
            })
            .collect();
        // Shallowest first, so that each one's parent threshold is known when it is reached.
        turning.sort_by_key(|i| i.path.len());
        let mut effective: Vec<(&str, i64)> = Vec::new();
        let mut regional = Vec::new();
        for i in turning {
            let above = effective
                .iter()
                .rev()
                .find(|(path, _)| i.path.starts_with(path))
                .map_or(national_ms, |(_, t)| *t);
            let own = threshold(i);
            effective.push((i.path.as_str(), own));
            if own != above {
                regional.push((i.path.clone(), subtree_end(&i.path), own));
            }
        }
        // Deepest first: the first range that holds a path decides.
        regional.reverse();
        SoonThreshold {
            national_ms,
            regional,
        }
    }
}

/// For `jatuh:`: per zone, the instants [from, to) of the reader's today (or next working day)
/// in that zone, so that each report's due day is read in its holder's zone as the board reads it.
fn filter_due_ranges(
    reference: &Reference,
    actor: &Actor,
    due: Option<crate::domain::filter::Due>,
    now: DateTime<Utc>,
) -> Vec<(Zone, i64, i64)> {
    use crate::domain::filter::Due;
    let Some(due) = due else {
        return Vec::new();
    };
    let zone = reference
        .instansi(actor.instansi_id)
        .map_or(Zone::Wib, |i| i.zone);
    let today = now.with_timezone(&zone.offset()).date_naive();
    let day = match due {
        Due::Today => today,
        Due::NextWorkingDay => reference
            .calendars
            .for_instansi(actor.instansi_id)
            .nth_working_day_after(today, 1),
    };
    let midnight = |d: chrono::NaiveDate, z: Zone| {
        use chrono::TimeZone;
        z.offset()
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .single()
            .map_or(0, |t| ms(t.with_timezone(&Utc)))
    };
    Zone::ALL
        .iter()
        .map(|z| {
            let next = day.succ_opt().unwrap_or(day);
            (*z, midnight(day, *z), midnight(next, *z))
        })
        .collect()
}

pub(crate) fn scope(
    reference: &Reference,
    actor: &Actor,
    filter: &Filter,
    now: DateTime<Utc>,
) -> Result<Scope, StoreError> {
    let national = actor.role == Role::National;
    let filter_path_range = match &filter.instansi {
        Some(q) => {
            let i = instansi_for(reference, actor, q, Naming::Within)?;
            Some((i.path.clone(), subtree_end(&i.path)))
        }
        None => None,
    };
    let filter_categories = match &filter.kategori {
        Some(q) => Some(category_ids(&reference.categories, q)?),
        None => None,
    };
    Ok(Scope {
        actor_id: actor.id,
        actor_instansi: actor.instansi_id,
        national,
        supervisor: actor.role.is_supervisor_or_above(),
        path_range: (!national).then(|| {
            let root = access::subtree_root(actor);
            (root.to_string(), subtree_end(root))
        }),
        hidden_classes: access::hidden_classes(actor.role),
        filter: filter.clone(),
        filter_path_range,
        filter_categories,
        now_ms: ms(now),
        soon: SoonThreshold::at(reference, now),
        due_ranges: filter_due_ranges(reference, actor, filter.due, now),
    })
}

impl Scope {
    pub fn assignee(&self) -> Option<&AssigneeFilter> {
        self.filter.assignee.as_ref()
    }
}

/// The mutable state of one complaint, as `load_state` reads it.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub id: ComplaintId,
    pub status: Status,
    pub assignee: Option<OfficerId>,
    pub instansi_id: InstansiId,
    pub instansi_path: String,
    pub klasifikasi: Klasifikasi,
    pub routed_by: Option<InstansiId>,
    pub escalated_to: Option<InstansiId>,
    pub pending_reply_by: Option<OfficerId>,
    pub merged_into: Option<ComplaintId>,
    pub clock: Option<ClockBase>,
    pub version: i64,
    /// What a verification may change, so that its event can say what each field was.
    pub judul: String,
    pub kategori_id: Option<i64>,
    /// Tags as stored: a JSON array of strings.
    pub tags: String,
    /// When the latest event of the complaint happened (an action cannot be recorded before it).
    pub last_event_at: Option<DateTime<Utc>>,
}

impl State {
    /// What the access model needs to know about this complaint.
    pub fn sighting(&self) -> Sighting<'_> {
        Sighting {
            instansi_path: &self.instansi_path,
            klasifikasi: self.klasifikasi,
        }
    }

    /// What the rules need to know, with "today" the local day of the complaint's instansi at `now`.
    pub fn facts(&self, reference: &Reference, now: DateTime<Utc>) -> ComplaintFacts {
        let zone = reference
            .instansi(self.instansi_id)
            .map(|i| i.zone)
            .unwrap_or(Zone::Wib);
        ComplaintFacts {
            today: now.with_timezone(&zone.offset()).date_naive(),
            id: self.id,
            status: self.status,
            assignee: self.assignee,
            instansi_id: self.instansi_id,
            instansi_path: self.instansi_path.clone(),
            klasifikasi: self.klasifikasi,
            routed_by: self.routed_by,
            escalated_to: self.escalated_to,
            pending_reply_by: self.pending_reply_by,
            requires_approval: requires_approval(reference, self.instansi_id),
            merged_into: self.merged_into,
        }
    }
}

/// Units follow their instansi: a setting holds for a complaint when it holds for its instansi or
/// any instansi above it.
pub(crate) fn inherited(
    reference: &Reference,
    instansi_id: InstansiId,
    setting: impl Fn(&Instansi) -> bool,
) -> bool {
    let mut current = reference.instansi(instansi_id);
    while let Some(i) = current {
        if setting(i) {
            return true;
        }
        current = i.parent_id.and_then(|p| reference.instansi(p));
    }
    false
}

/// Officers' public replies need a supervisor's approval here (four-eyes, per instansi).
pub(crate) fn requires_approval(reference: &Reference, instansi_id: InstansiId) -> bool {
    inherited(reference, instansi_id, |i| i.requires_approval)
}

/// "atasan": the supervisor of the complaint's own instansi; "induk": one level above the current
/// escalation (or above the complaint's instansi); anything else: an instansi by code or name.
pub(crate) fn escalation_target(
    reference: &Reference,
    state: &State,
    to: &str,
    find: impl Fn(&str) -> Result<Instansi, StoreError>,
) -> Result<InstansiTarget, StoreError> {
    let own = reference
        .instansi(state.instansi_id)
        .ok_or_else(|| StoreError::Invalid("the complaint's instansi is unknown".into()))?;
    match to.trim().to_lowercase().as_str() {
        "atasan" | "supervisor" => Ok(target(own)),
        "induk" | "parent" | "up" => {
            let from = state
                .escalated_to
                .and_then(|id| reference.instansi(id))
                .unwrap_or(own);
            let parent = from
                .parent_id
                .and_then(|p| reference.instansi(p))
                .ok_or_else(|| Refusal::TopOfTree {
                    instansi: from.name.clone(),
                })?;
            Ok(target(parent))
        }
        _ => Ok(target(&find(to)?)),
    }
}

/// The row and event an accepted action writes.
#[derive(Debug, Clone)]
pub(crate) struct Write {
    pub id: ComplaintId,
    pub expected_version: i64,
    pub status: Status,
    pub assignee: Option<OfficerId>,
    pub instansi_id: InstansiId,
    pub instansi_path: String,
    pub routed_by: Option<InstansiId>,
    pub escalated_to: Option<InstansiId>,
    pub pending_reply_by: Option<OfficerId>,
    pub merged_into: Option<ComplaintId>,
    pub hold_until: Option<Option<NaiveDate>>,
    pub clock: Option<ClockBase>,
    pub breach_at: Option<i64>,
    pub close_at: Option<i64>,
    pub judul: Option<String>,
    pub klasifikasi: Option<Klasifikasi>,
    pub kategori_id: Option<i64>,
    pub tags: Option<String>,
    pub link: Option<ComplaintId>,
    /// When it happened.
    pub at: i64,
    /// When it was recorded, if that is not when it happened (`--at`).
    pub recorded_at: Option<i64>,
    /// Set by a de-escalation: the sweep escalates only breaches after it.
    pub deescalated_at: Option<i64>,
    pub actor_id: OfficerId,
    pub actor: String,
    pub kind: EventKind,
    pub details: String,
    /// The subtree the complaint leaves with this event, when it leaves some readers' sight (its
    /// instansi changes, or its klasifikasi): recorded on the event so that those readers' feeds
    /// still hear that something left them (their counts change).
    pub left_path: Option<String>,
    /// The klasifikasi it had then (who saw it depends on that too).
    pub left_klasifikasi: Option<Klasifikasi>,
}

pub(crate) fn write_for(
    reference: &Reference,
    state: &State,
    action: &Action,
    t: &Transition,
    actor: &Actor,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Write {
    let instansi_id = t.instansi.apply(state.instansi_id);
    let inst = reference.instansi(instansi_id);
    let zone = inst.map(|i| i.zone).unwrap_or(Zone::Wib);
    let deadlines = inst.map(|i| i.deadlines).unwrap_or_default();
    // The clock is counted on the calendar of the instansi that holds it after this move.
    let calendar = reference.calendars.for_instansi(instansi_id);
    let clock = ClockBase::apply(state.clock, t.clock, at, &deadlines, &calendar, zone);
    let (breach_at, close_at) = cached_due(clock.as_ref(), &calendar, zone);
    let mut w = Write {
        id: state.id,
        expected_version: state.version,
        status: t.status,
        assignee: t.assignee.apply(state.assignee),
        instansi_id,
        instansi_path: inst
            .map(|i| i.path.clone())
            .unwrap_or_else(|| state.instansi_path.clone()),
        routed_by: t.routed_by.apply(state.routed_by),
        escalated_to: t.escalated_to.apply(state.escalated_to),
        pending_reply_by: t.pending_reply_by.apply(state.pending_reply_by),
        merged_into: t.merged_into.apply(state.merged_into),
        hold_until: None,
        clock,
        breach_at,
        close_at,
        judul: None,
        klasifikasi: None,
        kategori_id: None,
        tags: None,
        link: None,
        at: ms(at),
        recorded_at: (ms(at) != ms(now)).then(|| ms(now)),
        deescalated_at: matches!(action, Action::Deescalate { .. }).then(|| ms(at)),
        actor_id: actor.id,
        actor: actor.username.clone(),
        kind: action.kind(),
        details: String::new(),
        left_path: None,
        left_klasifikasi: None,
    };
    let mut details = serde_json::Map::new();
    details.insert("from".into(), state.status.as_code().into());
    let mut put = |k: &str, v: serde_json::Value| {
        details.insert(k.into(), v);
    };
    match action {
        Action::Verify {
            changes,
            dispose_to,
        } => {
            w.judul = changes.judul.as_ref().map(|j| j.trim().to_string());
            w.klasifikasi = changes.klasifikasi;
            w.kategori_id = changes.kategori_id;
            w.tags = changes
                .tags
                .as_ref()
                .map(|t| serde_json::to_string(t).unwrap_or_else(|_| "[]".into()));
            if let Ok(v) = serde_json::to_value(changes) {
                put("changes", v);
            }
            // What each changed field was, so that the history reads "old -> new".
            let mut was = serde_json::Map::new();
            if changes.judul.is_some() {
                was.insert("judul".into(), state.judul.clone().into());
            }
            if changes.klasifikasi.is_some() {
                was.insert("klasifikasi".into(), state.klasifikasi.as_code().into());
            }
            if changes.kategori_id.is_some() {
                was.insert("kategori_id".into(), state.kategori_id.into());
            }
            if changes.tags.is_some() {
                let tags: serde_json::Value =
                    serde_json::from_str(&state.tags).unwrap_or(serde_json::Value::Null);
                was.insert("tags".into(), tags);
            }
            if !was.is_empty() {
                put("was", serde_json::Value::Object(was));
            }
            if let Some(to) = dispose_to {
                put("to", to.name.clone().into());
            }
        }
        Action::Dispose { to } => put("to", to.name.clone().into()),
        Action::Hold { until, reason } => {
            w.hold_until = Some(Some(*until));
            put("until", until.to_string().into());
            put("reason", reason.clone().into());
        }
        Action::Resume => w.hold_until = Some(None),
        Action::ReturnNotAuthority { reason } => put("reason", reason.clone().into()),
        Action::Archive { reason, note } => {
            put("reason", reason.as_code().into());
            if !note.is_empty() {
                put("note", note.clone().into());
            }
        }
        Action::Assign { to } => put("to", to.username.clone().into()),
        Action::Reply { body }
        | Action::SubmitForApproval { body }
        | Action::ReporterReply { body } => put("body", body.clone().into()),
        Action::Note { body } => put("body", body.clone().into()),
        Action::SendBack { note } | Action::Deescalate { note } | Action::Close { note } => {
            if !note.is_empty() {
                put("note", note.clone().into());
            }
        }
        Action::Escalate { to, reason } => {
            put("to", to.name.clone().into());
            put("reason", reason.clone().into());
        }
        Action::Reopen { reason } => put("reason", reason.clone().into()),
        Action::Merge { into } => put("into", into.id.into()),
        Action::Link { other } => {
            w.link = Some(other.id);
            put("other", other.id.into());
        }
        Action::Claim | Action::Unassign | Action::Approve | Action::AutoClose => {}
    }
    if w.assignee != state.assignee
        && let Some(a) = w.assignee
    {
        details.insert("assignee".into(), a.into());
    }
    // Every event that moves the clock records the clock it leaves, so the clock history is the
    // log's alone (events that keep the clock change nothing a history shows).
    if t.clock != ClockEffect::Keep {
        let record = clock.map(|b| ClockRecord::of(&b, zone, instansi_id, &calendar));
        if let Ok(v) = serde_json::to_value(record) {
            details.insert("clock".into(), v);
        }
    }
    w.details = serde_json::Value::Object(details).to_string();
    let reclassified = w.klasifikasi.is_some_and(|k| k != state.klasifikasi);
    w.left_path = (w.instansi_path != state.instansi_path || reclassified)
        .then(|| state.instansi_path.clone());
    w.left_klasifikasi = w.left_path.is_some().then_some(state.klasifikasi);
    w
}

/// Words of a title worth matching for duplicates: lower-case, alphanumeric, four letters or more,
/// without the stock words every report uses.
pub(crate) fn title_words(judul: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "mohon",
        "keluhan",
        "warga",
        "sudah",
        "belum",
        "tidak",
        "dengan",
        "untuk",
        "karena",
        "masalah",
        "perhatian",
        "bantuan",
        "kelurahan",
        "desa",
        "kota",
        "kabupaten",
        "minggu",
        "bulan",
        "usulan",
        "informasi",
        "dugaan",
    ];
    let mut words: Vec<String> = judul
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() >= 4
                && !COMMON.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect();
    words.dedup();
    words.truncate(6);
    words
}
