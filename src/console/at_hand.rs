//! What the officer has at hand, read off the state by pure functions beneath both the view and
//! the update side: which context is on screen (so which keymap section a key resolves in, and
//! which hints the status line shows), the complaint being worked on and the actions that make
//! sense next for it, whether a reply on it needs a supervisor's approval, today where it is held,
//! and who else is at it. The view draws these and the update acts on them, so both must agree;
//! computing them once here keeps them agreeing without the one importing the other.

use super::action::{Action, Context};
use super::i18n::T;
use super::state::{Focus, Overlay, State, TabKind};
use crate::domain::filter::{self, Filter};
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId};
use crate::domain::text::visible;
use crate::domain::view::View;
use crate::domain::{Klasifikasi, Role, Status, Zone};
use crate::store::Presence;

/// The context on screen: the overlay's, else the editor's, else the focused pane's.
/// The tab's scope: its view and the filter in force (a saved view's filter plus the typed one).
pub fn scope(s: &State) -> (View, Filter) {
    let typed = filter::parse(&s.filter_text).unwrap_or_default();
    let (view, mut filter) = match &s.current_tab().kind {
        TabKind::Builtin(v) => (*v, typed),
        TabKind::Saved { filter, .. } => (View::Semua, merge(filter, &typed)),
    };
    filter.order = s.order.or(filter.order);
    (view, filter)
}

/// Both filters at once: the canonical texts joined and parsed again.
pub fn merge(a: &Filter, b: &Filter) -> Filter {
    filter::parse(&format!("{a} {b}")).unwrap_or_else(|_| a.clone())
}

pub fn context_on_screen(s: &State) -> Context {
    match &s.overlay {
        Overlay::Help { .. } => Context::Help,
        Overlay::Filter(_) => Context::Filter,
        Overlay::Palette { .. } => Context::Palette,
        Overlay::Confirm(_) => Context::Confirm,
        Overlay::Form(_) => Context::Form,
        Overlay::None if s.board.is_some() => Context::Board,
        Overlay::None if s.editor.is_some() && !s.too_small() => Context::Editor,
        Overlay::None if s.focus == Focus::Detail && s.detail_visible() => Context::Detail,
        Overlay::None => Context::Queue,
    }
}

/// The context under an overlay (where palette commands run).
pub fn context_on_screen_below_overlay(s: &State) -> Context {
    if s.board.is_some() {
        Context::Board
    } else if s.focus == Focus::Detail && s.detail_visible() {
        Context::Detail
    } else {
        Context::Queue
    }
}

/// What the officer is working on: the complaint in the detail when it has the focus (it may
/// have left the queue's view after an action), else the selected row.
pub struct Subject<'a> {
    pub id: ComplaintId,
    pub version: i64,
    pub status: Status,
    pub assignee: Option<&'a str>,
    pub escalated: bool,
}

pub fn subject(s: &State) -> Option<Subject<'_>> {
    let data = s.detail.as_ref().and_then(|d| d.data.as_ref());
    let row = s.queue.current();
    let focused = s.focus == Focus::Detail && s.detail_visible();
    match (data, row) {
        (Some(c), r)
            if (focused && s.detail.as_ref().is_some_and(|d| d.id == c.id))
                || r.is_some_and(|r| r.id == c.id) =>
        {
            Some(Subject {
                id: c.id,
                version: c.version,
                status: c.status,
                assignee: c.assignee.as_deref(),
                escalated: c.escalated_to.is_some(),
            })
        }
        (_, Some(r)) => Some(Subject {
            id: r.id,
            version: r.version,
            status: r.status,
            assignee: r.assignee.as_deref(),
            escalated: r.escalated,
        }),
        (_, None) => None,
    }
}

/// The time zone of the instansi holding the complaint at hand (WIB when none is at hand).
pub fn zone_at_hand(s: &State) -> Zone {
    let shown = s
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .map(|c| c.zone);
    shown
        .or_else(|| s.queue.current().map(|r| r.zone))
        .unwrap_or(Zone::Wib)
}

/// Today where the complaint at hand is held: a hold "until tomorrow" on a report in Jayapura
/// ends on Jayapura's tomorrow, as the sweep will judge it.
pub fn today(s: &State) -> chrono::NaiveDate {
    s.now.with_timezone(&zone_at_hand(s).offset()).date_naive()
}

