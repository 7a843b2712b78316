//! What the board's view and its update agree on, beneath both: the board's state, its selectable
//! items in screen order, and the queue each item counts (a view and a filter in the filter
//! language), so that Enter opens exactly the complaints the figure under the cursor counts.

use super::i18n::Lang;
use crate::domain::Channel;
use crate::domain::Status;
use crate::domain::monev::board::Board;
use crate::domain::view::View;
use std::sync::Arc;

/// How long the board waits after the feed reports a change before it reloads: a busy instansi
/// changes every second, and the figures read the whole subtree.
pub const BOARD_COALESCE: std::time::Duration = std::time::Duration::from_secs(3);

/// The board on screen (None in `State::board` when the queue is shown).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardScreen {
    /// The figures; None until the first answer.
    pub data: Option<Arc<Board>>,
    /// The index of the selected item in [`items`].
    pub selected: usize,
    pub loading: bool,
    /// The request id of the newest load (older answers are dropped).
    pub req: u64,
    /// The feed reported a change since the last load began.
    pub stale: bool,
    /// A coalescing timer is running: the reload waits for it.
    pub waiting: bool,
    /// Why the last load failed, if it did.
    pub error: Option<String>,
    /// Loads asked for since the board opened (what the coalescing keeps small).
    pub loads: u64,
}

/// A figure or a row of the board that the cursor can stop on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Received,
    Excluded,
    Completion,
    Verified,
    FollowedUp,
    FirstFollowUp,
    Escalations,
    /// The open backlog, all of it.
    Open,
    Status(Status),
    /// An age bracket of the backlog (index into `monev::AGE_BRACKETS`).
    Age(usize),
    DueToday,
    DueNext,
    Breached,
    /// A child instansi's line (index into `Board::children`).
    Child(usize),
    /// An officer's load (index into `Board::officers`).
    Officer(usize),
    /// The inflow of one channel.
    Channel(Channel),
}

/// The sections of the board, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Figures,
    Backlog,
    Clocks,
    Children,
    Officers,
    Inflow,
}

impl Item {
    pub fn section(self) -> Section {
        match self {
            Item::Received
            | Item::Excluded
            | Item::Completion
            | Item::Verified
            | Item::FollowedUp
            | Item::FirstFollowUp
            | Item::Escalations => Section::Figures,
            Item::Open | Item::Status(_) | Item::Age(_) => Section::Backlog,
            Item::DueToday | Item::DueNext | Item::Breached => Section::Clocks,
            Item::Child(_) => Section::Children,
            Item::Officer(_) => Section::Officers,
            Item::Channel(_) => Section::Inflow,
        }
    }
}

/// Every item of the board, in the order the cursor visits them.
pub fn items(b: &Board) -> Vec<Item> {
    let mut v = vec![
        Item::Received,
        Item::Excluded,
        Item::Completion,
        Item::Verified,
        Item::FollowedUp,
        Item::FirstFollowUp,
        Item::Escalations,
        Item::Open,
    ];
    v.extend(b.backlog.by_status.keys().map(|s| Item::Status(*s)));
    v.extend((0..crate::domain::monev::AGE_BRACKETS.len()).map(Item::Age));
    v.extend([Item::DueToday, Item::DueNext, Item::Breached]);
    v.extend((0..b.children.len()).map(Item::Child));
    v.extend((0..b.officers.len()).map(Item::Officer));
    v.extend(b.inflow.by_channel.iter().map(|(c, _)| Item::Channel(*c)));
    v
}

/// The queue an item counts: a view and a filter (in the filter language's canonical words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub view: View,
    pub filter: String,
}

const OPEN: &str = "-status:selesai -status:diarsipkan";

fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('"', ""))
}

