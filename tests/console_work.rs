//! Working complaints through the console (issue 4), headless: every action is driven by keys of
//! the default keymap on SQLite and on PostgreSQL, and the store is checked afterwards (status,
//! assignee, events, drafts), refusals and conflicts included.

mod common;
mod console_support;

use common::TestDb;
use meja::console::App;
use meja::console::state::Overlay;
use meja::domain::lifecycle::{Action, Actor, Verification};
use meja::domain::{Complaint, EventKind, Klasifikasi, Status, Zone};
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};

const SIZE: (u16, u16) = (120, 40);

async fn console(db: &TestDb, user: &str) -> App {
    console_with(db, user, console_support::Opts::default()).await
}

async fn console_with(db: &TestDb, user: &str, o: console_support::Opts) -> App {
    let actor = common::actor(&db.store, user).await;
    let mut app = App::new(db.store.clone(), actor, console_support::settings(&o), SIZE);
    app.start();
    app.idle().await;
    app
}

async fn keys(app: &mut App, k: &str) {
    app.press(k);
    app.idle().await;
}

async fn typ(app: &mut App, text: &str) {
    app.type_text(text);
    app.idle().await;
}

/// Shows exactly the complaint whose title carries `token` (view Semua, filtered), selected.
async fn select(app: &mut App, token: &str, id: i64) {
    keys(app, "6 /").await;
    keys(app, "C-u").await;
    typ(app, token).await;
    keys(app, "Enter").await;
    let rows: Vec<i64> = app.state.queue.rows.iter().map(|r| r.id).collect();
    assert_eq!(rows, vec![id], "filter {token}");
}

fn notice(app: &App) -> String {
    app.state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn notice_is_error(app: &App) -> bool {
    app.state.notice.as_ref().is_some_and(|n| n.error)
}

async fn load(db: &TestDb, id: i64) -> Complaint {
    let national = common::actor(&db.store, DEMO_NATIONAL).await;
    db.store.complaint(&national, id).await.unwrap()
}

fn kinds(c: &Complaint) -> Vec<&str> {
    c.events.iter().map(|e| e.kind.as_code()).collect()
}

/// A new report received at the demo kota by its supervisor, titled with a unique `token`.
async fn report(db: &TestDb, token: &str, phone: &str) -> i64 {
    let demo = common::actor(&db.store, DEMO_SUPERVISOR).await;
    let mut r = common::report(
        &format!("Jalan berlubang {token} dekat pasar"),
        chrono::Utc::now() - chrono::Duration::hours(2),
    );
    r.reporter.phone = Some(phone.into());
    db.store.intake(&demo, r).await.unwrap().id
}

/// The code of the unit the demo officer works in.
async fn unit_code(db: &TestDb) -> String {
    let o = db.store.officer(DEMO_OFFICER).await.unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == o.instansi_id)
        .unwrap()
        .code
}

async fn disposed(db: &TestDb, token: &str, phone: &str) -> i64 {
    let id = report(db, token, phone).await;
    let demo = common::actor(&db.store, DEMO_SUPERVISOR).await;
    let unit = unit_code(db).await;
    db.store
        .act(
            &demo,
            id,
            None,
            &Action::Verify {
                changes: Verification::default(),
                dispose_to: Some(unit),
            },
        )
        .await
        .unwrap();
    id
}

async fn as_user(db: &TestDb, name: &str) -> Actor {
    common::actor(&db.store, name).await
}

async fn world(db: &TestDb) {
    common::seeded(db, 40).await;
}

