//! The update function of the Elm architecture: (state, message) -> effects. Pure apart from the
//! state it changes: queries and writes are returned as effects for the runtime to carry out, each
//! tagged with a request id so that a stale answer is recognised and dropped.
//!
//! This is the top of the update side: it resolves a key in the context on screen and handles the
//! console's own moves (views, the filter, the palette, help, scrolling, the selection), and it
//! dispatches the rest down to `work`, `form_input`, `drafting` and `live`, which never call back
//! up here; what they all share lives beneath them in `requests`.

use super::action::{Action, Context};
use super::at_hand::{context_on_screen, context_on_screen_below_overlay};
use super::board;
use super::drafting;
use super::form_input;
use super::i18n::T;
use super::keymap::Resolution;
use super::keys::{Key, KeyName};
use super::labels::order_label;
use super::live;
use super::msg::{Effect, Failure, Msg};
use super::palette;
use super::requests;
use super::requests::{
    apply_page, connected, detail_for_selection, failed, go_to, reload, scope, scroll_into_view,
    select,
};
use super::state::*;
use super::view_input;
use super::work;

pub use super::boot::{initial, start};
use crate::domain::filter;
use crate::store::Page;

pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(ev) => match Key::from_event(&ev) {
            Some(key) => on_key(s, key),
            None => Vec::new(),
        },
        Msg::Resize(w, h) => {
            let was_visible = s.detail_visible();
            s.size = (w, h);
            s.dirty = true;
            scroll_into_view(s);
            if !was_visible && s.detail_visible() {
                return detail_for_selection(s, true);
            }
            Vec::new()
        }
        Msg::Tick(now) => {
            if now != s.now {
                s.now = now;
                s.dirty = true;
            }
            Vec::new()
        }
        Msg::Mouse(m) => match view_input::mouse(s, m) {
            view_input::Pointer::Effects(fx) => fx,
            view_input::Pointer::Run(ctx, a) => run(s, ctx, a),
        },
        Msg::Remembered(Ok(())) => Vec::new(),
        Msg::Remembered(Err(e)) => {
            let text = s.lang().fmt(T::NoticeNotRemembered, &[("err", &e)]);
            s.notify(text, true);
            Vec::new()
        }
        Msg::Me(Ok(o)) => {
            s.me.name = Some(o.name);
            s.me.instansi = Some(o.instansi_name);
            s.me.role = o.role;
            s.me.instansi_path = o.instansi_path;
            s.dirty = true;
            Vec::new()
        }
        Msg::Me(Err(f)) => {
            failed(s, f);
            Vec::new()
        }
        Msg::Page {
            req,
            append,
            result,
        } => on_page(s, req, append, result),
        Msg::Feed(feed) => live::on_feed(s, feed),
        Msg::PresenceTick => live::presence_tick(s),
        Msg::Presence(result) => {
            live::on_presence(s, result);
            Vec::new()
        }
        Msg::Counts { req, result } => requests::counts_arrived(s, req, result),
        Msg::CountsDue { req } => requests::counts_due(s, req),
        Msg::Detail { req, result, draft } => {
            if req != s.req.detail {
                return Vec::new();
            }
            match result {
                Ok(c) => {
                    if let Some(d) = &mut s.detail {
                        if d.id != c.id {
                            d.scroll = 0;
                        }
                        d.id = c.id;
                        d.data = Some(c);
                        d.draft = draft;
                    } else {
                        s.detail = Some(Detail {
                            id: c.id,
                            data: Some(c),
                            scroll: 0,
                            draft,
                        });
                    }
                    connected(s);
                    s.dirty = true;
                    return drafting::detail_arrived(s);
                }
                Err(f) if !f.connection && s.pinned.is_some() => {
                    // Opened by number: missing and out of sight read alike.
                    let id = s.pinned.take().unwrap_or_default();
                    s.detail = None;
                    s.focus = Focus::Queue;
                    let lang = s.lang();
                    s.notify(
                        lang.fmt(T::NoticeNotFound, &[("id", &id.to_string())]),
                        true,
                    );
                    return detail_for_selection(s, true);
                }
                Err(f) => failed(s, f),
            }
            Vec::new()
        }
        Msg::DetailDue { generation } => {
            if generation == s.req.detail_gen {
                detail_for_selection(s, true)
            } else {
                Vec::new()
            }
        }
        Msg::Acted { kind, result } => work::acted(s, kind, result),
        Msg::Matching(result) => {
            work::matching_arrived(s, result);
            Vec::new()
        }
        Msg::Board { req, result } => board::arrived(s, req, result),
        Msg::BoardDue => board::due(s),
        Msg::Officers(result) => form_input::officers_arrived(s, result),
        Msg::Similar { id, result } => form_input::similar_arrived(s, id, result),
        Msg::Suggestions { id, result } => form_input::suggestions_arrived(s, id, result),
        Msg::Templates(_)
        | Msg::DraftDue { .. }
        | Msg::DraftSaved { .. }
        | Msg::ExternalEdited(_) => drafting::on_msg(s, msg),
    }
}

