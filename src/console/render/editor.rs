//! The draft pane: the ratatui-textarea, a title saying what the draft is and whether it is saved,
//! the placeholders still to fill and the keys of the editor (from the keymap).

use super::super::action::{Action, Context};
use super::super::at_hand::needs_approval;
use super::super::draft::DraftKind;
use super::super::i18n::T;
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
    let text_area = Rect::new(inner.x, inner.y, inner.width, inner.height - foot);
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