async fn assignment(db: &TestDb) {
    world(db).await;
    let id = disposed(db, "tesklaim", "0811-1").await;

    // The officer claims with one key; claiming again is refused in one line.
    let mut officer = console(db, DEMO_OFFICER).await;
    select(&mut officer, "tesklaim", id).await;
    keys(&mut officer, "c").await;
    let c = load(db, id).await;
    assert_eq!(c.assignee.as_deref(), Some(DEMO_OFFICER));
    assert_eq!(kinds(&c).last(), Some(&"claim"));
    keys(&mut officer, "c").await;
    assert!(notice_is_error(&officer), "{}", notice(&officer));
    assert!(
        notice(&officer).contains("sudah menjadi tugas Anda"),
        "{}",
        notice(&officer)
    );
    assert!(!notice(&officer).contains('\n'));

    // Hand back.
    keys(&mut officer, "h").await;
    assert_eq!(load(db, id).await.assignee, None);
    assert_eq!(kinds(&load(db, id).await).last(), Some(&"unassign"));

    // The supervisor assigns from a picker showing load, narrowed by typing.
    let mut sup = console(db, DEMO_SUPERVISOR).await;
    select(&mut sup, "tesklaim", id).await;
    keys(&mut sup, "a").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!("no picker: {:?}", sup.state.overlay)
    };
    assert!(!f.loading);
    let all = f.fields[0].matches().len();
    assert!(all > 1);
    assert!(
        f.fields[0]
            .matches()
            .iter()
            .all(|o| o.extra.contains("terbuka"))
    );
    typ(&mut sup, "petugas").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!()
    };
    assert!(f.fields[0].matches().len() < all);
    assert_eq!(f.fields[0].chosen().unwrap().value, DEMO_OFFICER);
    keys(&mut sup, "Enter").await;
    assert!(matches!(sup.state.overlay, Overlay::None));
    assert_eq!(load(db, id).await.assignee.as_deref(), Some(DEMO_OFFICER));

    // Reassign to the kota's admin.
    keys(&mut sup, "a").await;
    typ(&mut sup, "demo.admin").await;
    keys(&mut sup, "Enter").await;
    let c = load(db, id).await;
    assert_eq!(c.assignee.as_deref(), Some("demo.admin"));
    assert_eq!(
        c.events
            .iter()
            .filter(|e| e.kind == EventKind::Assign)
            .count(),
        2,
        "{:?}",
        kinds(&c)
    );

    // A refusal keeps the picker and what was typed: assigning to the same officer again.
    keys(&mut sup, "a").await;
    typ(&mut sup, "demo.admin").await;
    keys(&mut sup, "Enter").await;
    assert!(notice_is_error(&sup), "{}", notice(&sup));
    match &sup.state.overlay {
        Overlay::Form(f) => assert_eq!(f.fields[0].input.text, "demo.admin"),
        o => panic!("the form was lost: {o:?}"),
    }
    keys(&mut sup, "Esc").await;

    // A conflict: someone else writes after the console read the complaint.
    let national = as_user(db, DEMO_NATIONAL).await;
    db.store
        .act(
            &national,
            id,
            None,
            &Action::Note {
                body: "dari pusat".into(),
            },
        )
        .await
        .unwrap();
    keys(&mut sup, "h").await;
    assert!(
        notice(&sup).contains("diubah orang lain"),
        "{}",
        notice(&sup)
    );
    assert_eq!(load(db, id).await.assignee.as_deref(), Some("demo.admin"));
    // The console reloaded: trying again works.
    keys(&mut sup, "h").await;
    assert_eq!(load(db, id).await.assignee, None, "{}", notice(&sup));
}

