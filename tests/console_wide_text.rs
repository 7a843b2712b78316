//! Wide and composed text reaches the terminal as exactly the cells meja drew. A CJK title, emoji
//! with skin tones, flags, keycaps and joined families are each drawn by ratatui at the width
//! unicode-width gives the whole cluster, while a terminal advances by each character: where the
//! two disagree, the rest of the line shifts and cells of the previous frame stay behind (seen as
//! `until:32026-12-15` beside such a report). So: move over such reports and away, and what a
//! terminal emulator (vt100) shows must equal a fresh draw of the same state.

mod console_support;
use console_support::*;
use meja::domain::{Channel, Klasifikasi, NewComplaint, Reporter};

/// Texts terminals and unicode-width measure differently unless meja normalises them.
const TRICKY: &[&str] = &[
    "Lampu mati 👍🏽 di gang 7 日本語の報告",
    "Bendera 🇮🇩 robek di kantor camat 🇲🇾",
    "Antrean 1️⃣ 2️⃣ 3️⃣ tidak jalan ❤️ 👨‍👩‍👧 keluarga",
    "Sampah menumpuk 🙏🏿🙏 pasar 市场 ✌️ selesai",
];

/// Each row as a reader sees it (a written blank and an untouched cell look the same).
fn text_of(p: &vt100::Parser) -> Vec<String> {
    p.screen()
        .rows(0, p.screen().size().1)
        .map(|r| r.trim_end().to_string())
        .collect()
}

#[tokio::test]
async fn wide_and_composed_text_leaves_no_stray_cells() {
    let db = seeded(300).await;
    let o = Opts::default();
    let actor = db.store.actor(o.user).await.unwrap();
    for (i, judul) in TRICKY.iter().enumerate() {
        let new = NewComplaint {
            judul: judul.to_string(),
            isi: format!("{judul}\nbaris kedua {judul}"),
            klasifikasi: Klasifikasi::Pengaduan,
            channel: Channel::Web,
            tanggal_kejadian: None,
            lokasi: Some(judul.to_string()),
            lat: None,
            lon: None,
            kategori: None,
            tags: vec![],
            anonim: false,
            rahasia: false,
            reporter: Reporter {
                name: Some(format!("Warga {judul}")),
                ..Default::default()
            },
            attachments: vec![],
            instansi: None,
            received_at: Some(now() - chrono::Duration::minutes(i as i64 + 1)),
        };
        db.store.intake(&actor, new).await.unwrap();
    }
    for size in [(120, 40), (80, 24)] {
        let mut app = app(&db, &o, size).await;
        // Newest first, so that the tricky reports are the top rows.
        app.press("/");
        app.type_text("urut:terbaru");
        app.press("Enter");
        app.idle().await;
        let mut screen = mem_screen(size);
        let mut vt = vt100::Parser::new(size.1, size.0, 0);
        let mut sent = 0;
        for keys in [
            "j", "j", "Enter", "Esc", "j", "j", "Enter", "Esc", "k", "6", "1", "j",
        ] {
            app.press(keys);
            app.idle().await;
            screen.frame(&mut app).unwrap();
            vt.process(&screen.out()[sent..]);
            sent = screen.out().len();
            // The same state drawn from nothing, into a fresh terminal.
            let mut fresh = mem_screen(size);
            app.state.dirty = true;
            fresh.frame(&mut app).unwrap();
            let mut fresh_vt = vt100::Parser::new(size.1, size.0, 0);
            fresh_vt.process(&fresh.out()[..]);
            let (shown, drawn) = (text_of(&vt), text_of(&fresh_vt));
            let differ: Vec<String> = shown
                .iter()
                .zip(&drawn)
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(row, (a, b))| format!("row {row}:\n  shown {a:?}\n  drawn {b:?}"))
                .collect();
            assert!(
                differ.is_empty(),
                "{size:?} after '{keys}': the terminal shows cells meja did not draw:\n{}",
                differ.join("\n")
            );
        }
    }
}
