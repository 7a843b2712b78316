//! Byte budgets through the real crossterm backend (ratatui's `CrosstermBackend`, behind meja's
//! frame writer) into memory, read back with a vt100 parser. Each test prints its figures.

mod console_support;
use console_support::*;
use meja::domain::NewComplaint;

fn changed_in(
    a: &[Vec<VtCell>],
    b: &[Vec<VtCell>],
    (rows, cols): &(std::ops::Range<usize>, std::ops::Range<usize>),
) -> usize {
    changed_cells(&a[rows.clone()], &b[rows.clone()], cols.clone())
}

const BUDGET_MOVE_80: usize = 300;
const BUDGET_FIRST_80: usize = 8 * 1024;

#[tokio::test]
async fn first_frame_move_and_idle_at_80x24() {
    let db = seeded(3000).await;
    let size = (80, 24);
    let actor = db.store.actor(Opts::default().user).await.unwrap();
    let mut app =
        meja::console::App::new(db.store.clone(), actor, settings(&Opts::default()), size);
    let mut screen = mem_screen(size);
    // The first frame is drawn before any answer arrives, then filled in.
    app.start();
    let chrome = screen.frame(&mut app).unwrap();
    app.idle().await;
    let filled = screen.frame(&mut app).unwrap();
    let first = chrome + filled;
    println!(
        "first frame at 80x24: {chrome} + {filled} = {first} bytes (budget {BUDGET_FIRST_80})"
    );
    assert!(first < BUDGET_FIRST_80);
    assert!(!app.state.queue.rows.is_empty());

    // Idle: nothing changes, nothing is sent (also when asked to draw).
    app.idle().await;
    let idle = screen.frame(&mut app).unwrap();
    // Time passing reaches the app as the minute's tick and the presence poll: with nothing
    // changed, they draw nothing either.
    app.handle(meja::console::msg::Msg::Tick(now()));
    app.handle(meja::console::msg::Msg::PresenceTick);
    app.idle().await;
    let idle2 = screen.frame(&mut app).unwrap();
    println!("idle: {} bytes", idle + idle2);
    assert_eq!(idle + idle2, 0);

    // The widest view, then one row down, twice.
    app.press("6");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    assert!(app.state.queue.rows.len() > 30);
    app.press("j");
    app.idle().await;
    let warm = screen.frame(&mut app).unwrap();
    app.press("j");
    app.idle().await;
    let mv = screen.frame(&mut app).unwrap();
    println!("one-row move at 80x24: {mv} bytes (first move {warm}; budget {BUDGET_MOVE_80})");
    assert!(mv < BUDGET_MOVE_80);
    // A key that changes nothing visible sends nothing.
    app.press("g");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    app.press("Esc");
    app.idle().await;
    let _ = screen.frame(&mut app).unwrap();
    app.press("k k");
    app.idle().await;
    app.press("j j");
    app.idle().await;
    let back_and_forth = screen.frame(&mut app).unwrap();
    println!("k k j j coalesced into one frame: {back_and_forth} bytes");
    assert!(back_and_forth < BUDGET_MOVE_80);
}

#[tokio::test]
async fn detail_beside_the_queue_costs_at_most_1_5x_the_changed_cells() {
    let db = seeded(3000).await;
    let size = (120, 40);
    let mut app = app(&db, &Opts::default(), size).await;
    app.press("6");
    app.idle().await;
    let mut screen = mem_screen(size);
    let mut vt = vt100::Parser::new(size.1, size.0, 0);
    let n = screen.frame(&mut app).unwrap();
    vt.process(&screen.out()[..]);
    println!("first frame at 120x40: {n} bytes");
    let mut worst: f64 = 0.0;
    let mut total_bytes = 0usize;
    let mut total_cells = 0usize;
    for _ in 0..5 {
        let before = vt_cells(&vt);
        let start = screen.out().len();
        app.press("j");
        app.idle().await;
        let bytes = screen.frame(&mut app).unwrap();
        vt.process(&screen.out()[start..]);
        let after = vt_cells(&vt);
        let cells = changed_cells(&before, &after, 0..usize::from(size.0));
        if std::env::var("DUMP").is_ok() {
            println!("{:?}", String::from_utf8_lossy(&screen.out()[start..]));
        }
        let ratio = bytes as f64 / cells.max(1) as f64;
        println!(
            "move with detail at 120x40: {bytes} bytes for {cells} changed cells ({ratio:.2} bytes/cell)"
        );
        worst = worst.max(ratio);
        total_bytes += bytes;
        total_cells += cells;
        assert!(
            bytes as f64 <= 1.5 * cells as f64,
            "{bytes} bytes for {cells} cells"
        );
    }
    println!(
        "120x40 total: {total_bytes} bytes for {total_cells} cells, worst {worst:.2} bytes/cell (budget 1.5)"
    );
}

