//! Text on its way to a terminal. Complaint text comes from the public, and names, templates and
//! error messages may carry anything, so every string meja writes to a terminal (the console's
//! cells and the CLI's lines alike) passes through [`terminal_safe`] first: control characters
//! (C0, C1, DEL, ESC), bidirectional overrides, isolates and marks, and invisible format characters
//! become harmless visible stand-ins, so no text can move the cursor, recolour or retitle a
//! terminal, or reorder what is shown.
//!
//! Columns are counted in display width, not characters: a CJK character or most emoji take two
//! columns. [`width`], [`cut`], [`fit`], [`fit_right`] and [`wrap`] measure sanitised text that
//! way, so a wide title cannot push a table's columns out of line.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a text's line breaks reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Each '\n' shows as '␤' (and '\r' as '␍'): one cell, where the reader still sees the breaks.
    Mark,
    /// Each '\n' or '\r' becomes a space: one line of running text (a CLI line, a message).
    Space,
    /// '\n' stays and the '\r's that end a line go: the caller prints the lines one by one.
    Keep,
}

/// What becomes of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Same,
    As(char),
    Dropped,
}

/// The one rule for every character meja writes to a terminal.
fn shown(c: char, breaks: Breaks) -> Shown {
    match c {
        '\n' => match breaks {
            Breaks::Mark => Shown::As('␤'),
            Breaks::Space => Shown::As(' '),
            Breaks::Keep => Shown::Same,
        },
        '\r' if breaks == Breaks::Space => Shown::As(' '),
        '\t' => Shown::As(' '),
        // C0 controls show as their Control Pictures (U+2400 block): ESC as '␛', BEL as '␇'.
        '\u{0}'..='\u{1f}' => Shown::As(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => Shown::As('␡'),
        // C1 controls: CSI (U+009B) and OSC (U+009D) among them act like ESC [ and ESC ].
        '\u{80}'..='\u{9f}' => Shown::As('�'),
        // Bidi embeddings, overrides, isolates and marks; line/paragraph separators; other
        // invisible format characters (zero-width space, word joiner, invisible operators); the
        // BOM and interlinear annotations.
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
        | '\u{200b}' => Shown::As('�'),
        // Joiners, variation selectors and tag characters change the width of what comes before
        // them in ways terminals disagree on: dropped, so that every character's width is what
        // unicode-width says and columns stay in line.
        // Emoji skin-tone modifiers likewise: a terminal draws them as a second emoji or not at
        // all, while the cluster is measured as one.
        '\u{200c}'
        | '\u{200d}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{e0000}'..='\u{e007f}'
        | '\u{1f3fb}'..='\u{1f3ff}' => Shown::Dropped,
        // Regional indicators pair into a flag that some terminals draw in two columns and some in
        // four, while unicode-width counts the pair as two: each becomes its plain capital letter
        // ("🇮🇩" reads "ID"), one column wherever it is drawn.
        '\u{1f1e6}'..='\u{1f1ff}' => {
            Shown::As(char::from_u32(u32::from('A') + (c as u32 - 0x1f1e6)).unwrap_or('�'))
        }
        c if c.width().is_none() => Shown::As('�'),
        _ => Shown::Same,
    }
}

/// `s` as it may reach a terminal, with line breaks treated as `breaks` says; borrowed when
/// nothing in it needs a stand-in (most text).
pub fn terminal_safe(s: &str, breaks: Breaks) -> Cow<'_, str> {
    if s.chars().all(|c| shown(c, breaks) == Shown::Same) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // In Keep mode the '\r's that end a line are dropped; until the next character says whether
    // they do, they are only counted (which keeps a long run of them linear).
    let mut returns = 0usize;
    for c in s.chars() {
        if breaks == Breaks::Keep {
            if c == '\r' {
                returns += 1;
                continue;
            }
            if c != '\n' {
                out.extend(std::iter::repeat_n('␍', returns));
            }
            returns = 0;
        }
        match shown(c, breaks) {
            Shown::Same => out.push(c),
            Shown::As(x) => out.push(x),
            Shown::Dropped => {}
        }
    }
    Cow::Owned(out)
}

/// Whether the sanitiser would not pass `c` as it is. For a writer that escapes such characters
/// rather than replacing them (the CLI's JSON writes them as `\uXXXX`): the same rule, so what is
/// harmless on screen and what is escaped in JSON cannot drift apart.
pub fn needs_stand_in(c: char) -> bool {
    shown(c, Breaks::Mark) != Shown::Same
}