fn on_page(s: &mut State, req: u64, append: bool, result: Result<Page, Failure>) -> Vec<Effect> {
    if req == s.req.list && !append {
        match &result {
            Ok(_) => s.filter_good = None,
            // The store refused the new filter: the rows on screen are the last good filter's,
            // so the filter in force goes back to it, and the officer is told.
            Err(f) if !f.connection && s.filter_good.is_some() => {
                let good = s.filter_good.take().unwrap_or_default();
                let bad = std::mem::replace(&mut s.filter_text, good.clone());
                s.queue.loading = false;
                let lang = s.lang();
                let kept = if good.is_empty() {
                    lang.t(T::FilterNone).to_string()
                } else {
                    good
                };
                let text = lang.fmt(
                    T::NoticeFilterRefused,
                    &[("bad", &bad), ("msg", &f.message), ("kept", &kept)],
                );
                let fx = reload(s, true);
                s.notify(text, true);
                return fx;
            }
            Err(_) => {}
        }
    }
    let mut fx = apply_page(s, req, append, result);
    if !s.queue.loading && std::mem::take(&mut s.queue.live_pending) {
        fx.extend(live::live_reload(s));
    }
    fx
}

fn on_key(s: &mut State, key: Key) -> Vec<Effect> {
    // Typing a search into help: every key edits it until Enter or Esc.
    if let Overlay::Help {
        scroll,
        search,
        typing: typing @ true,
    } = &mut s.overlay
    {
        match (key.typed_char(), key.name) {
            (Some(c), _) => search.push(c),
            (None, KeyName::Backspace) => {
                search.pop();
            }
            (None, KeyName::Esc) => {
                search.clear();
                *typing = false;
            }
            _ => *typing = false,
        }
        *scroll = 0;
        s.dirty = true;
        return Vec::new();
    }
    let ctx = context_on_screen(s);
    let cond = s.conditions();
    s.pending.push(key);
    let seq = s.pending.clone();
    match s.settings.keymap.resolve(ctx, &seq, &cond) {
        Resolution::Action(a) if s.too_small() && !matches!(a, Action::Quit | Action::Redraw) => {
            // Nothing acts unseen behind "Terminal terlalu kecil".
            s.pending.clear();
            let lang = s.lang();
            let quit = s.keymap().key_for(ctx, Action::Quit, &cond);
            s.notify(lang.fmt(T::NoticeTooSmallKeys, &[("quit", &quit)]), true);
            Vec::new()
        }
        Resolution::Action(a) => {
            s.pending.clear();
            s.dirty = true;
            // A notice stays until the next command; moving the selection keeps it.
            if !matches!(
                a,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Top
                    | Action::Bottom
            ) {
                s.notice = None;
            }
            run(s, ctx, a)
        }
        Resolution::Pending => {
            s.dirty = true;
            Vec::new()
        }
        Resolution::Unbound => {
            let had_prefix = s.pending.len() > 1;
            s.pending.clear();
            if had_prefix {
                s.dirty = true;
                return Vec::new();
            }
            if edit_prompt(s, key) {
                return Vec::new();
            }
            if ctx == Context::Form && form_input::edit_form(s, key) {
                return Vec::new();
            }
            if ctx == Context::Editor {
                return drafting::edit_draft(s, key);
            }
            let lang = s.lang();
            // A key that changes data, switched off by --readonly, says so rather than "unused".
            let writable = super::keymap::Conditions {
                readonly: false,
                ..cond
            };
            if let Resolution::Action(a) = s.settings.keymap.resolve(ctx, &[key], &writable)
                && a.mutates()
            {
                let text = lang.fmt(
                    T::NoticeReadonlyKey,
                    &[("key", &key.to_string()), ("what", &a.label(lang))],
                );
                s.notify(text, true);
                return Vec::new();
            }
            let help = s.keymap().key_for(ctx, Action::Help, &cond);
            s.notify(
                lang.fmt(
                    T::NoticeUnbound,
                    &[("key", &key.to_string()), ("help", &help)],
                ),
                false,
            );
            Vec::new()
        }
    }
}