#[tokio::test]
async fn low_bandwidth_sends_the_detail_once_after_20_quick_moves() {
    let db = seeded(3000).await;
    let size = (120, 40);
    let o = Opts {
        low_bandwidth: true,
        ..Opts::default()
    };
    let mut app = app(&db, &o, size).await;
    app.press("6");
    app.idle().await;
    let mut screen = mem_screen(size);
    let mut vt = vt100::Parser::new(size.1, size.0, 0);
    screen.frame(&mut app).unwrap();
    vt.process(&screen.out()[..]);
    let d =
        meja::console::render::areas(&app.state, ratatui::layout::Rect::new(0, 0, size.0, size.1))
            .detail
            .unwrap();
    let region = (
        usize::from(d.y)..usize::from(d.y + d.height),
        usize::from(d.x)..usize::from(d.x + d.width),
    );
    let mut detail_frames = 0;
    let mut total = 0;
    for _ in 0..20 {
        let before = vt_cells(&vt);
        let start = screen.out().len();
        app.press("j");
        // A frame after every key: the worst case of a slow typist on a slow link.
        total += screen.frame(&mut app).unwrap();
        vt.process(&screen.out()[start..]);
        if changed_in(&before, &vt_cells(&vt), &region) > 0 {
            detail_frames += 1;
        }
    }
    let before = vt_cells(&vt);
    let start = screen.out().len();
    app.idle().await;
    let last = screen.frame(&mut app).unwrap();
    vt.process(&screen.out()[start..]);
    let detail_cells = changed_in(&before, &vt_cells(&vt), &region);
    if detail_cells > 0 {
        detail_frames += 1;
    }
    println!(
        "low bandwidth, 20 moves at 120x40: {total} bytes for the moves, then {last} bytes with the detail ({detail_cells} detail cells); detail sent in {detail_frames} frame(s)"
    );
    assert_eq!(detail_frames, 1);
    assert_eq!(
        app.state.detail.as_ref().map(|d| d.id),
        app.state.queue.current().map(|r| r.id)
    );
}

async fn tour(mono: bool) -> Vec<u8> {
    let db = seeded(3000).await;
    let size = (120, 40);
    let o = Opts {
        mono,
        ..Opts::default()
    };
    let mut app = app(&db, &o, size).await;
    let mut screen = mem_screen(size);
    screen.frame(&mut app).unwrap();
    for keys in [
        "j", "j", "Space", "?", "Esc", "/", ":", "Esc", "6", "G", "Enter", "2",
    ] {
        app.press(keys);
        app.idle().await;
        screen.frame(&mut app).unwrap();
    }
    app.press("/");
    app.type_text("status:nope");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    app.press("Esc C-l");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    screen.out().clone()
}

#[tokio::test]
async fn monochrome_theme_writes_no_colour_codes() {
    let mono = tour(true).await;
    let colour = tour(false).await;
    let found = colour_sgrs(&mono);
    println!(
        "mono tour: {} bytes, {} SGR sequences, {} setting a colour; colour tour: {} colour SGRs",
        mono.len(),
        sgr_params(&mono).len(),
        found.len(),
        colour_sgrs(&colour).len()
    );
    assert!(found.is_empty(), "{found:?}");
    assert!(
        !colour_sgrs(&colour).is_empty(),
        "the detector must see the colour theme"
    );
    // Reverse video is still there for the selection.
    assert!(
        sgr_params(&mono)
            .iter()
            .any(|p| p.split(';').any(|n| n == "7"))
    );
}

