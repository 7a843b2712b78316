//! Working complaints (issue 4): the update half of assignment, the triage forms, approval,
//! escalation, close/reopen/merge/link and bulk work (drafting is in `drafting`). Like `update`, pure apart from the
//! state it changes: every write is an `Effect::Act` for the runtime, and whatever the officer
//! typed is kept until the store accepts it (a refused form comes back; a refused draft stays).

use super::action::{Action, Context};
use super::draft::DraftKind;
use super::drafting;
use super::forms::{self, Field, Form, FormKind, Opt};
use super::i18n::{Lang, T};
use super::keys::{Key, KeyName};
use super::render::{event_label, klas_label, status_label};
use super::state::*;
use super::update::{Effect, Failure, Msg, Outcome, failed, reload};
use crate::domain::access;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::domain::text::visible;
use crate::domain::{EventKind, Klasifikasi, Refusal, Role, Status};
use crate::store::StoreError;
use std::collections::BTreeMap;

/// The complaint the officer works on: the selected row, with the version they saw (the detail's
/// when it is loaded) and its status.
fn current(s: &State) -> Option<(ComplaintId, i64, Status)> {
    subject(s).map(|x| (x.id, x.version, x.status))
}

/// What the officer is working on: the complaint in the detail when it has the focus (it may
/// have left the queue's view after an action), else the selected row.
pub struct Subject<'a> {
    pub id: ComplaintId,
    pub version: i64,
    pub status: Status,
    pub assignee: Option<&'a str>,
    pub escalated: bool,
}

pub fn subject(s: &State) -> Option<Subject<'_>> {
    let data = s.detail.as_ref().and_then(|d| d.data.as_ref());
    let row = s.queue.current();
    let focused = s.focus == Focus::Detail && s.detail_visible();
    match (data, row) {
        (Some(c), r)
            if (focused && s.detail.as_ref().is_some_and(|d| d.id == c.id))
                || r.is_some_and(|r| r.id == c.id) =>
        {
            Some(Subject {
                id: c.id,
                version: c.version,
                status: c.status,
                assignee: c.assignee.as_deref(),
                escalated: c.escalated_to.is_some(),
            })
        }
        (_, Some(r)) => Some(Subject {
            id: r.id,
            version: r.version,
            status: r.status,
            assignee: r.assignee.as_deref(),
            escalated: r.escalated,
        }),
        (_, None) => None,
    }
}

/// The complaints an action applies to: the marked rows for a bulk action, else the current one.
fn targets(s: &State, a: Action) -> Vec<(ComplaintId, Option<i64>)> {
    if a.bulk() && !s.queue.marks.is_empty() {
        return s.queue.marks.iter().map(|id| (*id, None)).collect();
    }
    current(s)
        .map(|(id, v, _)| vec![(id, Some(v))])
        .unwrap_or_default()
}

/// The time zone of the instansi holding the complaint at hand (WIB when none is at hand).
fn zone_at_hand(s: &State) -> crate::domain::Zone {
    let shown = s
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .map(|c| c.zone);
    shown
        .or_else(|| s.queue.current().map(|r| r.zone))
        .unwrap_or(crate::domain::Zone::Wib)
}

/// Today where the complaint at hand is held: a hold "until tomorrow" on a report in Jayapura
/// ends on Jayapura's tomorrow, as the sweep will judge it.
pub(crate) fn today(s: &State) -> chrono::NaiveDate {
    s.now.with_timezone(&zone_at_hand(s).offset()).date_naive()
}

fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The actions that make sense next for a complaint, most likely first (the status line). Which
/// are possible is `lifecycle::plan`'s answer, asked about this officer and this complaint as the
/// console knows it (status, whose it is, escalated or not); the order is the desk's habit.
pub fn suggested(
    s: &State,
    status: Status,
    assignee: Option<&str>,
    escalated: bool,
) -> Vec<Action> {
    use crate::domain::lifecycle::{
        self, Actor, ComplaintFacts, ComplaintTarget, InstansiTarget, OfficerTarget, Verification,
    };
    const ME: i64 = 1;
    const SOMEONE_ELSE: i64 = 2;
    // The complaint sits in the officer's subtree (the console shows nothing else); the targets
    // are the ones each action would name there: a unit below, the officer's own instansi above.
    let own = s.me.instansi_path.clone();
    let path = format!("{own}9/");
    let actor = Actor {
        id: ME,
        username: s.me.username.clone(),
        role: s.me.role,
        instansi_id: 3,
        instansi_path: own.clone(),
    };
    let facts = ComplaintFacts {
        id: 0,
        status,
        assignee: match assignee {
            None => None,
            Some(a) if a == s.me.username => Some(ME),
            Some(_) => Some(SOMEONE_ELSE),
        },
        instansi_id: 4,
        instansi_path: path.clone(),
        klasifikasi: Klasifikasi::Pengaduan,
        routed_by: Some(3),
        escalated_to: escalated.then_some(3),
        pending_reply_by: Some(SOMEONE_ELSE),
        requires_approval: false,
        merged_into: None,
        today: chrono::NaiveDate::MIN,
    };
    let text = || "-".to_string();
    let unit = InstansiTarget {
        id: 5,
        name: String::new(),
        path: format!("{path}5/"),
    };
    let other = ComplaintTarget {
        id: 6,
        status: Status::Ditindaklanjuti,
        linked: false,
    };
    let candidates = |a: Action| -> Vec<DomainAction> {
        match a {
            Action::Claim => vec![DomainAction::Claim],
            // Verify a new report, or pass a disposed or returned one on.
            Action::Verify => vec![
                DomainAction::Verify {
                    changes: Verification::default(),
                    dispose_to: None,
                },
                DomainAction::Dispose { to: unit.clone() },
            ],
            Action::Resume => vec![DomainAction::Resume],
            Action::Approve => vec![DomainAction::Approve],
            Action::SendBack => vec![DomainAction::SendBack { note: text() }],
            Action::Reply => vec![
                DomainAction::Reply { body: text() },
                DomainAction::SubmitForApproval { body: text() },
            ],
            Action::Close => vec![DomainAction::Close { note: text() }],
            Action::Reopen => vec![DomainAction::Reopen { reason: text() }],
            Action::Hold => vec![DomainAction::Hold {
                until: chrono::NaiveDate::MAX,
                reason: text(),
            }],
            Action::Note => vec![DomainAction::Note { body: text() }],
            Action::Assign => vec![DomainAction::Assign {
                to: OfficerTarget {
                    id: 7,
                    username: String::new(),
                    role: Role::Officer,
                    instansi_path: path.clone(),
                    active: true,
                },
            }],
            Action::Unassign => vec![DomainAction::Unassign],
            Action::Escalate => vec![DomainAction::Escalate {
                to: InstansiTarget {
                    id: 8,
                    name: String::new(),
                    path: own.clone(),
                },
                reason: text(),
            }],
            Action::ReturnNotOurs => vec![DomainAction::ReturnNotAuthority { reason: text() }],
            Action::Deescalate => vec![DomainAction::Deescalate { note: text() }],
            Action::Archive => vec![DomainAction::Archive {
                reason: crate::domain::ArchiveReason::Spam,
                note: String::new(),
            }],
            Action::Link => vec![DomainAction::Link {
                other: other.clone(),
            }],
            _ => Vec::new(),
        }
    };
    // Merging is offered from the duplicates panel, linking only where nothing else is left.
    let habit = [
        Action::Claim,
        Action::Verify,
        Action::Resume,
        Action::Approve,
        Action::SendBack,
        Action::Reply,
        Action::Close,
        Action::Reopen,
        Action::Hold,
        Action::Note,
        Action::Assign,
        Action::Unassign,
        Action::Escalate,
        Action::ReturnNotOurs,
        Action::Deescalate,
        Action::Archive,
    ];
    let mut v: Vec<Action> = habit
        .into_iter()
        .filter(|a| {
            candidates(*a)
                .iter()
                .any(|d| lifecycle::plan(&facts, &actor, d).is_ok())
        })
        .collect();
    if v.len() <= 1
        && candidates(Action::Link)
            .iter()
            .any(|d| lifecycle::plan(&facts, &actor, d).is_ok())
    {
        v.push(Action::Link);
    }
    v
}