/// Built-in line editing of the filter and palette prompts, for keys the keymap leaves unbound.
fn edit_prompt(s: &mut State, key: Key) -> bool {
    let prompt = match &mut s.overlay {
        Overlay::Filter(p) => p,
        Overlay::Palette { input, .. } => input,
        _ => return false,
    };
    match (key.typed_char(), key.name) {
        (Some(c), _) => prompt.insert(c),
        (None, KeyName::Backspace) => prompt.backspace(),
        (None, KeyName::Delete) => prompt.delete(),
        (None, KeyName::Left) => prompt.cursor = prompt.cursor.saturating_sub(1),
        (None, KeyName::Right) => {
            prompt.cursor = (prompt.cursor + 1).min(prompt.text.chars().count())
        }
        (None, KeyName::Home) => prompt.cursor = 0,
        (None, KeyName::End) => prompt.cursor = prompt.text.chars().count(),
        _ => return false,
    }
    after_edit(s);
    true
}

fn after_edit(s: &mut State) {
    match &mut s.overlay {
        Overlay::Filter(p) => p.error = filter::parse(&p.text).err(),
        Overlay::Palette { selected, .. } => *selected = 0,
        _ => {}
    }
    s.dirty = true;
}

fn switch_tab(s: &mut State, idx: usize) -> Vec<Effect> {
    if idx >= s.tabs.len() {
        return Vec::new();
    }
    if idx == s.tab && s.queue.loaded {
        return Vec::new();
    }
    s.tab = idx;
    s.queue.rows.clear();
    s.queue.next = None;
    s.queue.loaded = false;
    s.queue.marks.clear();
    s.queue.fresh.clear();
    s.focus = Focus::Queue;
    s.pinned = None;
    reload(s, false)
}

