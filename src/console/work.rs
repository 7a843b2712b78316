//! Working complaints (issue 4), the update half: starting a working action (assignment, the
//! triage forms, approval, escalation, close/reopen/merge/link, bulk work) as a form, a question
//! or a write at once; the preview a question shows; and what a write's answer does. The keys of
//! a form on screen are `form_input`'s, drafting is `drafting`'s. Pure apart from the state it
//! changes: every write is an `Effect::Act` for the runtime, and whatever the officer typed is
//! kept until the store accepts it (a refused form comes back; a refused draft stays).

use super::action::{Action, Context};
use super::at_hand::{subject, today, zone_at_hand};
use super::draft::DraftKind;
use super::drafting;
use super::forms::{self, Field, Form, FormKind, Opt};
use super::i18n::T;
use super::labels::{event_label, klas_label, refusal_text, status_label};
use super::msg::{Effect, Failure, Outcome};
use super::requests::{act, failed, reload, scope};
use super::state::*;
use crate::domain::access;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::domain::{EventKind, Klasifikasi, Refusal, Status};
use crate::store::StoreError;
use std::collections::BTreeMap;

/// The complaint the officer works on: the selected row, with the version they saw (the detail's
/// when it is loaded) and its status.
fn current(s: &State) -> Option<(ComplaintId, i64, Status)> {
    subject(s).map(|x| (x.id, x.version, x.status))
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

fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Carries out one of the working actions from the queue or the detail.
pub fn run_work(s: &mut State, _ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    if a == Action::MarkAll {
        let all: Vec<ComplaintId> = s.queue.rows.iter().map(|r| r.id).collect();
        if !all.is_empty() && all.iter().all(|id| s.queue.marks.contains(id)) {
            s.queue.marks.clear();
        } else if s.queue.next.is_some() {
            // More rows match than are loaded: the selection is the view's, not the page's.
            let (view, filter) = scope(s);
            return vec![Effect::LoadMatching {
                view,
                filter,
                now: s.now,
            }];
        } else {
            s.queue.marks.extend(all);
            let n = lang.number(s.queue.marks.len() as i64);
            s.notify(lang.fmt(T::NoticeMarkedAll, &[("n", &n)]), false);
        }
        return Vec::new();
    }
    // An action on one report says so before anything happens, rather than quietly taking the
    // cursor's row while others are marked.
    if !a.bulk() && !s.queue.marks.is_empty() {
        let n = lang.number(s.queue.marks.len() as i64);
        let cond = s.conditions();
        let clear = s
            .keymap()
            .key_for(Context::Queue, Action::ClearMarks, &cond);
        s.notify(
            lang.fmt(
                T::NoticeOneOnly,
                &[
                    ("what", &capitalized(&a.label(lang))),
                    ("n", &n),
                    ("clear", &clear),
                ],
            ),
            true,
        );
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
        Action::Verify => {
            let f = verify_form(s, items.clone(), status, today);
            s.overlay = Overlay::Form(Box::new(f));
            // The form opens at once; the routing suggestions join its picker when they come.
            if items.len() == 1 && s.me.role.is_supervisor_or_above() {
                return vec![Effect::LoadSuggestions { id: first }];
            }
            return Vec::new();
        }
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
        // Approving posts a public reply: asked first, like the other actions that cannot be
        // taken back.
        Ok(action) if items.len() > 1 || matches!(action, DomainAction::Approve) => {
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
        .map(|i| {
            let names = s.reference.names.get(reference_index(s, i.id));
            Opt::instansi(i, names, i.code.clone())
        })
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

/// Where an instansi is in the console's copy of the tree (its matcher reading is parallel).
fn reference_index(s: &State, id: i64) -> usize {
    s.reference
        .instansi
        .iter()
        .position(|i| i.id == id)
        .unwrap_or(usize::MAX)
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

/// A preview of an action on several complaints (or a destructive one on one).
pub(crate) fn preview(
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
    if let Ok(o) = &result {
        s.own_events.extend(o.events.iter().copied());
    }
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
            if let StoreError::Stale(events) = error
                && let Some(e) = s.editor.as_mut().filter(|e| e.id == *refused_id)
            {
                e.rebase = true;
                e.stale = events.clone();
                e.busy = false;
                let cond = s.conditions();
                let km = s.keymap();
                let send = km.key_for(Context::Editor, Action::Send, &cond);
                let anyway = km.key_for(Context::Editor, Action::SendAnyway, &cond);
                let n = lang.number(events.len() as i64);
                s.notify(
                    lang.fmt(
                        T::NoticeStaleHeld,
                        &[("n", &n), ("send", &send), ("anyway", &anyway)],
                    ),
                    true,
                );
                return reload(s, true);
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

/// Every complaint matching the view and the filter arrived (`*`): they are the marks.
pub fn matching_arrived(s: &mut State, result: Result<Vec<ComplaintId>, Failure>) {
    let lang = s.lang();
    match result {
        Ok(ids) => {
            s.queue.marks = ids.into_iter().collect();
            let n = lang.number(s.queue.marks.len() as i64);
            s.notify(lang.fmt(T::NoticeMarkedAll, &[("n", &n)]), false);
        }
        Err(f) => failed(s, f),
    }
}
