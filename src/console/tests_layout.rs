//! Update and render tests of what the screen says about the queue (issue 11): its order, the
//! actions offered for the row at hand, and notices too long for the status line. Every key goes
//! through the real keymap; the screen is ratatui's test backend.

use super::msg::{Effect, Msg};
use super::render;
use super::state::*;
use super::tests::{keys, loaded, row, state, typed};
use super::update::{initial, start, update};
use crate::domain::calendar::CalendarBook;
use crate::domain::view::Order;
use crate::domain::{Role, Status};
use crate::store::Page;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn screen(s: &State) -> Vec<String> {
    let (w, h) = s.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render::draw(f, s)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

fn page_order(fx: &[Effect]) -> Option<Order> {
    fx.iter().find_map(|e| match e {
        Effect::LoadPage { filter, .. } => Some(filter.order()),
        _ => None,
    })
}

#[test]
fn the_order_key_cycles_and_the_header_says_which() {
    let mut s = loaded((80, 24), 5, false);
    assert!(screen(&s)[1].contains("↑tenggat"), "{}", screen(&s)[1]);
    let fx = keys(&mut s, "o");
    assert_eq!(page_order(&fx), Some(Order::Terbaru));
    assert!(screen(&s)[1].contains("↓terbaru"));
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Terlama));
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Tenggat));
    // An order typed in the filter is the one asked for last.
    keys(&mut s, "o");
    keys(&mut s, "/");
    typed(&mut s, "urut:terlama");
    let fx = keys(&mut s, "Enter");
    assert_eq!(page_order(&fx), Some(Order::Terlama));
    assert_eq!(s.order, None);
    assert!(screen(&s)[1].contains("↑terlama"));
}

#[test]
fn claim_is_offered_only_where_it_can_be_done() {
    let mut s = state((120, 30));
    start(&mut s);
    let mut open = row(1_000_001, "belum ada petugas");
    open.status = Status::Didisposisikan;
    let mut done = row(1_000_002, "sudah selesai");
    done.status = Status::Selesai;
    let req = s.req.list;
    update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(Page {
                rows: vec![open, done],
                next: None,
            }),
        },
    );
    s.notice = None;
    let status_line = |s: &State| screen(s)[29].clone();
    assert!(status_line(&s).contains("c klaim"), "{}", status_line(&s));
    keys(&mut s, "j");
    s.notice = None;
    let line = status_line(&s);
    assert!(!line.contains("klaim"), "{line}");
    // The hints after it keep their place.
    assert!(
        line.contains("Space tandai") && line.contains("? bantuan"),
        "{line}"
    );
}

#[test]
fn a_notice_too_long_for_the_status_line_is_shown_whole() {
    let mut settings = super::state::Settings::new(
        super::i18n::Lang::Id,
        super::keymap::Keymap::builtin("default").unwrap(),
    );
    let long = "/home/siti/.config/meja/keymap.toml:12: aksi 'klaim-semua' tidak dikenal \
                (lihat meja keys --actions); /home/siti/.config/meja/keymap.toml:19: tombol \
                'C-Ä' tidak dikenal; entri lain tetap dipakai AKHIR";
    settings.notices = vec![long.into()];
    let me = Me {
        username: "siti".into(),
        name: None,
        role: Role::Officer,
        instansi: None,
        instansi_path: "/1/".into(),
    };
    let s = initial(settings, me, (80, 24), Arc::new(CalendarBook::shipped()));
    let shown = screen(&s).join("\n");
    assert!(shown.contains("AKHIR"), "{shown}");
    assert!(shown.contains("keymap.toml:19"), "{shown}");
}

#[test]
fn the_split_moves_within_bounds_and_is_remembered() {
    let mut s = loaded((200, 50), 5, false);
    s.settings.config_file = Some("/tmp/meja-test/config.toml".into());
    let area = ratatui::layout::Rect::new(0, 0, 200, 50);
    let queue_width = |s: &State| render::areas(s, area).queue.unwrap().width;
    assert_eq!(queue_width(&s), 120);
    let fx = keys(&mut s, ">");
    assert_eq!(queue_width(&s), 130);
    assert!(
        matches!(&fx[..], [Effect::RememberSplit { percent: 65, .. }]),
        "{fx:?}"
    );
    assert!(screen(&s)[49].contains("65%"));
    for _ in 0..10 {
        keys(&mut s, "<");
    }
    assert_eq!(s.settings.split, 30);
    // The queue keeps room for its columns.
    assert_eq!(queue_width(&s), 60);
    assert!(
        keys(&mut s, "<").is_empty(),
        "nothing to remember at the bound"
    );
}

#[test]
fn the_mouse_selects_opens_and_scrolls_when_it_is_on() {
    use super::msg::{Mouse, MouseKind};
    let click = |column, row| {
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column,
            row,
        })
    };
    let mut s = loaded((80, 24), 30, false);
    // Off by default: the terminal keeps its own selection.
    update(&mut s, click(10, 5));
    assert_eq!(s.queue.selected, 0);
    s.settings.mouse = true;
    // Rows start under the tabs and the column heads (screen row 3 is the first).
    update(&mut s, click(10, 5));
    assert_eq!(s.queue.selected, 2);
    // A click on the selected row opens it.
    let fx = update(&mut s, click(10, 5));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::LoadDetail { id, .. } if *id == 1_000_003)),
        "{fx:?}"
    );
    assert_eq!(s.focus, Focus::Detail);
    keys(&mut s, "Esc");
    let wheel = Msg::Mouse(Mouse {
        kind: MouseKind::ScrollDown,
        column: 10,
        row: 8,
    });
    update(&mut s, wheel);
    assert_eq!(s.queue.selected, 3);
    // Nothing happens through an overlay.
    keys(&mut s, "?");
    update(&mut s, click(10, 10));
    assert_eq!(s.queue.selected, 3);
}

