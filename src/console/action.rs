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
    /// In the verify/dispose form: pick the first routing suggestion.
    AcceptSuggestion,
    Cancel,
    Complete,
    ClearInput,
    ScrollUp,
    ScrollDown,
    // Working complaints (issue 4).
    MarkAll,
    Assign,
    Unassign,
    Verify,
    Hold,
    Resume,
    ReturnNotOurs,
    Archive,
    Reply,
    Note,
    Approve,
    SendBack,
    Escalate,
    Deescalate,
    Close,
    Reopen,
    Merge,
    Link,
    /// Record the reporter's answer taken by phone or at the desk, with when it was given.
    ReporterReply,
    // In a form.
    NextField,
    PrevField,
    // In the draft editor.
    Send,
    Template,
    ExternalEditor,
    DiscardDraft,
    /// Send a draft the stale-reply guard stopped, after reading the new events.
    SendAnyway,
    /// Open a complaint by its number (the palette, with `#` typed).
    GoTo,
    /// Suspend the console (C-z): the terminal is restored, the draft saved, the shell back.
    Suspend,
    /// The next order of the queue: urgency, newest, oldest.
    Sort,
    /// Give the queue more (or less) of a wide terminal, and remember it.
    WiderQueue,
    NarrowerQueue,
    /// Copy the tracking number (in the editor: the draft) to the clipboard, by OSC 52.
    Copy,
    /// The supervisor's board: the instansi's monev figures, its children ranked, the clocks
    /// and each officer's load (again to go back to the queue).
    Board,
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
    Form,
    Editor,
    /// The supervisor's board.
    Board,
}