/// Carries out one of the working actions from the queue or the detail.
pub fn run_work(s: &mut State, _ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    if a == Action::MarkAll {
        let all: Vec<ComplaintId> = s.queue.rows.iter().map(|r| r.id).collect();
        if !all.is_empty() && all.iter().all(|id| s.queue.marks.contains(id)) {
            s.queue.marks.clear();
        } else {
            s.queue.marks.extend(all);
            let n = lang.number(s.queue.marks.len() as i64);
            s.notify(lang.fmt(T::NoticeMarkedAll, &[("n", &n)]), false);
        }
        return Vec::new();
    }
    let items = targets(s, a);
    let Some(&(first, _)) = items.first() else {
        s.notify(lang.t(T::NoticeNothingSelected).to_string(), false);
        return Vec::new();
    };
    let status = current(s).map(|c| c.2).unwrap_or(Status::Baru);
    let today = today(s);
    let form = |kind: FormKind, fields: Vec<Field>| Form::new(kind, items.clone(), fields, today);
    let direct = |action: DomainAction<Named>| -> Result<DomainAction<Named>, Form> { Ok(action) };
    let next: Result<DomainAction<Named>, Form> = match a {
        Action::Claim => direct(DomainAction::Claim),
        Action::Unassign => direct(DomainAction::Unassign),
        Action::Approve => direct(DomainAction::Approve),
        Action::Resume => direct(DomainAction::Resume),
        Action::Assign => {
            let mut f = form(
                FormKind::Assign,
                vec![Field::choice(T::FieldOfficer, Vec::new(), true)],
            );
            f.loading = true;
            s.overlay = Overlay::Form(Box::new(f));
            let ids = items.iter().map(|(id, _)| *id).collect();
            return vec![Effect::LoadOfficers { ids, now: s.now }];
        }
        Action::Verify => Err(verify_form(s, items.clone(), status, today)),
        Action::Hold => Err(form(
            FormKind::Hold,
            vec![
                Field::date(T::FieldUntil),
                Field::text(T::FieldReason, "", true),
            ],
        )),
        Action::ReturnNotOurs => Err(form(
            FormKind::Return,
            vec![Field::text(T::FieldReason, "", true)],
        )),
        Action::Archive => Err(form(
            FormKind::Archive,
            vec![
                Field::choice(T::FieldReason, forms::archive_options(lang), true),
                Field::text(T::FieldNote, "", false),
            ],
        )),
        Action::Escalate => Err(form(
            FormKind::Escalate,
            vec![
                Field::choice(T::FieldTo, forms::escalation_options(lang), true),
                Field::text(T::FieldReason, "", true),
            ],
        )),
        Action::Deescalate => Err(form(
            FormKind::Deescalate,
            vec![Field::text(T::FieldNote, "", false)],
        )),
        Action::Close => Err(form(
            FormKind::Close,
            vec![Field::text(T::FieldNote, "", false)],
        )),
        Action::Reopen => Err(form(
            FormKind::Reopen,
            vec![Field::text(T::FieldReason, "", true)],
        )),
        Action::SendBack => Err(form(
            FormKind::SendBack,
            vec![Field::text(T::FieldNote, "", true)],
        )),
        // A reporter's answer by phone is often typed in after the call: the form asks when.
        Action::ReporterReply => {
            let mut f = form(
                FormKind::ReporterReply,
                vec![
                    Field::text(T::FieldAnswer, "", true),
                    Field::time(T::FieldWhen),
                ],
            );
            f.zone = zone_at_hand(s);
            Err(f)
        }
        Action::Merge | Action::Link => {
            let kind = if a == Action::Merge {
                FormKind::Merge
            } else {
                FormKind::Link
            };
            let mut f = form(kind, vec![Field::complaint(T::FieldComplaint, Vec::new())]);
            f.loading = true;
            s.overlay = Overlay::Form(Box::new(f));
            return vec![Effect::LoadSimilar { id: first }];
        }
        Action::Reply | Action::Note => {
            let kind = if a == Action::Reply {
                DraftKind::Reply
            } else {
                DraftKind::Note
            };
            return drafting::start_editor(s, first, kind);
        }
        _ => return Vec::new(),
    };
    match next {
        Err(f) => {
            s.overlay = Overlay::Form(Box::new(f));
            Vec::new()
        }
        Ok(action) if items.len() > 1 => {
            let lines = preview(s, &items, &action, None);
            s.overlay = Overlay::Confirm(Confirm::Act {
                items,
                action: Box::new(action),
                lines,
                form: None,
            });
            Vec::new()
        }
        Ok(action) => act(s, items, action, None, false),
    }
}

