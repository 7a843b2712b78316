//! The draft pane: the ratatui-textarea, a title saying what the draft is and whether it is saved,
//! the placeholders still to fill and the keys of the editor (from the keymap).

use super::super::action::{Action, Context};
use super::super::at_hand::needs_approval;
use super::super::draft::DraftKind;
use super::super::i18n::T;
use super::super::labels::event_label;
use super::super::state::State;
use super::super::text::{cut, sanitize};
use crate::domain::template;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// The label of the send key for this draft: reply, submit for approval, or save a note.
pub fn send_label(s: &State) -> String {
    let lang = s.lang();
    let key = s
        .keymap()
        .key_for(Context::Editor, Action::Send, &s.conditions());
    let Some(e) = s.editor.as_ref() else {
        return String::new();
    };
    let t = match e.kind {
        DraftKind::Note => T::DraftSendNote,
        DraftKind::Reply if needs_approval(s, e.id) => T::DraftSendApproval,
        DraftKind::Reply => T::DraftSendReply,
    };
    lang.fmt(t, &[("key", &key)])
}

pub fn draw(buf: &mut Buffer, r: Rect, s: &State) {
    let Some(e) = s.editor.as_ref() else {
        return;
    };
    let lang = s.lang();
    let th = &s.settings.theme;
    let id = e.id.to_string();
    let what = lang.fmt(
        match e.kind {
            DraftKind::Reply => T::DraftReply,
            DraftKind::Note => T::DraftNote,
        },
        &[("id", &id)],
    );
    let state = if e.unsaved() {
        lang.t(T::DraftUnsaved).to_string()
    } else {
        match e.saved_at {
            Some(at) => {
                let local = at.with_timezone(&crate::domain::Zone::Wib.offset());
                lang.fmt(
                    T::DraftSaved,
                    &[("time", &local.format("%H:%M").to_string())],
                )
            }
            None => String::new(),
        }
    };
    let title = if state.is_empty() {
        format!(" {what} ")
    } else {
        format!(" {what} · {state} ")
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            cut(&title, usize::from(r.width.saturating_sub(2))),
            th.title,
        ));
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = usize::from(inner.width);
    // Two lines under the text: placeholders still to fill (or blank) and the keys.
    let foot = if inner.height >= 4 { 2 } else { 0 };
    // Above the text: what the author must read first (colleagues' new events that stopped the
    // send, or the supervisor's note on a reply sent back), at most half the pane.
    let head = above_text(e, s, w);
    let head_h = (head.len() as u16).min((inner.height - foot) / 2);
    for (i, line) in head.iter().take(usize::from(head_h)).enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
    let text_area = Rect::new(
        inner.x,
        inner.y + head_h,
        inner.width,
        inner.height - foot - head_h,
    );
    (&e.area).render(text_area, buf);
    if foot == 0 {
        return;
    }
    let left = template::placeholders(&e.body());
    let warn = if left.is_empty() {
        Line::default()
    } else {
        let list: Vec<String> = left.iter().map(|p| format!("{{{p}}}")).collect();
        Line::from(Span::styled(
            cut(
                &sanitize(&lang.fmt(T::DraftUnknown, &[("list", &list.join(" "))])),
                w,
            ),
            th.error,
        ))
    };
    buf.set_line(inner.x, inner.y + inner.height - 2, &warn, inner.width);
    let cond = s.conditions();
    let km = s.keymap();
    let keys = lang.fmt(
        T::DraftKeys,
        &[
            (
                "template",
                &km.key_for(Context::Editor, Action::Template, &cond),
            ),
            (
                "editor",
                &km.key_for(Context::Editor, Action::ExternalEditor, &cond),
            ),
            ("back", &km.key_for(Context::Editor, Action::Back, &cond)),
        ],
    );
    let line = Line::from(vec![
        Span::styled(send_label(s), th.key),
        Span::raw(" · "),
        Span::raw(keys),
    ]);
    buf.set_line(inner.x, inner.y + inner.height - 1, &line, inner.width);
}

/// The lines above the draft: the events that stopped the send (who did what, and their text),
/// then the key that sends anyway; or the supervisor's note on a reply sent back.
fn above_text(e: &super::super::draft::Editor, s: &State, w: usize) -> Vec<Line<'static>> {
    let lang = s.lang();
    let th = &s.settings.theme;
    let mut out = Vec::new();
    if !e.stale.is_empty() {
        out.push(Line::from(Span::styled(
            cut(lang.t(T::StaleTitle), w),
            th.error,
        )));
        for ev in &e.stale {
            let said = ["body", "note", "reason"]
                .iter()
                .find_map(|k| ev.details.get(*k).and_then(|v| v.as_str()))
                .unwrap_or("");
            let text = format!(
                "{} {} {}{}{}",
                event_label(ev.kind, lang),
                lang.pick("oleh", "by"),
                ev.actor,
                if said.is_empty() { "" } else { ": " },
                said
            );
            out.push(Line::raw(cut(&sanitize(&text), w)));
        }
        let anyway = s
            .keymap()
            .key_for(Context::Editor, Action::SendAnyway, &s.conditions());
        out.push(Line::from(Span::styled(
            cut(&lang.fmt(T::StaleKeys, &[("anyway", &anyway)]), w),
            th.key,
        )));
    } else if let Some(note) = &e.sent_back {
        out.push(Line::from(Span::styled(cut(&sanitize(note), w), th.error)));
    }
    out
}