impl Context {
    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::Queue,
        Context::Detail,
        Context::Filter,
        Context::Palette,
        Context::Help,
        Context::Confirm,
        Context::Form,
        Context::Editor,
        Context::Board,
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
            Context::Form => "form",
            Context::Editor => "editor",
            Context::Board => "board",
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
        matches!(self, Context::Queue | Context::Detail | Context::Board)
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
            Context::Form => T::CtxForm,
            Context::Editor => T::CtxEditor,
            Context::Board => T::CtxBoard,
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
            Action::GoTo,
            Action::Filter,
            Action::ClearFilter,
            Action::Sort,
            Action::WiderQueue,
            Action::NarrowerQueue,
            Action::Copy,
            Action::Refresh,
            Action::Mark,
            Action::ClearMarks,
            Action::MarkAll,
            Action::Claim,
            Action::Assign,
            Action::Unassign,
            Action::Verify,
            Action::Hold,
            Action::Resume,
            Action::ReturnNotOurs,
            Action::Archive,
            Action::Reply,
            Action::Note,
            Action::Approve,
            Action::SendBack,
            Action::Escalate,
            Action::Deescalate,
            Action::Close,
            Action::Reopen,
            Action::Merge,
            Action::Link,
            Action::ReporterReply,
            Action::Board,
            Action::Palette,
            Action::Help,
            Action::Redraw,
            Action::Suspend,
            Action::Quit,
            Action::Accept,
            Action::AcceptSuggestion,
            Action::Cancel,
            Action::Complete,
            Action::ClearInput,
            Action::ScrollUp,
            Action::ScrollDown,
            Action::NextField,
            Action::PrevField,
            Action::Send,
            Action::Template,
            Action::ExternalEditor,
            Action::DiscardDraft,
            Action::SendAnyway,
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
            Action::AcceptSuggestion => "accept-suggestion",
            Action::Cancel => "cancel",
            Action::Complete => "complete",
            Action::ClearInput => "clear-input",
            Action::ScrollUp => "scroll-up",
            Action::ScrollDown => "scroll-down",
            Action::MarkAll => "mark-all",
            Action::Assign => "assign",
            Action::Unassign => "unassign",
            Action::Verify => "verify",
            Action::Hold => "hold",
            Action::Resume => "resume",
            Action::ReturnNotOurs => "return",
            Action::Archive => "archive",
            Action::Reply => "reply",
            Action::Note => "note",
            Action::Approve => "approve",
            Action::SendBack => "send-back",
            Action::Escalate => "escalate",
            Action::Deescalate => "deescalate",
            Action::Close => "close",
            Action::Reopen => "reopen",
            Action::Merge => "merge",
            Action::Link => "link",
            Action::ReporterReply => "reporter-reply",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::Send => "send",
            Action::Template => "template",
            Action::ExternalEditor => "external-editor",
            Action::DiscardDraft => "discard-draft",
            Action::SendAnyway => "send-anyway",
            Action::GoTo => "go-to",
            Action::Suspend => "suspend",
            Action::Sort => "sort",
            Action::WiderQueue => "queue-wider",
            Action::NarrowerQueue => "queue-narrower",
            Action::Copy => "copy",
            Action::Board => "board",
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
        use Action::*;
        matches!(
            self,
            Claim
                | Assign
                | Unassign
                | Verify
                | Hold
                | Resume
                | ReturnNotOurs
                | Archive
                | Reply
                | Note
                | Approve
                | SendBack
                | Escalate
                | Deescalate
                | Close
                | Reopen
                | Merge
                | Link
                | ReporterReply
                | Send
                | Template
                | ExternalEditor
                | DiscardDraft
                | SendAnyway
        )
    }

    /// Whether the action applies to every marked row (after a preview) instead of the selected one.
    pub fn bulk(self) -> bool {
        use Action::*;
        matches!(
            self,
            Claim
                | Assign
                | Unassign
                | Hold
                | Resume
                | ReturnNotOurs
                | Archive
                | Approve
                | Escalate
                | Deescalate
                | Close
        )
    }

    /// Whether the action means something in `ctx` (a keymap binding it elsewhere is an error).
    pub fn valid_in(self, ctx: Context) -> bool {
        use Action::*;
        match ctx {
            Context::Global | Context::Queue | Context::Detail => !matches!(
                self,
                Accept
                    | AcceptSuggestion
                    | Cancel
                    | Complete
                    | ClearInput
                    | NextField
                    | PrevField
                    | Send
                    | Template
                    | ExternalEditor
                    | DiscardDraft
                    | SendAnyway
            ),
            Context::Form => matches!(
                self,
                Accept
                    | AcceptSuggestion
                    | Cancel
                    | ClearInput
                    | Up
                    | Down
                    | NextField
                    | PrevField
                    | Redraw
            ),
            Context::Editor => matches!(
                self,
                Back | Send
                    | Copy
                    | SendAnyway
                    | Template
                    | ExternalEditor
                    | DiscardDraft
                    | Help
                    | Redraw
                    | Suspend
            ),
            Context::Filter => matches!(self, Accept | Cancel | ClearInput | Redraw),
            Context::Palette => matches!(
                self,
                Accept | Cancel | ClearInput | Complete | Up | Down | Redraw
            ),
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
                    | Redraw
                    | Filter
            ),
            Context::Confirm => matches!(self, Accept | Cancel | Redraw),
            Context::Board => matches!(
                self,
                Up | Down
                    | PageUp
                    | PageDown
                    | Top
                    | Bottom
                    | Open
                    | Back
                    | Board
                    | Refresh
                    | Help
                    | Quit
                    | Redraw
                    | Palette
                    | ScrollUp
                    | ScrollDown
            ),
        }
    }

    /// The short label of the status line.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Action::View(n) => lang.fmt(T::AView, &[("n", &n.to_string())]),
            other => lang.t(other.texts().0).to_string(),
        }
    }

    /// The description in help for a context where the action means something particular.
    pub fn describe_in(self, ctx: Context, lang: Lang) -> String {
        let special = match (ctx, self) {
            (Context::Editor, Action::Back) => Some(T::AEditorBackLong),
            (Context::Form, Action::Accept) => Some(T::AFormAcceptLong),
            (Context::Form, Action::Up) => Some(T::AFormUpLong),
            (Context::Form, Action::Down) => Some(T::AFormDownLong),
            (Context::Board, Action::Open) => Some(T::ABoardOpenLong),
            (Context::Board, Action::Board | Action::Back) => Some(T::ABoardBackLong),
            _ => None,
        };
        match special {
            Some(t) => lang.t(t).to_string(),
            None => self.describe(lang),
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
            Action::AcceptSuggestion => (T::AAcceptSuggestion, T::AAcceptSuggestionLong),
            Action::Cancel => (T::ACancel, T::ACancelLong),
            Action::Complete => (T::AComplete, T::ACompleteLong),
            Action::ClearInput => (T::AClearInput, T::AClearInputLong),
            Action::ScrollUp => (T::AScrollUp, T::AScrollUpLong),
            Action::ScrollDown => (T::AScrollDown, T::AScrollDownLong),
            Action::MarkAll => (T::AMarkAll, T::AMarkAllLong),
            Action::Assign => (T::AAssign, T::AAssignLong),
            Action::Unassign => (T::AUnassign, T::AUnassignLong),
            Action::Verify => (T::AVerify, T::AVerifyLong),
            Action::Hold => (T::AHold, T::AHoldLong),
            Action::Resume => (T::AResume, T::AResumeLong),
            Action::ReturnNotOurs => (T::AReturn, T::AReturnLong),
            Action::Archive => (T::AArchive, T::AArchiveLong),
            Action::Reply => (T::AReply, T::AReplyLong),
            Action::Note => (T::ANote, T::ANoteLong),
            Action::Approve => (T::AApprove, T::AApproveLong),
            Action::SendBack => (T::ASendBack, T::ASendBackLong),
            Action::Escalate => (T::AEscalate, T::AEscalateLong),
            Action::Deescalate => (T::ADeescalate, T::ADeescalateLong),
            Action::Close => (T::AClose, T::ACloseLong),
            Action::Reopen => (T::AReopen, T::AReopenLong),
            Action::Merge => (T::AMerge, T::AMergeLong),
            Action::Link => (T::ALink, T::ALinkLong),
            Action::ReporterReply => (T::AReporterReply, T::AReporterReplyLong),
            Action::NextField => (T::ANextField, T::ANextFieldLong),
            Action::PrevField => (T::APrevField, T::APrevFieldLong),
            Action::Send => (T::ASend, T::ASendLong),
            Action::Template => (T::ATemplate, T::ATemplateLong),
            Action::ExternalEditor => (T::AExternalEditor, T::AExternalEditorLong),
            Action::DiscardDraft => (T::ADiscardDraft, T::ADiscardDraftLong),
            Action::SendAnyway => (T::ASendAnyway, T::ASendAnywayLong),
            Action::GoTo => (T::AGoTo, T::AGoToLong),
            Action::Suspend => (T::ASuspend, T::ASuspendLong),
            Action::Sort => (T::ASort, T::ASortLong),
            Action::WiderQueue => (T::AWider, T::AWiderLong),
            Action::NarrowerQueue => (T::ANarrower, T::ANarrowerLong),
            Action::Copy => (T::ACopy, T::ACopyLong),
            Action::Board => (T::ABoard, T::ABoardLong),
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