fn verify_form(
    s: &State,
    items: Vec<(ComplaintId, Option<i64>)>,
    status: Status,
    today: chrono::NaiveDate,
) -> Form {
    let lang = s.lang();
    let instansi: Vec<Opt> = s
        .reference
        .instansi
        .iter()
        .filter(|i| i.parent_id.is_some())
        // The store accepts only targets in the officer's subtree (access::may_dispose_into).
        .filter(|i| access::in_subtree_of(s.me.role, &s.me.instansi_path, &i.path))
        .map(|i| Opt::new(i.code.clone(), i.name.clone(), i.code.clone()))
        .collect();
    if matches!(status, Status::BukanWewenang | Status::Didisposisikan) {
        return Form::new(
            FormKind::Dispose,
            items,
            vec![Field::choice(T::FieldTarget, instansi, true)],
            today,
        );
    }
    let klas: Vec<Opt> = Klasifikasi::ALL
        .iter()
        .map(|k| Opt::new(k.as_code(), klas_label(*k, lang, false), ""))
        .collect();
    let names: BTreeMap<i64, &str> = s
        .reference
        .categories
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let kategori: Vec<Opt> = s
        .reference
        .categories
        .iter()
        .filter(|c| c.parent_id.is_some())
        .map(|c| {
            let parent = c
                .parent_id
                .and_then(|p| names.get(&p))
                .copied()
                .unwrap_or("");
            Opt::new(c.id.to_string(), format!("{parent} / {}", c.name), "")
        })
        .collect();
    let id = items.first().map(|i| i.0);
    let data = s
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .filter(|c| Some(c.id) == id);
    let (judul, tags) = match data {
        Some(c) => (c.judul.clone(), Some(c.tags.clone())),
        None => (
            s.queue
                .current()
                .map(|r| r.judul.clone())
                .unwrap_or_default(),
            None,
        ),
    };
    let tags_text = tags.as_ref().map(|t| t.join(", ")).unwrap_or_default();
    let mut f = Form::new(
        FormKind::Verify,
        items,
        vec![
            Field::text(T::FieldTitle, &judul, true),
            Field::choice(T::FieldKlas, klas, false),
            Field::choice(T::FieldKategori, kategori, false),
            Field::text(T::FieldTags, &tags_text, false),
            Field::choice(T::FieldTarget, instansi, false),
        ],
        today,
    );
    f.orig_judul = Some(judul);
    f.orig_tags = tags;
    f
}

/// The console action that asks the store for an event of this kind.
fn kind_action(kind: EventKind) -> Option<Action> {
    use EventKind as K;
    Some(match kind {
        K::Claim => Action::Claim,
        K::Assign => Action::Assign,
        K::Unassign => Action::Unassign,
        K::Verify | K::VerifyDispose | K::Dispose => Action::Verify,
        K::Hold => Action::Hold,
        K::Resume => Action::Resume,
        K::Return => Action::ReturnNotOurs,
        K::Archive => Action::Archive,
        K::Approve => Action::Approve,
        K::SendBack => Action::SendBack,
        K::Escalate => Action::Escalate,
        K::Deescalate => Action::Deescalate,
        K::Close => Action::Close,
        K::Reopen => Action::Reopen,
        K::Merge => Action::Merge,
        K::Link => Action::Link,
        K::Intake | K::Reply | K::Note | K::Submit | K::ReporterReply | K::AutoClose => {
            return None;
        }
    })
}

/// Why the store refused, in the officer's language. Refusals of the rules are typed and have
/// their own words; the store's few remaining plain messages are shown as they are.
pub fn refusal_text(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Stale(events) => {
            let what: Vec<String> = events
                .iter()
                .map(|ev| {
                    format!(
                        "{} {} {}",
                        event_label(ev.kind, lang),
                        lang.pick("oleh", "by"),
                        visible(&ev.actor)
                    )
                })
                .collect();
            lang.fmt(
                T::RefusedStale,
                &[
                    ("n", &lang.number(events.len() as i64)),
                    ("what", &what.join(", ")),
                ],
            )
        }
        StoreError::Conflict(_) => lang.t(T::RefusedConflict).to_string(),
        other => other.message(lang),
    }
}

