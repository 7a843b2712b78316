//! The closed set of things a key can do in the console, each with a name (used in keymap files and
//! the command palette) and a description from the catalogue.

use super::i18n::{Lang, T};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Redraw,
    Palette,
    Filter,
    ClearFilter,
    Refresh,
    NextView,
    PrevView,
    /// Switch to view number n (1-9).
    View(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Next,
    Prev,
    Mark,
    ClearMarks,
    Claim,
    Accept,
    Cancel,
    Complete,
    ClearInput,
    ScrollUp,
    ScrollDown,
}

/// The keymap contexts, one TOML table each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Queue,
    Detail,
    Filter,
    Palette,
    Help,
    Confirm,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Global,
        Context::Queue,
        Context::Detail,
        Context::Filter,
        Context::Palette,
        Context::Help,
        Context::Confirm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Queue => "queue",
            Context::Detail => "detail",
            Context::Filter => "filter",
            Context::Palette => "palette",
            Context::Help => "help",
            Context::Confirm => "confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether keys not bound here fall through to the global table.
    pub fn inherits_global(self) -> bool {
        matches!(self, Context::Queue | Context::Detail)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Context::Global => T::CtxGlobal,
            Context::Queue => T::CtxQueue,
            Context::Detail => T::CtxDetail,
            Context::Filter => T::CtxFilter,
            Context::Palette => T::CtxPalette,
            Context::Help => T::CtxHelp,
            Context::Confirm => T::CtxConfirm,
        })
    }
}

impl Action {
    /// Every action, in the order help and the palette list them.
    pub fn all() -> Vec<Action> {
        let mut v = vec![
            Action::Up,
            Action::Down,
            Action::PageUp,
            Action::PageDown,
            Action::Top,
            Action::Bottom,
            Action::Open,
            Action::Back,
            Action::Next,
            Action::Prev,
            Action::NextView,
            Action::PrevView,
        ];
        v.extend((1..=9).map(Action::View));
        v.extend([
            Action::Filter,
            Action::ClearFilter,
            Action::Refresh,
            Action::Mark,
            Action::ClearMarks,
            Action::Claim,
            Action::Palette,
            Action::Help,
            Action::Redraw,
            Action::Quit,
            Action::Accept,
            Action::Cancel,
            Action::Complete,
            Action::ClearInput,
            Action::ScrollUp,
            Action::ScrollDown,
        ]);
        v
    }

    pub fn name(self) -> String {
        match self {
            Action::View(n) => format!("view-{n}"),
            other => other.static_name().to_string(),
        }
    }

    fn static_name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Redraw => "redraw",
            Action::Palette => "palette",
            Action::Filter => "filter",
            Action::ClearFilter => "clear-filter",
            Action::Refresh => "refresh",
            Action::NextView => "next-view",
            Action::PrevView => "prev-view",
            Action::View(_) => "view",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Next => "next",
            Action::Prev => "prev",
            Action::Mark => "mark",
            Action::ClearMarks => "clear-marks",
            Action::Claim => "claim",
            Action::Accept => "accept",
            Action::Cancel => "cancel",
            Action::Complete => "complete",
            Action::ClearInput => "clear-input",
            Action::ScrollUp => "scroll-up",
            Action::ScrollDown => "scroll-down",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        let name = name.trim();
        if let Some(n) = name.strip_prefix("view-") {
            return n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=9).contains(n))
                .map(Action::View);
        }
        Action::all().into_iter().find(|a| a.name() == name)
    }

    /// Whether the action changes data (hidden and refused under `--readonly`).
    pub fn mutates(self) -> bool {
        matches!(self, Action::Claim)
    }

    /// Whether the action means something in `ctx` (a keymap binding it elsewhere is an error).
    pub fn valid_in(self, ctx: Context) -> bool {
        use Action::*;
        match ctx {
            Context::Global | Context::Queue | Context::Detail => {
                !matches!(self, Accept | Cancel | Complete | ClearInput)
            }
            Context::Filter => matches!(self, Accept | Cancel | ClearInput),
            Context::Palette => matches!(self, Accept | Cancel | ClearInput | Complete | Up | Down),
            Context::Help => matches!(
                self,
                Cancel
                    | Help
                    | Quit
                    | Up
                    | Down
                    | ScrollUp
                    | ScrollDown
                    | PageUp
                    | PageDown
                    | Top
                    | Bottom
            ),
            Context::Confirm => matches!(self, Accept | Cancel),
        }
    }

    /// The short label of the status line.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Action::View(n) => lang.fmt(T::AView, &[("n", &n.to_string())]),
            other => lang.t(other.texts().0).to_string(),
        }
    }

    /// The description shown in help and the palette.
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Action::View(n) => lang.fmt(T::AViewLong, &[("n", &n.to_string())]),
            other => lang.t(other.texts().1).to_string(),
        }
    }

    fn texts(self) -> (T, T) {
        match self {
            Action::Quit => (T::AQuit, T::AQuitLong),
            Action::Help => (T::AHelp, T::AHelpLong),
            Action::Redraw => (T::ARedraw, T::ARedrawLong),
            Action::Palette => (T::APalette, T::APaletteLong),
            Action::Filter => (T::AFilter, T::AFilterLong),
            Action::ClearFilter => (T::AClearFilter, T::AClearFilterLong),
            Action::Refresh => (T::ARefresh, T::ARefreshLong),
            Action::NextView => (T::ANextView, T::ANextViewLong),
            Action::PrevView => (T::APrevView, T::APrevViewLong),
            Action::View(_) => (T::AView, T::AViewLong),
            Action::Up => (T::AUp, T::AUpLong),
            Action::Down => (T::ADown, T::ADownLong),
            Action::PageUp => (T::APageUp, T::APageUpLong),
            Action::PageDown => (T::APageDown, T::APageDownLong),
            Action::Top => (T::ATop, T::ATopLong),
            Action::Bottom => (T::ABottom, T::ABottomLong),
            Action::Open => (T::AOpen, T::AOpenLong),
            Action::Back => (T::ABack, T::ABackLong),
            Action::Next => (T::ANext, T::ANextLong),
            Action::Prev => (T::APrev, T::APrevLong),
            Action::Mark => (T::AMark, T::AMarkLong),
            Action::ClearMarks => (T::AClearMarks, T::AClearMarksLong),
            Action::Claim => (T::AClaim, T::AClaimLong),
            Action::Accept => (T::AAccept, T::AAcceptLong),
            Action::Cancel => (T::ACancel, T::ACancelLong),
            Action::Complete => (T::AComplete, T::ACompleteLong),
            Action::ClearInput => (T::AClearInput, T::AClearInputLong),
            Action::ScrollUp => (T::AScrollUp, T::AScrollUpLong),
            Action::ScrollDown => (T::AScrollDown, T::AScrollDownLong),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_action_is_described() {
        for a in Action::all() {
            assert_eq!(Action::from_name(&a.name()), Some(a), "{a:?}");
            for lang in [Lang::Id, Lang::En] {
                assert!(!a.label(lang).is_empty());
                assert!(!a.describe(lang).is_empty());
            }
            assert!(
                Context::ALL.iter().any(|c| a.valid_in(*c)),
                "{a:?} is valid nowhere"
            );
        }
        assert_eq!(Action::from_name("view-0"), None);
        assert_eq!(Action::from_name("view-10"), None);
        assert_eq!(Action::from_name("nope"), None);
    }
}