async fn triage(db: &TestDb) {
    world(db).await;
    let a = report(db, "tesverif", "0811-2").await;
    let b = report(db, "testunda", "0811-3").await;
    let z = report(db, "tesarsip", "0811-4").await;
    let unit = unit_code(db).await;
    let unit_name = db.store.find_instansi(&unit).unwrap().name;
    let mut sup = console(db, DEMO_SUPERVISOR).await;

    // Verify & dispose: title, klasifikasi, kategori, tags, target by part of its name.
    select(&mut sup, "tesverif", a).await;
    keys(&mut sup, "v").await;
    assert!(matches!(sup.state.overlay, Overlay::Form(_)));
    keys(&mut sup, "C-u").await;
    typ(&mut sup, "Jalan berlubang tesverif (ringkasan)").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "aspir").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "jalan").await;
    keys(&mut sup, "Tab C-u").await;
    typ(&mut sup, "jalan, lubang").await;
    keys(&mut sup, "Tab").await;
    // Validates as you type: nothing matches, Enter keeps the form.
    typ(&mut sup, "zzqx").await;
    keys(&mut sup, "Enter").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!("form closed on a bad target")
    };
    assert!(f.first_error().is_some());
    keys(&mut sup, "C-u").await;
    typ(&mut sup, &unit_name).await;
    keys(&mut sup, "Enter").await;
    assert!(
        matches!(sup.state.overlay, Overlay::None),
        "{}",
        notice(&sup)
    );
    let c = load(db, a).await;
    assert_eq!(c.status, Status::Didisposisikan, "{}", notice(&sup));
    assert_eq!(c.judul, "Jalan berlubang tesverif (ringkasan)");
    assert_eq!(c.klasifikasi, Klasifikasi::Aspirasi);
    assert_eq!(c.tags, vec!["jalan".to_string(), "lubang".to_string()]);
    assert!(c.kategori.is_some());
    assert_eq!(c.instansi, unit_name);
    assert_eq!(kinds(&c).last(), Some(&"verify_dispose"));

    // Hold: a past date is refused as you type, then a date and a reason.
    select(&mut sup, "testunda", b).await;
    keys(&mut sup, "t").await;
    typ(&mut sup, "1/1/2020").await;
    keys(&mut sup, "Enter").await;
    assert!(matches!(sup.state.overlay, Overlay::Form(_)));
    keys(&mut sup, "C-u").await;
    typ(&mut sup, "2027-01-15").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "menunggu data dari kelurahan").await;
    keys(&mut sup, "Enter").await;
    let c = load(db, b).await;
    assert_eq!(c.status, Status::Ditunda, "{}", notice(&sup));
    assert_eq!(c.events.last().unwrap().details["until"], "2027-01-15");
    // Resume with one key, hold again.
    keys(&mut sup, "R").await;
    assert_eq!(load(db, b).await.status, Status::Baru, "{}", notice(&sup));
    keys(&mut sup, "t").await;
    typ(&mut sup, "2027-01-15").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "masih menunggu").await;
    keys(&mut sup, "Enter").await;
    assert_eq!(
        load(db, b).await.status,
        Status::Ditunda,
        "{}",
        notice(&sup)
    );

    // Return as bukan wewenang (the disposed one).
    select(&mut sup, "tesverif", a).await;
    keys(&mut sup, "b").await;
    typ(&mut sup, "bukan urusan dinas ini").await;
    keys(&mut sup, "Enter").await;
    let c = load(db, a).await;
    assert_eq!(c.status, Status::BukanWewenang, "{}", notice(&sup));
    assert_eq!(kinds(&c).last(), Some(&"return"));

    // Archive: a reason from the list and a note, after a confirmation.
    select(&mut sup, "tesarsip", z).await;
    keys(&mut sup, "A").await;
    typ(&mut sup, "spam").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "iklan obat").await;
    keys(&mut sup, "Enter").await;
    assert!(matches!(sup.state.overlay, Overlay::Confirm(_)));
    // Cancel goes back to the form with everything typed.
    keys(&mut sup, "n").await;
    match &sup.state.overlay {
        Overlay::Form(f) => assert_eq!(f.fields[1].input.text, "iklan obat"),
        o => panic!("{o:?}"),
    }
    assert_eq!(load(db, z).await.status, Status::Baru);
    keys(&mut sup, "Enter y").await;
    let c = load(db, z).await;
    assert_eq!(c.status, Status::Diarsipkan, "{}", notice(&sup));
    assert_eq!(c.events.last().unwrap().details["reason"], "spam");
    assert_eq!(c.events.last().unwrap().details["note"], "iklan obat");

    // Archiving a disposed report is refused: one line, and the form comes back as typed.
    let d = disposed(db, "tesdisp", "0811-5").await;
    select(&mut sup, "tesdisp", d).await;
    keys(&mut sup, "A").await;
    typ(&mut sup, "duplikat").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "sama").await;
    keys(&mut sup, "Enter y").await;
    assert!(notice_is_error(&sup));
    // In the interface's language (Indonesian by default), not the log's English.
    assert!(
        notice(&sup).contains("tidak dapat dilakukan dari status itu"),
        "{}",
        notice(&sup)
    );
    match &sup.state.overlay {
        Overlay::Form(f) => assert_eq!(f.fields[1].input.text, "sama"),
        o => panic!("{o:?}"),
    }
    assert_eq!(load(db, d).await.status, Status::Didisposisikan);

    // Re-dispose the returned report: the verify key opens the dispose form.
    keys(&mut sup, "Esc").await;
    select(&mut sup, "tesverif", a).await;
    keys(&mut sup, "v").await;
    typ(&mut sup, &unit_name).await;
    keys(&mut sup, "Enter").await;
    assert_eq!(
        load(db, a).await.status,
        Status::Didisposisikan,
        "{}",
        notice(&sup)
    );
}

