//! Pure update and render tests on hand-built rows (no database).

use super::action::Context;
use super::i18n::Lang;
use super::keymap::Keymap;
use super::keys::Key;
use super::msg::{Effect, Msg};
use super::render;
use super::state::*;
use super::update::{initial, start, update};
use crate::domain::calendar::CalendarBook;
use crate::domain::{Channel, ComplaintRow, Klasifikasi, Role, Status};
use crate::store::{Cursor, Page};
use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

pub(super) fn row(id: i64, judul: &str) -> ComplaintRow {
    ComplaintRow {
        id,
        status: Status::Baru,
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Sms,
        judul: judul.into(),
        instansi_id: 1,
        instansi: "Dinas".into(),
        zone: crate::domain::Zone::Wib,
        assignee: None,
        received_at: Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap(),
        clock: None,
        escalated: false,
        version: 1,
    }
}

/// The request and cap of the counts `fx` asks for.
pub(super) fn counts_asked(fx: &[Effect]) -> (u64, Option<i64>) {
    match fx.iter().find(|e| matches!(e, Effect::LoadCounts { .. })) {
        Some(Effect::LoadCounts { req, cap, .. }) => (*req, *cap),
        _ => panic!("no counts asked for: {fx:?}"),
    }
}

pub(super) fn state(size: (u16, u16)) -> State {
    let mut settings = Settings::new(Lang::Id, Keymap::builtin("default").unwrap());
    settings.clock = ClockSource::Fixed(Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap());
    let me = Me {
        username: "siti".into(),
        name: Some("Siti".into()),
        role: Role::Officer,
        instansi: Some("Dinas".into()),
        instansi_path: "/1/".into(),
    };
    initial(settings, me, size, Arc::new(CalendarBook::shipped()))
}

pub(super) fn keys(s: &mut State, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in Key::parse_seq(text).unwrap() {
        fx.extend(update(s, Msg::Key(k.to_event())));
    }
    fx
}

pub(super) fn loaded(size: (u16, u16), n: i64, more: bool) -> State {
    let mut s = state(size);
    let fx = start(&mut s);
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
    let rows: Vec<ComplaintRow> = (1..=n)
        .map(|i| row(1_000_000 + i, &format!("laporan {i}")))
        .collect();
    let next = more.then_some(Cursor { key: 0, id: 1 });
    let req = s.req.list;
    update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(Page { rows, next }),
        },
    );
    s
}

#[test]
fn movement_sequences_and_stale_answers() {
    let mut s = loaded((80, 24), 30, false);
    keys(&mut s, "j j j");
    assert_eq!(s.queue.selected, 3);
    keys(&mut s, "g");
    assert_eq!(s.pending.len(), 1);
    keys(&mut s, "g");
    assert_eq!(s.queue.selected, 0);
    keys(&mut s, "G");
    assert_eq!(s.queue.selected, 29);
    // The window follows the selection.
    assert!(s.queue.offset + s.queue_height() > 29);
    // A stale page is dropped.
    let stale = s.req.list - 1;
    update(
        &mut s,
        Msg::Page {
            req: stale,
            append: false,
            result: Ok(Page {
                rows: vec![],
                next: None,
            }),
        },
    );
    assert_eq!(s.queue.rows.len(), 30);
}

#[test]
fn prefetch_near_the_bottom() {
    let mut s = loaded((80, 24), 100, true);
    let fx = keys(&mut s, "G");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::LoadPage { append: true, .. })),
        "{fx:?}"
    );
    // No second request while one is in flight.
    let fx = keys(&mut s, "k");
    assert!(!fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
}

#[test]
fn narrow_screen_fetches_detail_only_on_open_and_wide_on_move() {
    let mut s = loaded((80, 24), 10, false);
    assert!(keys(&mut s, "j").is_empty());
    let fx = keys(&mut s, "Enter");
    assert!(
        matches!(fx[..], [Effect::LoadDetail { id: 1_000_002, .. }]),
        "{fx:?}"
    );
    assert_eq!(s.focus, Focus::Detail);
    keys(&mut s, "Esc");
    assert_eq!(s.focus, Focus::Queue);

    let mut w = loaded((150, 40), 10, false);
    let fx = keys(&mut w, "j");
    assert!(matches!(fx[..], [Effect::LoadDetail { .. }]), "{fx:?}");

    let mut lb = loaded((150, 40), 10, false);
    lb.settings.low_bandwidth = true;
    let fx = keys(&mut lb, "j j j");
    assert_eq!(fx.len(), 3);
    assert!(fx.iter().all(|e| matches!(e, Effect::After { .. })));
    let stale = update(&mut lb, Msg::DetailDue { generation: 1 });
    assert!(stale.is_empty());
    let generation = lb.req.detail_gen;
    let due = update(&mut lb, Msg::DetailDue { generation });
    assert!(matches!(
        due[..],
        [Effect::LoadDetail { id: 1_000_004, .. }]
    ));
}