/// The actions that make sense next for a complaint, most likely first (the status line). Which
/// are possible is `lifecycle::plan`'s answer, asked about this officer and this complaint as the
/// console knows it (status, whose it is, escalated or not); the order is the desk's habit.
pub fn suggested(
    s: &State,
    status: Status,
    assignee: Option<&str>,
    escalated: bool,
) -> Vec<Action> {
    use crate::domain::lifecycle::{
        self, Actor, ComplaintFacts, ComplaintTarget, InstansiTarget, OfficerTarget, Verification,
    };
    const ME: i64 = 1;
    const SOMEONE_ELSE: i64 = 2;
    // The complaint sits in the officer's subtree (the console shows nothing else); the targets
    // are the ones each action would name there: a unit below, the officer's own instansi above.
    let own = s.me.instansi_path.clone();
    let path = format!("{own}9/");
    let actor = Actor {
        id: ME,
        username: s.me.username.clone(),
        role: s.me.role,
        instansi_id: 3,
        instansi_path: own.clone(),
    };
    let facts = ComplaintFacts {
        id: 0,
        status,
        assignee: match assignee {
            None => None,
            Some(a) if a == s.me.username => Some(ME),
            Some(_) => Some(SOMEONE_ELSE),
        },
        instansi_id: 4,
        instansi_path: path.clone(),
        klasifikasi: Klasifikasi::Pengaduan,
        routed_by: Some(3),
        escalated_to: escalated.then_some(3),
        pending_reply_by: Some(SOMEONE_ELSE),
        requires_approval: false,
        merged_into: None,
        today: chrono::NaiveDate::MIN,
    };
    let text = || "-".to_string();
    let unit = InstansiTarget {
        id: 5,
        name: String::new(),
        path: format!("{path}5/"),
    };
    let other = ComplaintTarget {
        id: 6,
        status: Status::Ditindaklanjuti,
        linked: false,
    };
    let candidates = |a: Action| -> Vec<DomainAction> {
        match a {
            Action::Claim => vec![DomainAction::Claim],
            // Verify a new report, or pass a disposed or returned one on.
            Action::Verify => vec![
                DomainAction::Verify {
                    changes: Verification::default(),
                    dispose_to: None,
                },
                DomainAction::Dispose { to: unit.clone() },
            ],
            Action::Resume => vec![DomainAction::Resume],
            Action::Approve => vec![DomainAction::Approve],
            Action::SendBack => vec![DomainAction::SendBack { note: text() }],
            Action::Reply => vec![
                DomainAction::Reply { body: text() },
                DomainAction::SubmitForApproval { body: text() },
            ],
            Action::Close => vec![DomainAction::Close { note: text() }],
            Action::Reopen => vec![DomainAction::Reopen { reason: text() }],
            Action::Hold => vec![DomainAction::Hold {
                until: chrono::NaiveDate::MAX,
                reason: text(),
            }],
            Action::Note => vec![DomainAction::Note { body: text() }],
            Action::Assign => vec![DomainAction::Assign {
                to: OfficerTarget {
                    id: 7,
                    username: String::new(),
                    role: Role::Officer,
                    instansi_path: path.clone(),
                    active: true,
                },
            }],
            Action::Unassign => vec![DomainAction::Unassign],
            Action::Escalate => vec![DomainAction::Escalate {
                to: InstansiTarget {
                    id: 8,
                    name: String::new(),
                    path: own.clone(),
                },
                reason: text(),
            }],
            Action::ReturnNotOurs => vec![DomainAction::ReturnNotAuthority { reason: text() }],
            Action::Deescalate => vec![DomainAction::Deescalate { note: text() }],
            Action::Archive => vec![DomainAction::Archive {
                reason: crate::domain::ArchiveReason::Spam,
                note: String::new(),
            }],
            Action::Link => vec![DomainAction::Link {
                other: other.clone(),
            }],
            _ => Vec::new(),
        }
    };
    // Merging is offered from the duplicates panel, linking only where nothing else is left.
    let habit = [
        Action::Claim,
        Action::Verify,
        Action::Resume,
        Action::Approve,
        Action::SendBack,
        Action::Reply,
        Action::Close,
        Action::Reopen,
        Action::Hold,
        Action::Note,
        Action::Assign,
        Action::Unassign,
        Action::Escalate,
        Action::ReturnNotOurs,
        Action::Deescalate,
        Action::Archive,
    ];
    let mut v: Vec<Action> = habit
        .into_iter()
        .filter(|a| {
            candidates(*a)
                .iter()
                .any(|d| lifecycle::plan(&facts, &actor, d).is_ok())
        })
        .collect();
    if v.len() <= 1
        && candidates(Action::Link)
            .iter()
            .any(|d| lifecycle::plan(&facts, &actor, d).is_ok())
    {
        v.push(Action::Link);
    }
    v
}

/// Whether sending this officer's reply on `id` needs a supervisor's approval first.
pub fn needs_approval(s: &State, id: ComplaintId) -> bool {
    if s.me.role.is_supervisor_or_above() {
        return false;
    }
    let instansi = s
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .filter(|c| c.id == id)
        .map(|c| c.instansi_id)
        .or_else(|| {
            s.queue
                .rows
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.instansi_id)
        });
    instansi.is_some_and(|i| s.reference.requires_approval(i))
}

/// The presence line for a complaint's detail: "Siti sedang menulis balasan, Budi sedang melihat".
pub fn presence_line(s: &State, id: ComplaintId) -> Option<String> {
    let lang = s.lang();
    let parts: Vec<String> = s
        .presence
        .iter()
        .filter(|p| p.complaint_id == id)
        .map(|p| {
            let who = visible(&p.name).into_owned();
            lang.fmt(
                if p.writing {
                    T::PresenceWriting
                } else {
                    T::PresenceViewing
                },
                &[("who", &who)],
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The mark of a queue row: '✎' someone writes on it, '◉' someone views it, '+' arrived live.
pub fn row_mark(s: &State, id: ComplaintId) -> Option<char> {
    let here: Vec<&Presence> = s.presence.iter().filter(|p| p.complaint_id == id).collect();
    if here.iter().any(|p| p.writing) {
        Some('✎')
    } else if !here.is_empty() {
        Some('◉')
    } else if s.queue.fresh.contains(&id) {
        Some('+')
    } else {
        None
    }
}