async fn drafting(db: &TestDb) {
    world(db).await;
    let id = disposed(db, "tesdraf", "0811-6").await;
    let officer_actor = as_user(db, DEMO_OFFICER).await;
    let mut officer = console(db, DEMO_OFFICER).await;
    select(&mut officer, "tesdraf", id).await;
    // An officer answers what is theirs: claimed first (README, the reply row of the table).
    keys(&mut officer, "c").await;
    assert_eq!(
        load(db, id).await.assignee.as_deref(),
        Some(DEMO_OFFICER),
        "{}",
        notice(&officer)
    );
    let newest = load(db, id).await.events.iter().map(|e| e.id).max();

    // Write: the draft saves itself within a second, with the event it was based on.
    keys(&mut officer, "e").await;
    assert!(officer.state.editor.is_some());
    typ(&mut officer, "Yth. Bapak,").await;
    let d = db
        .store
        .draft(&officer_actor, id)
        .await
        .unwrap()
        .expect("draft saved");
    assert_eq!(d.body, "Yth. Bapak,");
    assert_eq!(d.kind, "reply");
    assert_eq!(d.based_on_event, newest);

    // Leave (saved), come back: the draft is restored.
    keys(&mut officer, "Enter").await;
    typ(&mut officer, " ").await;
    keys(&mut officer, "Esc").await;
    assert!(officer.state.editor.is_none());
    assert_eq!(
        db.store
            .draft(&officer_actor, id)
            .await
            .unwrap()
            .unwrap()
            .body,
        "Yth. Bapak,\n "
    );
    keys(&mut officer, "Esc").await;
    let mut again = console(db, DEMO_OFFICER).await;
    select(&mut again, "tesdraf", id).await;
    keys(&mut again, "Enter").await;
    let e = again.state.editor.as_ref().expect("restored on opening");
    assert_eq!(e.body(), "Yth. Bapak,\n ");
    assert_eq!(e.based_on, newest);

    // Clear it and insert a template chosen by name: placeholders are filled.
    for _ in 0..13 {
        again.press("Bksp");
    }
    again.idle().await;
    assert_eq!(again.state.editor.as_ref().unwrap().body(), "");
    keys(&mut again, "C-t").await;
    assert!(matches!(again.state.overlay, Overlay::Form(_)));
    typ(&mut again, "terima").await;
    keys(&mut again, "Enter").await;
    let body = again.state.editor.as_ref().unwrap().body();
    assert!(body.contains(&format!("#{id}")), "{body}");
    assert!(body.contains("Siti Rahma"), "{body}");
    assert!(body.contains("hari kerja lagi"), "{body}");
    assert!(!body.contains('{'), "{body}");

    // An unknown placeholder stays visible and stops the send.
    typ(&mut again, " {salam}").await;
    keys(&mut again, "C-s").await;
    assert!(notice(&again).contains("{salam}"), "{}", notice(&again));
    assert_eq!(load(db, id).await.status, Status::Ditindaklanjuti);
    assert!(
        db.store
            .draft(&officer_actor, id)
            .await
            .unwrap()
            .unwrap()
            .body
            .contains("{salam}")
    );
    for _ in 0.." {salam}".len() {
        again.press("Bksp");
    }
    again.idle().await;

    // Send: this kota needs approval for officers' replies, so it is submitted for approval.
    keys(&mut again, "C-s").await;
    let c = load(db, id).await;
    assert_eq!(c.status, Status::MenungguPersetujuan, "{}", notice(&again));
    assert_eq!(kinds(&c).last(), Some(&"submit"));
    assert!(again.state.editor.is_none());
    assert!(db.store.draft(&officer_actor, id).await.unwrap().is_none());

    // An internal note.
    keys(&mut again, "i").await;
    typ(&mut again, "sudah dikirim ke atasan").await;
    keys(&mut again, "C-s").await;
    let c = load(db, id).await;
    assert_eq!(kinds(&c).last(), Some(&"note"), "{}", notice(&again));
    assert_eq!(c.status, Status::MenungguPersetujuan);

    // A stale draft: someone acts meanwhile; the send is stopped and the text kept.
    let id2 = disposed(db, "tesbasi", "0811-7").await;
    select(&mut again, "tesbasi", id2).await;
    keys(&mut again, "i").await;
    typ(&mut again, "catatan lama").await;
    let sup = as_user(db, DEMO_SUPERVISOR).await;
    db.store
        .act(
            &sup,
            id2,
            None,
            &Action::Note {
                body: "baru".into(),
            },
        )
        .await
        .unwrap();
    keys(&mut again, "C-s").await;
    assert!(
        notice(&again).contains("diubah orang lain"),
        "{}",
        notice(&again)
    );
    assert_eq!(again.state.editor.as_ref().unwrap().body(), "catatan lama");
    // After reading the new events (the detail reloaded), it goes through.
    keys(&mut again, "C-s").await;
    assert_eq!(
        kinds(&load(db, id2).await).last(),
        Some(&"note"),
        "{}",
        notice(&again)
    );

    // A reply written on old information: someone else acted after the draft was started. The
    // send is refused as stale; the new events are shown; sending again confirms.
    let id3 = disposed(db, "tesbasi3", "0811-17").await;
    select(&mut again, "tesbasi3", id3).await;
    keys(&mut again, "c").await;
    keys(&mut again, "e").await;
    typ(&mut again, "Sudah kami tangani.").await;
    db.store
        .act(
            &sup,
            id3,
            None,
            &Action::Note {
                body: "pelapor menelepon lagi".into(),
            },
        )
        .await
        .unwrap();
    keys(&mut again, "C-s").await;
    assert!(
        notice(&again).contains("1 peristiwa baru"),
        "{}",
        notice(&again)
    );
    assert_eq!(load(db, id3).await.status, Status::Ditindaklanjuti);
    assert_eq!(
        again.state.editor.as_ref().unwrap().body(),
        "Sudah kami tangani."
    );
    let newest = load(db, id3).await.events.iter().map(|e| e.id).max();
    assert_eq!(again.state.editor.as_ref().unwrap().based_on, newest);
    assert_eq!(
        db.store
            .draft(&officer_actor, id3)
            .await
            .unwrap()
            .unwrap()
            .based_on_event,
        newest
    );
    keys(&mut again, "C-s").await;
    assert_eq!(
        load(db, id3).await.status,
        Status::MenungguPersetujuan,
        "{}",
        notice(&again)
    );

    // Discarding a draft asks first.
    keys(&mut again, "i").await;
    typ(&mut again, "buang saya").await;
    keys(&mut again, "C-d y").await;
    assert!(again.state.editor.is_none());
    assert!(db.store.draft(&officer_actor, id2).await.unwrap().is_none());
}

