//! The phrase fragments of the seeder's complaint texts, kept as data: `phrases/subtopics.txt`
//! (each subtopic's fragments) and `phrases/shared.txt` (the greetings, openings and closings
//! every text shares). Both are embedded in the binary and parsed once, on first use, into tables
//! of `&'static str` slices of the embedded text, so composing a text allocates nothing for its
//! phrases. The format is described at the top of each file.
//!
//! A malformed file is a [`PhraseError`] naming the file and line. The embedded files are parsed
//! by a unit test, so a mistake fails `cargo test` rather than `meja seed` in a user's hands; the
//! table itself may therefore treat a parse failure as a bug.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// A list of fragments, in the order the file gives them (a text picks by position).
pub(crate) type List = Box<[&'static str]>;

pub(crate) const SUBTOPICS_FILE: &str = "src/seed/phrases/subtopics.txt";
pub(crate) const SHARED_FILE: &str = "src/seed/phrases/shared.txt";
const SUBTOPICS_TEXT: &str = include_str!("phrases/subtopics.txt");
const SHARED_TEXT: &str = include_str!("phrases/shared.txt");

/// A struct of named lists whose field names are the list names the data files use, so that the
/// file format and the composer cannot drift apart.
macro_rules! lists {
    (
        $(#[$meta:meta])*
        $ty:ident ( $($(#[$xmeta:meta])* $x:ident: $xt:ty),* ) {
            $($(#[$fmeta:meta])* $name:ident,)*
        }
    ) => {
        $(#[$meta])*
        pub(crate) struct $ty {
            $($(#[$xmeta])* pub $x: $xt,)*
            $($(#[$fmeta])* pub $name: List,)*
        }

        impl $ty {
            /// The lists' names as the data files write them, in field order.
            const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The lists in the order of `NAMES`.
            fn new($($x: $xt,)* lists: Vec<Vec<&'static str>>) -> Self {
                let mut lists = lists.into_iter();
                $ty {
                    $($x,)*
                    $($name: lists.next().unwrap_or_default().into_boxed_slice(),)*
                }
            }

            /// Every list with its name, for the tests that check the fragments' style.
            #[cfg(test)]
            pub fn lists(&self) -> impl Iterator<Item = (&'static str, &[&'static str])> {
                [$((stringify!($name), &*self.$name)),*].into_iter()
            }
        }
    };
}

lists! {
    /// The fragments of one subtopic. Phrases are lower-case unless they start with an acronym or
    /// a proper noun; `detail` holds whole sentences.
    Fragments(
        /// The problem happens at a street (road, drainage, ...) rather than at an office.
        street: bool,
        /// The line of the file where the subtopic starts, for messages.
        line: usize
    ) {
        /// Problem phrases, usable in titles ("jalan rusak dan berlubang") and bodies.
        problem,
        /// Detail sentences.
        detail,
        /// Who is affected (plural noun after a number).
        affected,
        /// Whom the reporter already told.
        told,
        /// Requests: a clause after "Mohon " / "Kami berharap ".
        request,
        /// Suggestions (aspirasi): noun phrases.
        suggestion,
        /// Information asked for: noun phrases.
        information,
        /// Services in which a pungli may happen (whistle-blowing).
        service,
        /// Projects whose procurement may be irregular.
        project,
        /// Lower-case tags, the first always used.
        tag,
    }
}

lists! {
    /// The phrases every text shares, whatever its subtopic (described in `shared.txt`).
    Shared() {
        greeting,
        resident,
        complaint_opening,
        unit,
        request_opening,
        complaint_closing,
        filler,
        suggestion_opening,
        forum,
        suggestion_ask,
        suggestion_closing,
        question,
        information_closing,
        bribe_kind,
        bribe_reason,
        bribe_favour,
        bribe_auditor,
        whistle_closing,
        irregularity,
        audit_who,
        audit_what,
    }
}

/// Every phrase of the composer.
pub(crate) struct Phrases {
    /// Every subtopic with its own fragments, sorted by the length of its key, then the key.
    subtopics: Vec<(&'static str, Fragments)>,
    /// For each key length, the range of `subtopics` whose keys are that long. The lookup runs
    /// once per text, so it compares only the few keys of the same length, as the `match` on the
    /// key did before the phrases were data: a binary search over all keys cost a fifth of the
    /// composer's time, and a hash map's SipHash almost a tenth.
    by_length: Vec<Range<usize>>,
    /// The fragments for a key without its own.
    pub generic: Fragments,
    pub shared: Shared,
}

/// What is wrong with a phrase file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PhraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PhraseError {}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::parse((SUBTOPICS_FILE, SUBTOPICS_TEXT), (SHARED_FILE, SHARED_TEXT))
        // The embedded files are parsed by `tests::embedded_files_parse`: failing here is a bug.
        .unwrap_or_else(|e| panic!("embedded seed phrases: {e}"))
});

/// The embedded phrases, parsed on first use.
pub(crate) fn phrases() -> &'static Phrases {
    &PHRASES
}

impl Phrases {
    /// The fragments of a subtopic key; `None` for a key without its own.
    pub fn subtopic(&self, key: &str) -> Option<&Fragments> {
        let range = self.by_length.get(key.len())?.clone();
        self.subtopics
            .get(range)?
            .iter()
            // The first byte tells most keys of a length apart without a call to memcmp.
            .find(|(k, _)| k.as_bytes().first() == key.as_bytes().first() && *k == key)
            .map(|(_, f)| f)
    }

    /// Every subtopic with its own fragments, by key (for the tests).
    #[cfg(test)]
    pub fn subtopics(&self) -> impl Iterator<Item = (&'static str, &Fragments)> {
        self.subtopics.iter().map(|(k, f)| (*k, f))
    }

    /// Both files, each given as (name for messages, text).
    fn parse(
        subtopics: (&'static str, &'static str),
        shared: (&'static str, &'static str),
    ) -> Result<Phrases, PhraseError> {
        let (mut list, generic) = parse_subtopics(subtopics.0, subtopics.1)?;
        list.sort_unstable_by_key(|(k, _)| (k.len(), *k));
        let longest = list.last().map_or(0, |(k, _)| k.len());
        let by_length = (0..=longest)
            .map(|n| {
                list.partition_point(|(k, _)| k.len() < n)
                    ..list.partition_point(|(k, _)| k.len() <= n)
            })
            .collect();
        Ok(Phrases {
            subtopics: list,
            by_length,
            generic,
            shared: parse_shared(shared.0, shared.1)?,
        })
    }
}

/// One meaningful line of a phrase file.
enum Line {
    /// `[key]`
    Section(&'static str),
    /// `name: text`
    Item(&'static str, &'static str),
}

/// The meaningful lines of `text`, numbered from 1; comments and blank lines left out.
fn lines(
    file: &'static str,
    text: &'static str,
) -> impl Iterator<Item = Result<(usize, Line), PhraseError>> {
    text.lines().enumerate().filter_map(move |(i, raw)| {
        let n = i + 1;
        let err = |message: String| {
            Some(Err(PhraseError {
                file,
                line: n,
                message,
            }))
        };
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        if raw != trimmed {
            return err("a line must not start or end with a space (quote such text)".into());
        }
        if let Some(inner) = raw.strip_prefix('[') {
            let Some(key) = inner.strip_suffix(']') else {
                return err(format!("`{raw}`: a section is written `[key]`"));
            };
            let fine = key == "*"
                || (!key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            if !fine {
                return err(format!(
                    "`[{key}]`: a key is lower-case letters, digits and '_'"
                ));
            }
            return Some(Ok((n, Line::Section(key))));
        }
        let Some((name, value)) = raw.split_once(": ") else {
            return err(format!(
                "`{raw}`: expected `list: text`, `[key]` or a `#` comment"
            ));
        };
        let text = match value.strip_prefix('"') {
            Some(quoted) => match quoted.strip_suffix('"') {
                Some(inner) => inner,
                None => return err(format!("`{name}`: a quoted text must end with '\"'")),
            },
            None if value != value.trim() => {
                return err(format!("`{name}`: quote a text that starts with a space"));
            }
            None => value,
        };
        if text.is_empty() {
            return err(format!("`{name}`: empty text"));
        }
        Some(Ok((n, Line::Item(name, text))))
    })
}

/// Lists being filled, one per name of `names`.
struct Lists {
    names: &'static [&'static str],
    lists: Vec<Vec<&'static str>>,
}

impl Lists {
    fn new(names: &'static [&'static str]) -> Self {
        Lists {
            names,
            lists: names.iter().map(|_| Vec::new()).collect(),
        }
    }

    fn push(&mut self, name: &str, text: &'static str) -> Result<(), String> {
        match self.names.iter().position(|n| *n == name) {
            Some(i) => {
                self.lists[i].push(text);
                Ok(())
            }
            None => Err(format!(
                "unknown list `{name}` (one of: {})",
                self.names.join(", ")
            )),
        }
    }

    /// The lists, when none is empty.
    fn done(self, what: &str) -> Result<Vec<Vec<&'static str>>, String> {
        match self.lists.iter().position(Vec::is_empty) {
            Some(i) => Err(format!("{what} has no `{}`", self.names[i])),
            None => Ok(self.lists),
        }
    }
}

/// A subtopic being read.
struct Section {
    key: &'static str,
    line: usize,
    street: bool,
    lists: Lists,
}

impl Section {
    fn done(self, file: &'static str) -> Result<(&'static str, Fragments), PhraseError> {
        let fail = |message: String| PhraseError {
            file,
            line: self.line,
            message,
        };
        let lists = self.lists.done(&format!("[{}]", self.key)).map_err(fail)?;
        let f = Fragments::new(self.street, self.line, lists);
        if f.tag.len() > 3 {
            return Err(fail(format!("[{}] has more than 3 tags", self.key)));
        }
        Ok((self.key, f))
    }
}

/// The subtopics of `subtopics.txt`, and the generic fragments (`[*]`).
#[allow(clippy::type_complexity)]
fn parse_subtopics(
    file: &'static str,
    text: &'static str,
) -> Result<(Vec<(&'static str, Fragments)>, Fragments), PhraseError> {
    let mut done: Vec<(&'static str, Fragments)> = Vec::new();
    let mut open: Option<Section> = None;
    for line in lines(file, text) {
        let (n, line) = line?;
        let fail = |message: String| PhraseError {
            file,
            line: n,
            message,
        };
        match line {
            Line::Section(key) => {
                if let Some(s) = open.take() {
                    done.push(s.done(file)?);
                }
                if let Some((_, f)) = done.iter().find(|(k, _)| *k == key) {
                    return Err(fail(format!("[{key}] again (first at line {})", f.line)));
                }
                open = Some(Section {
                    key,
                    line: n,
                    street: false,
                    lists: Lists::new(Fragments::NAMES),
                });
            }
            Line::Item(name, value) => {
                let Some(s) = open.as_mut() else {
                    return Err(fail("a fragment before the first `[key]`".into()));
                };
                if name == "where" {
                    s.street = match value {
                        "street" => true,
                        "office" => false,
                        _ => return Err(fail(format!("`where: {value}`: street or office"))),
                    };
                } else {
                    s.lists.push(name, value).map_err(fail)?;
                }
            }
        }
    }
    if let Some(s) = open.take() {
        done.push(s.done(file)?);
    }
    let Some(i) = done.iter().position(|(k, _)| *k == "*") else {
        return Err(PhraseError {
            file,
            line: text.lines().count(),
            message: "no generic fragments `[*]`".into(),
        });
    };
    let (_, generic) = done.swap_remove(i);
    Ok((done, generic))
}

/// The lists of `shared.txt`.
fn parse_shared(file: &'static str, text: &'static str) -> Result<Shared, PhraseError> {
    let mut lists = Lists::new(Shared::NAMES);
    for line in lines(file, text) {
        let (n, line) = line?;
        let fail = |message: String| PhraseError {
            file,
            line: n,
            message,
        };
        match line {
            Line::Section(key) => return Err(fail(format!("[{key}]: this file has no sections"))),
            Line::Item(name, value) => lists.push(name, value).map_err(fail)?,
        }
    }
    let lists = lists.done(file).map_err(|message| PhraseError {
        file,
        line: text.lines().count(),
        message,
    })?;
    Ok(Shared::new(lists))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared file as embedded, which the malformed subtopic files below are parsed with.
    fn parse_with(subtopics: &'static str) -> Result<Phrases, PhraseError> {
        Phrases::parse(("test.txt", subtopics), (SHARED_FILE, SHARED_TEXT))
    }

    #[test]
    fn embedded_files_parse() {
        if let Err(e) = Phrases::parse((SUBTOPICS_FILE, SUBTOPICS_TEXT), (SHARED_FILE, SHARED_TEXT))
        {
            panic!("{e}");
        }
        let p = phrases();
        assert!(p.subtopic("jalan").is_some_and(|f| f.street));
        assert!(p.subtopic("ktp_el").is_some_and(|f| !f.street));
        assert!(p.subtopic("*").is_none() && p.subtopic("tidak_ada").is_none());
        assert!(p.subtopic("").is_none() && p.subtopic(&"x".repeat(200)).is_none());
        for (key, f) in p.subtopics() {
            assert!(p.subtopic(key).is_some_and(|g| std::ptr::eq(f, g)), "{key}");
        }
        assert_eq!(p.generic.tag[..], ["pelayanan-publik"]);
        assert_eq!(p.shared.resident[0], ", saya warga ");
    }

    /// A complete subtopic, for the malformed files to break.
    const GOOD: &str = "problem: a\ndetail: B.\naffected: c\ntold: d\nrequest: e\n\
                        suggestion: f\ninformation: g\nservice: h\nproject: i\ntag: j\n";

    #[test]
    fn a_well_formed_file_parses() {
        let text: &'static str =
            format!("# x\n\n[*]\n{GOOD}\n[jalan]\nwhere: street\n{GOOD}").leak();
        let p = parse_with(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            p.subtopic("jalan")
                .is_some_and(|f| f.street && f.line == 15)
        );
        assert!(!p.generic.street);
    }

    #[test]
    fn quotes_keep_spaces_and_are_not_part_of_the_text() {
        let text: &'static str = format!("[*]\n{GOOD}problem: \" b \"\nproblem: \"\"c\"\n").leak();
        let p = parse_with(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.generic.problem[..], ["a", " b ", "\"c"]);
    }

    /// Each malformed file fails with a message naming the file and the line.
    #[test]
    fn malformed_files_name_file_and_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("problem: a\n[*]\n", 1, "before the first"),
            ("[*]\nproblem a\n", 2, "expected `list: text`"),
            ("[*]\nproblems: a\n", 2, "unknown list `problems`"),
            ("[*]\nproblem: \"\"\n", 2, "empty text"),
            (
                "[*]\nproblem: a \n",
                2,
                "must not start or end with a space",
            ),
            ("[*]\nproblem: \"a\n", 2, "must end with"),
            ("[*]\nproblem:  a\n", 2, "quote a text"),
            ("[*]\nwhere: sea\n", 2, "street or office"),
            ("[Jalan]\n", 1, "lower-case"),
            ("[jalan\n", 1, "written `[key]`"),
            ("\n\n[*]\nproblem: a\n", 3, "[*] has no `detail`"),
            (
                "[x]\ntag: a\ntag: b\ntag: c\ntag: d\n",
                1,
                "has no `problem`",
            ),
        ];
        for (text, line, message) in cases {
            let err = match parse_with(text) {
                Ok(_) => panic!("{text:?} parsed"),
                Err(e) => e,
            };
            assert_eq!(err.line, *line, "{text:?}: {err}");
            assert!(err.message.contains(message), "{text:?}: {err}");
            assert!(
                err.to_string().starts_with(&format!("test.txt:{line}: ")),
                "{err}"
            );
        }
        let twice: &'static str = format!("[*]\n{GOOD}[x]\n{GOOD}[x]\n{GOOD}").leak();
        let err = parse_with(twice).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("test.txt:23: [x] again (first at line 12)")
        );
        let many_tags: &'static str = format!("[*]\n{GOOD}tag: k\ntag: l\ntag: m\n").leak();
        let err = parse_with(many_tags).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("test.txt:1: [*] has more than 3 tags"));
        let no_generic: &'static str = format!("[x]\n{GOOD}").leak();
        let err = parse_with(no_generic).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("test.txt:11: no generic fragments `[*]`")
        );
    }

    #[test]
    fn a_malformed_shared_file_names_file_and_line() {
        let bad = |shared: &'static str| {
            Phrases::parse((SUBTOPICS_FILE, SUBTOPICS_TEXT), ("shared.txt", shared))
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            bad("greeting: a\n[x]\n").as_deref(),
            Some("shared.txt:2: [x]: this file has no sections")
        );
        assert!(
            bad("greeting: a\ngreting: b\n")
                .is_some_and(|e| e.starts_with("shared.txt:2: unknown list `greting`")),
        );
        assert_eq!(
            bad("greeting: a\n").as_deref(),
            Some("shared.txt:1: shared.txt has no `resident`")
        );
    }
}