/// A preview of an action on several complaints (or a destructive one on one).
fn preview(
    s: &State,
    items: &[(ComplaintId, Option<i64>)],
    action: &DomainAction<Named>,
    form: Option<&Form>,
) -> Vec<String> {
    let lang = s.lang();
    let what = match kind_action(action.kind()) {
        Some(a) => capitalized(&a.label(lang)),
        None => capitalized(&event_label(action.kind(), lang)),
    };
    let mut lines = Vec::new();
    if items.len() > 1 {
        lines.push(lang.fmt(
            T::ConfirmBulk,
            &[("what", &what), ("n", &lang.number(items.len() as i64))],
        ));
        let mut counts: BTreeMap<Status, i64> = BTreeMap::new();
        for (id, _) in items {
            if let Some(r) = s.queue.rows.iter().find(|r| r.id == *id) {
                *counts.entry(r.status).or_default() += 1;
            }
        }
        let statuses: Vec<String> = counts
            .iter()
            .map(|(st, n)| format!("{} {}", lang.number(*n), status_label(*st, lang)))
            .collect();
        if !statuses.is_empty() {
            lines.push(lang.fmt(T::ConfirmBulkNow, &[("statuses", &statuses.join(", "))]));
        }
    } else {
        let id = items.first().map(|i| i.0.to_string()).unwrap_or_default();
        match action {
            DomainAction::Merge { into } => {
                lines.push(lang.fmt(T::ConfirmMerge, &[("id", &id), ("into", &into.to_string())]))
            }
            DomainAction::Archive { reason, .. } => {
                let label = forms::archive_options(lang)
                    .into_iter()
                    .find(|o| o.value == reason.as_code())
                    .map(|o| o.label)
                    .unwrap_or_default();
                lines.push(lang.fmt(T::ConfirmArchive, &[("id", &id), ("reason", &label)]))
            }
            _ => lines.push(lang.fmt(T::ConfirmAct, &[("what", &what), ("id", &id)])),
        }
    }
    if let Some(f) = form {
        for field in &f.fields {
            let shown = match field.chosen() {
                Some(o) if field.is_choice() && !field.input.text.trim().is_empty() => {
                    o.label.clone()
                }
                Some(o) if field.is_choice() => o.label.clone(),
                _ => field.input.text.trim().to_string(),
            };
            if !shown.is_empty() {
                lines.push(format!("{}: {shown}", lang.t(field.label)));
            }
        }
    }
    if items.len() > 1 {
        lines.push(lang.t(T::ConfirmBulkRefuse).to_string());
    }
    lines
}

pub(crate) fn act(
    s: &mut State,
    items: Vec<(ComplaintId, Option<i64>)>,
    action: DomainAction<Named>,
    form: Option<Box<Form>>,
    discard_draft: bool,
) -> Vec<Effect> {
    // Replies and approvals are written on what the officer saw: the store refuses them as
    // stale when someone else acted after that event.
    let seen_event = match (&action, items.as_slice()) {
        (DomainAction::Reply { .. } | DomainAction::SubmitForApproval { .. }, [(id, _)]) => s
            .editor
            .as_ref()
            .filter(|e| e.id == *id)
            .and_then(|e| e.based_on),
        (DomainAction::Approve, [(id, _)]) => s
            .detail
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .filter(|c| c.id == *id)
            .and_then(|c| c.events.iter().map(|e| e.id).max()),
        _ => None,
    };
    let happened = form.as_ref().and_then(|f| f.happened());
    s.acting = Some(Acting {
        kind: action.kind(),
        form,
    });
    s.dirty = true;
    vec![Effect::Act {
        items,
        action: Box::new(action),
        discard_draft,
        seen_event,
        happened,
    }]
}

/// The confirmation was answered yes.
pub fn confirmed(s: &mut State) -> Vec<Effect> {
    let overlay = std::mem::replace(&mut s.overlay, Overlay::None);
    match overlay {
        Overlay::Confirm(Confirm::Act {
            items,
            action,
            form,
            ..
        }) => act(s, items, *action, form, false),
        Overlay::Confirm(Confirm::DiscardDraft(id)) => {
            if s.editor.as_ref().is_some_and(|e| e.id == id) {
                s.editor = None;
            }
            if let Some(d) = s.detail.as_mut().filter(|d| d.id == id) {
                d.draft = None;
            }
            let lang = s.lang();
            s.notify(lang.t(T::NoticeDraftDiscarded).to_string(), false);
            vec![Effect::DiscardDraft { id }]
        }
        _ => Vec::new(),
    }
}

