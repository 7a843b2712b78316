//! The real binary in a pseudo-terminal: it starts on a seeded database, shows the queue, switches
//! views, filters, opens help, quits, and leaves the terminal restored.

mod console_support;
use console_support::*;
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

struct Pty {
    master: File,
    child: Child,
    /// The screen as meja drew it, and a signal for each chunk of output read into it: waits
    /// wake on what meja writes, never on a timer.
    vt: Arc<(Mutex<vt100::Parser>, Condvar)>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Reads the pty until meja's side of it closes.
    reader: Option<std::thread::JoinHandle<()>>,
    /// Says when the reader has ended: meja and everything it started have closed the pty.
    ended: std::sync::mpsc::Receiver<()>,
}

impl Pty {
    fn spawn(args: &[&str], envs: &[(&str, String)], cols: u16, rows: u16) -> Pty {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        tcsetwinsize(
            &master,
            Winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_meja"));
        cmd.args(args)
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        // SAFETY: only async-signal-safe system calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        let master = File::from(master);
        let vt = Arc::new((
            Mutex::new(vt100::Parser::new(rows, cols, 0)),
            Condvar::new(),
        ));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (vt2, raw2) = (vt.clone(), raw.clone());
        let (ended_tx, ended) = std::sync::mpsc::channel();
        let mut reader = master.try_clone().unwrap();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        raw2.lock().unwrap().extend_from_slice(&buf[..n]);
                        vt2.0.lock().unwrap().process(&buf[..n]);
                        vt2.1.notify_all();
                    }
                }
            }
            let _ = ended_tx.send(());
        });
        Pty {
            master,
            child,
            vt,
            raw,
            reader: Some(reader),
            ended,
        }
    }

    fn send(&mut self, bytes: &str) {
        self.master.write_all(bytes.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Waits until the screen shows what `pred` looks for, woken by each chunk meja writes; gives
    /// up after 20 s (a failure, not a way to wait).
    fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (lock, drawn) = &*self.vt;
        let mut vt = lock.lock().unwrap();
        while !pred(vt.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                vt.screen().contents()
            );
            vt = drawn.wait_timeout(vt, left).unwrap().0;
        }
    }

    /// Waits for meja to end (its side of the pty closed) and returns how it ended.
    fn wait_exit(&mut self) -> std::process::ExitStatus {
        self.ended
            .recv_timeout(Duration::from_secs(10))
            .expect("meja did not quit");
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.child.wait().unwrap()
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }
}

/// A home of its own for one run of the binary: configuration, state and data under `home`, so
/// that no test reads or writes the developer's files.
fn home_env(home: &std::path::Path) -> Vec<(&'static str, String)> {
    let under = |d: &str| home.join(d).display().to_string();
    vec![
        ("XDG_CONFIG_HOME", under("config")),
        ("XDG_STATE_HOME", under("state")),
        ("XDG_DATA_HOME", under("data")),
        ("HOME", home.display().to_string()),
    ]
}

/// Whether the text `needle` on `row` is drawn in reverse video (the active tab).
fn inverse_at(s: &vt100::Screen, row: u16, needle: &str) -> bool {
    let line: String = (0..s.size().1)
        .map(|c| {
            s.cell(row, c)
                .map(|x| x.contents().to_string())
                .unwrap_or_default()
        })
        .map(|t| if t.is_empty() { " ".to_string() } else { t })
        .collect();
    match line.find(needle) {
        Some(byte) => {
            let col = line[..byte].chars().count() as u16;
            s.cell(row, col).is_some_and(|c| c.inverse())
        }
        None => false,
    }
}

