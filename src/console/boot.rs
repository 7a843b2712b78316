//! A console's first state and first effects: the tabs (built-in views, then the saved views of
//! the configuration file), the welcome or the configuration's problems, and the loads that start
//! it. Kept apart from `update`, which only changes a state that exists.

use super::action::{Action, Context};
use super::i18n::T;
use super::msg::Effect;
use super::requests::reload;
use super::state::*;
use crate::domain::filter;
use crate::domain::view::View;

/// The state a console starts in, before anything is loaded.
pub fn initial(
    settings: Settings,
    me: Me,
    size: (u16, u16),
    calendars: std::sync::Arc<crate::domain::calendar::CalendarBook>,
) -> State {
    let now = settings.clock.now();
    let mut tabs: Vec<Tab> = View::ALL
        .iter()
        .map(|v| Tab {
            kind: TabKind::Builtin(*v),
            count: None,
        })
        .collect();
    let mut notices = settings.notices.clone();
    for sv in &settings.saved_views {
        match filter::parse(&sv.filter) {
            Ok(f) => tabs.push(Tab {
                kind: TabKind::Saved {
                    name: super::text::sanitize(&sv.name),
                    filter: Box::new(f),
                },
                count: None,
            }),
            Err(e) => notices.push(format!("[[views]] {}: {e}", sv.name)),
        }
    }
    let lang = settings.lang;
    let mut s = State {
        settings,
        me,
        conn: Conn::Connecting,
        tabs,
        tab: 0,
        filter_text: String::new(),
        filter_good: None,
        order: None,
        highlight: Vec::new(),
        queue: Queue::default(),
        detail: None,
        focus: Focus::Queue,
        overlay: Overlay::None,
        pending: Vec::new(),
        notice: None,
        size,
        now,
        calendars,
        req: Requests::default(),
        keep: None,
        dirty: true,
        clear: false,
        quit: false,
        suspend: false,
        reference: Default::default(),
        templates: None,
        editor: None,
        acting: None,
        want_editor: None,
        external: None,
        clipboard: None,
        presence: Vec::new(),
        pinned: None,
        own_events: Default::default(),
        board: None,
    };
    if notices.is_empty() {
        let cond = s.conditions();
        let k = s.keymap();
        let help = k.key_for(Context::Queue, Action::Help, &cond);
        let palette = k.key_for(Context::Queue, Action::Palette, &cond);
        let quit = k.key_for(Context::Queue, Action::Quit, &cond);
        let text = lang.fmt(
            T::NoticeWelcome,
            &[("help", &help), ("palette", &palette), ("quit", &quit)],
        );
        s.notice = Some(Notice { text, error: false });
    } else {
        s.notice = Some(Notice {
            text: notices.join(" · "),
            error: true,
        });
    }
    s
}

/// The first effects of a console: who am I, the first page, the counts.
pub fn start(s: &mut State) -> Vec<Effect> {
    let mut fx = vec![Effect::LoadMe];
    fx.extend(reload(s, false));
    fx
}
