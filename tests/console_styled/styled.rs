//! A screen as text a reviewer can read and a diff can show: the rows of characters, then the
//! styled runs of each row. The text-only snapshots cannot see a lost colour, a selection drawn
//! without reverse video, or a monochrome theme that sets a colour; these can.

use meja::console::render;
use meja::console::state::State;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

/// Draws the state as the console would, into a buffer of its size.
pub fn draw(s: &State) -> Buffer {
    let (w, h) = s.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    term.draw(|f| render::draw(f, s)).expect("a frame");
    term.backend().buffer().clone()
}

fn colour(c: Color) -> String {
    match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => format!("idx{i}"),
        other => format!("{other:?}"),
    }
}

/// A style in words: `fg=Yellow bg=Blue bold reversed`; empty for the terminal's default.
fn words(st: Style) -> String {
    let mut out = Vec::new();
    if let Some(fg) = st.fg.filter(|c| *c != Color::Reset) {
        out.push(format!("fg={}", colour(fg)));
    }
    if let Some(bg) = st.bg.filter(|c| *c != Color::Reset) {
        out.push(format!("bg={}", colour(bg)));
    }
    for (m, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::DIM, "dim"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underlined"),
        (Modifier::SLOW_BLINK, "blink"),
        (Modifier::RAPID_BLINK, "rapid-blink"),
        (Modifier::REVERSED, "reversed"),
        (Modifier::HIDDEN, "hidden"),
        (Modifier::CROSSED_OUT, "crossed-out"),
    ] {
        if st.add_modifier.contains(m) {
            out.push(name.to_string());
        }
    }
    out.join(" ")
}

/// The text rows (trailing blanks trimmed), a blank line, then one line per run of cells of one
/// non-default style: `r3 c0-12 fg=Yellow bold` is row 3, columns 0 to 12 inclusive.
pub fn serialize(buf: &Buffer) -> String {
    let area = buf.area;
    let mut text = String::new();
    let mut runs = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut run: Option<(u16, u16, String)> = None;
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            line.push_str(cell.symbol());
            let style = words(cell.style());
            match &mut run {
                Some((_, end, s)) if *s == style => *end = x,
                _ => {
                    if let Some((a, b, s)) = run.take()
                        && !s.is_empty()
                    {
                        runs.push_str(&format!("r{y} c{a}-{b} {s}\n"));
                    }
                    run = Some((x, x, style));
                }
            }
        }
        if let Some((a, b, s)) = run
            && !s.is_empty()
        {
            runs.push_str(&format!("r{y} c{a}-{b} {s}\n"));
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    format!("{text}\n{runs}")
}