/// One cell's worth of text: line breaks show as '␤' (the console's cells).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    terminal_safe(s, Breaks::Mark)
}

/// One line of running text: line breaks become spaces (the CLI's lines and messages).
pub fn visible(s: &str) -> Cow<'_, str> {
    terminal_safe(s, Breaks::Space)
}

/// A multi-line text with its line breaks kept (the caller prints it line by line).
pub fn visible_multiline(s: &str) -> Cow<'_, str> {
    terminal_safe(s, Breaks::Keep)
}

/// The lines of a multi-line text, each made safe.
pub fn sanitize_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|l| sanitize(l.trim_end_matches('\r')).into_owned())
        .collect()
}

/// Display width of an already sanitised string, in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
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

/// `s` padded with spaces to at least `w` columns (never cut).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = String::with_capacity(s.len() + w);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// `s` cut to at most `w` columns, ending in '…' when cut, then padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    pad(&cut(s, w), w)
}

/// Right-aligned in `w` columns.
pub fn fit_right(s: &str, w: usize) -> String {
    let c = cut(s, w);
    let pad = w.saturating_sub(width(&c));
    format!("{}{c}", " ".repeat(pad))
}

/// A one-line input scrolled so that its cursor stays in view: when the text before the cursor
/// (`cursor` characters) is wider than `room` columns, the leading characters that must go. Returns
/// the text from the first character shown, and the columns scrolled past (the cursor's column is
/// the width before it less those). Every prompt (the console's filter, palette and form fields)
/// scrolls this way.
pub fn scroll_to_cursor(s: &str, cursor: usize, room: usize) -> (&str, usize) {
    let before = s.char_indices().nth(cursor).map_or(s, |(i, _)| &s[..i]);
    let skip = width(before).saturating_sub(room);
    let mut skipped = 0;
    for (i, c) in s.char_indices() {
        if skipped >= skip {
            return (&s[i..], skipped);
        }
        skipped += c.width().unwrap_or(0);
    }
    ("", skipped)
}

