//! Drafting (issue 4): the update half of the draft editor beside the complaint. Opening it
//! (restoring a saved draft), typing (autosave a second after the first unsaved change), templates
//! with placeholders, `$EDITOR`, and sending: a reply, a note, or a reply submitted for approval
//! when the officer's instansi requires it. Pure like `update`: writes are effects.

use super::action::{Action, Context};
use super::at_hand::{needs_approval, today};
use super::draft::{self, AUTOSAVE, DraftKind, Editor};
use super::forms::{Field, Form, FormKind, Opt};
use super::i18n::T;
use super::keys::Key;
use super::labels::status_label;
use super::msg::{Effect, Msg, MsgTemplate};
use super::requests::{act, detail_for_selection, failed};
use super::state::*;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId};
use crate::domain::template;
use crate::store::Draft;
use std::collections::BTreeMap;

/// Answers of the drafting effects.
pub fn on_msg(s: &mut State, msg: Msg) -> Vec<Effect> {
    let lang = s.lang();
    match msg {
        Msg::Templates(result) => {
            // The chooser on screen says "loading…" until now.
            s.dirty = true;
            match result {
                Ok(list) => {
                    s.templates = Some(list);
                    if let Overlay::Form(f) = &s.overlay
                        && f.kind == FormKind::Template
                    {
                        s.overlay = Overlay::None;
                        open_templates(s);
                    }
                }
                Err(f) => {
                    if matches!(&s.overlay, Overlay::Form(f) if f.kind == FormKind::Template) {
                        s.overlay = Overlay::None;
                    }
                    failed(s, f);
                }
            }
            Vec::new()
        }
        Msg::DraftDue { id } => {
            let now = s.now;
            match s.editor.as_mut().filter(|e| e.id == id) {
                Some(e) => {
                    e.timer = false;
                    if e.unsaved() {
                        vec![save_effect(e, now)]
                    } else {
                        Vec::new()
                    }
                }
                None => Vec::new(),
            }
        }
        Msg::DraftSaved {
            id,
            body,
            at,
            result,
        } => {
            match result {
                Ok(()) => {
                    if let Some(e) = s.editor.as_mut().filter(|e| e.id == id) {
                        e.saved = body.clone();
                        e.saved_at = Some(at);
                    }
                    let based_on = s.editor.as_ref().and_then(|e| e.based_on);
                    let kind = s.editor.as_ref().map(|e| e.kind.code()).unwrap_or("reply");
                    if let Some(d) = s.detail.as_mut().filter(|d| d.id == id) {
                        d.draft = if body.trim().is_empty() {
                            None
                        } else {
                            Some(Draft {
                                complaint_id: id,
                                kind: kind.to_string(),
                                body,
                                based_on_event: based_on,
                                updated_at: at,
                            })
                        };
                    }
                    s.dirty = true;
                }
                Err(f) => {
                    let retry = f.connection;
                    failed(s, f);
                    // The text stays in the editor (and on disk); try again in a few seconds.
                    if retry && s.editor.as_ref().is_some_and(|e| e.id == id) {
                        return vec![Effect::After {
                            delay: std::time::Duration::from_secs(3),
                            msg: Box::new(MsgTemplate::DraftDue { id }),
                        }];
                    }
                }
            }
            Vec::new()
        }
        Msg::ExternalEdited(result) => {
            match result {
                Ok(text) => {
                    if let Some(e) = s.editor.as_mut() {
                        e.set_body(text.trim_end_matches('\n'));
                        s.dirty = true;
                        s.clear = true;
                        return schedule_save(s);
                    }
                }
                Err(msg) => {
                    s.clear = true;
                    s.notify(lang.fmt(T::NoticeEditorFailed, &[("msg", &msg)]), true);
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn save_effect(e: &Editor, at: chrono::DateTime<chrono::Utc>) -> Effect {
    Effect::SaveDraft {
        id: e.id,
        kind: e.kind.code(),
        body: e.body(),
        based_on: e.based_on,
        at,
        rebase: false,
    }
}

/// Starts the autosave timer after a change (once: it saves a second after the first change).
fn schedule_save(s: &mut State) -> Vec<Effect> {
    match s.editor.as_mut() {
        Some(e) if !e.timer => {
            e.timer = true;
            vec![Effect::After {
                delay: AUTOSAVE,
                msg: Box::new(MsgTemplate::DraftDue { id: e.id }),
            }]
        }
        _ => Vec::new(),
    }
}

/// Opens the editor on `id`: with its saved draft if there is one, else a new one of `kind`.
pub(crate) fn start_editor(s: &mut State, id: ComplaintId, kind: DraftKind) -> Vec<Effect> {
    let loaded = s
        .detail
        .as_ref()
        .is_some_and(|d| d.id == id && d.data.is_some());
    s.focus = Focus::Detail;
    if loaded {
        s.want_editor = Some((id, Some(kind)));
        return detail_arrived(s);
    }
    s.want_editor = Some((id, Some(kind)));
    detail_for_selection(s, true)
}

/// The detail arrived (or was already there): open the editor if one was asked for.
pub fn detail_arrived(s: &mut State) -> Vec<Effect> {
    let now = s.now;
    if let (Some(e), Some(c)) = (
        s.editor.as_mut(),
        s.detail.as_ref().and_then(|d| d.data.as_ref()),
    ) && e.rebase
        && e.id == c.id
    {
        e.rebase = false;
        e.based_on = c.events.iter().map(|ev| ev.id).max();
        let mut save = save_effect(e, now);
        if let Effect::SaveDraft { rebase, .. } = &mut save {
            *rebase = true;
        }
        return vec![save];
    }
    let Some((id, kind)) = s.want_editor else {
        return Vec::new();
    };
    let Some(d) = s.detail.as_ref().filter(|d| d.id == id) else {
        return Vec::new();
    };
    let Some(c) = d.data.as_ref() else {
        return Vec::new();
    };
    s.want_editor = None;
    if s.editor.as_ref().is_some_and(|e| e.id == id) {
        return Vec::new();
    }
    let mut fx = Vec::new();
    if let Some(old) = s.editor.take()
        && old.unsaved()
    {
        fx.push(save_effect(&old, s.now));
    }
    let editor = match (&d.draft, kind) {
        (Some(draft), _) => {
            let mut e = Editor::new(
                id,
                DraftKind::from_code(&draft.kind),
                &draft.body,
                draft.based_on_event,
            );
            e.saved_at = Some(draft.updated_at);
            e
        }
        (None, Some(kind)) => {
            let newest = c.events.iter().map(|e| e.id).max();
            // A reply sent back opens again as it was submitted, for the author to revise.
            let body = match (kind, draft::sent_back(c)) {
                (DraftKind::Reply, Some((body, _, _))) => body,
                _ => String::new(),
            };
            let mut e = Editor::new(id, kind, &body, newest);
            // Unsaved until revised: leaving saves it as the author's draft.
            e.saved = String::new();
            e
        }
        (None, None) => return fx,
    };
    let mut editor = editor;
    if editor.kind == DraftKind::Reply
        && let Some((_, who, note)) = draft::sent_back(c)
    {
        let lang = s.lang();
        let head = lang.fmt(T::SentBackTitle, &[("who", &who)]);
        editor.sent_back = Some(if note.is_empty() {
            head
        } else {
            format!("{head} {note}")
        });
    }
    s.editor = Some(editor);
    s.focus = Focus::Detail;
    s.dirty = true;
    fx
}

/// Keys the editor's keymap leaves unbound edit the draft.
pub fn edit_draft(s: &mut State, key: Key) -> Vec<Effect> {
    let Some(e) = s.editor.as_mut() else {
        return Vec::new();
    };
    if e.busy {
        return Vec::new();
    }
    let (handled, changed) = e.key(key);
    if !handled {
        let lang = s.lang();
        let cond = s.conditions();
        let help = s.keymap().key_for(Context::Editor, Action::Help, &cond);
        s.notify(
            lang.fmt(
                T::NoticeUnbound,
                &[("key", &key.to_string()), ("help", &help)],
            ),
            false,
        );
        return Vec::new();
    }
    s.dirty = true;
    if changed {
        return schedule_save(s);
    }
    Vec::new()
}

pub(crate) fn open_templates(s: &mut State) {
    let lang = s.lang();
    let Some(e) = s.editor.as_ref() else {
        return;
    };
    let status = s
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .filter(|c| c.id == e.id)
        .map(|c| c.status);
    let list = s.templates.clone().unwrap_or_default();
    if list.is_empty() {
        s.notify(lang.t(T::NoticeNoTemplates).to_string(), true);
        return;
    }
    // Templates tied to the complaint's status first, then those for any status, then the rest.
    let mut opts: Vec<(u8, Opt)> = list
        .iter()
        .map(|t| {
            let rank = match t.status {
                Some(st) if Some(st) == status => 0,
                None => 1,
                Some(_) => 2,
            };
            let extra = t
                .status
                .map(|st| status_label(st, lang).to_string())
                .unwrap_or_default();
            (rank, Opt::new(t.name.clone(), t.name.clone(), extra))
        })
        .collect();
    opts.sort_by_key(|(rank, _)| *rank);
    let f = Form::new(
        FormKind::Template,
        vec![(e.id, None)],
        vec![Field::choice(
            T::FieldTemplate,
            opts.into_iter().map(|(_, o)| o).collect(),
            true,
        )],
        today(s),
    );
    s.overlay = Overlay::Form(Box::new(f));
}

pub(crate) fn insert_template(s: &mut State, name: Option<String>) -> Vec<Effect> {
    let Some(name) = name else {
        return Vec::new();
    };
    let Some(t) = s
        .templates
        .as_ref()
        .and_then(|l| l.iter().find(|t| t.name == name))
        .cloned()
    else {
        return Vec::new();
    };
    let values = match (&s.editor, s.detail.as_ref().and_then(|d| d.data.as_ref())) {
        (Some(e), Some(c)) if c.id == e.id => {
            draft::placeholder_values(c, &s.calendars.for_instansi(c.instansi_id), s.now)
        }
        _ => BTreeMap::new(),
    };
    let text = template::render(&t.body, &values);
    if let Some(e) = s.editor.as_mut() {
        e.insert(&text);
    }
    s.dirty = true;
    schedule_save(s)
}

/// An action in the draft editor.
pub fn run_editor(s: &mut State, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    let Some(e) = s.editor.as_ref() else {
        return Vec::new();
    };
    let id = e.id;
    match a {
        Action::Back => {
            let e = s.editor.take().expect("editor");
            s.focus = Focus::Detail;
            if e.unsaved() {
                return vec![save_effect(&e, s.now)];
            }
            Vec::new()
        }
        Action::Send | Action::SendAnyway => {
            if e.busy {
                return Vec::new();
            }
            // The stale-reply guard stopped this draft: the send key alone must not pass it, or
            // the author could send twice without reading what colleagues did meanwhile.
            if a == Action::Send && !e.stale.is_empty() {
                let cond = s.conditions();
                let km = s.keymap();
                let send = km.key_for(Context::Editor, Action::Send, &cond);
                let anyway = km.key_for(Context::Editor, Action::SendAnyway, &cond);
                let n = lang.number(e.stale.len() as i64);
                s.notify(
                    lang.fmt(
                        T::NoticeStaleHeld,
                        &[("n", &n), ("send", &send), ("anyway", &anyway)],
                    ),
                    true,
                );
                return Vec::new();
            }
            let body = e.body();
            if body.trim().is_empty() {
                s.notify(lang.t(T::DraftEmpty).to_string(), true);
                return Vec::new();
            }
            let left = template::placeholders(&body);
            if !left.is_empty() {
                let list: Vec<String> = left.iter().map(|p| format!("{{{p}}}")).collect();
                s.notify(
                    lang.fmt(T::DraftUnknown, &[("list", &list.join(" "))]),
                    true,
                );
                return Vec::new();
            }
            let action = match e.kind {
                DraftKind::Note => DomainAction::Note { body },
                DraftKind::Reply if needs_approval(s, id) => {
                    DomainAction::SubmitForApproval { body }
                }
                DraftKind::Reply => DomainAction::Reply { body },
            };
            let version = s
                .detail
                .as_ref()
                .and_then(|d| d.data.as_ref())
                .filter(|c| c.id == id)
                .map(|c| c.version);
            if let Some(e) = s.editor.as_mut() {
                e.busy = true;
                e.stale.clear();
            }
            act(s, vec![(id, version)], action, None, true)
        }
        Action::Template => {
            if s.templates.is_none() {
                let mut f = Form::new(
                    FormKind::Template,
                    vec![(id, None)],
                    vec![Field::choice(T::FieldTemplate, Vec::new(), true)],
                    today(s),
                );
                f.loading = true;
                s.overlay = Overlay::Form(Box::new(f));
                return vec![Effect::LoadTemplates];
            }
            open_templates(s);
            Vec::new()
        }
        Action::ExternalEditor => {
            s.external = Some(e.body());
            Vec::new()
        }
        Action::DiscardDraft => {
            s.overlay = Overlay::Confirm(Confirm::DiscardDraft(id));
            Vec::new()
        }
        Action::Help => {
            s.overlay = Overlay::Help {
                scroll: 0,
                search: String::new(),
                typing: false,
            };
            Vec::new()
        }
        Action::Redraw => {
            s.clear = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Before the console exits: the open draft is saved if it changed.
pub fn before_quit(s: &mut State) -> Vec<Effect> {
    match s.editor.as_ref() {
        Some(e) if e.unsaved() => vec![save_effect(e, s.now)],
        _ => Vec::new(),
    }
}
