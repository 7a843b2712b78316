//! Instansi named as people write them: "Yth. Kepala Dinas Perhubungan Kota Semarang" for the
//! instansi meja calls "Dishub Kota Semarang". The one matcher behind intake, import, the filter's
//! `instansi:` key, every picker and the routing suggestion's "the text names ...".
//!
//! Words are compared after folding case and accents, with the filler of a salutation dropped
//! (Yth., Kepada, Bapak/Ibu, Kepala, di tempat ...), and with the usual abbreviations expanded on
//! both sides from one table (`ABBREVIATIONS`): "Dishub" and "Dinas Perhubungan" are the same two
//! words wherever either is written.

use std::collections::BTreeSet;

/// The usual abbreviations of Indonesian government bodies, each with the words it stands for.
/// The one table: the matcher expands both what is typed and the names it compares against, and
/// the seed derives its instansi's aliases from it. A multi-word abbreviation ("Satpol PP") is
/// written with a space.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("Dishub", "Dinas Perhubungan"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("Dukcapil", "Kependudukan dan Pencatatan Sipil"),
    ("Dinkes", "Dinas Kesehatan"),
    ("PUPR", "Pekerjaan Umum dan Penataan Ruang"),
    ("Disperkim", "Dinas Perumahan dan Kawasan Permukiman"),
    ("Disdikbud", "Dinas Pendidikan dan Kebudayaan"),
    ("Disdik", "Dinas Pendidikan"),
    ("Dinsos", "Dinas Sosial"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("Diskominfo", "Dinas Komunikasi dan Informatika"),
    ("Satpol PP", "Satuan Polisi Pamong Praja"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("Disnaker", "Dinas Tenaga Kerja"),
    ("KUKM", "Koperasi dan Usaha Kecil Menengah"),
    ("Disdag", "Dinas Perdagangan"),
    ("Bapenda", "Badan Pendapatan Daerah"),
    ("RSUD", "Rumah Sakit Umum Daerah"),
    ("PDAM", "Perusahaan Umum Daerah Air Minum"),
    ("Perumda", "Perusahaan Umum Daerah"),
    ("ESDM", "Energi dan Sumber Daya Mineral"),
    ("Dishut", "Dinas Kehutanan"),
    ("Setjen", "Sekretariat Jenderal"),
    ("Itjen", "Inspektorat Jenderal"),
    ("Ditjen", "Direktorat Jenderal"),
    ("Kemenkes", "Kementerian Kesehatan"),
    (
        "Kemendikdasmen",
        "Kementerian Pendidikan Dasar dan Menengah",
    ),
    ("Kemendagri", "Kementerian Dalam Negeri"),
    ("Kemensos", "Kementerian Sosial"),
    ("Kemenhub", "Kementerian Perhubungan"),
    ("Kemenhut", "Kementerian Kehutanan"),
    ("Kemnaker", "Kementerian Ketenagakerjaan"),
    ("Kemenkeu", "Kementerian Keuangan"),
    ("Kemenag", "Kementerian Agama"),
    ("Komdigi", "Kementerian Komunikasi dan Digital"),
    ("KLH", "Kementerian Lingkungan Hidup"),
    ("ATR", "Agraria dan Tata Ruang"),
    ("BPN", "Badan Pertanahan Nasional"),
    ("DJP", "Direktorat Jenderal Pajak"),
    ("BPJS", "Badan Penyelenggara Jaminan Sosial"),
    ("OJK", "Otoritas Jasa Keuangan"),
    ("BNPB", "Badan Nasional Penanggulangan Bencana"),
    ("PLN", "Perusahaan Listrik Negara"),
    ("KAI", "Kereta Api Indonesia"),
    ("BRI", "Bank Rakyat Indonesia"),
    ("UGM", "Universitas Gadjah Mada"),
    ("ITB", "Institut Teknologi Bandung"),
    ("Unair", "Universitas Airlangga"),
    ("Unhas", "Universitas Hasanuddin"),
    ("USU", "Universitas Sumatera Utara"),
    ("Unud", "Universitas Udayana"),
    ("Uncen", "Universitas Cenderawasih"),
    ("Pemkot", "Pemerintah Kota"),
    ("Pemkab", "Pemerintah Kabupaten"),
    ("Pemprov", "Pemerintah Provinsi"),
    ("Kab", "Kabupaten"),
    ("Prov", "Provinsi"),
];

/// Words that address or place a letter rather than name its recipient: a salutation's
/// "Yth. Bapak/Ibu Kepala ... di tempat", and the joining "dan". "Pemerintah" goes too, so that
/// "Pemerintah Kota Semarang" (and "Pemkot Semarang") is the "Kota Semarang" of the tree.
const FILLER: &[&str] = &[
    "yth",
    "ykh",
    "kepada",
    "kpd",
    "bapak",
    "ibu",
    "bpk",
    "bu",
    "pak",
    "sdr",
    "saudara",
    "kepala",
    "pimpinan",
    "di",
    "tempat",
    "dengan",
    "hormat",
    "dan",
    "the",
    "to",
    "pemerintah",
    "republik",
    "ri",
    "persero",
    "tbk",
    "pt",
    "perum",
];

/// Lowercase, accents folded, split into words (anything not a letter or digit separates).
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text.chars().map(fold).collect::<String>().to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A letter with its accent removed ("é" -> "e"); anything else as it is.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        _ => c,
    }
}