async fn four_eyes(db: &TestDb) {
    world(db).await;
    let ok = disposed(db, "tessetuju", "0811-8").await;
    let back = disposed(db, "teskembali", "0811-9").await;
    let officer = as_user(db, DEMO_OFFICER).await;
    for id in [ok, back] {
        db.store
            .act(&officer, id, None, &Action::Claim)
            .await
            .unwrap();
        db.store
            .act(
                &officer,
                id,
                None,
                &Action::SubmitForApproval {
                    body: "Sudah diperbaiki.".into(),
                },
            )
            .await
            .unwrap();
    }
    // The author may not approve their own reply: one line.
    let mut oc = console(db, DEMO_OFFICER).await;
    select(&mut oc, "tessetuju", ok).await;
    keys(&mut oc, "y").await;
    assert!(notice_is_error(&oc), "{}", notice(&oc));
    assert_eq!(load(db, ok).await.status, Status::MenungguPersetujuan);

    // The supervisor finds both in Eskalasi and approves one, sends the other back with a note.
    let mut sup = console(db, DEMO_SUPERVISOR).await;
    keys(&mut sup, "5").await;
    let in_view: Vec<i64> = sup.state.queue.rows.iter().map(|r| r.id).collect();
    assert!(
        in_view.contains(&ok) && in_view.contains(&back),
        "{in_view:?}"
    );
    select(&mut sup, "tessetuju", ok).await;
    keys(&mut sup, "y").await;
    let c = load(db, ok).await;
    assert_eq!(c.status, Status::Ditanggapi, "{}", notice(&sup));
    assert_eq!(kinds(&c).last(), Some(&"approve"));
    select(&mut sup, "teskembali", back).await;
    keys(&mut sup, "s Enter").await;
    assert!(
        matches!(sup.state.overlay, Overlay::Form(_)),
        "a note is required"
    );
    typ(&mut sup, "lengkapi foto").await;
    keys(&mut sup, "Enter").await;
    let c = load(db, back).await;
    assert_eq!(c.status, Status::Ditindaklanjuti, "{}", notice(&sup));
    assert_eq!(c.events.last().unwrap().details["note"], "lengkapi foto");
}