/// Carries out an action in a context.
pub fn run(s: &mut State, ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    if a.mutates() && s.settings.readonly {
        s.notify(lang.t(T::NoticeReadonly).to_string(), true);
        return Vec::new();
    }
    match (ctx, a) {
        // Redraw works in every context, a form or the help included.
        (_, Action::Redraw) => {
            s.clear = true;
            Vec::new()
        }
        (_, Action::Copy) => view_input::copy(s, ctx),
        // The draft is saved before the process stops: the shell may never bring it back.
        (_, Action::Suspend) => {
            s.suspend = true;
            drafting::before_quit(s)
        }
        (Context::Help, Action::Cancel | Action::Help) => {
            s.overlay = Overlay::None;
            Vec::new()
        }
        (Context::Help, Action::Filter) => {
            if let Overlay::Help { typing, search, .. } = &mut s.overlay {
                search.clear();
                *typing = true;
            }
            Vec::new()
        }
        (Context::Help, _) => {
            if let Overlay::Help { scroll, .. } = &mut s.overlay {
                let page = usize::from(s.size.1.saturating_sub(6)).max(1);
                *scroll = match a {
                    Action::Up | Action::ScrollUp => scroll.saturating_sub(1),
                    Action::Down | Action::ScrollDown => *scroll + 1,
                    Action::PageUp => scroll.saturating_sub(page),
                    Action::PageDown => *scroll + page,
                    Action::Top => 0,
                    Action::Bottom => usize::MAX / 2,
                    _ => *scroll,
                };
            }
            if a == Action::Quit {
                s.quit = true;
            }
            Vec::new()
        }
        (Context::Filter, Action::Accept) => {
            let Overlay::Filter(p) = &mut s.overlay else {
                return Vec::new();
            };
            if let Some(id) = palette::complaint_number(&p.text) {
                return go_to(s, id);
            }
            match filter::parse(&p.text) {
                Ok(f) => {
                    // An order typed in the filter is the one asked for last.
                    if f.order.is_some() {
                        s.order = None;
                    }
                    let old = std::mem::replace(&mut s.filter_text, f.to_string());
                    s.filter_good.get_or_insert(old);
                    s.overlay = Overlay::None;
                    s.notice = None;
                    reload(s, false)
                }
                Err(e) => {
                    p.error = Some(e);
                    Vec::new()
                }
            }
        }
        (Context::Filter | Context::Palette, Action::Cancel) => {
            s.overlay = Overlay::None;
            Vec::new()
        }
        (Context::Confirm, Action::Cancel) => {
            // Back to the form the question came from, with everything typed.
            let overlay = std::mem::replace(&mut s.overlay, Overlay::None);
            if let Overlay::Confirm(Confirm::Act { form: Some(f), .. }) = overlay {
                s.overlay = Overlay::Form(f);
            }
            Vec::new()
        }
        (Context::Form, _) => form_input::run_form(s, a),
        (Context::Editor, _) => drafting::run_editor(s, a),
        (Context::Filter | Context::Palette, Action::ClearInput) => {
            match &mut s.overlay {
                Overlay::Filter(p) => p.clear(),
                Overlay::Palette { input, .. } => input.clear(),
                _ => {}
            }
            after_edit(s);
            Vec::new()
        }
        (Context::Palette, Action::Up | Action::Down | Action::Complete | Action::Accept) => {
            on_palette(s, a)
        }
        (Context::Confirm, Action::Accept) => work::confirmed(s),
        (Context::Board, action) => match board::run(s, action) {
            Some(fx) => fx,
            None => run_main(s, ctx, action),
        },
        (_, action) => run_main(s, ctx, action),
    }
}

fn on_palette(s: &mut State, a: Action) -> Vec<Effect> {
    let cond = s.conditions();
    let lang = s.lang();
    let Overlay::Palette { input, selected } = &mut s.overlay else {
        return Vec::new();
    };
    let matches = palette::matches(&input.text, lang, &cond);
    match a {
        Action::Up => *selected = selected.saturating_sub(1),
        Action::Down => *selected = (*selected + 1).min(matches.len().saturating_sub(1)),
        Action::Complete => {
            if let Some(m) = matches.get(*selected) {
                *input = Prompt::with(&m.name());
                *selected = 0;
            }
        }
        _ => {
            if let Some(id) = palette::complaint_number(&input.text) {
                return go_to(s, id);
            }
            let chosen = matches.get(*selected).copied();
            s.overlay = Overlay::None;
            if let Some(action) = chosen {
                let ctx = context_on_screen_below_overlay(s);
                return run(s, ctx, action);
            }
        }
    }
    Vec::new()
}