/// The table as word lists, longest abbreviation first so that "Satpol PP" is read before a
/// shorter one could take its first word.
fn table() -> &'static [(Vec<String>, Vec<String>)] {
    static TABLE: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(Vec<String>, Vec<String>)> = ABBREVIATIONS
            .iter()
            .map(|(short, full)| (words(short), words(full)))
            .collect();
        t.sort_by_key(|(short, _)| std::cmp::Reverse(short.len()));
        t
    })
}

/// The words a text stands for: abbreviations written out, filler dropped, in order.
pub fn canonical(text: &str) -> Vec<String> {
    let raw = words(text);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hit = table()
            .iter()
            .find(|(short, _)| raw[i..].starts_with(short.as_slice()));
        match hit {
            Some((short, full)) => {
                out.extend(full.iter().cloned());
                i += short.len();
            }
            None => {
                out.push(raw[i].clone());
                i += 1;
            }
        }
    }
    out.retain(|w| !FILLER.contains(&w.as_str()));
    out
}

/// The abbreviations whose written-out words appear, in order, in `canonical` words: the short
/// forms a name may also be typed as (partly, in a picker: "dish" for a "Dinas Perhubungan ...").
fn contractions(canonical: &[String]) -> Vec<String> {
    // Each abbreviation's full words without filler, read once: every name of every instansi
    // is compared with all of them.
    static FULLS: std::sync::OnceLock<Vec<(&'static [String], Vec<String>)>> =
        std::sync::OnceLock::new();
    let fulls = FULLS.get_or_init(|| {
        table()
            .iter()
            .map(|(short, full)| {
                let kept = full
                    .iter()
                    .filter(|w| !FILLER.contains(&w.as_str()))
                    .cloned()
                    .collect();
                (short.as_slice(), kept)
            })
            .collect()
    });
    fulls
        .iter()
        .filter(|(_, full)| {
            !full.is_empty()
                && canonical
                    .windows(full.len())
                    .any(|win| win == full.as_slice())
        })
        .flat_map(|(short, _)| short.iter().cloned())
        .collect()
}

/// One name of an instansi (its name, its code or an alias), read once for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameForm {
    /// The words it stands for (abbreviations written out, no filler).
    pub canonical: Vec<String>,
    /// Every word a typed word may match: the canonical words, the words as written, and the
    /// abbreviations of the written-out words.
    pub words: BTreeSet<String>,
}

impl NameForm {
    pub fn new(name: &str) -> NameForm {
        let canonical = canonical(name);
        let mut all: BTreeSet<String> = canonical.iter().cloned().collect();
        all.extend(words(name));
        all.extend(contractions(&canonical));
        NameForm {
            canonical,
            words: all,
        }
    }

    /// Whether every typed word is one of this name's words, or the start of one (a picker
    /// narrows as one types). None when nothing but filler was typed.
    fn covers(&self, query: &[String]) -> bool {
        !query.is_empty()
            && query.iter().all(|q| {
                self.words
                    .iter()
                    .any(|w| w == q || w.starts_with(q.as_str()))
            })
    }
}

/// An instansi's names, as the matcher reads them: its name, its code and its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub code: String,
    pub forms: Vec<NameForm>,
}

impl Names {
    pub fn new<'a>(code: &str, name: &str, aliases: impl IntoIterator<Item = &'a str>) -> Names {
        let mut forms = vec![NameForm::new(name)];
        forms.extend(aliases.into_iter().map(NameForm::new));
        Names {
            code: code.to_string(),
            forms,
        }
    }

    /// How well `query` names this instansi: None when some typed word is not among its words.
    /// Otherwise the canonical words of each of its names the query covers, which decide between
    /// two matches (the one whose words are a part of the other's is the one meant).
    pub fn matched(&self, query: &str) -> Option<Match> {
        self.matched_read(&Query::new(query))
    }

    /// `matched` for a query read once (`resolve` asks every instansi about the same query).
    pub fn matched_read(&self, query: &Query) -> Option<Match> {
        let trimmed = query.raw.trim();
        if !trimmed.is_empty() && trimmed.eq_ignore_ascii_case(&self.code) {
            return Some(Match::Exact);
        }
        let q = &query.canonical;
        let q_set: BTreeSet<&String> = q.iter().collect();
        let mut covering: Vec<BTreeSet<String>> = Vec::new();
        for form in &self.forms {
            let own: BTreeSet<&String> = form.canonical.iter().collect();
            if !own.is_empty() && own == q_set {
                return Some(Match::Exact);
            }
            if form.covers(q) {
                covering.push(form.canonical.iter().cloned().collect());
            }
        }
        (!covering.is_empty()).then_some(Match::Words(covering))
    }

    /// Whether the picker keeps this instansi while `query` is typed: every word matches.
    pub fn narrows_to(&self, query: &str) -> bool {
        self.narrows_to_read(&Query::new(query))
    }

    /// `narrows_to` with the typed text read once for a whole list.
    pub fn narrows_to_read(&self, query: &Query) -> bool {
        let (query, q) = (&query.raw, &query.canonical);
        q.is_empty()
            || self
                .code
                .to_lowercase()
                .starts_with(&query.trim().to_lowercase())
            || self.forms.iter().any(|f| f.covers(q))
    }

    /// The first of this instansi's names written out in full in `text_canonical` (the
    /// canonical words of a report's text), if any: "the text names ...".
    pub fn named_in(&self, text_canonical: &[String]) -> Option<usize> {
        self.forms.iter().position(|f| {
            // One word ("Kota") is too little to say a text names an instansi.
            f.canonical.len() >= 2
                && text_canonical
                    .windows(f.canonical.len())
                    .any(|w| w == f.canonical.as_slice())
        })
    }
}

