//! Bulk work on marked complaints, and a read-only console that changes nothing.

use crate::common::TestDb;
use crate::console_support;
use crate::support::{
    as_user, console, console_with, disposed, keys, load, notice, report, select, typ, world,
};
use meja::console::state::Overlay;
use meja::domain::Status;
use meja::domain::lifecycle::Action;
use meja::store::seed::{DEMO_OFFICER, DEMO_SUPERVISOR};

pub async fn bulk(db: &TestDb) {
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

pub async fn readonly(db: &TestDb) {
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
