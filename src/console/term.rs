//! Output for SSH and slow links. Frames are rendered by ratatui's real crossterm backend into a
//! buffer and sent in one write per frame, wrapped in a synchronized update; a frame that changes
//! nothing sends nothing. `Bridged` sits between ratatui and the crossterm backend: it skips cursor
//! commands that change nothing and, where a few unchanged cells separate two changed ones on a
//! row, re-sends those cells instead of a cursor move when that is shorter.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

pub const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
pub const SYNC_END: &[u8] = b"\x1b[?2026l";

/// Where the crossterm backend writes: a buffer shared with `Output`, committed once per frame.
#[derive(Debug, Clone, Default)]
pub struct FrameBuf(Arc<Mutex<Vec<u8>>>);

impl FrameBuf {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

impl Write for FrameBuf {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(data);
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The crossterm backend behind the bridge.
pub type Inner = CrosstermBackend<FrameBuf>;

pub struct Bridged {
    inner: Inner,
    size: Size,
    /// What the terminal shows, as far as this backend has drawn it.
    screen: Buffer,
    cursor_visible: Option<bool>,
    cursor_at: Option<Position>,
    /// Cells that changed in the last `draw`.
    pub last_changed: usize,
}

impl Bridged {
    pub fn new(buf: FrameBuf, width: u16, height: u16) -> Bridged {
        Bridged {
            inner: CrosstermBackend::new(buf),
            size: Size::new(width, height),
            screen: Buffer::empty(Rect::new(0, 0, width, height)),
            cursor_visible: None,
            cursor_at: None,
            last_changed: 0,
        }
    }

    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
    }
}

/// What skipping `gap` cells to the right on the same row costs: `ESC [ n C` (`wire::compact`
/// turns the absolute move crossterm writes into it).
fn move_cost(gap: u16) -> usize {
    if gap == 1 {
        3
    } else {
        3 + gap.to_string().len()
    }
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

fn single_width(c: &Cell) -> bool {
    let s = c.symbol();
    c.diff_option == ratatui::buffer::CellDiffOption::None
        && !s.is_empty()
        && unicode_width::UnicodeWidthStr::width(s) == 1
}

/// Records a cell sent to the terminal in the mirror the gap filler copies from, with what the
/// terminal does around wide characters: a wide character covers the next cell, and writing over
/// either half of one erases the other half. Cells whose content the terminal decided are marked
/// unknown (an empty symbol), so they are never re-sent from the mirror: re-sending a stale cell
/// there put characters of an earlier frame back on screen.
fn mirror(screen: &mut Buffer, x: u16, y: u16, cell: &Cell) {
    let wide = |b: &Buffer, x: u16| {
        b.cell(Position::new(x, y))
            .is_some_and(|c| unicode_width::UnicodeWidthStr::width(c.symbol()) > 1)
    };
    let unknown = |b: &mut Buffer, x: u16| {
        if let Some(c) = b.cell_mut(Position::new(x, y)) {
            c.set_symbol("");
        }
    };
    if x > 0 && wide(screen, x - 1) {
        unknown(screen, x - 1);
    }
    if wide(screen, x) {
        unknown(screen, x + 1);
    }
    let width = unicode_width::UnicodeWidthStr::width(cell.symbol());
    if let Some(slot) = screen.cell_mut(Position::new(x, y)) {
        *slot = cell.clone();
    }
    for dx in 1..width as u16 {
        unknown(screen, x + dx);
    }
}

impl Backend for Bridged {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        self.last_changed = changed.len();
        if changed.is_empty() {
            return Ok(());
        }
        if self.screen.area != Rect::new(0, 0, self.size.width, self.size.height) {
            self.screen
                .resize(Rect::new(0, 0, self.size.width, self.size.height));
        }
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changed.len());
        let mut prev: Option<(u16, u16, Cell)> = None;
        for (x, y, cell) in changed {
            if let Some((px, py, pc)) = &prev
                && *py == y
                && single_width(pc)
                && x > px + 1
            {
                let gap: Vec<Cell> = (px + 1..x)
                    .filter_map(|gx| self.screen.cell(Position::new(gx, y)).cloned())
                    .collect();
                let bytes: usize = gap.iter().map(|c| c.symbol().len()).sum();
                if gap.len() == usize::from(x - px - 1)
                    && gap.iter().all(|c| single_width(c) && same_style(c, pc))
                    && bytes < move_cost(x - px - 1)
                {
                    for (i, c) in gap.into_iter().enumerate() {
                        out.push((px + 1 + i as u16, y, c));
                    }
                }
            }
            mirror(&mut self.screen, x, y, &cell);
            prev = Some((x, y, cell.clone()));
            out.push((x, y, cell));
        }
        self.cursor_at = None;
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible == Some(false) {
            return Ok(());
        }
        self.cursor_visible = Some(false);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible == Some(true) {
            return Ok(());
        }
        self.cursor_visible = Some(true);
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor_at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.cursor_at == Some(p) {
            return Ok(());
        }
        self.cursor_at = Some(p);
        self.inner.set_cursor_position(p)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen.reset();
        self.cursor_at = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.screen.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Replaces every occurrence of `from` in `data` with `to`.
fn replace_all(data: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

/// The end of every crossterm frame resets colours and then all attributes; the attribute reset
/// alone does both. Dropping the colour resets saves bytes, and the monochrome theme then writes
/// no colour sequence at all (with NO_COLOR crossterm writes them as bare resets: same treatment).
fn tidy(frame: Vec<u8>) -> Vec<u8> {
    let frame = replace_all(&frame, b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m", b"\x1b[0m");
    let frame = replace_all(&frame, b"\x1b[39m\x1b[49m\x1b[0m", b"\x1b[0m");
    let frame = replace_all(&frame, b"\x1b[m\x1b[m\x1b[m\x1b[0m", b"\x1b[0m");
    super::wire::compact(&frame)
}

/// A terminal (or any writer) that receives whole frames.
pub struct Screen<W: Write> {
    pub term: ratatui::Terminal<Bridged>,
    buf: FrameBuf,
    out: W,
    /// Bytes written to `out` so far.
    pub written: u64,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W, width: u16, height: u16) -> io::Result<Screen<W>> {
        let buf = FrameBuf::default();
        let term = ratatui::Terminal::new(Bridged::new(buf.clone(), width, height))?;
        Ok(Screen {
            term,
            buf,
            out,
            written: 0,
        })
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.term.backend_mut().set_size(width, height);
    }

    /// Draws the app if something visible changed and sends the frame; returns the bytes sent.
    pub fn frame(&mut self, app: &mut super::app::App) -> io::Result<usize> {
        app.draw(&mut self.term)?;
        let sent = self.commit()?;
        if sent == 0 {
            return Ok(0);
        }
        // The detail's number as a link (config `link`), laid over what the frame drew: cells
        // the frame rewrote lost it. Only after a frame, so an idle console still sends nothing.
        let size = self.term.backend().size;
        let area = Rect::new(0, 0, size.width, size.height);
        let Some(spot) = super::render::link_spot(&app.state, area) else {
            return Ok(sent);
        };
        let mut link = super::wire::osc8_over(spot.x, spot.y, &spot.text, spot.bold, &spot.url);
        // The cursor goes back where the frame left it (the editor's caret).
        if let Some(p) = self.term.backend().cursor_at {
            link.extend_from_slice(format!("\x1b[{};{}H", p.y + 1, p.x + 1).as_bytes());
        }
        self.out.write_all(&link)?;
        self.out.flush()?;
        self.written += link.len() as u64;
        Ok(sent + link.len())
    }

    /// Sends what was rendered since the last commit, in one synchronized update.
    pub fn commit(&mut self) -> io::Result<usize> {
        let data = self.buf.take();
        if data.is_empty() {
            return Ok(0);
        }
        let data = tidy(data);
        let mut frame = Vec::with_capacity(data.len() + SYNC_BEGIN.len() + SYNC_END.len());
        frame.extend_from_slice(SYNC_BEGIN);
        frame.extend_from_slice(&data);
        frame.extend_from_slice(SYNC_END);
        self.out.write_all(&frame)?;
        self.out.flush()?;
        self.written += frame.len() as u64;
        Ok(frame.len())
    }

    /// Cells that changed in the last frame.
    pub fn last_changed(&self) -> usize {
        self.term.backend().last_changed
    }

    pub fn out(&self) -> &W {
        &self.out
    }

    pub fn out_mut(&mut self) -> &mut W {
        &mut self.out
    }
}

/// Puts the real terminal into raw mode and the alternate screen; restores it when dropped, and a
/// panic hook restores it before the panic message is printed.
pub struct TerminalGuard;

pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        crossterm::terminal::EndSynchronizedUpdate,
        crossterm::style::SetAttribute(crossterm::style::Attribute::Reset),
        crossterm::event::DisableMouseCapture,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Stops this process as the shell's job control would on C-z (the terminal is in raw mode, so
/// the key arrives as a key, not as SIGTSTP); returns once it is continued (`fg`). A session
/// leader without a shell above it is not stopped (the kernel discards the signal) and returns
/// at once.
pub fn stop_until_continued() {
    let _ = rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::TSTP);
}

/// Takes the terminal back after an external program (`$EDITOR`) had it.
pub fn resume_terminal(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    if mouse {
        crossterm::execute!(out, crossterm::event::EnableMouseCapture)?;
    }
    Ok(())
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            hook(info);
        }));
        crossterm::terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        crossterm::execute!(
            out,
            crossterm::terminal::EnterAlternateScreen,
            crossterm::cursor::Hide,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        if mouse {
            crossterm::execute!(out, crossterm::event::EnableMouseCapture)?;
        }
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_colour_resets_before_the_full_reset() {
        assert_eq!(
            tidy(b"ab\x1b[39m\x1b[49m\x1b[59m\x1b[0m".to_vec()),
            b"ab\x1b[0m"
        );
        assert_eq!(tidy(b"\x1b[m\x1b[m\x1b[m\x1b[0m".to_vec()), b"\x1b[0m");
        assert_eq!(tidy(b"\x1b[31mx".to_vec()), b"\x1b[31mx");
    }
}
