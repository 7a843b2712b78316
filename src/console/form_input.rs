//! A working form on screen, the update half: keys the keymap leaves unbound edit the focused
//! field, bound ones move between fields or choices and accept the form (into a question or a
//! write), and the answers that fill a form's choices arrive here (the officers who may take a
//! complaint, the similar complaints to merge or link with). The form itself is `forms`.

use super::action::Action;
use super::drafting;
use super::forms::{FormKind, Opt};
use super::i18n::T;
use super::keys::{Key, KeyName};
use super::labels::status_label;
use super::msg::{Effect, Failure};
use super::requests::{act, failed};
use super::state::*;
use super::text::sanitize;
use super::work::preview;
use crate::domain::ComplaintRow;
use crate::domain::lifecycle::ComplaintId;
use crate::domain::routing::Suggestion;
use crate::store::OfficerLoad;

/// The officers who may take the complaints arrived: they become the assign form's choices.
pub fn officers_arrived(s: &mut State, result: Result<Vec<OfficerLoad>, Failure>) -> Vec<Effect> {
    let lang = s.lang();
    match result {
        Ok(list) => {
            if let Overlay::Form(f) = &mut s.overlay
                && f.kind == FormKind::Assign
            {
                // Those working at the complaint's own instansi first, then the nearest units,
                // each group the least loaded first: the likely choice is at the top.
                let holder = s
                    .detail
                    .as_ref()
                    .and_then(|d| d.data.as_ref().map(|c| c.instansi_id))
                    .or_else(|| s.queue.current().map(|r| r.instansi_id))
                    .and_then(|id| s.reference.instansi.iter().find(|i| i.id == id))
                    .map(|i| i.path.clone())
                    .unwrap_or_default();
                let shared = |path: &str| {
                    path.split('/')
                        .zip(holder.split('/'))
                        .take_while(|(a, b)| a == b)
                        .count()
                };
                let mut list: Vec<_> = list.into_iter().filter(|o| o.officer.active).collect();
                list.sort_by(|a, b| {
                    shared(&b.officer.instansi_path)
                        .cmp(&shared(&a.officer.instansi_path))
                        .then((a.overdue, a.open).cmp(&(b.overdue, b.open)))
                        .then(a.officer.name.cmp(&b.officer.name))
                });
                let opts: Vec<Opt> = list
                    .into_iter()
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
                            format!("{load} · {}", o.officer.instansi_name),
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
    }
}

/// Complaints like this one arrived: they become the merge or link form's choices.
pub fn similar_arrived(
    s: &mut State,
    id: ComplaintId,
    result: Result<Vec<ComplaintRow>, Failure>,
) -> Vec<Effect> {
    let lang = s.lang();
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
                    format!("#{} {}", r.id, sanitize(&r.judul)),
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

/// The routing suggestions arrived: they go to the top of the instansi picker, each with its
/// first reason, the rest of the list below them without repeating them.
pub fn suggestions_arrived(
    s: &mut State,
    id: ComplaintId,
    result: Result<Vec<Suggestion>, Failure>,
) -> Vec<Effect> {
    let lang = s.lang();
    // Without suggestions the picker works as before: a refusal (not awaiting disposition)
    // says nothing, a lost connection is shown like any other.
    let list = match result {
        Ok(list) => list,
        Err(f) => {
            if f.connection {
                failed(s, f);
            }
            return Vec::new();
        }
    };
    let Overlay::Form(f) = &mut s.overlay else {
        return Vec::new();
    };
    if f.items.first().map(|i| i.0) != Some(id) || f.suggested > 0 {
        return Vec::new();
    }
    let Some(target) = f.target_field() else {
        return Vec::new();
    };
    let Some(options) = f.fields[target].options_mut() else {
        return Vec::new();
    };
    let mut top = Vec::new();
    for sug in &list {
        // Only what the picker offers (the officer's reach), moved up with its reason.
        if let Some(pos) = options.iter().position(|o| o.value == sug.code) {
            let mut o = options.remove(pos);
            let reason = sug
                .reasons
                .first()
                .map(|r| r.text(lang))
                .unwrap_or_default();
            o.extra = format!("★ {reason}");
            top.push(o);
        }
    }
    f.suggested = top.len();
    options.splice(0..0, top);
    f.fields[target].edited();
    s.dirty = true;
    Vec::new()
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
        Action::AcceptSuggestion if !f.accept_suggestion() => {
            let lang = s.lang();
            s.notify(lang.t(T::NoticeNoSuggestion).to_string(), false);
        }
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
