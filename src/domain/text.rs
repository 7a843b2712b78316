//! Complaint text comes from the public. Before any of it reaches a terminal it passes through
//! `visible`, which turns control characters (C0, C1, DEL, ESC) and bidirectional overrides into
//! harmless visible characters, so no report can move the cursor, recolour or retitle a terminal.

use std::borrow::Cow;

fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with every control character replaced by a visible stand-in: ESC by '␛', other C0
/// controls by their Control Pictures (U+2400 block), DEL by '␡', C1 controls and bidi overrides by
/// '�'. Newlines and tabs become spaces: a cell shows one line.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(replacement).collect())
}

/// Like `visible` but keeps line breaks, for multi-line bodies (the caller splits on '\n').
pub fn visible_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_dangerous(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\n' { c } else { replacement(c) })
            .collect(),
    )
}

fn replacement(c: char) -> char {
    match c {
        '\n' | '\t' | '\r' => ' ',
        '\u{1b}' => '␛',
        '\u{7f}' => '␡',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        c if is_dangerous(c) => '�',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        let evil = "Jalan\u{1b}[2J\u{1b}]0;pwned\u{7}rusak\u{9b}31m\u{202e}";
        let shown = visible(evil);
        assert!(!shown.chars().any(is_dangerous), "{shown}");
        assert!(shown.starts_with("Jalan␛[2J␛]0;pwned␇rusak"), "{shown}");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            visible("Jalan rusak di Jl. Merdeka 🚧"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(visible_multiline("a\nb\u{1b}c\td"), "a\nb␛c d");
    }
}
