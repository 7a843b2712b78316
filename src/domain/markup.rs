//! HTML from sources, made plain at the door. Reports forwarded by the national platform and
//! regional apps carry line breaks as `<br>` and characters as entities (`&amp;`, `&#39;`); kept
//! raw they show as markup and break phrase search (`Jalan<br>rusak` is not "jalan rusak"). A
//! report's title and body are therefore read as plain text: line breaks and paragraphs become
//! newlines, entities their characters, every other tag is dropped (a script's or style's
//! content with it). Text without markup passes unchanged: `<` starts a tag only when a letter,
//! `/` or `!` follows it, so "x < 5" and "a<b" stay as written. The original is kept verbatim by
//! the caller (the intake event records it).

use std::borrow::Cow;

/// The plain text of a title or body that may hold HTML.
pub fn plain_text(s: &str) -> Cow<'_, str> {
    // Both are ASCII, so the bytes tell: a scan of bytes instead of decoded characters (an
    // import makes a million titles and bodies plain).
    if !s.bytes().any(|b| b == b'<' || b == b'&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        if let Some(after) = at.strip_prefix('<') {
            match tag(at) {
                Some((name, len)) => {
                    rest = &at[len..];
                    match name.as_str() {
                        "br" => out.push('\n'),
                        "p" | "/p" | "div" | "/div" | "li" | "tr"
                            if !out.is_empty() && !out.ends_with('\n') =>
                        {
                            out.push('\n');
                        }
                        "script" | "style" => {
                            // Their content is code, not text: skip to the closing tag.
                            let close = format!("</{name}");
                            let lower = rest.to_ascii_lowercase();
                            match lower.find(&close) {
                                Some(end) => {
                                    rest = &rest[end..];
                                    if let Some((_, l)) = tag(rest) {
                                        rest = &rest[l..];
                                    }
                                }
                                None => rest = "",
                            }
                        }
                        _ => {}
                    }
                }
                None => {
                    out.push('<');
                    rest = after;
                }
            }
        } else {
            match entity(at) {
                Some((c, len)) => {
                    out.push(c);
                    rest = &at[len..];
                }
                None => {
                    out.push('&');
                    rest = &at[1..];
                }
            }
        }
    }
    out.push_str(rest);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// A tag at the start of `s`: its lower-case name (with a leading `/` for a closing tag, `!` for
/// a comment or doctype) and its length, or None when `<` does not start a tag.
fn tag(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix('<')?;
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    if body.starts_with("!--") {
        let end = body.find("-->")?;
        return Some(("!--".into(), 1 + end + 3));
    }
    let end = body.find('>')?;
    // A tag does not span a line break in a report's text; "<a lot of people\n..." is prose.
    if body[..end].contains('\n') {
        return None;
    }
    let name: String = body[..end]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
        .collect::<String>()
        .to_ascii_lowercase();
    let name = name.trim_end_matches('/').to_string();
    if name.is_empty() || name == "/" {
        return None;
    }
    Some((name, 1 + end + 1))
}

/// An entity at the start of `s` (`&amp;`, `&#39;`, `&#x27;`) and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[..s.len().min(12)].find(';')?;
    let name = &s[1..end];
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            // A non-breaking space is a space to a reader and to search.
            "nbsp" => ' ',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            _ => return None,
        }
    };
    // A numeric entity for a control character is not text (the input rules refuse controls;
    // decoding one here would smuggle it past them as an escape).
    if c.is_control() && c != '\n' && c != '\t' {
        return None;
    }
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_paragraphs_become_newlines() {
        assert_eq!(plain_text("Jalan<br>rusak"), "Jalan\nrusak");
        assert_eq!(plain_text("a<br/>b<BR />c<br\t/>d"), "a\nb\nc\nd");
        assert_eq!(plain_text("<p>Satu</p><p>Dua</p>"), "Satu\nDua\n");
        assert_eq!(plain_text("<div>x</div>y"), "x\ny");
    }

    #[test]
    fn entities_become_their_characters() {
        assert_eq!(
            plain_text("Dinas PU &amp; Perumahan &lt;Kota&gt; &#39;cepat&#x27; &quot;ya&quot;"),
            "Dinas PU & Perumahan <Kota> 'cepat' \"ya\""
        );
        assert_eq!(plain_text("a&nbsp;b"), "a b");
        // Not entities: left as written.
        assert_eq!(plain_text("R&D dan A&B;"), "R&D dan A&B;");
        assert_eq!(plain_text("&#0; &#27; &#x1b;"), "&#0; &#27; &#x1b;");
    }

    #[test]
    fn other_tags_are_dropped_with_script_and_style_content() {
        assert_eq!(
            plain_text("<b>Penting</b>: <a href=\"x\">lihat</a>"),
            "Penting: lihat"
        );
        assert_eq!(plain_text("a<script>alert(1)</script>b"), "ab");
        assert_eq!(plain_text("a<style>p{}</STYLE>b"), "ab");
        assert_eq!(plain_text("a<!-- catatan -->b"), "ab");
    }

    #[test]
    fn text_without_markup_passes_unchanged() {
        for s in [
            "x < 5 dan y > 3",
            "a<b",
            "<3 terima kasih",
            "jarak <1 km\nke sekolah",
            "harga 5<10",
            "Biasa saja, tanpa tanda apa pun.",
            "< spasi",
        ] {
            assert!(matches!(plain_text(s), Cow::Borrowed(_)), "{s}");
        }
    }
}