async fn escalate_close_merge_link(db: &TestDb) {
    world(db).await;
    let id = disposed(db, "teseskal", "0811-10").await;
    let dup = disposed(db, "tesganda", "0811-10").await;
    let mut sup = console(db, DEMO_SUPERVISOR).await;

    // Escalate to the supervisor (atasan) with a reason; the detail says who, when and why.
    select(&mut sup, "teseskal", id).await;
    keys(&mut sup, "E").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "warga mengeluh berulang").await;
    keys(&mut sup, "Enter").await;
    let c = load(db, id).await;
    assert!(c.escalated_to.is_some(), "{}", notice(&sup));
    assert_eq!(kinds(&c).last(), Some(&"escalate"));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    sup.draw(&mut term).unwrap();
    let screen = format!("{:?}", term.backend().buffer());
    assert!(screen.contains("oleh demo"), "{screen}");

    // De-escalate.
    keys(&mut sup, "D Enter").await;
    assert_eq!(load(db, id).await.escalated_to, None, "{}", notice(&sup));

    // Close needs an answered report: refused first, then reply, close, reopen.
    keys(&mut sup, "C Enter").await;
    assert!(notice_is_error(&sup), "{}", notice(&sup));
    keys(&mut sup, "Esc").await;
    keys(&mut sup, "e").await;
    typ(&mut sup, "Sudah kami perbaiki.").await;
    keys(&mut sup, "C-s").await;
    assert_eq!(
        load(db, id).await.status,
        Status::Ditanggapi,
        "{}",
        notice(&sup)
    );
    keys(&mut sup, "C").await;
    typ(&mut sup, "selesai").await;
    keys(&mut sup, "Enter").await;
    assert_eq!(
        load(db, id).await.status,
        Status::Selesai,
        "{}",
        notice(&sup)
    );
    keys(&mut sup, "O").await;
    typ(&mut sup, "pelapor belum puas").await;
    keys(&mut sup, "Enter").await;
    assert_eq!(
        load(db, id).await.status,
        Status::Ditindaklanjuti,
        "{}",
        notice(&sup)
    );

    // Link to a related complaint by number.
    keys(&mut sup, "L").await;
    typ(&mut sup, &format!("#{dup}")).await;
    keys(&mut sup, "Enter").await;
    let c = load(db, id).await;
    assert_eq!(kinds(&c).last(), Some(&"link"), "{}", notice(&sup));

    // Merge the duplicate: the same reporter is suggested; a confirmation comes first.
    select(&mut sup, "tesganda", dup).await;
    keys(&mut sup, "M").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!()
    };
    let suggested: Vec<String> = f.fields[0]
        .matches()
        .iter()
        .map(|o| o.value.clone())
        .collect();
    assert!(suggested.contains(&id.to_string()), "{suggested:?}");
    typ(&mut sup, &id.to_string()).await;
    keys(&mut sup, "Enter").await;
    assert!(matches!(sup.state.overlay, Overlay::Confirm(_)));
    keys(&mut sup, "y").await;
    let c = load(db, dup).await;
    assert_eq!(c.status, Status::Diarsipkan, "{}", notice(&sup));
    assert_eq!(c.merged_into, Some(id));
}