#[tokio::test]
async fn the_binary_starts_works_and_restores_the_terminal() {
    let db = seeded(3000).await;
    db.store.close().await;
    let home = tempfile::tempdir().unwrap();
    let envs = home_env(home.path());
    let started = Instant::now();
    let mut pty = Pty::spawn(
        &["--db", &db.path, "--as", meja::store::seed::DEMO_SUPERVISOR],
        &envs,
        80,
        24,
    );
    // The queue: tabs and rows of tracking ids.
    pty.wait_for("the queue", |s| {
        s.alternate_screen() && s.contents().contains("Masuk") && s.contents().contains(" #")
    });
    println!("pty: queue on screen after {:?}", started.elapsed());
    pty.wait_for("the counts", |s| {
        !s.contents().lines().nth(1).unwrap_or("").contains('…')
    });

    // Switch views with 2 (Saya) and back with 6 (Semua).
    pty.send("2");
    pty.wait_for("view 2 active", |s| inverse_at(s, 1, "2 Saya"));
    pty.send("6");
    pty.wait_for("view 6 active", |s| inverse_at(s, 1, "6 Semua"));

    // Filter with an error first, then a good filter.
    pty.send("/");
    pty.wait_text("Saring tampilan");
    pty.send("status:nope");
    pty.wait_text("kolom 1: unknown status 'nope'");
    pty.send("\x15status:ditanggapi\r");
    pty.wait_text("saring: status:ditanggapi");

    // Help, generated from the keymap, and back.
    pty.send("?");
    pty.wait_text("Bantuan: semua tombol");
    pty.send("\x1b");
    pty.wait_for("help closed", |s| {
        !s.contents().contains("Bantuan: semua tombol")
    });

    // Move and open a complaint, back again.
    pty.send("j\r");
    pty.wait_text("Isi laporan");
    pty.send("\x1b");
    pty.wait_for("queue again", |s| !s.contents().contains("Isi laporan"));

    pty.send("q");
    // Everything meja wrote before exiting has been read: the reader ends at the pty's end.
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    let vt = pty.vt.0.lock().unwrap();
    assert!(
        !vt.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(!vt.screen().hide_cursor(), "the cursor is shown again");
    let raw = pty.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l") && text.contains("\x1b[?25h"));
    println!("pty: {} bytes in the whole session", raw.len());
}

#[test]
fn meja_keys_prints_the_effective_keymap_and_reports_a_broken_user_file() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("meja");
    std::fs::create_dir_all(&cfg).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_meja"))
            .args(args)
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let en = run(&["--lang", "en", "keys"]);
    assert!(
        en.contains("[queue]") && en.contains("g g, Home") && en.contains("Take the complaint")
    );
    let fkeys = run(&["--keymap", "fkeys", "keys"]);
    assert!(fkeys.contains("F10") && fkeys.contains("Keluar dari meja"));
    // A user override applies; a broken one falls back with a notice naming file and line.
    std::fs::write(cfg.join("keymap.toml"), "[queue]\n\"x\" = \"claim\"\n").unwrap();
    assert!(run(&["keys"]).contains("x, c") || run(&["keys"]).contains("c, x"));
    std::fs::write(cfg.join("keymap.toml"), "[queue]\n\"j\" = \"jump\"\n").unwrap();
    let broken = run(&["keys"]);
    assert!(
        broken.contains("keymap.toml:2: unknown action 'jump'"),
        "{broken}"
    );
    assert!(broken.contains("# keymap: default"));
    // The names the errors point to, each with what it does and its keys.
    let actions = run(&["--lang", "en", "keys", "--actions"]);
    for want in [
        "claim ",
        "Take the complaint",
        "go-to ",
        "send-anyway ",
        "suspend ",
        "[C-z]",
    ] {
        assert!(actions.contains(want), "{want}: {actions}");
    }
}

/// A draft survives a killed console: typed text is in the store within about a second, without
/// leaving the editor, so SIGKILL (or a dropped SSH link) loses at most the last second.
#[tokio::test]
async fn a_killed_console_leaves_its_draft_in_the_store() {
    let db = seeded(3000).await;
    let demo = db
        .store
        .actor(meja::store::seed::DEMO_SUPERVISOR)
        .await
        .unwrap();
    let report: meja::domain::NewComplaint = serde_json::from_value(serde_json::json!({
        "judul": "Lampu jalan tespty padam",
        "isi": "Lampu jalan padam sejak seminggu.",
        "reporter": { "name": "Siti Rahma" }
    }))
    .unwrap();
    let id = db.store.intake(&demo, report).await.unwrap().id;
    let officer = db
        .store
        .officer(meja::store::seed::DEMO_OFFICER)
        .await
        .unwrap();
    let unit = db
        .store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .unwrap();
    db.store
        .act(
            &demo,
            id,
            None,
            &meja::domain::lifecycle::Action::Verify {
                changes: Default::default(),
                dispose_to: Some(unit.code),
            },
        )
        .await
        .unwrap();
    db.store.close().await;
    let home = tempfile::tempdir().unwrap();
    let envs = home_env(home.path());
    let mut pty = Pty::spawn(
        &["--db", &db.path, "--as", meja::store::seed::DEMO_OFFICER],
        &envs,
        100,
        30,
    );
    pty.wait_for("the queue", |s| {
        s.alternate_screen() && s.contents().contains("Masuk")
    });
    pty.send("6/");
    pty.wait_text("Saring tampilan");
    pty.send("tespty\r");
    pty.wait_text(&format!("#{id}"));
    pty.send("e");
    pty.wait_text("Tanggapan publik");
    pty.send("Yth. Ibu Siti, lampu sudah kami laporkan ke PLN.");
    pty.wait_text("lampu sudah kami laporkan");
    pty.wait_text("tersimpan");
    pty.send(" Terima kasih.");
    pty.wait_text("Terima kasih.");
    // No key leaves the editor: the autosave alone must write it. The editor's title says
    // "tersimpan" only once the store has acknowledged the text now in the editor (a newer key
    // makes it "belum tersimpan" again), so wait for that, then look at the draft itself.
    let expected = "Yth. Ibu Siti, lampu sudah kami laporkan ke PLN. Terima kasih.";
    pty.wait_for("the autosave of the whole text", |s| {
        let text = s.contents();
        text.contains("Terima kasih.")
            && text.contains("tersimpan")
            && !text.contains("belum tersimpan")
    });
    let watcher = meja::store::Store::open(&db.path).await.unwrap();
    let officer = watcher
        .actor(meja::store::seed::DEMO_OFFICER)
        .await
        .unwrap();
    let draft = watcher.draft(&officer, id).await.unwrap();
    assert_eq!(
        draft.map(|d| d.body).as_deref(),
        Some(expected),
        "the autosave wrote the whole text"
    );
    watcher.close().await;
    rustix::process::kill_process(
        rustix::process::Pid::from_child(&pty.child),
        rustix::process::Signal::KILL,
    )
    .unwrap();
    let status = pty.child.wait().unwrap();
    assert!(!status.success());

    let store = meja::store::Store::open(&db.path).await.unwrap();
    let actor = store.actor(meja::store::seed::DEMO_OFFICER).await.unwrap();
    let draft = store.draft(&actor, id).await.unwrap().expect("the draft");
    assert_eq!(
        draft.body,
        "Yth. Ibu Siti, lampu sudah kami laporkan ke PLN. Terima kasih."
    );
    assert_eq!(draft.kind, "reply");
    let c = store.complaint(&actor, id).await.unwrap();
    assert_eq!(draft.based_on_event, c.events.iter().map(|e| e.id).max());
}

/// SIGTERM and SIGHUP (a dropped SSH link) end the console like `q`: the terminal is restored and
/// the draft typed a moment ago is saved. C-z hands the terminal back to the shell (leaving the
/// alternate screen and showing the cursor) and takes it again when continued; in this pty meja
/// leads its own session, so the kernel does not stop it and it comes straight back.
#[tokio::test]
async fn signals_restore_the_terminal_and_keep_the_draft() {
    let db = seeded(300).await;
    db.store.close().await;
    for sig in [rustix::process::Signal::TERM, rustix::process::Signal::HUP] {
        let home = tempfile::tempdir().unwrap();
        let envs = home_env(home.path());
        let mut pty = Pty::spawn(
            &["--db", &db.path, "--as", meja::store::seed::DEMO_SUPERVISOR],
            &envs,
            100,
            30,
        );
        pty.wait_for("the queue", |s| {
            s.alternate_screen() && s.contents().contains("Masuk")
        });
        pty.send("6");
        pty.wait_for("view 6 with rows", |s| {
            inverse_at(s, 1, "6 Semua") && s.contents().contains(" #")
        });
        let raw = pty.raw.clone();
        let entered = move || {
            String::from_utf8_lossy(&raw.lock().unwrap())
                .matches("\x1b[?1049h")
                .count()
        };
        let before = entered();
        pty.send("\x1a");
        pty.wait_for("the terminal left and taken again", |_| entered() > before);
        pty.wait_for("the queue again", |s| {
            s.alternate_screen() && s.contents().contains(" #")
        });
        pty.send("i");
        pty.wait_text("Catatan internal #");
        let id: i64 = {
            let vt = pty.vt.0.lock().unwrap();
            let text = vt.screen().contents();
            let at = text.find("Catatan internal #").unwrap() + "Catatan internal #".len();
            text[at..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
                .parse()
                .unwrap()
        };
        pty.send("catatan sebelum sinyal");
        pty.wait_text("catatan sebelum sinyal");
        rustix::process::kill_process(rustix::process::Pid::from_child(&pty.child), sig).unwrap();
        let status = pty.wait_exit();
        assert!(status.success(), "{sig:?}: {status:?}");
        {
            let vt = pty.vt.0.lock().unwrap();
            assert!(
                !vt.screen().alternate_screen(),
                "{sig:?}: alternate screen left"
            );
            assert!(!vt.screen().hide_cursor(), "{sig:?}: cursor shown");
        }
        let store = meja::store::Store::open(&db.path).await.unwrap();
        let actor = store
            .actor(meja::store::seed::DEMO_SUPERVISOR)
            .await
            .unwrap();
        let draft = store.draft(&actor, id).await.unwrap().expect("the draft");
        assert_eq!(draft.body, "catatan sebelum sinyal", "{sig:?}");
        store.discard_draft(&actor, id).await.unwrap();
        store.close().await;
    }
}

/// With `mouse = true` and `osc52 = true` in the configuration: a click (as the terminal reports
/// it, SGR encoding) selects the row under it, `Y` puts its tracking number on the clipboard by
/// OSC 52, and the mouse is handed back at exit. Both are off by default.
#[tokio::test]
async fn mouse_and_clipboard_when_the_configuration_asks() {
    let db = seeded(300).await;
    db.store.close().await;
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(config.join("meja")).unwrap();
    std::fs::write(
        config.join("meja").join("config.toml"),
        "mouse = true\nosc52 = true\n",
    )
    .unwrap();
    let envs = home_env(home.path());
    let mut pty = Pty::spawn(
        &["--db", &db.path, "--as", meja::store::seed::DEMO_SUPERVISOR],
        &envs,
        80,
        24,
    );
    pty.wait_for("the queue", |s| s.contents().contains("Semua"));
    pty.send("6");
    pty.wait_for("every report", |s| {
        s.contents().contains(" #") && s.contents().contains("1/")
    });
    // Press and release on screen row 6 (1-based): the third row of the queue.
    pty.send("\x1b[<0;10;6M\x1b[<0;10;6m");
    pty.wait_text("3/");
    let selected: String = {
        let vt = pty.vt.0.lock().unwrap();
        vt.screen().contents_between(5, 1, 5, 9).trim().to_string()
    };
    assert!(selected.starts_with('#'), "{selected}");
    pty.send("Y");
    pty.wait_text("Disalin ke clipboard");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let raw = pty.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1000h"), "mouse reporting asked for");
    assert!(text.contains("\x1b[?1000l"), "and handed back at exit");
    let copied = text
        .split("\x1b]52;c;")
        .nth(1)
        .and_then(|rest| rest.split('\x07').next())
        .expect("an OSC 52 sequence");
    // The base64 of the selected tracking number.
    let expected = String::from_utf8(meja::console::wire::osc52(&selected)).unwrap();
    assert_eq!(format!("\x1b]52;c;{copied}\x07"), expected);
}
