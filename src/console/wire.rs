//! Fewer bytes per frame for the same picture, which is what a row move costs on a slow link.
//! crossterm writes each attribute change as its own SGR sequence, every one of the 16 theme
//! colours in the 256-colour form (`ESC[38;5;1m`), attributes already in force again, and an
//! absolute cursor move (`ESC[12;95H`) before every run of changed cells, even where the cursor
//! already is (after a wide character) or a few columns to its right. One pass over the frame,
//! following the cursor and the attributes as the terminal does:
//! - adjacent SGR sequences become one; the 16 colours take their classic codes (`ESC[31m`,
//!   bright ones `ESC[91m`); a parameter that sets what is already in force is dropped;
//! - a move to where the cursor is goes; a move right on the same row becomes `ESC[nC`.
//!
//! Widths are unicode-width's, as ratatui draws them; every text reaching a cell passed the
//! sanitiser, which leaves no character whose width terminals disagree on. Anything the pass does
//! not understand makes it forget what it knew (the cursor or the attributes) and pass the bytes
//! as they are.

use unicode_width::UnicodeWidthChar;

/// What the terminal's cursor and attributes are, as far as the frame so far says.
#[derive(Default)]
struct Terminal {
    /// (row, column), 1-based as CUP counts; None when not known.
    cursor: Option<(u32, u32)>,
    attrs: Attrs,
}

/// Each attribute's current value; None when not known.
#[derive(Default, Clone)]
struct Attrs {
    fg: Option<String>,
    bg: Option<String>,
    /// Keyed by the SGR code that sets it (1 bold, 2 dim, 3 italic, 4 underline, 5 blink,
    /// 7 reverse, 8 hidden, 9 crossed out).
    on: [Option<bool>; 10],
}