async fn bulk(db: &TestDb) {
    world(db).await;
    let ids = [
        disposed(db, "tesmassal satu", "0811-11").await,
        disposed(db, "tesmassal dua", "0811-12").await,
        disposed(db, "tesmassal tiga", "0811-13").await,
    ];
    let other = as_user(db, "demo.admin").await;
    db.store
        .act(&other, ids[2], None, &Action::Claim)
        .await
        .unwrap();
    let mut officer = console(db, DEMO_OFFICER).await;
    keys(&mut officer, "6 /").await;
    typ(&mut officer, "tesmassal").await;
    keys(&mut officer, "Enter").await;
    assert_eq!(officer.state.queue.rows.len(), 3);
    // One key marks every row; claim shows a preview first.
    keys(&mut officer, "*").await;
    assert_eq!(officer.state.queue.marks.len(), 3);
    keys(&mut officer, "c").await;
    let Overlay::Confirm(meja::console::state::Confirm::Act { lines, .. }) = &officer.state.overlay
    else {
        panic!("{:?}", officer.state.overlay)
    };
    assert!(lines[0].contains('3'), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Didisposisikan") || l.contains("Ditindaklanjuti")),
        "{lines:?}"
    );
    keys(&mut officer, "y").await;
    let n = notice(&officer);
    assert!(n.contains("2 berhasil") && n.contains("1 ditolak"), "{n}");
    assert!(n.contains(&format!("#{}", ids[2])), "{n}");
    assert!(officer.state.queue.marks.is_empty());
    let mut batches = Vec::new();
    for id in &ids[..2] {
        let c = load(db, *id).await;
        assert_eq!(c.assignee.as_deref(), Some(DEMO_OFFICER));
        batches.push(c.events.last().unwrap().batch.clone());
    }
    assert!(
        batches[0].is_some() && batches[0] == batches[1],
        "{batches:?}"
    );
    assert_eq!(
        load(db, ids[2]).await.assignee.as_deref(),
        Some("demo.admin")
    );

    // Bulk hold through a form: marks, a form, a preview, one batch.
    let mut sup = console(db, DEMO_SUPERVISOR).await;
    let a = report(db, "tesmassalbaru satu", "0811-14").await;
    let b = report(db, "tesmassalbaru dua", "0811-15").await;
    keys(&mut sup, "6 /").await;
    typ(&mut sup, "tesmassalbaru").await;
    keys(&mut sup, "Enter Space Space t").await;
    typ(&mut sup, "2027-02-01").await;
    keys(&mut sup, "Tab").await;
    typ(&mut sup, "libur panjang").await;
    keys(&mut sup, "Enter").await;
    assert!(matches!(sup.state.overlay, Overlay::Confirm(_)));
    keys(&mut sup, "y").await;
    for id in [a, b] {
        assert_eq!(
            load(db, id).await.status,
            Status::Ditunda,
            "{}",
            notice(&sup)
        );
    }
}