#[test]
fn filter_prompt_shows_errors_and_applies() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "/");
    assert!(matches!(s.overlay, Overlay::Filter(_)));
    for c in "status:open".chars() {
        update(&mut s, Msg::Key(Key::ch(c).to_event()));
    }
    match &s.overlay {
        Overlay::Filter(p) => assert_eq!(p.error.as_ref().unwrap().position, 0),
        o => panic!("{o:?}"),
    }
    assert!(keys(&mut s, "Enter").is_empty());
    keys(&mut s, "C-u");
    for c in "kanal:sms".chars() {
        update(&mut s, Msg::Key(Key::ch(c).to_event()));
    }
    let fx = keys(&mut s, "Enter");
    assert_eq!(s.filter_text, "kanal:sms");
    assert!(matches!(s.overlay, Overlay::None));
    assert!(fx.iter().any(
        |e| matches!(e, Effect::LoadPage { filter, .. } if filter.channels == vec![Channel::Sms])
    ));
}

#[test]
fn palette_runs_actions_by_name_and_readonly_refuses_claims() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, ":");
    for c in "klaim".chars() {
        update(&mut s, Msg::Key(Key::ch(c).to_event()));
    }
    let fx = keys(&mut s, "Enter");
    assert!(
        matches!(&fx[..], [Effect::Act { action, .. }] if **action == crate::domain::lifecycle::Action::Claim),
        "{fx:?}"
    );

    let mut ro = loaded((80, 24), 5, false);
    ro.settings.readonly = true;
    assert!(keys(&mut ro, "c").is_empty());
    assert!(super::render::hints(&ro).iter().all(|(_, l)| l != "klaim"));
}

#[test]
fn marks_then_claim_asks_for_confirmation() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "Space Space");
    assert_eq!(s.queue.marks.len(), 2);
    assert!(keys(&mut s, "c").is_empty());
    assert!(matches!(s.overlay, Overlay::Confirm(_)));
    let fx = keys(&mut s, "y");
    assert!(matches!(&fx[..], [Effect::Act { items, .. }] if items.len() == 2));
}

#[test]
fn tiny_terminals_say_what_they_need_and_never_panic() {
    for (w, h) in [(1, 1), (10, 3), (59, 30), (80, 14), (60, 15), (61, 16)] {
        let mut s = loaded((w, h), 50, false);
        keys(&mut s, "j Enter ? Esc / Esc : Esc");
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| render::draw(f, &s)).unwrap();
        if s.too_small() && w >= 40 {
            let top: String = (0..w)
                .map(|x| term.backend().buffer()[(x, 0)].symbol().to_string())
                .collect();
            assert!(top.contains("60×15"), "{top}");
        }
    }
}

#[test]
fn hostile_text_is_drawn_as_visible_characters() {
    let mut s = state((100, 20));
    start(&mut s);
    let req = s.req.list;
    let evil = "\x1b]0;pwned\x07\x1b[2J\u{202e}kiri 👨‍👩‍👧 日本";
    update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(Page {
                rows: vec![row(1, evil)],
                next: None,
            }),
        },
    );
    let mut term = Terminal::new(TestBackend::new(100, 20)).unwrap();
    term.draw(|f| render::draw(f, &s)).unwrap();
    let buf = term.backend().buffer();
    for c in buf.content() {
        assert!(
            !c.symbol().chars().any(|ch| ch.is_control()),
            "{:?}",
            c.symbol()
        );
    }
    let line: String = (0..100).map(|x| buf[(x, 3)].symbol().to_string()).collect();
    assert!(line.contains("␛]0;pwned␇␛[2J�kiri"), "{line}");
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "?");
    assert_eq!(super::at_hand::context_on_screen(&s), Context::Help);
    let help = s.keymap().help(Lang::En, &s.conditions());
    assert!(
        help.iter()
            .any(|(c, rows)| *c == Context::Queue && rows.iter().any(|(k, _)| k == "g g, Home"))
    );
    keys(&mut s, "Esc");
    assert!(matches!(s.overlay, Overlay::None));
}

pub(super) fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(update(s, Msg::Key(Key::ch(c).to_event())));
    }
    fx
}

