//! Drafting replies and notes (autosave, templates, stale drafts) and the four-eyes approval of replies.

use crate::common::TestDb;
use crate::support::{
    as_user, console, disposed, keys, kinds, load, notice, notice_is_error, screen, select, typ,
    world,
};
use meja::console::state::Overlay;
use meja::domain::Status;
use meja::domain::lifecycle::Action;
use meja::store::seed::{DEMO_OFFICER, DEMO_SUPERVISOR};

pub async fn drafting(db: &TestDb) {
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
    // The colleague's note is shown above the draft, and the send key alone does not pass the
    // guard a second time: only the explicit "send anyway" key does.
    assert!(screen(&again).contains("pelapor menelepon lagi"));
    keys(&mut again, "C-s").await;
    assert_eq!(load(db, id3).await.status, Status::Ditindaklanjuti);
    assert!(notice(&again).contains("C-y"), "{}", notice(&again));
    keys(&mut again, "C-y").await;
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

pub async fn four_eyes(db: &TestDb) {
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
    // Approving asks first (it posts a public reply); the second y confirms.
    keys(&mut oc, "y y").await;
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
    assert!(matches!(sup.state.overlay, Overlay::Confirm(_)));
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
