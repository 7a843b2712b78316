//! Assignment (claim, assign, unassign) and triage (verify, dispose, hold, return, archive).

use crate::common::TestDb;
use crate::support::{
    as_user, console, disposed, keys, kinds, load, notice, notice_is_error, report, select, typ,
    unit_code, world,
};
use meja::console::state::Overlay;
use meja::domain::lifecycle::Action;
use meja::domain::{EventKind, Klasifikasi, Status};
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};

pub async fn assignment(db: &TestDb) {
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
    // Each officer's unit is shown, and those of the complaint's own instansi come first.
    let holder = load(db, id).await.instansi;
    let first = f.fields[0].matches()[0].clone();
    assert!(
        first.extra.ends_with(&holder),
        "{} first: {}",
        holder,
        first.extra
    );
    let units: Vec<bool> = f.fields[0]
        .matches()
        .iter()
        .map(|o| o.extra.ends_with(&holder))
        .collect();
    assert!(
        units.windows(2).all(|w| w[0] || !w[1]),
        "the holder's own officers lead: {units:?}"
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

pub async fn triage(db: &TestDb) {
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
