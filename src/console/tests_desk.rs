//! Update tests of the officer's all-day work (issue 11): every key goes through the real keymap.

use super::msg::{Effect, Failure, Msg};
use super::state::*;
use super::tests::{keys, loaded, typed};
use crate::domain::{Channel, Complaint, Event, EventKind, Klasifikasi, Reporter, Status, Zone};
use chrono::{TimeZone, Utc};

/// A complaint as the store's detail answers it.
pub(super) fn complaint(id: i64, status: Status, events: Vec<Event>) -> Complaint {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap();
    Complaint {
        id,
        status,
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Sms,
        judul: format!("laporan {id}"),
        isi: "isi".into(),
        tanggal_kejadian: None,
        lokasi: None,
        lat: None,
        lon: None,
        kategori_id: None,
        kategori: None,
        tags: Vec::new(),
        anonim: false,
        rahasia: false,
        reporter: Reporter::default(),
        reporter_masked: false,
        attachments: Vec::new(),
        instansi_id: 1,
        instansi: "Dinas".into(),
        zone: Zone::Wib,
        assignee: Some("siti".into()),
        routed_by: None,
        escalated_to: None,
        pending_reply_by: None,
        merged_into: None,
        received_at: at,
        updated_at: at,
        version: 3,
        clock: None,
        events,
    }
}

pub(super) fn event(id: i64, complaint: i64, actor: &str, kind: EventKind) -> Event {
    Event {
        id,
        complaint_id: complaint,
        at: Utc.with_ymd_and_hms(2026, 11, 26, 3, 0, 0).unwrap(),
        recorded_at: None,
        actor: actor.into(),
        kind,
        status: Status::Ditindaklanjuti,
        details: serde_json::Value::Null,
        batch: None,
    }
}

fn detail_arrives(s: &mut State, c: Complaint) -> Vec<Effect> {
    let req = s.req.detail;
    update(
        s,
        Msg::Detail {
            req,
            result: Ok(Box::new(c)),
            draft: None,
        },
    )
}

use super::update::update;

fn loads_detail_of(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadDetail { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

/// Point 1: `#` then digits, or the number typed into the palette or the filter, opens the
/// complaint in the detail although it is in no row of the view; a reload keeps it there.
#[test]
fn a_complaint_opens_by_its_number_from_anywhere() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "#");
    assert!(matches!(&s.overlay, Overlay::Palette { input, .. } if input.text == "#"));
    typed(&mut s, "1020001");
    let fx = keys(&mut s, "Enter");
    assert_eq!(loads_detail_of(&fx), vec![1_020_001], "{fx:?}");
    assert!(matches!(s.overlay, Overlay::None));
    assert_eq!(s.focus, Focus::Detail);
    detail_arrives(&mut s, complaint(1_020_001, Status::Baru, Vec::new()));
    assert_eq!(super::at_hand::subject(&s).map(|x| x.id), Some(1_020_001));
    // A refresh reloads the queue; the detail stays on the complaint asked for.
    let fx = keys(&mut s, "r");
    let req = s.req.list;
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
    let rows = s.queue.rows.clone();
    let fx = update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(crate::store::Page { rows, next: None }),
        },
    );
    assert_eq!(loads_detail_of(&fx), vec![1_020_001], "{fx:?}");

    // The palette and the filter take the number with or without '#'.
    for (open, text) in [
        (":", "1020002"),
        (":", "#1020002"),
        ("/", "1020002"),
        ("/", "#1020002"),
    ] {
        let mut s = loaded((80, 24), 5, false);
        keys(&mut s, open);
        typed(&mut s, text);
        let fx = keys(&mut s, "Enter");
        assert_eq!(
            loads_detail_of(&fx),
            vec![1_020_002],
            "{open}{text}: {fx:?}"
        );
        assert_eq!(s.filter_text, "", "the number is not a filter");
    }
}

/// Point 1: a number the officer may not see answers exactly like a missing one: not found.
#[test]
fn a_number_out_of_sight_is_not_found() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "#");
    typed(&mut s, "99");
    keys(&mut s, "Enter");
    let req = s.req.detail;
    update(
        &mut s,
        Msg::Detail {
            req,
            result: Err(Failure {
                connection: false,
                message: "no complaint #99".into(),
                code: "not_found",
            }),
            draft: None,
        },
    );
    let n = s.notice.clone().unwrap();
    assert!(n.text.contains("#99 tidak ditemukan"), "{n:?}");
    assert_eq!(s.focus, Focus::Queue);
    assert!(s.detail.as_ref().is_none_or(|d| d.id != 99));
}