#[test]
fn y_copies_the_tracking_number_when_osc52_is_allowed() {
    let mut s = loaded((80, 24), 3, false);
    keys(&mut s, "j Y");
    assert_eq!(s.clipboard, None);
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("osc52 = true"))
    );
    s.settings.osc52 = true;
    keys(&mut s, "Y");
    assert_eq!(s.clipboard.as_deref(), Some("#1000002"));
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("#1000002"))
    );
}

/// Issue 14: the words of the filter are highlighted in the detail's title and body, matched by
/// their stem, with a modifier that a monochrome terminal shows; with words, relevance is the
/// order in force and joins the order key's cycle.
#[test]
fn the_detail_highlights_the_filters_words_by_their_stem() {
    use super::tests_desk::complaint;
    use ratatui::style::Modifier;
    let mut s = loaded((80, 24), 5, false);
    s.settings.theme = super::theme::Theme::mono();
    keys(&mut s, "/");
    typed(&mut s, "rusak");
    let fx = keys(&mut s, "Enter");
    assert_eq!(page_order(&fx), Some(Order::Relevan));
    assert_eq!(s.highlight, vec!["rusak".to_string()]);
    assert!(screen(&s)[1].contains("↑relevan"), "{}", screen(&s)[1]);
    keys(&mut s, "#");
    typed(&mut s, "1000001");
    keys(&mut s, "Enter");
    let mut c = complaint(1_000_001, Status::Baru, Vec::new());
    c.judul = "Kerusakan jalan desa".into();
    c.isi = "Jalan rusak parah sejak lama.".into();
    let req = s.req.detail;
    update(
        &mut s,
        Msg::Detail {
            req,
            result: Ok(Box::new(c)),
            draft: None,
        },
    );
    let (w, h) = s.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render::draw(f, &s)).unwrap();
    let buf = term.backend().buffer().clone();
    // The cells of `word` where it first starts a word on screen, and whether each is reversed.
    let reversed = |word: &str| -> Vec<bool> {
        for y in 0..h {
            let line: Vec<String> = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            let text = line.concat();
            if let Some(at) = text.find(&format!("{word} ")) {
                let x0 = text[..at].chars().count() as u16;
                return (0..word.chars().count() as u16)
                    .map(|i| buf[(x0 + i, y)].modifier.contains(Modifier::REVERSED))
                    .collect();
            }
        }
        panic!("{word} is not on screen");
    };
    assert!(reversed("Kerusakan").iter().all(|r| *r), "title: by stem");
    assert!(reversed("rusak").iter().all(|r| *r), "body");
    assert!(
        !reversed("jalan").iter().any(|r| *r),
        "other words stay plain"
    );
    assert!(!reversed("parah").iter().any(|r| *r));
    // The order key cycles through relevance while there are words.
    keys(&mut s, "Esc");
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Tenggat));
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Terbaru));
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Terlama));
    assert_eq!(page_order(&keys(&mut s, "o")), Some(Order::Relevan));
}

/// Issue 12: a ranking of more matches than relevance ranks says, on the tabs line, that it
/// ranked the newest (`store::RANK_WINDOW`); a smaller one does not.
#[test]
fn a_cut_ranking_says_it_ranked_the_newest() {
    use crate::domain::view::View;
    use crate::store::ViewCounts;
    let mut s = loaded((100, 24), 5, false);
    keys(&mut s, "/");
    typed(&mut s, "jalan");
    let fx = keys(&mut s, "Enter");
    assert_eq!(page_order(&fx), Some(Order::Relevan));
    let (req, cap) = super::tests::counts_asked(&fx);
    let counted = |n: i64, cap: Option<i64>| ViewCounts {
        counts: View::ALL.iter().map(|v| (*v, n)).collect(),
        cap,
    };
    let many = crate::store::RANK_WINDOW + 1;
    update(
        &mut s,
        Msg::Counts {
            req,
            result: Ok((counted(many, cap), Vec::new())),
        },
    );
    assert!(
        screen(&s)[1].contains("↑relevan 1.000 terbaru"),
        "{}",
        screen(&s)[1]
    );
    // Where the longer label leaves the tabs no room, the order alone is said.
    s.size = (90, 24);
    let narrow = &screen(&s)[1];
    assert!(
        narrow.contains("↑relevan") && !narrow.contains("terbaru"),
        "{narrow}"
    );
    s.size = (100, 24);
    update(
        &mut s,
        Msg::Counts {
            req,
            result: Ok((counted(700, None), Vec::new())),
        },
    );
    let line = &screen(&s)[1];
    assert!(
        line.contains("↑relevan") && !line.contains("terbaru"),
        "{line}"
    );
}
