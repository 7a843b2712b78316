//! Text from the public on its way to the console's cells: every string from the database passes
//! through [`sanitize`] before it reaches a cell, and [`fit`] pads or cuts a string to an exact
//! display width, wide characters included.
//!
//! The rules themselves live in `domain::text`, the one sanitiser and the one display-width measure
//! for everything meja writes to a terminal (the CLI uses them too); these are the console's names
//! for them.

pub use crate::domain::text::{cut, fit, fit_right, sanitize_lines, scroll_to_cursor, width, wrap};

/// Replaces everything that could act on a terminal or reorder text with a visible substitute:
/// C0 controls and DEL become their Control Pictures (ESC shows as '␛'), C1 controls and bidi or
/// other invisible format characters become '�'. Tabs become a space; newlines become '␤' (callers
/// that keep lines split on '\n' first, see [`sanitize_lines`]). Emoji joiners and variation
/// selectors are dropped so that every character's width is what unicode-width says.
pub fn sanitize(s: &str) -> String {
    crate::domain::text::sanitize(s).into_owned()
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
