//! The words search sees: a report's title and body, and the words of a query, cut into words,
//! lowercased and reduced to their Indonesian root by one stemmer that meja applies itself
//! (Sastrawi's Nazief-Adriani/ECS stemmer, the `sastrawi-rs` crate), so that `rusak` finds
//! `kerusakan` and `layanan` finds `pelayanan`, and SQLite and PostgreSQL index and query the
//! very same words (neither backend's own stemming is used).
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`); everything else separates
//! words. Only words of ASCII letters go through the stemmer: its rules are Indonesian affixes,
//! and numbers, codes (`covid19`) and words in other scripts are kept as they are, lowercased. A
//! word longer than `WORD_MAX_CHARS` is cut there: no root is that long, and PostgreSQL refuses a
//! lexeme of more than 2 KB.

use sastrawi::{Dictionary, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The longest word kept whole; the rest of a longer one is dropped.
pub const WORD_MAX_CHARS: usize = 64;

/// How many stems each thread remembers. Reports repeat their words, and a bulk import stems
/// millions of them: the cache turns most into a lookup. Cleared when full.
const CACHE_MAX: usize = 100_000;

fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(Dictionary::new)
}

fn stemmer() -> &'static Stemmer<'static> {
    static STEMMER: OnceLock<Stemmer<'static>> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::new(dictionary()))
}

/// Clitics that may follow a final `-kan`/`-an` (`kerusakannya`).
const CLITICS: [&str; 7] = ["", "nya", "ku", "mu", "lah", "kah", "pun"];

/// Sastrawi's root of an ASCII-lowercase word, with one correction: it reads a root ending in
/// `k` followed by `-an` as `-kan` (`kerusakan` gives `rusa`, "deer", not `rusak`). When the
/// word without its `-an` stems to that root plus `k`, and that is a root of the dictionary,
/// the longer root is the one meant.
fn sastrawi_root(word: &str) -> String {
    let stem = stemmer().stem_word(word).into_owned();
    for clitic in CLITICS {
        let Some(core) = word
            .strip_suffix(clitic)
            .and_then(|w| w.strip_suffix("kan"))
        else {
            continue;
        };
        let alt = stemmer().stem_word(&format!("{core}k")).into_owned();
        if alt.len() == stem.len() + 1
            && alt.starts_with(stem.as_str())
            && alt.ends_with('k')
            && dictionary().find(&alt)
        {
            return alt;
        }
        break;
    }
    stem
}

/// FNV-1a: the cache's keys are short words, for which SipHash's setup costs more than the
/// lookup; hash flooding does not apply to a per-thread cache that is cleared when full.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Cache = HashMap<String, String, std::hash::BuildHasherDefault<Fnv>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// The words of `text` as they are written, lowercased and cut at `WORD_MAX_CHARS`, with the byte
/// range of each in `text`.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some((i, c)) = rest.next_if(|(_, c)| c.is_alphanumeric()) {
            end = i + c.len_utf8();
        }
        let word: String = text[start..end]
            .chars()
            .take(WORD_MAX_CHARS)
            .flat_map(char::to_lowercase)
            // Lowercasing may add a combining mark (`İ` is `i` and a dot): keep words of letters
            // and digits only, so that both backends' tokenizers read each as one word.
            .filter(|c| c.is_alphanumeric())
            .collect();
        Some((start..end, word))
    })
}

/// The root of one lowercased word (as `words` gives them).
pub fn stem_word(word: &str) -> String {
    let mut out = String::new();
    push_stem(word, &mut out);
    out
}

/// Appends the root of one lowercased word to `out`.
fn push_stem(word: &str, out: &mut String) {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push_str(word);
        return;
    }
    let hit = CACHE.with(|c| match c.borrow().get(word) {
        Some(stem) => {
            out.push_str(stem);
            true
        }
        None => false,
    });
    if hit {
        return;
    }
    let stem = sastrawi_root(word);
    // A stemmer that returned nothing would make the word unfindable: keep the word instead.
    let stem = if stem.is_empty() {
        word.to_string()
    } else {
        stem
    };
    out.push_str(&stem);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(word.to_string(), stem);
    });
}

/// The words of a text, lowercased and stemmed, joined by single spaces: what is indexed for a
/// title or body, and what a query's word or phrase is matched as. The same words as `words`,
/// without a string for each (a bulk load stems millions).
pub fn stem_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut kept = 0;
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            push_stem(word, out);
            word.clear();
        }
    };
    for c in text.chars() {
        if !c.is_alphanumeric() {
            flush(&mut word, &mut out);
            kept = 0;
            continue;
        }
        if kept == WORD_MAX_CHARS {
            continue;
        }
        kept += 1;
        if c.is_ascii() {
            word.push(c.to_ascii_lowercase());
        } else {
            word.extend(c.to_lowercase().filter(|c| c.is_alphanumeric()));
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The byte ranges of the words of `text` whose stem is one of `stems`: what the detail
/// highlights for a filter's words (a phrase's words are highlighted each on its own).
pub fn matches(text: &str, stems: &[String]) -> Vec<Range<usize>> {
    if stems.is_empty() {
        return Vec::new();
    }
    words(text)
        .filter(|(_, w)| {
            let s = stem_word(w);
            stems.contains(&s)
        })
        .map(|(range, _)| range)
        .collect()
}

/// The stems of a filter's words and phrases, each once, for `matches`.
pub fn query_stems(terms: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in terms {
        for s in stem_text(t).split(' ').filter(|s| !s.is_empty()) {
            if !out.iter().any(|x| x == s) {
                out.push(s.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn affixed_forms_meet_at_their_root() {
        assert_eq!(stem_text("kerusakan"), "rusak");
        assert_eq!(stem_text("rusak"), "rusak");
        assert_eq!(stem_text("pelayanan"), "layan");
        assert_eq!(stem_text("layanan"), "layan");
        assert_eq!(stem_text("perbaikan"), "baik");
        assert_eq!(stem_text("diperbaiki"), "baik");
        // Sastrawi alone reads these as `-kan` around `rusa` ("deer").
        assert_eq!(stem_text("perusakan"), "rusak");
        assert_eq!(stem_text("kerusakannya"), "rusak");
        // A real `-kan` keeps its root.
        assert_eq!(stem_text("membangunkan"), "bangun");
        assert_eq!(stem_text("masukan"), "masuk");
        assert_eq!(stem_text("pendidikan"), "didik");
    }

    #[test]
    fn a_text_becomes_its_lowercased_stems_joined_by_spaces() {
        assert_eq!(
            stem_text("Jalan\nRUSAK, kerusakan-nya parah!"),
            "jalan rusak rusak nya parah"
        );
        assert_eq!(stem_text("  "), "");
        assert_eq!(stem_text(""), "");
        // Numbers, codes and other scripts are kept as written, lowercased.
        assert_eq!(stem_text("RT 05 Covid19 東京"), "rt 05 covid19 東京");
        assert_eq!(stem_text("Café"), "café");
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(5_000);
        assert_eq!(stem_text(&long).chars().count(), WORD_MAX_CHARS);
    }

    #[test]
    fn matches_find_affixed_forms_by_their_root() {
        let text = "Kerusakan jalan: jalan rusak parah";
        let stems = query_stems(&["rusak".to_string()]);
        let found: Vec<&str> = matches(text, &stems)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, vec!["Kerusakan", "rusak"]);
        let stems = query_stems(&["jalan rusak".to_string()]);
        assert_eq!(matches(text, &stems).len(), 4);
        assert!(matches(text, &[]).is_empty());
    }

    #[test]
    fn never_panics_on_any_short_word() {
        // Every word of up to three letters: the affix rules slice by length.
        let letters = || (b'a'..=b'z').map(char::from);
        for a in letters() {
            stem_word(&a.to_string());
            for b in letters() {
                stem_word(&format!("{a}{b}"));
                for c in letters() {
                    assert!(!stem_word(&format!("{a}{b}{c}")).is_empty());
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        // The fast path of `stem_text` cuts and lowercases exactly as `words` does (the
        // highlighting matches by `words`).
        #[test]
        fn stem_text_reads_the_words_that_words_reads(text in "(\\PC|[a-zA-Z ]){0,80}") {
            let slow: Vec<String> = words(&text)
                .map(|(_, w)| stem_word(&w))
                .filter(|w| !w.is_empty())
                .collect();
            prop_assert_eq!(stem_text(&text), slow.join(" "));
        }

        // Report text is hostile public input: nothing in it may make the stemmer panic.
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let stemmed = stem_text(&text);
            prop_assert!(!stemmed.contains("  "));
            let _ = matches(&text, &query_stems(std::slice::from_ref(&text)));
        }

        // Words built of Indonesian affixes around short stems reach the affix rules' slicing.
        #[test]
        fn never_panics_on_affixed_words(
            word in "(me|mem|men|meng|meny|pe|pem|pen|peng|peny|ber|be|ter|te|per|di|ke|se|ku|kau|nge|menge|penge){0,3}[a-z]{0,4}(kan|an|i|nya|ku|mu|lah|kah|pun){0,3}"
        ) {
            let stemmed = stem_text(&word);
            prop_assert!(stemmed.is_empty() == word.is_empty());
        }
    }
}