/// A write came back.
pub fn acted(s: &mut State, kind: EventKind, result: Result<Outcome, Failure>) -> Vec<Effect> {
    let lang = s.lang();
    let acting = s.acting.take();
    let what = event_label(kind, lang);
    let mut refused = true;
    let mut bulk = false;
    match result {
        Ok(o) if o.refused.is_empty() && o.done.len() == 1 => {
            refused = false;
            let id = o.done[0].to_string();
            if kind == EventKind::Claim {
                s.notify(lang.fmt(T::NoticeClaimed, &[("id", &id)]), false);
            } else {
                s.notify(
                    lang.fmt(T::NoticeDone, &[("id", &id), ("what", &what)]),
                    false,
                );
            }
            if s.editor
                .as_ref()
                .is_some_and(|e| e.busy && e.id == o.done[0])
            {
                s.editor = None;
                if let Some(d) = s.detail.as_mut() {
                    d.draft = None;
                }
            }
        }
        Ok(o) if o.done.is_empty() && o.refused.len() == 1 => {
            let (refused_id, error) = &o.refused[0];
            // Stale: the detail reloads with the new events; once read, sending again is the
            // officer's confirmation, so the draft is now based on them.
            if matches!(error, StoreError::Stale(_))
                && let Some(e) = s.editor.as_mut().filter(|e| e.id == *refused_id)
            {
                e.rebase = true;
            }
            // The instansi wants approval after all (the console's copy of the tree was old):
            // the same text goes to the supervisor instead.
            if kind == EventKind::Reply
                && matches!(error, StoreError::Refused(Refusal::ApprovalRequired { .. }))
                && let Some(e) = s.editor.as_mut().filter(|e| e.busy && e.id == *refused_id)
            {
                let id = e.id;
                let body = e.body();
                let version = s
                    .detail
                    .as_ref()
                    .and_then(|d| d.data.as_ref())
                    .filter(|c| c.id == id)
                    .map(|c| c.version);
                return act(
                    s,
                    vec![(id, version)],
                    DomainAction::SubmitForApproval { body },
                    None,
                    true,
                );
            }
            let msg = refusal_text(error, lang);
            s.notify(lang.fmt(T::NoticeRefused, &[("msg", &msg)]), true);
        }
        Ok(o) => {
            bulk = true;
            refused = false;
            let ok = lang.number(o.done.len() as i64);
            let bad = lang.number(o.refused.len() as i64);
            match o.refused.first() {
                None => s.notify(
                    lang.fmt(
                        T::NoticeBulkDone,
                        &[("what", &capitalized(&what)), ("ok", &ok), ("bad", &bad)],
                    ),
                    false,
                ),
                Some((id, why)) => s.notify(
                    lang.fmt(
                        T::NoticeBulkSome,
                        &[
                            ("what", &capitalized(&what)),
                            ("ok", &ok),
                            ("bad", &bad),
                            ("id", &id.to_string()),
                            ("why", &refusal_text(why, lang)),
                        ],
                    ),
                    true,
                ),
            }
        }
        Err(f) => failed(s, f),
    }
    if let Some(e) = s.editor.as_mut() {
        e.busy = false;
    }
    if refused
        && let Some(form) = acting.and_then(|a| a.form)
        && matches!(s.overlay, Overlay::None)
    {
        // Nothing typed is lost: the form comes back as it was.
        s.overlay = Overlay::Form(form);
    }
    if bulk {
        s.queue.marks.clear();
    }
    reload(s, true)
}