/// Point 13: under --readonly a key that changes data says the console is read-only.
#[test]
fn readonly_says_so() {
    let mut s = loaded((80, 24), 5, false);
    s.settings.readonly = true;
    assert!(keys(&mut s, "c").is_empty());
    let n = s.notice.clone().unwrap().text;
    assert!(n.contains("hanya-baca"), "{n}");
    assert!(!n.contains("tidak dipakai"), "{n}");
}

/// The whole screen as text, one line per row.
pub(super) fn screen(s: &State) -> String {
    let (w, h) = s.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| super::render::draw(f, s)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn acts(fx: &[Effect]) -> usize {
    fx.iter()
        .filter(|e| matches!(e, Effect::Act { .. }))
        .count()
}

/// Point 4: a reply stopped by the stale-reply guard shows the colleague's new event above the
/// draft, and the send key alone no longer sends: only the "send anyway" key does.
#[test]
fn the_stale_guard_shows_the_new_events_and_needs_its_own_key() {
    use super::draft::{DraftKind, Editor};
    use super::msg::Outcome;
    let mut s = loaded((120, 30), 5, false);
    s.focus = Focus::Detail;
    s.editor = Some(Editor::new(
        1_000_001,
        DraftKind::Reply,
        "Terima kasih",
        Some(9),
    ));
    let fx = keys(&mut s, "C-s");
    assert_eq!(acts(&fx), 1, "{fx:?}");
    let mut note = event(12, 1_000_001, "budi", EventKind::Note);
    note.details = serde_json::json!({"body": "pelapor sudah ditelepon"});
    update(
        &mut s,
        Msg::Acted {
            kind: EventKind::Reply,
            result: Ok(Outcome {
                done: vec![],
                refused: vec![(1_000_001, crate::store::StoreError::Stale(vec![note]))],
                events: Vec::new(),
            }),
        },
    );
    let text = screen(&s);
    assert!(text.contains("pelapor sudah ditelepon"), "{text}");
    assert!(text.contains("budi"), "{text}");
    assert!(text.contains("C-y"), "{text}");
    // A second C-s does not send.
    let fx = keys(&mut s, "C-s");
    assert_eq!(acts(&fx), 0, "{fx:?}");
    assert!(s.notice.as_ref().unwrap().text.contains("C-y"));
    // The explicit key sends, once read.
    let fx = keys(&mut s, "C-y");
    assert_eq!(acts(&fx), 1, "{fx:?}");
}

/// Point 5: after a supervisor sends a reply back, the author's `e` opens the submitted text
/// again, with the supervisor's note above it.
#[test]
fn a_sent_back_reply_reopens_with_the_note() {
    let mut s = loaded((120, 30), 5, false);
    let mut submit = event(20, 1_000_001, "siti", EventKind::Submit);
    submit.details = serde_json::json!({"body": "Jalan sudah diperbaiki."});
    let mut back = event(21, 1_000_001, "rina", EventKind::SendBack);
    back.details = serde_json::json!({"note": "sebutkan tanggal perbaikan"});
    detail_arrives(
        &mut s,
        complaint(1_000_001, Status::Ditindaklanjuti, vec![submit, back]),
    );
    keys(&mut s, "e");
    let e = s.editor.as_ref().expect("the editor opens");
    assert_eq!(e.body(), "Jalan sudah diperbaiki.");
    let text = screen(&s);
    assert!(text.contains("sebutkan tanggal perbaikan"), "{text}");
    assert!(text.contains("rina"), "{text}");
}

fn page_arrives(s: &mut State, result: Result<crate::store::Page, Failure>) -> Vec<Effect> {
    let req = s.req.list;
    update(
        s,
        Msg::Page {
            req,
            append: false,
            result,
        },
    )
}

fn rows(n: i64) -> crate::store::Page {
    crate::store::Page {
        rows: (1..=n)
            .map(|i| super::tests::row(1_000_000 + i, &format!("banjir {i}")))
            .collect(),
        next: None,
    }
}

/// Point 6: the list, the detail and the status line describe one state.
#[test]
fn the_screen_never_shows_two_states_at_once() {
    // A filter the store refuses: the rows on screen are the last good filter's, and so is the
    // filter in force; the officer is told.
    let mut s = loaded((120, 30), 5, false);
    keys(&mut s, "/");
    typed(&mut s, "banjir");
    keys(&mut s, "Enter");
    page_arrives(&mut s, Ok(rows(3)));
    keys(&mut s, "/ C-u");
    typed(&mut s, "instansi:\"Dinas PUPR\"");
    keys(&mut s, "Enter");
    let fx = page_arrives(
        &mut s,
        Err(Failure {
            connection: false,
            message: "instansi 'Dinas PUPR' is ambiguous".into(),
            code: "ambiguous_instansi",
        }),
    );
    assert_eq!(s.filter_text, "banjir");
    let n = s.notice.clone().unwrap().text;
    assert!(n.contains("ditolak") && n.contains("banjir"), "{n}");
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::LoadPage { filter, .. } if filter.to_string() == "banjir")
        ),
        "{fx:?}"
    );

    // An empty result clears the detail.
    detail_arrives(&mut s, complaint(1_000_001, Status::Baru, Vec::new()));
    assert!(s.detail.is_some());
    keys(&mut s, "/ C-u");
    typed(&mut s, "kosong");
    keys(&mut s, "Enter");
    page_arrives(&mut s, Ok(rows(0)));
    assert!(s.detail.is_none());
    assert!(!screen(&s).contains("#1000001"));

    // C-l redraws with a form open.
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "t");
    assert!(matches!(s.overlay, Overlay::Form(_)));
    keys(&mut s, "C-l");
    assert!(s.clear);

    // Behind "Terminal terlalu kecil" keys do nothing, and say so.
    let mut s = loaded((40, 10), 5, false);
    let fx = keys(&mut s, "j c");
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(s.queue.selected, 0);
    let text = screen(&s);
    assert!(text.contains("tombol tidak"), "{text}");
}