#[tokio::test]
async fn escape_sequences_from_the_database_arrive_harmless() {
    let db = seeded(3000).await;
    let o = Opts::default();
    let actor = db.store.actor(o.user).await.unwrap();
    let evil = "Jalan \x1b]0;pwned\x07\x1b[2J\x1b[31mmerah\u{9b}1m \u{202e}kiri\x7f 👨‍👩‍👧 日本";
    let new = NewComplaint {
        judul: "Jalan rusak".into(),
        isi: "Berlubang".into(),
        klasifikasi: meja::domain::Klasifikasi::Pengaduan,
        channel: meja::domain::Channel::Sms,
        tanggal_kejadian: None,
        lokasi: None,
        lat: None,
        lon: None,
        kategori: None,
        tags: vec![],
        anonim: false,
        rahasia: false,
        reporter: meja::domain::Reporter {
            name: Some("Nama".into()),
            ..Default::default()
        },
        attachments: vec![],
        instansi: None,
        received_at: Some(now() + chrono::Duration::minutes(1)),
    };
    let c = db.store.intake(&actor, new).await.unwrap();
    // The intake refuses control characters (README, "Input rules"); text that reached the
    // database another way (older data, direct SQL) must still arrive harmless.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.path))
        .await
        .unwrap();
    sqlx::query("UPDATE complaint SET judul = ?, isi = ?, lokasi = ? WHERE id = ?")
        .bind(evil)
        .bind(format!("baris 1\n{evil}\r\n\x1bP+q\x1b\\ akhir"))
        .bind("\x1b[6n")
        .bind(c.id)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE reporter SET name = ? WHERE complaint_id = ?")
        .bind("\x1b[?1049lNama")
        .bind(c.id)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let size = (200, 50);
    let mut app = app(&db, &o, size).await;
    let mut screen = mem_screen(size);
    screen.frame(&mut app).unwrap();
    app.press("/");
    app.type_text("status:baru");
    app.press("Enter");
    app.idle().await;
    let row = app
        .state
        .queue
        .rows
        .iter()
        .position(|r| r.id == c.id)
        .expect("the new complaint is in the queue");
    app.press("g g");
    for _ in 0..row {
        app.press("j");
    }
    app.press("Enter");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    let out = screen.out().clone();
    let text = String::from_utf8(out.clone()).expect("output is UTF-8");
    // Only our own CSI sequences: no OSC, DCS, BEL, no C1 controls, no other C0 controls.
    assert!(!text.contains("\x1b]") && !text.contains("\x1bP") && !text.contains('\x07'));
    assert!(!text.contains("\x1b[2J"));
    assert!(!text.contains("\x1b[6n") && !text.contains("\x1b[?1049l"));
    // CR and LF are meja's own cursor motion (`console::wire`); the text's own line breaks reach
    // the screen as '␤' and '␍' (domain::text), which the screen checks below see.
    assert!(
        text.chars()
            .all(|c| matches!(c, '\x1b' | '\r' | '\n') || !(c.is_control())),
        "a control character reached the terminal"
    );
    assert!(!text.contains("\n\n") && !text.contains("\r\r"));
    let mut vt = vt100::Parser::new(size.1, size.0, 0);
    vt.process(&out);
    let screen_text = vt.screen().contents();
    println!("{screen_text}");
    // The terminal shows the escape sequences as text (vt100 drops U+FFFD when it draws, so the
    // substitutes of the C1 control and the bidi override are checked in the bytes sent).
    assert!(
        screen_text.contains("␛]0;pwned␇␛[2J␛[31mmerah"),
        "{screen_text}"
    );
    assert!(text.contains("␛]0;pwned␇␛[2J␛[31mmerah�1m �kiri␡"));
    assert!(screen_text.contains("␛[6n"));
    assert!(screen_text.contains("␛[?1049lNama"));
    assert!(!vt.screen().alternate_screen());
    println!(
        "hostile text: {} bytes, shown as visible characters",
        out.len()
    );
}

/// Typing in the draft editor over SSH: one character costs a few hundred bytes at most, the
/// autosave that follows changes only the pane's title.
#[tokio::test]
async fn a_keystroke_in_the_draft_editor_is_cheap() {
    let db = seeded(3000).await;
    let size = (80, 24);
    let mut app = app(&db, &Opts::default(), size).await;
    let mut screen = mem_screen(size);
    app.press("3");
    app.idle().await;
    app.press("e");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    assert!(app.state.editor.is_some());
    app.type_text("Terima kasih");
    app.idle().await;
    screen.frame(&mut app).unwrap();
    let mut worst = 0;
    for c in " atas laporannya".chars() {
        app.type_text(&c.to_string());
        let bytes = screen.frame(&mut app).unwrap();
        worst = worst.max(bytes);
    }
    app.idle().await;
    let autosave = screen.frame(&mut app).unwrap();
    println!(
        "a keystroke in the editor at 80x24: at most {worst} bytes; the autosave: {autosave} bytes"
    );
    assert!(worst < BUDGET_MOVE_80, "{worst}");
    assert!(autosave < BUDGET_MOVE_80, "{autosave}");
}

/// With `link` configured, the detail's number is an OSC 8 link to the portal: laid over the
/// frame, the screen reads the same; an idle console still sends nothing; without it, no OSC.
#[tokio::test]
async fn the_detail_number_links_to_the_portal_when_configured() {
    let db = seeded(300).await;
    let size = (120, 40);
    let mut app = app(&db, &Opts::default(), size).await;
    app.state.settings.link = Some("https://portal.test/laporan/{id}".into());
    app.press("6");
    app.idle().await;
    app.press("Enter");
    app.idle().await;
    let id = app.state.detail.as_ref().unwrap().id;
    let mut screen = mem_screen(size);
    screen.frame(&mut app).unwrap();
    let out = String::from_utf8(screen.out().clone()).unwrap();
    let link = format!("\x1b]8;;https://portal.test/laporan/{id}\x1b\\");
    assert!(
        out.contains(&format!("{link}\x1b[1m#{id}\x1b[0m\x1b]8;;\x1b\\")),
        "{out:?}"
    );
    let mut vt = vt100::Parser::new(size.1, size.0, 0);
    vt.process(screen.out());
    assert!(vt.screen().contents().contains(&format!("#{id}")));
    // Idle: nothing more.
    app.idle().await;
    assert_eq!(screen.frame(&mut app).unwrap(), 0);
    // Off: no OSC at all.
    app.state.settings.link = None;
    let mut plain = mem_screen(size);
    app.state.dirty = true;
    plain.frame(&mut app).unwrap();
    assert!(!String::from_utf8_lossy(plain.out()).contains("\x1b]"));
}