async fn readonly(db: &TestDb) {
    world(db).await;
    let id = report(db, "tesbaca", "0811-16").await;
    let o = console_support::Opts {
        readonly: true,
        ..Default::default()
    };
    let mut ro = console_with(db, DEMO_SUPERVISOR, o).await;
    select(&mut ro, "tesbaca", id).await;
    for k in ["c", "a", "v", "t", "A", "e", "E", "M", "*"] {
        keys(&mut ro, k).await;
        assert!(matches!(ro.state.overlay, Overlay::None), "{k}");
        assert!(ro.state.editor.is_none());
    }
    let c = load(db, id).await;
    assert_eq!(c.status, Status::Baru);
    assert_eq!(c.events.len(), 1);
    keys(&mut ro, "?").await;
    let help = ro
        .state
        .keymap()
        .help(ro.state.lang(), &ro.state.conditions());
    let all: String = help
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(_, d)| d.clone()))
        .collect();
    assert!(
        !all.contains("Verifikasi") && !all.contains("Tugaskan"),
        "{all}"
    );
}

/// A reporter's answer taken by phone an hour ago is recorded in the console with when it was
/// given: the follow-up clock restarts from then, and the event keeps both times.
async fn reporter_reply_recorded_when_it_was_given(db: &TestDb) {
    world(db).await;
    let sup = common::actor(&db.store, DEMO_SUPERVISOR).await;
    let unit = unit_code(db).await;
    let received = chrono::Utc::now() - chrono::Duration::hours(6);
    let mut r = common::report("Jalan berlubang tespelapor dekat pasar", received);
    r.reporter.phone = Some("0811-99".into());
    let id = db.store.intake(&sup, r).await.unwrap().id;
    let at = |minutes: i64| Some(received + chrono::Duration::minutes(minutes));
    let verify: Action<meja::domain::lifecycle::Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit),
    };
    db.store
        .act_at(&sup, id, None, &verify, at(1))
        .await
        .unwrap();
    let reply: Action<meja::domain::lifecycle::Named> = Action::Reply {
        body: "Sudah kami tambal.".into(),
    };
    db.store
        .act_at(&sup, id, None, &reply, at(2))
        .await
        .unwrap();

    let mut c = console(db, DEMO_SUPERVISOR).await;
    select(&mut c, "tespelapor", id).await;
    keys(&mut c, "P").await;
    typ(&mut c, "Masih berlubang di sisi kiri.").await;
    keys(&mut c, "Tab").await;
    // An hour ago, as a local time of the kota (WIB).
    let given = (chrono::Utc::now() - chrono::Duration::hours(1))
        .with_timezone(&Zone::Wib.offset())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    typ(&mut c, "kemarin").await;
    keys(&mut c, "Enter").await;
    assert!(
        matches!(c.state.overlay, Overlay::Form(_)),
        "a time it cannot read keeps the form open"
    );
    keys(&mut c, "C-u").await;
    typ(&mut c, &given).await;
    keys(&mut c, "Enter").await;
    let after = load(db, id).await;
    assert_eq!(after.status, Status::TanggapanPelapor, "{}", notice(&c));
    let e = after.events.last().unwrap();
    assert_eq!(e.kind, EventKind::ReporterReply);
    assert_eq!(
        e.at.with_timezone(&Zone::Wib.offset())
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        given
    );
    assert!(e.recorded_at.is_some(), "the time it was typed in is kept");
    let clock = after.clock.unwrap();
    assert_eq!(
        clock.started_at, e.at,
        "the follow-up restarts when it was given"
    );
}

on_both!(
    reporter_reply_recorded_when_it_was_given,
    assignment,
    triage,
    drafting,
    four_eyes,
    escalate_close_merge_link,
    bulk,
    readonly
);