/// Answers of the working effects.
pub fn on_msg(s: &mut State, msg: Msg) -> Vec<Effect> {
    let lang = s.lang();
    match msg {
        Msg::Templates(_)
        | Msg::DraftDue { .. }
        | Msg::DraftSaved { .. }
        | Msg::ExternalEdited(_) => drafting::on_msg(s, msg),
        Msg::Officers(result) => match result {
            Ok(list) => {
                if let Overlay::Form(f) = &mut s.overlay
                    && f.kind == FormKind::Assign
                {
                    let opts: Vec<Opt> = list
                        .into_iter()
                        .filter(|o| o.officer.active)
                        .map(|o| {
                            let load = lang.fmt(
                                T::FormLoad,
                                &[
                                    ("open", &lang.number(o.open)),
                                    ("overdue", &lang.number(o.overdue)),
                                ],
                            );
                            Opt::new(
                                o.officer.username.clone(),
                                format!("{} ({})", o.officer.name, o.officer.username),
                                load,
                            )
                        })
                        .collect();
                    if let Some(field) = f.fields.first_mut()
                        && let Some(options) = field.options_mut()
                    {
                        *options = opts;
                    }
                    f.loading = false;
                    s.dirty = true;
                }
                Vec::new()
            }
            Err(f) => {
                failed(s, f);
                Vec::new()
            }
        },
        Msg::Similar { id, result } => {
            let rows = match result {
                Ok(rows) => rows,
                Err(f) => {
                    // Without suggestions a tracking number can still be typed.
                    if !f.connection {
                        Vec::new()
                    } else {
                        failed(s, f);
                        Vec::new()
                    }
                }
            };
            if let Overlay::Form(f) = &mut s.overlay
                && matches!(f.kind, FormKind::Merge | FormKind::Link)
                && f.items.first().map(|i| i.0) == Some(id)
            {
                let opts: Vec<Opt> = rows
                    .into_iter()
                    .filter(|r| r.id != id)
                    .map(|r| {
                        Opt::new(
                            r.id.to_string(),
                            format!("#{} {}", r.id, super::text::sanitize(&r.judul)),
                            status_label(r.status, lang),
                        )
                    })
                    .collect();
                if let Some(field) = f.fields.first_mut()
                    && let Some(options) = field.options_mut()
                {
                    *options = opts;
                }
                f.loading = false;
                s.dirty = true;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Keys the form's keymap leaves unbound edit the focused field.
pub fn edit_form(s: &mut State, key: Key) -> bool {
    let Overlay::Form(f) = &mut s.overlay else {
        return false;
    };
    let Some(field) = f.field_mut() else {
        return false;
    };
    let p = &mut field.input;
    match (key.typed_char(), key.name) {
        (Some(c), _) => p.insert(c),
        (None, KeyName::Backspace) => p.backspace(),
        (None, KeyName::Delete) => p.delete(),
        (None, KeyName::Left) => p.cursor = p.cursor.saturating_sub(1),
        (None, KeyName::Right) => p.cursor = (p.cursor + 1).min(p.text.chars().count()),
        (None, KeyName::Home) => p.cursor = 0,
        (None, KeyName::End) => p.cursor = p.text.chars().count(),
        _ => return false,
    }
    field.edited();
    s.dirty = true;
    true
}

/// An action in a form.
pub fn run_form(s: &mut State, a: Action) -> Vec<Effect> {
    let Overlay::Form(f) = &mut s.overlay else {
        return Vec::new();
    };
    let n = f.fields.len().max(1);
    match a {
        Action::Cancel => s.overlay = Overlay::None,
        Action::NextField => f.focus = (f.focus + 1) % n,
        Action::PrevField => f.focus = (f.focus + n - 1) % n,
        Action::Up | Action::Down => {
            let by = if a == Action::Up { -1 } else { 1 };
            match f.field_mut() {
                Some(field) if field.is_choice() => field.move_sel(by),
                _ => f.focus = ((f.focus as isize + by).rem_euclid(n as isize)) as usize,
            }
        }
        Action::ClearInput => {
            if let Some(field) = f.field_mut() {
                field.input.clear();
                field.edited();
            }
        }
        Action::Accept => return accept_form(s),
        _ => {}
    }
    s.dirty = true;
    Vec::new()
}

fn accept_form(s: &mut State) -> Vec<Effect> {
    let Overlay::Form(f) = &mut s.overlay else {
        return Vec::new();
    };
    if f.loading {
        return Vec::new();
    }
    if f.kind == FormKind::Template {
        let name = f
            .fields
            .first()
            .and_then(|x| x.chosen())
            .map(|o| o.value.clone());
        s.overlay = Overlay::None;
        return drafting::insert_template(s, name);
    }
    match f.action() {
        Err((i, _)) => {
            // The error is on screen beside the field; go there.
            f.focus = i;
            Vec::new()
        }
        Ok(action) => {
            let Overlay::Form(form) = std::mem::replace(&mut s.overlay, Overlay::None) else {
                return Vec::new();
            };
            if form.needs_confirm() {
                let lines = preview(s, &form.items, &action, Some(&form));
                s.overlay = Overlay::Confirm(Confirm::Act {
                    items: form.items.clone(),
                    action: Box::new(action),
                    lines,
                    form: Some(form),
                });
                return Vec::new();
            }
            let items = form.items.clone();
            act(s, items, action, Some(form), false)
        }
    }
}
