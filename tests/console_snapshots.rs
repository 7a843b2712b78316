//! Snapshots of every view, the detail, the help overlay, the filter prompt (also with an error),
//! the palette and a confirmation, in both languages, at 80x24 and 200x50, driven by keys through
//! the default keymap on a seeded database with a fixed clock.

mod console_support;
use console_support::*;
use meja::console::Lang;
use meja::console::state::SavedView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

enum Step {
    /// Keys as a keymap file writes them, separated by spaces.
    K(&'static str),
    /// Text typed into a prompt.
    T(&'static str),
}
use Step::{K, T};

/// The steps and the name of the screen they lead to.
const TOUR: &[(&[Step], &str)] = &[
    (&[], "view1_masuk"),
    (&[K("2")], "view2_saya"),
    (&[K("3")], "view3_tim"),
    (&[K("4")], "view4_terlambat"),
    (&[K("5")], "view5_eskalasi"),
    (&[K("6")], "view6_semua"),
    (&[K("7")], "view7_saved"),
    (&[K("6"), K("j j Enter")], "detail"),
    (&[K("Esc ?")], "help"),
    (&[K("Esc /")], "filter_empty"),
    (&[T("kanal:sms status:nope")], "filter_error"),
    (&[K("C-u"), T("kanal:sms"), K("Enter")], "filtered"),
    (&[K("x :")], "palette"),
    (&[T("mark")], "palette_typed"),
    (&[K("Esc Space Space c")], "confirm"),
];

async fn tour(lang: Lang, size: (u16, u16)) {
    let db = seeded(3000).await;
    let o = Opts {
        lang,
        views: vec![SavedView {
            name: "SMS baru".into(),
            filter: "kanal:sms".into(),
        }],
        ..Opts::default()
    };
    let mut app = app(&db, &o, size).await;
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    for (steps, name) in TOUR {
        for step in *steps {
            match step {
                K(keys) => app.press(keys),
                T(text) => app.type_text(text),
            }
            app.idle().await;
        }
        app.draw(&mut term).unwrap();
        let snap = format!("{}_{}x{}_{}", lang.code(), size.0, size.1, name);
        insta::assert_snapshot!(snap, text(&term));
    }
}

#[tokio::test]
async fn id_80x24() {
    tour(Lang::Id, (80, 24)).await;
}

#[tokio::test]
async fn en_80x24() {
    tour(Lang::En, (80, 24)).await;
}

#[tokio::test]
async fn id_200x50() {
    tour(Lang::Id, (200, 50)).await;
}

#[tokio::test]
async fn en_200x50() {
    tour(Lang::En, (200, 50)).await;
}

#[tokio::test]
async fn small_sizes_fold_and_readonly_hides_claims() {
    let db = seeded(3000).await;
    for (w, h, name) in [
        (50, 10, "too_small"),
        (64, 16, "minimum"),
        (100, 30, "medium"),
    ] {
        let o = Opts {
            readonly: true,
            ..Opts::default()
        };
        let mut app = app(&db, &o, (w, h)).await;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        app.draw(&mut term).unwrap();
        insta::assert_snapshot!(format!("readonly_{name}_{w}x{h}"), text(&term));
        app.press("?");
        app.idle().await;
        app.draw(&mut term).unwrap();
        let help = text(&term);
        if w >= 60 {
            assert!(
                !help.contains("klaim") && !help.contains("Ambil pengaduan"),
                "{help}"
            );
        }
    }
}

#[tokio::test]
async fn fkeys_preset_help() {
    let db = seeded(3000).await;
    let o = Opts {
        keymap: "fkeys",
        ..Opts::default()
    };
    let mut app = app(&db, &o, (100, 40)).await;
    let mut term = Terminal::new(TestBackend::new(100, 40)).unwrap();
    app.press("F1");
    app.idle().await;
    app.draw(&mut term).unwrap();
    insta::assert_snapshot!("fkeys_help_100x40", text(&term));
}