/// What was typed, read once: a picker narrows thousands of options by it on every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    raw: String,
    canonical: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            raw: text.to_string(),
            canonical: canonical(text),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The code, or a name's words exactly.
    Exact,
    /// Every typed word is a word of each name whose canonical words these are.
    Words(Vec<BTreeSet<String>>),
}

/// What a typed name resolves to among `candidates` (indexes into it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    One(usize),
    None,
    /// Several fit equally: the caller names them and guesses none.
    Ambiguous(Vec<usize>),
}

/// The instansi `query` names: the one whose code or name it is exactly; else those all of whose
/// typed words match, less any whose words include another match's (a query that fits "Dishub
/// Kota Semarang" fits a unit below it named "UPT Parkir Dishub Kota Semarang" too, and means the
/// first). One left is the answer; more are ambiguous.
pub fn resolve(candidates: &[&Names], query: &str) -> Resolved {
    let query = Query::new(query);
    let matches: Vec<(usize, Match)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.matched_read(&query).map(|m| (i, m)))
        .collect();
    let exact: Vec<usize> = matches
        .iter()
        .filter(|(_, m)| *m == Match::Exact)
        .map(|(i, _)| *i)
        .collect();
    match exact.as_slice() {
        [one] => return Resolved::One(*one),
        [] => {}
        many => return Resolved::Ambiguous(many.to_vec()),
    }
    let sets: Vec<(usize, &Vec<BTreeSet<String>>)> = matches
        .iter()
        .filter_map(|(i, m)| match m {
            Match::Words(s) => Some((*i, s)),
            Match::Exact => None,
        })
        .collect();
    // Dropped: a match one of whose names holds all the words of another match's name, and more.
    let within = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.len() < b.len() && a.is_subset(b);
    let minimal: Vec<usize> = sets
        .iter()
        .filter(|(i, own)| {
            !sets
                .iter()
                .any(|(j, other)| j != i && own.iter().any(|b| other.iter().any(|a| within(a, b))))
        })
        .map(|(i, _)| *i)
        .collect();
    if minimal.is_empty() && !sets.is_empty() {
        // Each holds the other's words by some name: nothing tells them apart.
        return Resolved::Ambiguous(sets.iter().map(|(i, _)| *i).collect());
    }
    match minimal.as_slice() {
        [] => Resolved::None,
        [one] => Resolved::One(*one),
        many => Resolved::Ambiguous(many.to_vec()),
    }
}

/// The aliases the table gives a name: each abbreviation in it written out, and each written-out
/// form abbreviated ("Dishub Kota Semarang" -> "Dinas Perhubungan Kota Semarang"; "Kementerian
/// Kesehatan" -> "Kemenkes"). Used to seed a tree's aliases from its names.
pub fn table_aliases(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Two rounds: "Perumda Air Minum" is written out first, and that form then abbreviated
    // ("PDAM").
    let mut round = vec![name.to_string()];
    for _ in 0..2 {
        let mut next = Vec::new();
        for from_name in &round {
            // Place words ("Kab." for "Kabupaten") stay as the tree writes them.
            for (short, full) in ABBREVIATIONS.iter().filter(|(_, f)| f.contains(' ')) {
                for (from, to) in [(short, full), (full, short)] {
                    if let Some(replaced) = replace_words(from_name, from, to)
                        && replaced != name
                        && !out.contains(&replaced)
                    {
                        out.push(replaced.clone());
                        next.push(replaced);
                    }
                }
            }
        }
        round = next;
    }
    out
}

/// `name` with the whole words `from` (case-insensitive) replaced by `to`, if they occur.
fn replace_words(name: &str, from: &str, to: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let needle = from.to_lowercase();
    let mut start = 0;
    while let Some(pos) = lower[start..].find(&needle) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok && lower.len() == name.len() {
            return Some(format!("{}{}{}", &name[..at], to, &name[end..]));
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests;