fn run_main(s: &mut State, ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    let page = s.queue_height().saturating_sub(1).max(1);
    let in_detail = ctx == Context::Detail;
    match a {
        Action::Quit => {
            s.quit = true;
            Vec::new()
        }
        Action::Board => board::open(s),
        Action::Help => {
            s.overlay = Overlay::Help {
                scroll: 0,
                search: String::new(),
                typing: false,
            };
            Vec::new()
        }
        Action::Palette => {
            s.overlay = Overlay::Palette {
                input: Prompt::default(),
                selected: 0,
            };
            Vec::new()
        }
        Action::GoTo => {
            s.overlay = Overlay::Palette {
                input: Prompt::with("#"),
                selected: 0,
            };
            Vec::new()
        }
        Action::Filter => {
            let mut p = Prompt::with(&s.filter_text);
            if !p.text.is_empty() {
                p.insert(' ');
            }
            s.overlay = Overlay::Filter(p);
            Vec::new()
        }
        Action::ClearFilter => {
            if s.filter_text.is_empty() {
                return Vec::new();
            }
            let old = std::mem::take(&mut s.filter_text);
            s.filter_good.get_or_insert(old);
            s.notify(lang.t(T::NoticeFilterCleared).to_string(), false);
            reload(s, false)
        }
        Action::WiderQueue | Action::NarrowerQueue => view_input::move_split(s, a),
        Action::Sort => {
            let filter = scope(s).1;
            let next = filter.order().next(filter.has_words());
            s.order = Some(next);
            s.notify(
                lang.fmt(T::NoticeOrder, &[("order", order_label(next, lang))]),
                false,
            );
            reload(s, true)
        }
        Action::Refresh => {
            s.notify(lang.t(T::NoticeRefreshed).to_string(), false);
            reload(s, true)
        }
        Action::NextView => switch_tab(s, (s.tab + 1) % s.tabs.len().max(1)),
        Action::PrevView => {
            let n = s.tabs.len().max(1);
            switch_tab(s, (s.tab + n - 1) % n)
        }
        Action::View(n) => switch_tab(s, usize::from(n) - 1),
        Action::ScrollUp | Action::ScrollDown if in_detail => {
            scroll_detail(s, if a == Action::ScrollUp { -1 } else { 1 })
        }
        Action::PageUp | Action::PageDown if in_detail => {
            let h = s.detail_height() as isize - 1;
            scroll_detail(s, if a == Action::PageUp { -h } else { h })
        }
        Action::Top | Action::Bottom if in_detail => scroll_detail(
            s,
            if a == Action::Top {
                isize::MIN / 2
            } else {
                isize::MAX / 2
            },
        ),
        Action::Up | Action::Prev | Action::ScrollUp => {
            let i = s.queue.selected.saturating_sub(1);
            select(s, i)
        }
        Action::Down | Action::Next | Action::ScrollDown => {
            let i = s.queue.selected + 1;
            select(s, i)
        }
        Action::PageUp => {
            let i = s.queue.selected.saturating_sub(page);
            select(s, i)
        }
        Action::PageDown => {
            let i = s.queue.selected + page;
            select(s, i)
        }
        Action::Top => select(s, 0),
        Action::Bottom => {
            let i = s.queue.rows.len().saturating_sub(1);
            select(s, i)
        }
        Action::Open => {
            if s.queue.current().is_none() {
                s.notify(lang.t(T::NoticeNothingSelected).to_string(), false);
                return Vec::new();
            }
            s.focus = Focus::Detail;
            s.pinned = None;
            let id = s.queue.current().map(|r| r.id);
            let loaded = s.detail.as_ref().map(|d| d.id) == id;
            // A saved draft on it opens again with the complaint.
            s.want_editor = id.map(|id| (id, None));
            // The detail shown may be older than the last action (after R, say): ask again,
            // and open a saved draft on what is there meanwhile.
            let mut fx = if loaded {
                drafting::detail_arrived(s)
            } else {
                Vec::new()
            };
            fx.extend(detail_for_selection(s, true));
            fx
        }
        Action::Back => {
            if s.focus == Focus::Detail {
                s.focus = Focus::Queue;
                // Back from a complaint opened by number: the detail follows the selection again.
                if s.pinned.take().is_some() {
                    return detail_for_selection(s, true);
                }
            } else {
                s.notice = None;
            }
            Vec::new()
        }
        Action::Mark => {
            if let Some(id) = s.queue.current().map(|r| r.id) {
                if !s.queue.marks.remove(&id) {
                    s.queue.marks.insert(id);
                }
                if !in_detail {
                    let i = s.queue.selected + 1;
                    return select(s, i);
                }
            }
            Vec::new()
        }
        Action::ClearMarks => {
            s.queue.marks.clear();
            Vec::new()
        }
        Action::Accept
        | Action::AcceptSuggestion
        | Action::Cancel
        | Action::Complete
        | Action::ClearInput
        | Action::NextField
        | Action::PrevField
        | Action::Send
        | Action::Template
        | Action::ExternalEditor
        | Action::DiscardDraft => Vec::new(),
        other => work::run_work(s, ctx, other),
    }
}

fn scroll_detail(s: &mut State, by: isize) -> Vec<Effect> {
    if let Some(d) = &mut s.detail {
        let to = (d.scroll as isize).saturating_add(by).max(0) as usize;
        // The renderer clamps to the content; keep the state within a sane bound.
        d.scroll = to.min(100_000);
    }
    Vec::new()
}