/// Greedy word wrap of one sanitised line to `w` columns (words longer than a line are broken).
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

    /// Every mode, for the characters whose treatment does not depend on it.
    const MODES: [Breaks; 3] = [Breaks::Mark, Breaks::Space, Breaks::Keep];

    fn each_mode(s: &str) -> Vec<String> {
        MODES
            .iter()
            .map(|b| terminal_safe(s, *b).into_owned())
            .collect()
    }

    #[test]
    fn c0_controls_show_as_control_pictures() {
        for b in (0u32..0x20).filter(|b| ![0x09, 0x0a, 0x0d].contains(b)) {
            let c = char::from_u32(b).unwrap_or_default();
            let picture = char::from_u32(0x2400 + b).unwrap_or_default();
            for shown in each_mode(&format!("a{c}b")) {
                assert_eq!(shown, format!("a{picture}b"), "U+{b:04X}");
            }
        }
        assert_eq!(visible("\u{1b}[2J\u{7}"), "␛[2J␇");
        for shown in each_mode("a\tb") {
            assert_eq!(shown, "a b");
        }
    }

    #[test]
    fn line_breaks_follow_the_mode() {
        let s = "a\nb\r\nc\rd\r";
        assert_eq!(terminal_safe(s, Breaks::Mark), "a␤b␍␤c␍d␍");
        assert_eq!(terminal_safe(s, Breaks::Space), "a b  c d ");
        assert_eq!(terminal_safe(s, Breaks::Keep), "a\nb\nc␍d");
        let returns = "\r".repeat(100_000);
        assert_eq!(
            terminal_safe(&format!("{returns}x{returns}\n"), Breaks::Keep),
            format!("{}x\n", "␍".repeat(100_000))
        );
        assert_eq!(
            sanitize_lines(s),
            terminal_safe(s, Breaks::Keep)
                .split('\n')
                .map(str::to_string)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn del_and_c1_controls_become_visible() {
        for shown in each_mode("a\u{7f}b") {
            assert_eq!(shown, "a␡b");
        }
        for b in 0x80u32..=0x9f {
            let c = char::from_u32(b).unwrap_or_default();
            for shown in each_mode(&format!("a{c}b")) {
                assert_eq!(shown, "a�b", "U+{b:04X}");
            }
        }
    }

    #[test]
    fn bidi_controls_and_invisible_characters_become_visible() {
        let bidi = [
            '\u{200e}', '\u{200f}', '\u{061c}', // marks
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
            '\u{202e}', // embeddings, overrides
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
        ];
        let invisible = [
            '\u{200b}', '\u{2060}', '\u{2061}', '\u{2064}', '\u{206a}', '\u{206f}', '\u{feff}',
            '\u{fff9}', '\u{fffb}', '\u{2028}', '\u{2029}',
        ];
        for c in bidi.into_iter().chain(invisible) {
            for shown in each_mode(&format!("a{c}b")) {
                assert_eq!(shown, "a�b", "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn joiners_variation_selectors_and_tags_are_dropped() {
        for c in [
            '\u{200c}',
            '\u{200d}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
        ] {
            for shown in each_mode(&format!("a{c}b")) {
                assert_eq!(shown, "ab", "U+{:04X}", c as u32);
            }
        }
        // A family emoji falls apart into its people, each two columns wide as unicode-width says.
        assert_eq!(sanitize("👨\u{200d}👩\u{200d}👧"), "👨👩👧");
    }

    #[test]
    fn skin_tones_go_and_flags_read_as_letters() {
        assert_eq!(sanitize("terima kasih 👍🏽🙏🏿"), "terima kasih 👍🙏");
        assert_eq!(sanitize("bendera 🇮🇩 dan 🇲🇾"), "bendera ID dan MY");
        // What is left is measured the same character by character (as a terminal advances) and
        // cluster by cluster (as ratatui draws).
        let safe = sanitize("👍🏽 🇮🇩 1\u{fe0f}\u{20e3} ❤\u{fe0f} 👨\u{200d}👩\u{200d}👧 日本");
        let by_char: usize = safe.chars().filter_map(|c| c.width()).sum();
        assert_eq!(width(&safe), by_char, "{safe}");
    }

    #[test]
    fn ordinary_text_emoji_and_cjk_pass_unchanged() {
        for s in [
            "Jalan rusak di Jl. Merdeka, Kelurahan Passo: sudah 3 bulan (±50 KK) “parah”!",
            "Pelayanan RSUD lambat — antrean 5 jam; biaya Rp150.000?",
            "Jalan rusak 🚧 dan banjir 🌊, terima kasih 🙏😀👍",
            "日本語テキスト 中文标题 한국어 제목",
            "Ärger über Straße, café, naïve, ĉu",
            "",
        ] {
            for b in MODES {
                assert!(
                    matches!(terminal_safe(s, b), Cow::Borrowed(x) if x == s),
                    "{s}"
                );
            }
        }
        assert!(matches!(visible_multiline("a\nb"), Cow::Borrowed("a\nb")));
    }

    #[test]
    fn nothing_harmful_is_left() {
        let evil = "Jalan\u{1b}[2J\u{1b}]0;pwned\u{7}rusak\u{9b}31m\u{202e}\u{2066}x\u{200b}\r\n";
        for shown in each_mode(evil) {
            assert!(
                !shown
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202e}' | '\u{2066}')),
                "{shown:?}"
            );
            assert!(
                shown.starts_with("Jalan␛[2J␛]0;pwned␇rusak�31m��x�"),
                "{shown}"
            );
        }
    }

    #[test]
    fn fit_and_cut_count_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(width(&fit("日本語テキスト", 6)), 6);
        assert_eq!(width(&fit("日本語", 4)), 4);
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(width(&fit(&sanitize("👍🏽 jalan 👨‍👩‍👧"), 7)), 7);
        assert_eq!(fit_right("12", 4), "  12");
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(pad("panjang", 3), "panjang");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn wrap_breaks_words_and_long_runs() {
        assert_eq!(wrap("jalan rusak parah", 11), vec!["jalan rusak", "parah"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("日本語", 4), vec!["日本", "語"]);
    }

    #[test]
    fn a_prompt_scrolls_to_keep_its_cursor_in_view() {
        assert_eq!(scroll_to_cursor("kesehatan", 4, 10), ("kesehatan", 0));
        assert_eq!(scroll_to_cursor("kesehatan", 9, 5), ("hatan", 4));
        assert_eq!(scroll_to_cursor("kesehatan", 99, 5), ("hatan", 4));
        // A wide character is scrolled past whole: the cursor lands one column further left.
        assert_eq!(scroll_to_cursor("日本語テキスト", 7, 9), ("テキスト", 6));
        assert_eq!(scroll_to_cursor("", 0, 0), ("", 0));
    }
}