impl Attrs {
    fn default_all() -> Attrs {
        Attrs {
            fg: Some("39".into()),
            bg: Some("49".into()),
            on: [Some(false); 10],
        }
    }
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard ("c"), base64 as the
/// sequence requires; what the terminal does with it is its own business (most ask or allow it).
pub fn osc52(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = b"\x1b]52;c;".to_vec();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out.push(0x07);
    out
}

/// `text` at (x, y), 0-based, as an OSC 8 link to `url`, then the attributes reset: laid over
/// cells that already show `text`, it changes nothing on screen but the link.
pub fn osc8_over(x: u16, y: u16, text: &str, bold: bool, url: &str) -> Vec<u8> {
    let mut out = format!("\x1b[{};{}H\x1b]8;;{url}\x1b\\", y + 1, x + 1).into_bytes();
    if bold {
        out.extend_from_slice(b"\x1b[1m");
    }
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(b"\x1b[0m\x1b]8;;\x1b\\");
    out
}

/// `frame` compacted: the same picture on the same terminal, in fewer bytes.
pub fn compact(frame: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(frame.len());
    let mut t = Terminal::default();
    let mut i = 0;
    while i < frame.len() {
        if frame[i] == 0x1b {
            if let Some(end) = sgr_end(frame, i) {
                // A run of adjacent SGR sequences, as one.
                let mut params: Vec<&str> = Vec::new();
                let mut at = i;
                let mut next_end = Some(end);
                while let Some(e) = next_end {
                    let body = std::str::from_utf8(&frame[at + 2..e]).unwrap_or("0");
                    if body.is_empty() {
                        params.push("0");
                    } else {
                        params.extend(body.split(';').map(|p| if p.is_empty() { "0" } else { p }));
                    }
                    at = e + 1;
                    next_end = sgr_end(frame, at);
                }
                let kept = t.apply_sgr(&shorten(&params));
                if !kept.is_empty() {
                    out.extend_from_slice(b"\x1b[");
                    out.extend_from_slice(kept.join(";").as_bytes());
                    out.push(b'm');
                }
                i = at;
                continue;
            }
            if let Some((end, row, col)) = cup(frame, i) {
                out.extend_from_slice(&shortest_move(t.cursor, (row, col), &frame[i..=end]));
                t.cursor = Some((row, col));
                i = end + 1;
                continue;
            }
            // Another sequence: passed as it is. Those meja writes between cells (cursor
            // visibility, synchronized output) move nothing; anything else, the pass forgets.
            let end = sequence_end(frame, i);
            let seq = &frame[i..end];
            if !(seq.starts_with(b"\x1b[?") && matches!(seq.last(), Some(b'h' | b'l'))) {
                t = Terminal::default();
            }
            out.extend_from_slice(seq);
            i = end;
            continue;
        }
        // Text: one character, advancing the cursor by its width.
        let len = utf8_len(frame[i]).min(frame.len() - i);
        let ch = std::str::from_utf8(&frame[i..i + len])
            .ok()
            .and_then(|s| s.chars().next());
        match ch {
            Some(c) if !c.is_control() => {
                if let Some((_, col)) = t.cursor.as_mut() {
                    *col += c.width().unwrap_or(0) as u32;
                }
            }
            _ => t.cursor = None,
        }
        out.extend_from_slice(&frame[i..i + len]);
        i += len;
    }
    out
}

/// The fewest bytes that take the cursor from `from` to `to`: nothing where it already is; on
/// its row, right (`ESC[nC`), left (`ESC[nD`), or back to the start and right; on the next row,
/// CR LF and right (the target row exists, so the line feed never scrolls: meja sets no scroll
/// region); else the absolute move as written.
fn shortest_move(from: Option<(u32, u32)>, to: (u32, u32), absolute: &[u8]) -> Vec<u8> {
    let Some((r, c)) = from else {
        return absolute.to_vec();
    };
    let (row, col) = to;
    let right = |n: u32| -> Vec<u8> {
        match n {
            0 => Vec::new(),
            1 => b"\x1b[C".to_vec(),
            n => format!("\x1b[{n}C").into_bytes(),
        }
    };
    let mut best = absolute.to_vec();
    let mut consider = |bytes: Vec<u8>| {
        if bytes.len() < best.len() {
            best = bytes;
        }
    };
    if row == r {
        if col >= c {
            consider(right(col - c));
        } else {
            consider(format!("\x1b[{}D", c - col).into_bytes());
            consider([b"\r".to_vec(), right(col - 1)].concat());
        }
    } else if row == r + 1 && col >= 1 {
        consider([b"\r\n".to_vec(), right(col - 1)].concat());
    }
    best
}

impl Terminal {
    /// Applies SGR parameters and returns those that change something.
    fn apply_sgr(&mut self, params: &[String]) -> Vec<String> {
        let mut kept = Vec::new();
        let mut k = 0;
        while k < params.len() {
            let p = params[k].as_str();
            // A colour given in several parameters (38;5;n or 38;2;r;g;b) is one value.
            let group = match (p, params.get(k + 1).map(String::as_str)) {
                ("38" | "48" | "58", Some("5")) => 3,
                ("38" | "48" | "58", Some("2")) => 5,
                _ => 1,
            };
            let taken = params.len().min(k + group);
            let value = params[k..taken].join(";");
            k = taken;
            let code: u32 = p.parse().unwrap_or(u32::MAX);
            let changes = match code {
                0 => {
                    self.attrs = Attrs::default_all();
                    true
                }
                1..=9 => set(&mut self.attrs.on[code as usize], true),
                22 => {
                    let a = set(&mut self.attrs.on[1], false);
                    let b = set(&mut self.attrs.on[2], false);
                    a | b
                }
                23 | 24 | 25 | 27 | 28 | 29 => set(&mut self.attrs.on[(code - 20) as usize], false),
                30..=39 | 90..=97 => set_colour(&mut self.attrs.fg, value.clone()),
                40..=49 | 100..=107 => set_colour(&mut self.attrs.bg, value.clone()),
                _ => {
                    // Not followed (underline colour and the like): kept, and the attributes
                    // it could touch are no longer known.
                    if group == 1 && !matches!(code, 58 | 59) {
                        self.attrs = Attrs::default();
                    }
                    true
                }
            };
            if changes {
                kept.push(value);
            }
        }
        kept
    }
}

/// Sets an attribute; whether that changed it (or it was not known).
fn set(slot: &mut Option<bool>, on: bool) -> bool {
    let changed = *slot != Some(on);
    *slot = Some(on);
    changed
}

fn set_colour(slot: &mut Option<String>, value: String) -> bool {
    let changed = slot.as_deref() != Some(value.as_str());
    *slot = Some(value);
    changed
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xf7 => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// The index of the final `m` when an SGR sequence (`ESC [ digits and ; m`) starts at `i`.
fn sgr_end(frame: &[u8], i: usize) -> Option<usize> {
    csi_digits(frame, i, b'm')
}

/// The end, row and column of a cursor position (`ESC [ row ; col H`) starting at `i`.
fn cup(frame: &[u8], i: usize) -> Option<(usize, u32, u32)> {
    let end = csi_digits(frame, i, b'H')?;
    let body = std::str::from_utf8(&frame[i + 2..end]).ok()?;
    let (row, col) = body.split_once(';')?;
    Some((end, row.parse().ok()?, col.parse().ok()?))
}

/// The index of `last` when `ESC [`, digits and semicolons, then `last` start at `i`.
fn csi_digits(frame: &[u8], i: usize, last: u8) -> Option<usize> {
    if frame.get(i) != Some(&0x1b) || frame.get(i + 1) != Some(&b'[') {
        return None;
    }
    let mut j = i + 2;
    while let Some(&b) = frame.get(j) {
        match b {
            b'0'..=b'9' | b';' => j += 1,
            b if b == last => return Some(j),
            _ => return None,
        }
    }
    None
}

/// The end (exclusive) of the escape sequence starting at `i`: a CSI runs to its final byte
/// (0x40..=0x7e); anything else is taken as two bytes.
fn sequence_end(frame: &[u8], i: usize) -> usize {
    if frame.get(i + 1) == Some(&b'[') {
        let mut j = i + 2;
        while let Some(&b) = frame.get(j) {
            j += 1;
            if (0x40..=0x7e).contains(&b) {
                return j;
            }
        }
        return frame.len();
    }
    (i + 2).min(frame.len())
}

/// The parameters with `38;5;N` and `48;5;N` for N < 16 in their classic form.
fn shorten(params: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(params.len());
    let mut k = 0;
    while k < params.len() {
        let p = params[k];
        let base = match p {
            "38" => Some(30),
            "48" => Some(40),
            _ => None,
        };
        match (base, params.get(k + 1).copied()) {
            (Some(base), Some("5")) => {
                match params.get(k + 2).and_then(|n| n.parse::<u32>().ok()) {
                    Some(n) if n < 8 => {
                        out.push((base + n).to_string());
                        k += 3;
                    }
                    Some(n) if n < 16 => {
                        out.push((base + 60 + n - 8).to_string());
                        k += 3;
                    }
                    _ => {
                        let taken = params.len().min(k + 3);
                        out.extend(params[k..taken].iter().map(|s| s.to_string()));
                        k = taken;
                    }
                }
            }
            (Some(_), Some("2")) => {
                // A true colour: its three components pass as they are.
                let taken = params.len().min(k + 5);
                out.extend(params[k..taken].iter().map(|s| s.to_string()));
                k = taken;
            }
            _ => {
                out.push(p.to_string());
                k += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn c(s: &str) -> String {
        String::from_utf8(compact(s.as_bytes())).unwrap()
    }

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(super::osc52("#1000123"), b"\x1b]52;c;IzEwMDAxMjM=\x07");
        assert_eq!(super::osc52("ab"), b"\x1b]52;c;YWI=\x07");
        assert_eq!(super::osc52("abc"), b"\x1b]52;c;YWJj\x07");
        assert_eq!(super::osc52("Jl. \u{e9}"), b"\x1b]52;c;SmwuIMOp\x07");
    }

    #[test]
    fn adjacent_sequences_merge_16_colours_shorten_and_repeats_go() {
        assert_eq!(
            c("\x1b[1m\x1b[38;5;1;49m  !1 hk\x1b[22m\x1b[39;49m PROS"),
            "\x1b[1;31;49m  !1 hk\x1b[22;39m PROS"
        );
        assert_eq!(c("\x1b[48;5;12mx"), "\x1b[104mx");
        assert_eq!(c("\x1b[38;5;9m\x1b[m"), "\x1b[91;0m");
        // Reverse video already on: only what changes is sent.
        assert_eq!(
            c("\x1b[7ma\x1b[7;1mb\x1b[0m\x1b[39mc"),
            "\x1b[7ma\x1b[1mb\x1b[0mc"
        );
    }

    #[test]
    fn moves_along_a_row_become_relative() {
        // After "ab" at column 5 the cursor is at 7: a move there goes, one further is C.
        assert_eq!(c("\x1b[3;5Hab\x1b[3;7Hc\x1b[3;9Hd"), "\x1b[3;5Habc\x1b[Cd");
        assert_eq!(c("\x1b[3;5Hab\x1b[3;40Hc"), "\x1b[3;5Hab\x1b[33Cc");
        // A wide character takes two columns.
        assert_eq!(c("\x1b[2;1H日\x1b[2;3Hx"), "\x1b[2;1H日x");
        // Left on the row, the next row, or further: whichever is shortest.
        assert_eq!(c("\x1b[3;5Hab\x1b[3;2Hc"), "\x1b[3;5Hab\x1b[5Dc");
        assert_eq!(c("\x1b[3;95Hab\x1b[3;2Hc"), "\x1b[3;95Hab\r\x1b[Cc");
        assert_eq!(c("\x1b[3;5Hab\x1b[4;7Hc"), "\x1b[3;5Hab\x1b[4;7Hc");
        assert_eq!(c("\x1b[12;95Hab\x1b[13;87Hc"), "\x1b[12;95Hab\r\n\x1b[86Cc");
        assert_eq!(c("\x1b[3;5Hab\x1b[9;7Hc"), "\x1b[3;5Hab\x1b[9;7Hc");
    }

    #[test]
    fn what_is_not_understood_passes_and_is_forgotten() {
        for s in [
            "\x1b[38;5;200mx",
            "\x1b[38;2;1;2;3mx",
            "\x1b[?2026h\x1b[3;79Habc\x1b[?2026l",
            "plain text ; m",
            "\x1b[5;1H #1 \x1b[7m",
            "ab\x1b[38;5",
        ] {
            assert_eq!(c(s), s);
        }
        // A clear in between: the cursor is no longer known, the move stays absolute.
        assert_eq!(
            c("\x1b[3;5Hab\x1b[2J\x1b[3;7Hc"),
            "\x1b[3;5Hab\x1b[2J\x1b[3;7Hc"
        );
        // Before anything is known, nothing is dropped.
        assert_eq!(c("\x1b[22;39;49mx"), "\x1b[22;39;49mx");
    }
}
