//! Text from the public on its way to the terminal: every string from the database passes through
//! [`sanitize`] before it reaches a cell, so that escape sequences, control characters and bidi
//! overrides in complaint text show as harmless visible characters. [`fit`] pads or cuts a string
//! to an exact display width, wide characters included.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces everything that could act on a terminal or reorder text with a visible substitute:
/// C0 controls and DEL become their Control Pictures (ESC shows as '␛'), C1 controls and bidi or
/// other invisible format characters become '�'. Tabs become a space; newlines become '␤' (callers
/// that keep lines split on '\n' first, see [`sanitize_lines`]). Emoji joiners and variation
/// selectors are dropped so that every character's width is what unicode-width says.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push('␤'),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            '\u{80}'..='\u{9f}' => out.push('�'),
            // Bidi embeddings, overrides, isolates and marks; line/paragraph separators; other
            // invisible format characters; the BOM and interlinear annotations.
            '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{200b}' => out.push('�'),
            // Joiners, variation selectors and tag characters change the width of what comes
            // before them in ways terminals disagree on: drop them.
            '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0000}'..='\u{e007f}' => {}
            c if c.width().is_none() => out.push('�'),
            c => out.push(c),
        }
    }
    out
}

/// The lines of a multi-line text, each sanitized.
pub fn sanitize_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|l| sanitize(l.trim_end_matches('\r')))
        .collect()
}

/// Display width of an already sanitized string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `w` columns, ending in '…' when cut, then padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = cut(s, w);
    let have = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    out
}

/// `s` cut to at most `w` columns, ending in '…' when cut; not padded.
pub fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Right-aligned in `w` columns.
pub fn fit_right(s: &str, w: usize) -> String {
    let c = cut(s, w);
    let pad = w.saturating_sub(width(&c));
    format!("{}{c}", " ".repeat(pad))
}

/// Greedy word wrap of one sanitized line to `w` columns (words longer than a line are broken).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ') {
        let ww = width(word);
        if used > 0 && used + 1 + ww > w {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        if ww <= w - used {
            line.push_str(word);
            used += ww;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_visible() {
        let s = sanitize("a\x1b[31mred\x07\u{9b}2J\u{202e}evil\x7f");
        assert_eq!(s, "a␛[31mred␇�2J�evil␡");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn fit_handles_wide_characters() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(width(&fit("日本語テキスト", 6)), 6);
        assert_eq!(width(&fit("日本語", 4)), 4);
        assert_eq!(width(&fit(&sanitize("👍🏽 jalan 👨‍👩‍👧"), 7)), 7);
        assert_eq!(fit_right("12", 4), "  12");
    }

    #[test]
    fn wrap_breaks_words_and_long_runs() {
        assert_eq!(wrap("jalan rusak parah", 11), vec!["jalan rusak", "parah"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }
}