/// The queue that lists what `item` counts, or None for a figure of the period that no queue
/// lists (received, excluded, the rates, days to the first follow-up, an age bracket, the
/// clocks due today or next: the filter language has no term for a period or a due day).
pub fn target(b: &Board, item: Item) -> Option<Target> {
    let semua = |filter: String| {
        Some(Target {
            view: View::Semua,
            filter,
        })
    };
    match item {
        Item::Escalations => Some(Target {
            view: View::Eskalasi,
            filter: String::new(),
        }),
        // Past due only: the Terlambat view also lists what falls due by the next working day.
        Item::Breached => semua("terlambat".into()),
        Item::Open => semua(OPEN.into()),
        Item::DueToday => semua("jatuh:hari-ini".into()),
        Item::DueNext => semua("jatuh:berikutnya".into()),
        Item::Status(s) => semua(format!("status:{}", s.as_code())),
        Item::Child(i) => {
            let line = b.children.get(i)?;
            // The instansi's own desk has no code of a child: its queue is its whole subtree.
            let scope = match &line.code {
                Some(code) => format!("instansi:{} ", quoted(code)),
                None => String::new(),
            };
            if line.breached > 0 {
                semua(format!("{scope}terlambat"))
            } else {
                semua(format!("{scope}{OPEN}"))
            }
        }
        Item::Officer(i) => {
            let o = b.officers.get(i)?;
            let who = format!("petugas:{}", quoted(&o.username));
            if o.load.overdue > 0 {
                semua(format!("{who} terlambat"))
            } else if o.load.open == 0 && o.load.awaiting_approval > 0 {
                semua("status:menunggu_persetujuan".into())
            } else {
                semua(format!("{who} {OPEN}"))
            }
        }
        Item::Channel(c) => semua(format!("kanal:{}", c.as_code())),
        Item::Received
        | Item::Excluded
        | Item::Completion
        | Item::Verified
        | Item::FollowedUp
        | Item::FirstFollowUp
        | Item::Age(_) => None,
    }
}

/// A rate as a percentage with one decimal in the language's notation ("82,5 %"); "-" when
/// nothing counts.
pub fn percent(rate: Option<f64>, lang: Lang) -> String {
    match rate {
        Some(r) => {
            let s = format!("{:.1}", r * 100.0);
            let s = match lang {
                Lang::Id => s.replace('.', ","),
                Lang::En => s,
            };
            format!("{s} %")
        }
        None => "-".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter;
    use crate::domain::monev::board::{ChildLine, OfficerLine};
    use crate::domain::monev::{Backlog, Figures, Load, Period};
    use chrono::NaiveDate;

    fn board() -> Board {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a day");
        let figures = Figures {
            received: 0,
            excluded: 0,
            selesai: 0,
            completion_rate: None,
            verified_in_time: Default::default(),
            followed_up_in_time: Default::default(),
            first_follow_up_median: None,
            first_follow_up_p90: None,
            escalations: 0,
            escalations_resolved: 0,
        };
        Board {
            instansi: "Kota".into(),
            period: Period { from: day, to: day },
            today: day,
            next_working_day: day,
            figures: figures.clone(),
            backlog: Backlog::default(),
            children: vec![ChildLine {
                code: Some("dpu".into()),
                name: "Dinas PU".into(),
                figures,
                backlog: Backlog::default(),
                breached: 2,
            }],
            clocks: Default::default(),
            officers: vec![OfficerLine {
                username: "rina".into(),
                load: Load {
                    open: 3,
                    overdue: 1,
                    awaiting_approval: 0,
                    handled: 0,
                },
            }],
            inflow: Default::default(),
        }
    }

    /// Every target is a filter the filter language accepts, and the child's and the officer's
    /// rows open their breached clocks.
    #[test]
    fn targets_are_valid_filters() {
        let b = board();
        for item in items(&b) {
            if let Some(t) = target(&b, item) {
                assert!(filter::parse(&t.filter).is_ok(), "{item:?}: {}", t.filter);
            }
        }
        let child = target(&b, Item::Child(0)).expect("a child's queue");
        let f = filter::parse(&child.filter).expect("parses");
        assert_eq!(f.instansi.as_deref(), Some("dpu"));
        assert!(f.overdue);
        let officer = target(&b, Item::Officer(0)).expect("an officer's queue");
        let f = filter::parse(&officer.filter).expect("parses");
        assert_eq!(
            f.assignee,
            Some(filter::AssigneeFilter::User("rina".into()))
        );
        assert!(f.overdue);
        assert_eq!(target(&b, Item::Received), None);
    }
}