#[test]
fn the_draft_autosaves_once_a_second_and_placeholders_stop_the_send() {
    use super::draft::{DraftKind, Editor};
    let mut s = loaded((80, 24), 5, false);
    s.editor = Some(Editor::new(1_000_001, DraftKind::Reply, "", Some(9)));
    assert_eq!(super::at_hand::context_on_screen(&s), Context::Editor);
    // Typing starts one timer, not one per key; the keymap's letters type text here.
    let fx = typed(&mut s, "qj?");
    assert_eq!(s.editor.as_ref().unwrap().body(), "qj?");
    assert!(!s.quit && matches!(s.overlay, Overlay::None));
    assert_eq!(fx.len(), 1, "{fx:?}");
    assert!(matches!(&fx[0], Effect::After { .. }));
    let fx = update(&mut s, Msg::DraftDue { id: 1_000_001 });
    assert!(
        matches!(&fx[..], [Effect::SaveDraft { body, based_on: Some(9), kind: "reply", .. }] if body == "qj?"),
        "{fx:?}"
    );
    // An unknown placeholder blocks the send; nothing is written.
    typed(&mut s, " {salam}");
    let fx = keys(&mut s, "C-s");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.notice.as_ref().unwrap().text.contains("{salam}"));
    // Leaving saves what is unsaved.
    let fx = keys(&mut s, "Esc");
    assert!(matches!(&fx[..], [Effect::SaveDraft { body, .. }] if body.ends_with("{salam}")));
    assert!(s.editor.is_none());
}

#[test]
fn a_refused_form_comes_back_as_typed() {
    use super::msg::Outcome;
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "t");
    assert!(matches!(s.overlay, Overlay::Form(_)));
    typed(&mut s, "1/12/2026");
    keys(&mut s, "Tab");
    typed(&mut s, "menunggu data");
    let fx = keys(&mut s, "Enter");
    assert!(
        matches!(&fx[..], [Effect::Act { items, action, .. }]
            if items == &vec![(1_000_001, Some(1))]
            && matches!(**action, crate::domain::lifecycle::Action::Hold { .. })),
        "{fx:?}"
    );
    assert!(matches!(s.overlay, Overlay::None));
    update(
        &mut s,
        Msg::Acted {
            kind: crate::domain::EventKind::Hold,
            result: Ok(Outcome {
                done: vec![],
                events: Vec::new(),
                refused: vec![(
                    1_000_001,
                    crate::domain::Refusal::NeedsSupervisor {
                        kind: crate::domain::EventKind::Hold,
                    }
                    .into(),
                )],
            }),
        },
    );
    assert!(s.notice.as_ref().is_some_and(|n| n.error));
    match &s.overlay {
        Overlay::Form(f) => {
            assert_eq!(f.fields[0].input.text, "1/12/2026");
            assert_eq!(f.fields[1].input.text, "menunggu data");
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn readonly_opens_no_form_and_no_editor() {
    let mut s = loaded((80, 24), 5, false);
    s.settings.readonly = true;
    for k in ["a", "v", "t", "b", "A", "e", "i", "y", "E", "C", "M"] {
        assert!(keys(&mut s, k).is_empty(), "{k}");
        assert!(matches!(s.overlay, Overlay::None), "{k}");
        assert!(s.editor.is_none());
    }
    // Not from the palette either.
    keys(&mut s, ":");
    typed(&mut s, "verify");
    assert!(keys(&mut s, "Enter").is_empty());
    assert!(matches!(s.overlay, Overlay::None));
}

pub(super) fn event_by(actor: &str, id: i64, complaint: i64) -> crate::domain::Event {
    crate::domain::Event {
        id,
        complaint_id: complaint,
        at: Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap(),
        actor: actor.into(),
        kind: crate::domain::EventKind::Note,
        recorded_at: None,
        status: Status::Baru,
        details: serde_json::Value::Null,
        batch: None,
    }
}

#[test]
fn a_burst_of_live_changes_becomes_one_reload_per_landed_page() {
    use crate::store::feed::FeedMsg;
    let mut s = loaded((80, 24), 30, false);
    let page_loads = |fx: &[Effect]| {
        fx.iter()
            .filter(|e| matches!(e, Effect::LoadPage { .. }))
            .count()
    };
    // The events this console wrote change nothing here: the action that made them already
    // reloaded.
    s.own_events.insert(1);
    assert_eq!(
        page_loads(&update(
            &mut s,
            Msg::Feed(FeedMsg::Events(vec![event_by("siti", 1, 3)]))
        )),
        0
    );
    assert!(s.own_events.is_empty(), "each is skipped once");
    let first = update(
        &mut s,
        Msg::Feed(FeedMsg::Events(vec![event_by("budi", 2, 3)])),
    );
    assert_eq!(
        page_loads(&first),
        1,
        "a colleague's change reloads the view"
    );
    let req = s.req.list;
    for n in 0..10 {
        let fx = update(
            &mut s,
            Msg::Feed(FeedMsg::Events(vec![event_by("budi", 3 + n, 3)])),
        );
        assert_eq!(
            page_loads(&fx),
            0,
            "while a load is in flight, more changes wait for it"
        );
    }
    let rows: Vec<_> = (1..=30).map(|i| row(i, &format!("Laporan {i}"))).collect();
    let fx = update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(Page { rows, next: None }),
        },
    );
    assert_eq!(page_loads(&fx), 1, "then one more reload covers them all");
}

