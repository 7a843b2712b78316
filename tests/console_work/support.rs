//! The helpers every scenario shares: a console for a user on a test database, keys and text
//! typed into it and awaited, the complaint at hand selected by a token in its title, and the
//! store read back afterwards.

use crate::common::{self, TestDb};
use meja::console::App;
use meja::domain::Complaint;
use meja::domain::lifecycle::{Action, Actor, Verification};
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};

pub const SIZE: (u16, u16) = (120, 40);

pub async fn console(db: &TestDb, user: &str) -> App {
    console_with(db, user, crate::console_support::Opts::default()).await
}

pub async fn console_with(db: &TestDb, user: &str, o: crate::console_support::Opts) -> App {
    let actor = common::actor(&db.store, user).await;
    let mut app = App::new(
        db.store.clone(),
        actor,
        crate::console_support::settings(&o),
        SIZE,
    );
    app.start();
    app.idle().await;
    app
}

pub async fn keys(app: &mut App, k: &str) {
    app.press(k);
    app.idle().await;
}

pub async fn typ(app: &mut App, text: &str) {
    app.type_text(text);
    app.idle().await;
}

/// Shows exactly the complaint whose title carries `token` (view Semua, filtered), selected.
pub async fn select(app: &mut App, token: &str, id: i64) {
    keys(app, "6 /").await;
    keys(app, "C-u").await;
    typ(app, token).await;
    keys(app, "Enter").await;
    let rows: Vec<i64> = app.state.queue.rows.iter().map(|r| r.id).collect();
    assert_eq!(rows, vec![id], "filter {token}");
}

pub fn notice(app: &App) -> String {
    app.state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

pub fn notice_is_error(app: &App) -> bool {
    app.state.notice.as_ref().is_some_and(|n| n.error)
}

pub async fn load(db: &TestDb, id: i64) -> Complaint {
    let national = common::actor(&db.store, DEMO_NATIONAL).await;
    db.store.complaint(&national, id).await.unwrap()
}

pub fn kinds(c: &Complaint) -> Vec<&str> {
    c.events.iter().map(|e| e.kind.as_code()).collect()
}

/// A new report received at the demo kota by its supervisor, titled with a unique `token`.
pub async fn report(db: &TestDb, token: &str, phone: &str) -> i64 {
    let demo = common::actor(&db.store, DEMO_SUPERVISOR).await;
    let mut r = common::report(
        &format!("Jalan berlubang {token} dekat pasar"),
        chrono::Utc::now() - chrono::Duration::hours(2),
    );
    r.reporter.phone = Some(phone.into());
    db.store.intake(&demo, r).await.unwrap().id
}

/// The code of the unit the demo officer works in.
pub async fn unit_code(db: &TestDb) -> String {
    let o = db.store.officer(DEMO_OFFICER).await.unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == o.instansi_id)
        .unwrap()
        .code
}

pub async fn disposed(db: &TestDb, token: &str, phone: &str) -> i64 {
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

pub async fn as_user(db: &TestDb, name: &str) -> Actor {
    common::actor(&db.store, name).await
}

pub async fn world(db: &TestDb) {
    common::seeded(db, 40).await;
}

/// The screen as text, drawn from the console's state at its size.
pub fn screen(app: &App) -> String {
    let (w, h) = app.state.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| meja::console::render::draw(f, &app.state))
        .unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