/// Point 6: after an action (R, say) the detail opened again is asked for again, so it shows
/// the new status, not the one loaded before.
#[test]
fn opening_the_detail_asks_for_it_again() {
    let mut s = loaded((80, 24), 5, false);
    let fx = keys(&mut s, "Enter");
    assert_eq!(loads_detail_of(&fx), vec![1_000_001]);
    detail_arrives(&mut s, complaint(1_000_001, Status::Ditunda, Vec::new()));
    keys(&mut s, "Esc");
    let fx = keys(&mut s, "Enter");
    assert_eq!(loads_detail_of(&fx), vec![1_000_001], "{fx:?}");
}

/// Point 7: the history reads as sentences in the interface's language (names, not ids; field
/// names translated), and a colleague's change is announced the same way.
#[test]
fn history_reads_as_sentences() {
    let mut s = loaded((200, 50), 5, false);
    s.reference = std::sync::Arc::new(RefData {
        instansi: Vec::new(),
        names: Vec::new(),
        categories: vec![crate::domain::Category {
            id: 2,
            parent_id: None,
            name: "Jalan dan jembatan".into(),
        }],
    });
    let mut verify = event(30, 1_000_001, "rina", EventKind::Verify);
    verify.details = serde_json::json!({
        "changes": {"judul": "Jalan rusak", "kategori_id": 2, "klasifikasi": null, "tags": null},
        "was": {"judul": "jln rsk", "kategori_id": null}
    });
    let mut assign = event(31, 1_000_001, "rina", EventKind::Assign);
    assign.details = serde_json::json!({"to": "budi", "assignee": 3550});
    let mut hold = event(32, 1_000_001, "rina", EventKind::Hold);
    hold.details = serde_json::json!({"until": "2026-12-15", "reason": "menunggu data"});
    detail_arrives(
        &mut s,
        complaint(1_000_001, Status::Ditunda, vec![verify, assign, hold]),
    );
    let text = screen(&s);
    for want in [
        "rina memverifikasi",
        "judul jln rsk -> Jalan rusak",
        "kategori -> Jalan dan jembatan",
        "rina menugaskan budi",
        "rina menunda sampai",
        "Alasan: menunggu data",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    for unwanted in [
        "3550",
        "assignee",
        "until:",
        "changes",
        "null",
        "-> Ditunda",
    ] {
        assert!(!text.contains(unwanted), "{unwanted}:\n{text}");
    }
    // A colleague's approval arrives live: announced in the interface's language.
    let approve = event(40, 1_000_001, "budi", EventKind::Approve);
    update(
        &mut s,
        Msg::Feed(crate::store::feed::FeedMsg::Events(vec![approve])),
    );
    let n = s.notice.clone().unwrap().text;
    assert_eq!(n, "budi menyetujui tanggapan #1000001");
}

/// Point 11: `y` (approve) posts a public reply, so it asks first like the other actions that
/// cannot be taken back; C-z asks the event loop to suspend, saving the draft first.
#[test]
fn approve_asks_first_and_c_z_suspends() {
    let mut s = loaded((80, 24), 5, false);
    let fx = keys(&mut s, "y");
    assert_eq!(acts(&fx), 0, "{fx:?}");
    assert!(matches!(s.overlay, Overlay::Confirm(_)), "{:?}", s.overlay);
    let fx = keys(&mut s, "y");
    assert!(
        matches!(&fx[..], [Effect::Act { action, .. }] if **action == crate::domain::lifecycle::Action::Approve),
        "{fx:?}"
    );

    let mut s = loaded((80, 24), 5, false);
    s.editor = Some(super::draft::Editor::new(
        1_000_001,
        super::draft::DraftKind::Note,
        "",
        None,
    ));
    typed(&mut s, "belum");
    let fx = keys(&mut s, "C-z");
    assert!(s.suspend);
    assert!(
        matches!(&fx[..], [Effect::SaveDraft { body, .. }] if body == "belum"),
        "{fx:?}"
    );
}

/// Point 2: `*` marks every complaint matching the view and the filter, not only the loaded
/// page; an action on one report (`v`) says so before doing anything while rows are marked.
#[test]
fn marks_are_the_views_and_single_actions_say_so() {
    let mut s = loaded((80, 24), 100, true);
    let fx = keys(&mut s, "*");
    assert!(matches!(&fx[..], [Effect::LoadMatching { .. }]), "{fx:?}");
    let all: Vec<i64> = (1..=993).map(|i| 1_000_000 + i).collect();
    update(&mut s, Msg::Matching(Ok(all)));
    assert_eq!(s.queue.marks.len(), 993);
    assert!(s.notice.as_ref().unwrap().text.contains("993"));
    // A bulk action's preview counts them all.
    keys(&mut s, "t");
    let Overlay::Form(f) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(f.items.len(), 993);
    keys(&mut s, "Esc");

    let fx = keys(&mut s, "v");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(matches!(s.overlay, Overlay::None), "{:?}", s.overlay);
    let n = s.notice.clone().unwrap().text;
    assert!(n.contains("satu laporan") && n.contains("993"), "{n}");
}

/// Points 9/10: the title gets what the fixed columns leave (at least 40 % of the queue at 80, 120
/// and 200 columns), statuses are short codes with a legend in `?`, and the focused detail has a
/// visible (thick) border.
#[test]
fn the_layout_uses_the_width() {
    for (w, queue_w) in [(80u16, 80usize), (120, 72), (200, 120)] {
        let mut s = super::tests::state((w, 30));
        let fx = super::update::start(&mut s);
        assert!(!fx.is_empty());
        let long = "x".repeat(300);
        let rows = crate::store::Page {
            rows: (1..=5)
                .map(|i| super::tests::row(1_000_000 + i, &long))
                .collect(),
            next: None,
        };
        page_arrives(&mut s, Ok(rows));
        let text = screen(&s);
        let line = text.lines().nth(4).unwrap();
        let title = line.chars().filter(|c| *c == 'x').count();
        assert!(
            title * 10 >= queue_w * 4,
            "{w} columns: title {title} of {queue_w}\n{text}"
        );
        assert!(line.contains("BARU"), "{line}");
    }
    let mut s = loaded((120, 30), 5, false);
    keys(&mut s, "Enter");
    detail_arrives(&mut s, complaint(1_000_001, Status::Baru, Vec::new()));
    assert!(screen(&s).contains('┏'), "{}", screen(&s));
    keys(&mut s, "Esc");
    assert!(!screen(&s).contains('┏'));
    keys(&mut s, "?");
    let mut help = String::new();
    for _ in 0..20 {
        help.push_str(&screen(&s));
        keys(&mut s, "PgDn");
    }
    assert!(help.contains("SETJ") && help.contains("Menunggu"), "{help}");
    assert!(!help.contains("tampilan ke-7"), "{help}");
}

/// Point 12: the palette ranks by name (and then by a word of the description), a user keymap
/// error drops only its own entry and names file:line once, and rebinding `c` warns that claim
/// has no key left.
#[test]
fn palette_ranks_by_name_and_keymap_errors_drop_one_entry() {
    use super::action::{Action, Context};
    use super::keymap::{Conditions, Keymap, Resolution};
    use super::keys::Key;
    let c = Conditions::default();
    for lang in [super::i18n::Lang::En, super::i18n::Lang::Id] {
        assert_eq!(
            super::palette::matches("int", lang, &c)[0],
            Action::Note,
            "{lang:?}"
        );
    }
    assert_eq!(
        super::palette::matches("esc", super::i18n::Lang::En, &c)[0],
        Action::Escalate
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    std::fs::write(&path, "[queue]\n\"j\" = \"jump\"\n\"c\" = \"assign\"\n").unwrap();
    let (k, notices) = Keymap::load(None, Some(&path));
    // The good entry holds; the bad one is dropped and named once, with file and line.
    assert_eq!(
        k.resolve(Context::Queue, &[Key::ch('c')], &c),
        Resolution::Action(Action::Assign)
    );
    assert_eq!(
        k.resolve(Context::Queue, &[Key::ch('j')], &c),
        Resolution::Action(Action::Down)
    );
    let all: Vec<String> = notices.iter().map(|n| n.1.clone()).collect();
    let shown = path.display().to_string();
    let bad: Vec<&String> = all.iter().filter(|n| n.contains("jump")).collect();
    assert_eq!(bad.len(), 1, "{all:?}");
    assert_eq!(bad[0].matches(&shown).count(), 1, "{all:?}");
    assert!(bad[0].contains(&format!("{shown}:2:")), "{all:?}");
    assert!(
        all.iter()
            .any(|n| n.contains("'claim' has no key in [queue]")),
        "{all:?}"
    );
}

/// Point 12: help is searchable: `/` then text narrows it to matching keys and descriptions.
#[test]
fn help_is_searchable() {
    let mut s = loaded((100, 40), 5, false);
    keys(&mut s, "?");
    keys(&mut s, "/");
    typed(&mut s, "klaim");
    keys(&mut s, "Enter");
    let text = screen(&s);
    assert!(text.contains("cari: klaim"), "{text}");
    assert!(
        text.contains("Ambil pengaduan") || text.contains("klaim"),
        "{text}"
    );
    assert!(!text.contains("Keluar dari meja"), "{text}");
    // Esc closes help as before once the search is done.
    keys(&mut s, "Esc");
    assert!(matches!(s.overlay, Overlay::None));
}

/// Point 10: at 80 columns the status line keeps `? bantuan` and `q keluar`; the hints before
/// them give way.
#[test]
fn help_and_quit_stay_on_a_narrow_status_line() {
    let mut s = loaded((80, 24), 5, false);
    s.notice = None;
    let text = screen(&s);
    let last = text.lines().last().unwrap().to_string();
    assert!(
        last.contains("? bantuan") && last.contains("q keluar"),
        "{last}"
    );
}

/// The intake's details read in the interface's words: the channel as a label, the receiving
/// instansi named, and the source's original text (kept for export) not repeated.
#[test]
fn intake_details_read_in_the_interfaces_words() {
    let mut intake = event(1, 1_000_001, "demo.admin", EventKind::Intake);
    intake.details = serde_json::json!({
        "channel": "loket",
        "instansi": "Kota Pontianak",
        "original": {"isi": "Jalan<br>rusak"}
    });
    let lines = super::history::details(&intake, crate::domain::Lang::Id, &RefData::default());
    assert_eq!(
        lines,
        vec![
            "Kanal: loket".to_string(),
            "Instansi: Kota Pontianak".to_string()
        ]
    );
    let lines = super::history::details(&intake, crate::domain::Lang::En, &RefData::default());
    assert!(
        lines.iter().any(|l| l.starts_with("Channel: ")),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains("<br>")), "{lines:?}");
}