/// The queue counts an overdue clock's late days on the calendar of the row's instansi: a
/// regional day off at instansi 2 is not a late day there, and is one at instansi 1.
#[test]
fn overdue_days_follow_the_rows_instansi_calendar() {
    use crate::domain::calendar::{Holiday, end_of_day, parse_holidays_csv};
    use crate::domain::{Clock, ClockKind, ClockState, HolidayKind, Zone};
    let mut days = parse_holidays_csv(crate::domain::calendar::SHIPPED_HOLIDAYS_CSV).unwrap();
    days.push(Holiday {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        kind: HolidayKind::Regional,
        name: "Hari Jadi".into(),
        decree: "Perda".into(),
        instansi_id: Some(2),
    });
    let mut s = loaded((100, 20), 0, false);
    s.calendars = Arc::new(CalendarBook::new(days, [(1, "/1/"), (2, "/1/2/")]));
    // Due Monday 23 November; now is Friday 27 November 10:00 WIB.
    let clock = Clock {
        kind: ClockKind::Verifikasi,
        started_at: Utc.with_ymd_and_hms(2026, 11, 18, 3, 0, 0).unwrap(),
        working_days: 3,
        due_at: Some(end_of_day(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            Zone::Wib,
        )),
        state: ClockState::Breached,
    };
    let mut national = row(1_000_001, "di kota lain");
    national.clock = Some(clock);
    let mut regional = row(1_000_002, "di kota berlibur");
    regional.instansi_id = 2;
    regional.clock = Some(clock);
    let req = s.req.list;
    update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(Page {
                rows: vec![national, regional],
                next: None,
            }),
        },
    );
    let mut term = Terminal::new(TestBackend::new(100, 20)).unwrap();
    term.draw(|f| render::draw(f, &s)).unwrap();
    let buf = term.backend().buffer();
    let lines: Vec<String> = (0..20)
        .map(|y| (0..100).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let line_of = |judul: &str| {
        lines
            .iter()
            .find(|l| l.contains(judul))
            .cloned()
            .unwrap_or_else(|| panic!("{judul} not drawn: {lines:#?}"))
    };
    // 24, 25, 26 and 27 November are late days nationally; 25 is a day off at instansi 2.
    assert!(line_of("di kota lain").contains("!4 hk"), "{lines:#?}");
    assert!(line_of("di kota berlibur").contains("!3 hk"), "{lines:#?}");
}

#[test]
fn counts_past_the_cap_show_a_plus_then_settle_to_exact() {
    use super::msg::MsgTemplate;
    use super::requests::COUNT_CAP;
    use crate::domain::view::View;
    use crate::store::ViewCounts;
    fn screen(s: &State) -> String {
        let mut term = Terminal::new(TestBackend::new(100, 24)).unwrap();
        term.draw(|f| render::draw(f, s)).unwrap();
        term.backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect()
    }
    let mut s = state((100, 24));
    let fx = start(&mut s);
    let (req, cap) = counts_asked(&fx);
    assert_eq!(cap, Some(COUNT_CAP), "the first counts stop at the cap");
    // Semua stopped past the cap; the others are exact.
    let counted = |semua: i64, cap: Option<i64>| ViewCounts {
        counts: View::ALL
            .iter()
            .map(|v| (*v, if *v == View::Semua { semua } else { 7 }))
            .collect(),
        cap,
    };
    let fx = update(
        &mut s,
        Msg::Counts {
            req,
            result: Ok((counted(COUNT_CAP + 1, cap), Vec::new())),
        },
    );
    assert!(screen(&s).contains("1.000+"), "{}", screen(&s));
    let Some(Effect::After { msg, .. }) = fx.first() else {
        panic!("no settle timer: {fx:?}")
    };
    assert_eq!(**msg, MsgTemplate::CountsDue { req });
    // Settled: the exact counts are asked for under the same request.
    let fx = update(&mut s, Msg::CountsDue { req });
    assert!(
        matches!(fx.as_slice(), [Effect::LoadCounts { req: r, cap: None, .. }] if *r == req),
        "{fx:?}"
    );
    update(
        &mut s,
        Msg::Counts {
            req,
            result: Ok((counted(48_213, None), Vec::new())),
        },
    );
    let exact = screen(&s);
    assert!(exact.contains("48.213") && !exact.contains("+"), "{exact}");
    // Another tab in between makes the timer's message stale: no exact count of an old scope.
    keys(&mut s, "2");
    assert!(update(&mut s, Msg::CountsDue { req }).is_empty());
}
