//! Escalation, closing, reopening, merging and linking, and a reporter's answer recorded when it was given.

use crate::common::{self, TestDb};
use crate::support::{
    SIZE, console, disposed, keys, kinds, load, notice, notice_is_error, select, typ, unit_code,
    world,
};
use meja::console::state::Overlay;
use meja::domain::lifecycle::{Action, Verification};
use meja::domain::{EventKind, Status, Zone};
use meja::store::seed::DEMO_SUPERVISOR;

pub async fn escalate_close_merge_link(db: &TestDb) {
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
    // Who escalated (the detail's field wraps in the narrower detail pane; the history says it).
    assert!(screen.contains("demo mengeskalasi"), "{screen}");

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

/// A reporter's answer taken by phone an hour ago is recorded in the console with when it was
/// given: the follow-up clock restarts from then, and the event keeps both times.
pub async fn reporter_reply_recorded_when_it_was_given(db: &TestDb) {
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
