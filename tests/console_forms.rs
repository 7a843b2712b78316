//! Snapshots of every form, the assignee picker, the template chooser, a bulk preview and the
//! draft pane, at 80x24 and 200x50, driven by keys through the default keymap on a seeded
//! database with a fixed clock.

mod console_support;
use console_support::*;
use meja::console::Lang;
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
    K(&'static str),
    T(&'static str),
}
use Step::{K, T};

const TOUR: &[(&[Step], &str)] = &[
    // A new report (received by the demo supervisor for the test).
    (
        &[K("6"), K("/"), T("tesformulir"), K("Enter"), K("v")],
        "verify",
    ),
    (
        &[
            K("Tab"),
            T("aspi"),
            K("Tab"),
            T("jalan"),
            K("Tab Tab"),
            T("pupr"),
        ],
        "verify_typed",
    ),
    (&[K("C-u"), T("zzz"), K("Enter")], "verify_invalid"),
    (
        &[
            K("Esc"),
            K("t"),
            T("1/12/2026"),
            K("Tab"),
            T("menunggu data kelurahan"),
        ],
        "hold",
    ),
    (&[K("Esc"), K("b"), T("bukan kewenangan kota")], "return"),
    (
        &[
            K("Esc"),
            K("A"),
            T("dupl"),
            K("Tab"),
            T("sama dengan laporan lain"),
        ],
        "archive",
    ),
    (&[K("Enter")], "archive_confirm"),
    // Team: complaints being worked.
    (&[K("n"), K("Esc"), K("x"), K("3"), K("a")], "assign"),
    // The picker offers only officers who may take the complaint: here the kota's own staff.
    (&[T("admin")], "assign_typed"),
    (
        &[K("Esc"), K("E"), K("Tab"), T("tenggat terlewati")],
        "escalate",
    ),
    (&[K("Esc"), K("s")], "send_back"),
    (&[K("Esc"), K("M")], "merge"),
    (&[K("Esc"), K("L"), T("#1000001")], "link"),
    (&[K("Esc"), K("C"), T("pelapor puas")], "close"),
    (&[K("Esc"), K("O"), T("pelapor belum puas")], "reopen"),
    (&[K("Esc"), K("D")], "deescalate"),
    (
        &[
            K("Esc"),
            K("Space Space Space"),
            K("a"),
            T("demo.admin"),
            K("Enter"),
        ],
        "bulk_preview",
    ),
    // Drafting.
    (&[K("n"), K("Esc"), K("u"), K("e")], "draft_empty"),
    (&[K("C-t")], "template"),
    (&[K("Enter")], "draft_template"),
    (&[T(" {salam}")], "draft_unknown"),
];

async fn tour(lang: Lang, size: (u16, u16)) {
    let db = seeded(3000).await;
    let o = Opts {
        lang,
        ..Opts::default()
    };
    let demo = db
        .store
        .actor(meja::store::seed::DEMO_SUPERVISOR)
        .await
        .unwrap();
    let report: meja::domain::NewComplaint = serde_json::from_value(serde_json::json!({
        "judul": "Trotoar tesformulir rusak di depan sekolah",
        "isi": "Trotoar rusak dan berlubang, membahayakan anak sekolah.",
        "channel": "sms",
        "reporter": { "name": "Siti Rahma", "phone": "0812-0000-1111" },
        "received_at": "2026-11-26T02:00:00Z"
    }))
    .unwrap();
    db.store.intake(&demo, report).await.unwrap();
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
async fn forms_id_80x24() {
    tour(Lang::Id, (80, 24)).await;
}

#[tokio::test]
async fn forms_id_200x50() {
    tour(Lang::Id, (200, 50)).await;
}

#[tokio::test]
async fn forms_en_80x24() {
    tour(Lang::En, (80, 24)).await;
}
