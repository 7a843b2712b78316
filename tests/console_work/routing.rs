//! Routing help in the verify form: the picker narrows by an instansi's full name, the
//! suggestions arrive after the form opened and stand at the top with their reason, and the
//! accept-suggestion key (C-r) picks the first.

use crate::support::*;
use meja::console::forms::FormKind;
use meja::console::state::Overlay;
use meja::domain::Status;
use meja::domain::lifecycle::{Action, Verification};
use meja::store::seed::DEMO_SUPERVISOR;

async fn routed(db: &crate::common::TestDb, token: &str, to: &str) -> i64 {
    let id = report(db, token, "0811-9").await;
    let demo = as_user(db, DEMO_SUPERVISOR).await;
    let action = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(to.into()),
    };
    db.store.act(&demo, id, None, &action).await.unwrap();
    id
}

pub async fn routing_suggestions_in_the_picker(db: &crate::common::TestDb) {
    world(db).await;
    for token in ["tesrutea", "tesruteb", "tesrutec"] {
        routed(db, token, "Dishub Kota Pontianak").await;
    }
    routed(db, "tesruted", "Dinkes Kota Pontianak").await;
    let fresh = report(db, "tesrutex", "0811-8").await;
    let mut sup = console(db, DEMO_SUPERVISOR).await;
    select(&mut sup, "tesrutex", fresh).await;

    keys(&mut sup, "v").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!("no form: {}", notice(&sup))
    };
    assert_eq!(f.kind, FormKind::Verify);
    assert!(
        f.suggested > 0,
        "the suggestions arrived after the form opened"
    );
    let target = f.target_field().unwrap();
    let first = f.fields[target].matches()[0].clone();
    assert_eq!(first.label, "Dishub Kota Pontianak");
    assert!(first.extra.starts_with('★'), "{}", first.extra);
    assert!(
        first.extra.contains('3'),
        "its reason counts the similar reports: {}",
        first.extra
    );
    // The picker, focused, shows them with their reason; the hints name the key.
    keys(&mut sup, "Tab Tab Tab Tab").await;
    let shown = screen(&sup);
    assert!(shown.contains("★"), "{shown}");
    assert!(shown.contains("C-r"), "the hints name the key: {shown}");

    // Typed as people write it, the picker finds the abbreviated instansi.
    typ(&mut sup, "perhubungan pontianak").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!("form closed")
    };
    assert_eq!(
        f.fields[target].chosen().map(|o| o.label.as_str()),
        Some("Dishub Kota Pontianak")
    );
    keys(&mut sup, "C-u").await;
    typ(&mut sup, "kesehatan pontianak").await;

    // C-r takes the first suggestion whatever was typed; Enter disposes there.
    keys(&mut sup, "C-r").await;
    let Overlay::Form(f) = &sup.state.overlay else {
        panic!("form closed")
    };
    assert_eq!(
        f.fields[target].chosen().map(|o| o.label.as_str()),
        Some("Dishub Kota Pontianak")
    );
    keys(&mut sup, "Enter").await;
    assert!(
        matches!(sup.state.overlay, Overlay::None),
        "{}",
        notice(&sup)
    );
    let c = load(db, fresh).await;
    assert_eq!(c.status, Status::Didisposisikan, "{}", notice(&sup));
    assert_eq!(c.instansi, "Dishub Kota Pontianak");
}
