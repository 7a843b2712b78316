//! Styled snapshots of the console's main screens, drawn from a small world built in code (no
//! database, no seed), at 80x24, 120x40 and 200x60, in the colour theme and the monochrome one. Each
//! snapshot is the screen's text followed by its styled runs, so a change of colour, emphasis or
//! selection shows in review as plainly as a change of text. The seeded text-only snapshots
//! (`console_snapshots`, `console_forms`) remain the smoke tour over generated data.

mod fixture;
mod styled;

use fixture::{Fixture, console, console_in};
use meja::console::Lang;

/// The sizes every screen is drawn at: the smallest common terminal, one wide enough for the
/// detail beside the queue, and a large one whose room must be used.
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// Draws `f` and compares it with the snapshot `name` for this size and theme.
fn check(f: &Fixture, name: &str, mono: bool) {
    let (w, h) = f.state.size;
    let theme = if mono { "mono" } else { "colour" };
    let snap = format!("{name}_{w}x{h}_{theme}");
    let screen = styled::serialize(&styled::draw(&f.state));
    // The monochrome theme is for terminals and readers without colour: it never sets one.
    assert!(
        !mono || !screen.contains("fg=") && !screen.contains("bg="),
        "{snap} sets a colour"
    );
    insta::assert_snapshot!(snap, screen);
}

/// Runs `screen` at every size in both themes: `me` is who is at the console, `steps` lead from
/// the queue to the screen.
fn every_way(name: &str, me: &str, steps: impl Fn(&mut Fixture)) {
    for size in SIZES {
        for mono in [false, true] {
            let mut f = console(me, size, mono);
            steps(&mut f);
            check(&f, name, mono);
        }
    }
}

/// The queue (every clock state and a closed complaint) with the second complaint selected; at
/// 120 columns its detail is beside it.
#[test]
fn queue() {
    every_way("queue", "budi", |f| f.press("j"));
}

/// The detail of a complaint, opened from the queue.
#[test]
fn detail() {
    every_way("detail", "budi", |f| f.press("j Enter"));
}

/// The assign form with the officers who may take the complaint and their load.
#[test]
fn assign_form() {
    every_way("assign_form", "budi", |f| f.press("a"));
}

/// The reply editor of an officer whose unit's replies wait for approval, with a line typed.
#[test]
fn reply_editor() {
    every_way("reply_editor", "rina", |f| {
        f.press("j e");
        f.type_text("Lampu sudah diganti.");
    });
}

/// The command palette with a few letters typed.
#[test]
fn palette() {
    every_way("palette", "budi", |f| {
        f.press(":");
        f.type_text("ta");
    });
}

/// The help overlay.
#[test]
fn help() {
    every_way("help", "budi", |f| f.press("?"));
}

/// A supervisor at a reply waiting for approval: the pending text and the keys to approve it or
/// send it back.
#[test]
fn approval() {
    every_way("approval", "budi", |f| f.press("j j Enter"));
}

/// The supervisor's board (B) in both languages, at the smallest size and at 200x60 where its
/// two columns sit side by side; then the cursor moved onto the unit's line of the ranking.
#[test]
fn board() {
    for (w, h) in [(80, 24), (200, 60)] {
        for lang in [Lang::Id, Lang::En] {
            for mono in [false, true] {
                let mut f = console_in("budi", (w, h), mono, lang);
                f.press("B");
                let name = format!("board_{}", lang.code());
                check(&f, &name, mono);
            }
        }
    }
    let mut f = console("budi", (80, 24), false);
    f.press("B");
    let data = f
        .state
        .board
        .as_ref()
        .and_then(|b| b.data.clone())
        .expect("the board");
    let at = meja::console::board_items::items(&data)
        .iter()
        .position(|i| matches!(i, meja::console::board_items::Item::Child(_)))
        .expect("the unit's line");
    for _ in 0..at {
        f.press("j");
    }
    check(&f, "board_child_selected", false);
}
