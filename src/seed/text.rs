//! Composer of synthetic complaint texts for `meja seed`.
//!
//! Every text is assembled from short fragments written for this project (never copied from real
//! reports): a greeting, a problem phrase of the report's subtopic, synthetic details (since when,
//! how many people are affected, whom the reporter already asked), a request and a closing. The
//! wording follows the klasifikasi: a complaint, a suggestion, an information request, a careful
//! whistle-blowing report or a procurement irregularity.
//!
//! The fragments are data, in `src/seed/phrases/` (see [`super::phrases`]); the sentences that
//! join them are the templates below. Performance matters (the seeder composes a million texts):
//! the fragments are parsed once into static slices of the embedded files, each text is one
//! pre-sized `String` filled with `push_str`, and numbers come from static tables, so no
//! formatting happens per call.
//!
//! The same seed must compose the same bytes: the console snapshots and `tests/seed_facts.rs` read
//! seeded reports, and `tests/seed_text.rs` holds the composer to a recorded digest.

use crate::domain::types::Klasifikasi;
use crate::seed::phrases::{Fragments, Shared, phrases};
use rand::Rng;
use rand::seq::IndexedRandom;

mod identity;
#[cfg(test)]
mod tests;

pub use identity::{email, nik, person_name, phone};

pub struct ComposedText {
    pub judul: String,
    pub isi: String,
    pub tags: Vec<String>,
}

pub struct Place<'a> {
    pub regency: &'a str,
    pub village: &'a str,
    pub street: &'a str,
}

/// Bounds of a composed title and body, in characters.
const JUDUL_MIN: usize = 30;
const JUDUL_MAX: usize = 90;
const ISI_MIN: usize = 200;
const ISI_MAX: usize = 600;

// Numbers, written out so that no text formats one.
static SMALL: &[&str] = &["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
static TIMES: &[&str] = &["2", "3", "4", "5"];
static COUNT: &[&str] = &[
    "12", "15", "20", "25", "30", "35", "40", "45", "50", "60", "70", "80", "100", "120", "150",
    "200",
];
static AMOUNT: &[&str] = &[
    "50.000",
    "75.000",
    "100.000",
    "150.000",
    "200.000",
    "250.000",
    "300.000",
    "350.000",
    "500.000",
    "750.000",
    "1.000.000",
    "1.500.000",
    "2.000.000",
];

/// One random element of a list ("" for an empty one, which the phrase files never have).
fn pick<R: Rng + ?Sized>(rng: &mut R, list: &[&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or("")
}

/// The place split into the pieces the templates need.
struct Loc<'a> {
    /// "Desa " or "Kelurahan " (empty when the village already carries it).
    vp: &'static str,
    village: &'a str,
    regency: &'a str,
    /// "Jl. " when the street comes without "Jl."/"Gg.".
    sp: &'static str,
    street: &'a str,
}

impl<'a> Loc<'a> {
    fn new(place: &Place<'a>) -> Self {
        let v = place.village;
        let vp =
            if v.starts_with("Desa ") || v.starts_with("Kelurahan ") || v.starts_with("Kampung ") {
                ""
            } else if place.regency.starts_with("Kota ") {
                "Kelurahan "
            } else {
                "Desa "
            };
        let s = place.street;
        let sp = if s.starts_with("Jl.") || s.starts_with("Gg.") || s.starts_with("Jalan ") {
            ""
        } else {
            "Jl. "
        };
        Loc {
            vp,
            village: v,
            regency: place.regency,
            sp,
            street: s,
        }
    }
}

fn total(parts: &[&str]) -> usize {
    parts.iter().map(|p| p.len()).sum()
}

/// Pushes `parts` with the first letter in upper case.
fn push_cap(s: &mut String, parts: &[&str]) {
    let mut first = true;
    for p in parts {
        if first && !p.is_empty() {
            let mut chars = p.chars();
            if let Some(c) = chars.next() {
                s.extend(c.to_uppercase());
            }
            s.push_str(chars.as_str());
            first = false;
        } else {
            s.push_str(p);
        }
    }
}

/// The title made of `parts` when its length is within bounds.
fn build_title(parts: &[&str]) -> Option<String> {
    let n = total(parts);
    if !(JUDUL_MIN..=JUDUL_MAX).contains(&n) {
        return None;
    }
    let mut s = String::with_capacity(n + 2);
    push_cap(&mut s, parts);
    Some(s)
}

/// Last resort: the parts joined, then padded or cut to the bounds.
fn forced_title(parts: &[&str]) -> String {
    let mut s = String::with_capacity(JUDUL_MAX + 4);
    push_cap(&mut s, parts);
    if s.len() < JUDUL_MIN {
        s.push_str(", mohon ditindaklanjuti");
    }
    while s.len() < JUDUL_MIN {
        s.push_str(" segera");
    }
    if s.chars().count() > JUDUL_MAX {
        let cut = s
            .char_indices()
            .nth(JUDUL_MAX)
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        s.truncate(cut);
        if let Some(i) = s.rfind(' ') {
            s.truncate(i);
        }
        while s.len() < JUDUL_MIN {
            s.push('.');
        }
    }
    s
}

/// Title template `t` of a klasifikasi around `x` (problem, suggestion, information, service or
/// project phrase); `None` when the result would be too short or too long.
fn candidate(
    t: usize,
    k: Klasifikasi,
    loc: bool,
    x: &str,
    n: &str,
    unit: &str,
    l: &Loc,
) -> Option<String> {
    let (vp, v, reg, sp, st) = (l.vp, l.village, l.regency, l.sp, l.street);
    match k {
        Klasifikasi::Pengaduan if loc => {
            let di = at(x);
            match t {
                0 => build_title(&[x, di, sp, st, ", ", vp, v]),
                1 => build_title(&[x, di, vp, v, ", ", reg]),
                2 => build_title(&["sudah ", n, " ", unit, " ", x, di, sp, st]),
                3 => build_title(&["mohon perhatian, ", x, di, vp, v]),
                _ => build_title(&[x, di, sp, st, " belum ditangani"]),
            }
        }
        Klasifikasi::Pengaduan => match t {
            0 => build_title(&[x]),
            1 => build_title(&[x, " di ", reg]),
            2 => build_title(&["sudah ", n, " ", unit, " ", x]),
            3 => build_title(&["mohon bantuan, ", x]),
            _ => build_title(&["keluhan warga ", vp, v, ": ", x]),
        },
        Klasifikasi::Aspirasi => match t {
            0 => build_title(&["usulan ", x, " di ", vp, v]),
            1 if loc => build_title(&["usul ", x, " di ", sp, st]),
            1 => build_title(&["usul ", x, " untuk warga ", v]),
            2 => build_title(&["mohon dipertimbangkan ", x, " di ", reg]),
            3 => build_title(&["aspirasi warga ", vp, v, ": ", x]),
            _ => build_title(&["usulan ", x]),
        },
        Klasifikasi::PermintaanInformasi => match t {
            0 => build_title(&["mohon informasi ", x]),
            1 => build_title(&["pertanyaan mengenai ", x, " di ", reg]),
            2 => build_title(&["mohon informasi ", x, " untuk warga ", vp, v]),
            3 => build_title(&["informasi ", x, " di ", vp, v]),
            _ => build_title(&["mohon penjelasan tentang ", x]),
        },
        Klasifikasi::Wbs => match t {
            0 => build_title(&["dugaan pungli dalam ", x, " di ", vp, v]),
            1 => build_title(&["oknum petugas diduga meminta uang dalam ", x]),
            2 => build_title(&["dugaan gratifikasi pada ", x, " di ", reg]),
            3 => build_title(&["laporan dugaan pungutan liar ", x, " di ", v]),
            _ => build_title(&["dugaan pungutan tidak resmi dalam ", x]),
        },
        Klasifikasi::Pengadaan => match t {
            0 => build_title(&["dugaan penyimpangan ", x, " di ", vp, v]),
            1 => build_title(&["pekerjaan ", x, " di ", reg, " diduga tidak sesuai kontrak"]),
            2 => build_title(&["kejanggalan proyek ", x, " di ", reg]),
            3 => build_title(&["proyek ", x, " di ", vp, v, " diduga bermasalah"]),
            _ => build_title(&["mohon audit ", x, " di ", reg]),
        },
    }
}

/// " di " before a place, or " sekitar " when the phrase already says where ("di persimpangan").
fn at(phrase: &str) -> &'static str {
    if phrase.contains(" di ") {
        " sekitar "
    } else {
        " di "
    }
}

/// Number of title templates per klasifikasi.
const TITLE_TEMPLATES: usize = 5;

/// What title and body share: the main phrase (problem, suggestion, information, service or
/// project, after the klasifikasi) and a duration ("3 bulan").
struct Core {
    x: &'static str,
    n: &'static str,
    unit: &'static str,
}

impl Core {
    fn new<R: Rng + ?Sized>(rng: &mut R, sh: &Shared, f: &Fragments, k: Klasifikasi) -> Self {
        let list = match k {
            Klasifikasi::Pengaduan => &f.problem,
            Klasifikasi::Aspirasi => &f.suggestion,
            Klasifikasi::PermintaanInformasi => &f.information,
            Klasifikasi::Wbs => &f.service,
            Klasifikasi::Pengadaan => &f.project,
        };
        Core {
            x: pick(rng, list),
            n: pick(rng, SMALL),
            unit: pick(rng, &sh.unit),
        }
    }
}

fn title<R: Rng + ?Sized>(rng: &mut R, f: &Fragments, k: Klasifikasi, l: &Loc, c: &Core) -> String {
    let start = rng.random_range(0..TITLE_TEMPLATES);
    let (x, n, unit) = (c.x, c.n, c.unit);
    for o in 0..TITLE_TEMPLATES {
        if let Some(s) = candidate((start + o) % TITLE_TEMPLATES, k, f.street, x, n, unit, l) {
            return s;
        }
    }
    forced_title(&[x, " di ", l.regency])
}

/// A body under construction, kept within [`ISI_MAX`].
struct Body {
    s: String,
}

impl Body {
    fn new() -> Self {
        Body {
            s: String::with_capacity(ISI_MAX + 64),
        }
    }
    fn push(&mut self, parts: &[&str]) {
        for p in parts {
            self.s.push_str(p);
        }
    }
    /// Pushes `parts` when they fit with `reserve` bytes left for what must follow.
    fn try_push(&mut self, parts: &[&str], reserve: usize) -> bool {
        if self.s.len() + total(parts) + reserve <= ISI_MAX {
            self.push(parts);
            true
        } else {
            false
        }
    }
    /// Pads a short body with neutral sentences, then adds the closing.
    fn finish<R: Rng + ?Sized>(mut self, rng: &mut R, sh: &Shared, close: &str) -> String {
        let mut i = rng.random_range(0..sh.filler.len());
        let mut tries = 0;
        while self.s.len() + close.len() < ISI_MIN && tries < sh.filler.len() {
            self.try_push(&[sh.filler[i]], close.len());
            i = (i + 1) % sh.filler.len();
            tries += 1;
        }
        self.s.push_str(close);
        self.s
    }
    /// "Desa X, Kabupaten Y" (with the street first when `street`).
    fn place(&mut self, l: &Loc, street: bool) {
        if street {
            self.push(&[l.sp, l.street, ", "]);
        }
        self.push(&[l.vp, l.village, ", ", l.regency]);
    }
}

fn body_pengaduan<R: Rng + ?Sized>(
    rng: &mut R,
    sh: &Shared,
    f: &Fragments,
    l: &Loc,
    c: &Core,
) -> String {
    let close = pick(rng, &sh.complaint_closing);
    let mut b = Body::new();
    b.push(&[pick(rng, &sh.greeting), pick(rng, &sh.resident)]);
    b.place(l, !f.street);
    let p = c.x;
    b.push(&[", ", pick(rng, &sh.complaint_opening), p]);
    if f.street {
        b.push(&[at(p), l.sp, l.street]);
    }
    let (n, unit) = (c.n, c.unit);
    match rng.random_range(0..4) {
        0 => b.push(&[" sejak ", n, " ", unit, " yang lalu. "]),
        1 => b.push(&[" yang sudah berlangsung sekitar ", n, " ", unit, ". "]),
        2 => b.push(&[" dan sudah ", n, " ", unit, " belum ada penyelesaian. "]),
        _ => b.push(&[". "]),
    }
    let request = [pick(rng, &sh.request_opening), pick(rng, &f.request), ". "];
    let reserve = total(&request) + close.len();
    if rng.random_bool(0.8) {
        b.try_push(&[pick(rng, &f.detail), " "], reserve);
    }
    let (affected, tried) = match rng.random_range(0..8) {
        0..=3 => (true, false),
        4..=6 => (false, true),
        _ => (false, false),
    };
    if affected {
        let (c, w) = (pick(rng, COUNT), pick(rng, &f.affected));
        if rng.random_bool(0.5) {
            b.try_push(
                &["Sedikitnya ", c, " ", w, " terdampak masalah ini. "],
                reserve,
            );
        } else {
            b.try_push(
                &["Ada sekitar ", c, " ", w, " yang merasakan akibatnya. "],
                reserve,
            );
        }
    }
    if tried {
        let k = pick(rng, &f.told);
        match rng.random_range(0..3) {
            0 => b.try_push(
                &[
                    "Kami sudah menyampaikan hal ini kepada ",
                    k,
                    ", tetapi belum ada tindak lanjut. ",
                ],
                reserve,
            ),
            1 => b.try_push(
                &[
                    "Sebelumnya sudah dilaporkan ke ",
                    k,
                    " namun sampai sekarang belum ada kejelasan. ",
                ],
                reserve,
            ),
            _ => b.try_push(
                &[
                    "Kami sudah ",
                    pick(rng, TIMES),
                    " kali menghubungi ",
                    k,
                    " tanpa hasil. ",
                ],
                reserve,
            ),
        };
    }
    b.push(&request);
    b.finish(rng, sh, close)
}

fn body_aspirasi<R: Rng + ?Sized>(
    rng: &mut R,
    sh: &Shared,
    f: &Fragments,
    l: &Loc,
    c: &Core,
) -> String {
    let close = pick(rng, &sh.suggestion_closing);
    let ask = pick(rng, &sh.suggestion_ask);
    let reserve = ask.len() + close.len();
    let mut b = Body::new();
    b.push(&[pick(rng, &sh.greeting), pick(rng, &sh.resident)]);
    b.place(l, false);
    b.push(&[", ", pick(rng, &sh.suggestion_opening), c.x]);
    if f.street {
        b.push(&[at(c.x), l.sp, l.street, ". "]);
    } else if rng.random_bool(0.5) {
        b.push(&[" bagi warga di wilayah kami. "]);
    } else {
        b.push(&[". "]);
    }
    let p = pick(rng, &f.problem);
    match rng.random_range(0..3) {
        0 => b.try_push(&["Selama ini warga mengeluhkan ", p, ". "], reserve),
        1 => b.try_push(
            &[
                "Usulan ini kami sampaikan karena masih ada keluhan soal ",
                p,
                ". ",
            ],
            reserve,
        ),
        _ => b.try_push(&["Saat ini ", p, " masih menjadi keluhan warga. "], reserve),
    };
    if rng.random_bool(0.6) {
        let (forum, c, w) = (
            pick(rng, &sh.forum),
            pick(rng, COUNT),
            pick(rng, &f.affected),
        );
        b.try_push(
            &[
                "Usulan ini sudah dibahas dalam ",
                forum,
                " dan didukung sekitar ",
                c,
                " ",
                w,
                ". ",
            ],
            reserve,
        );
    }
    b.push(&[ask]);
    b.finish(rng, sh, close)
}

fn body_informasi<R: Rng + ?Sized>(
    rng: &mut R,
    sh: &Shared,
    f: &Fragments,
    l: &Loc,
    c: &Core,
) -> String {
    let close = pick(rng, &sh.information_closing);
    let mut b = Body::new();
    b.push(&[pick(rng, &sh.greeting), pick(rng, &sh.resident)]);
    b.place(l, rng.random_bool(0.3));
    b.push(&[". Mohon informasi mengenai ", c.x, ". "]);
    b.try_push(&[pick(rng, &sh.question)], close.len());
    let p = pick(rng, &f.problem);
    if rng.random_bool(0.5) {
        b.try_push(
            &[
                "Kami bertanya karena ",
                p,
                " dan kami ingin tahu langkah yang benar. ",
            ],
            close.len(),
        );
    } else {
        b.try_push(
            &[
                "Pertanyaan ini muncul karena ada keluhan soal ",
                p,
                if p.contains(" di ") {
                    ". "
                } else {
                    " di lingkungan kami. "
                },
            ],
            close.len(),
        );
    }
    b.finish(rng, sh, close)
}

fn body_wbs<R: Rng + ?Sized>(rng: &mut R, sh: &Shared, f: &Fragments, l: &Loc, c: &Core) -> String {
    let close = pick(rng, &sh.whistle_closing);
    let ask = [
        "Kami mohon dugaan ini diperiksa oleh ",
        pick(rng, &sh.bribe_auditor),
        " dan identitas pelapor dirahasiakan. ",
    ];
    let reserve = total(&ask) + close.len();
    let mut b = Body::new();
    b.push(&[
        pick(rng, &sh.greeting),
        ", saya ingin melaporkan dugaan ",
        pick(rng, &sh.bribe_kind),
        " dalam ",
        c.x,
        " di ",
    ]);
    b.place(l, false);
    b.push(&[". "]);
    let amount = pick(rng, AMOUNT);
    if rng.random_bool(0.6) {
        b.push(&[
            "Seorang oknum petugas, yang namanya sengaja tidak kami sebutkan di sini, diduga meminta uang sekitar Rp",
            amount,
            " ",
            pick(rng, &sh.bribe_reason),
            ". ",
        ]);
    } else {
        b.push(&[
            "Menurut pengalaman kami, ada oknum yang diduga menerima imbalan sekitar Rp",
            amount,
            " agar ",
            pick(rng, &sh.bribe_favour),
            ". ",
        ]);
    }
    match rng.random_range(0..4) {
        0 => b.try_push(
            &["Setahu kami layanan ini tidak dipungut biaya di luar ketentuan resmi. "],
            reserve,
        ),
        1 => b.try_push(
            &[
                "Menurut cerita warga lain, setidaknya ",
                pick(rng, COUNT),
                " ",
                pick(rng, &f.affected),
                " mengalami hal serupa. ",
            ],
            reserve,
        ),
        2 => b.try_push(
            &[
                "Kejadian ini terjadi sekitar ",
                pick(rng, SMALL),
                " ",
                pick(rng, &sh.unit),
                " yang lalu dan kami masih menyimpan buktinya. ",
            ],
            reserve,
        ),
        _ => false,
    };
    b.push(&ask);
    b.finish(rng, sh, close)
}

fn body_pengadaan<R: Rng + ?Sized>(
    rng: &mut R,
    sh: &Shared,
    f: &Fragments,
    l: &Loc,
    c: &Core,
) -> String {
    let close = pick(rng, &sh.whistle_closing);
    let ask = [
        "Mohon ",
        pick(rng, &sh.audit_who),
        " memeriksa ",
        pick(rng, &sh.audit_what),
        ". ",
    ];
    let reserve = total(&ask) + close.len();
    let mut b = Body::new();
    b.push(&[
        pick(rng, &sh.greeting),
        ", saya ingin melaporkan dugaan penyimpangan pada pekerjaan ",
        c.x,
        " di ",
    ]);
    b.place(l, f.street && rng.random_bool(0.5));
    b.push(&[". "]);
    let first = rng.random_range(0..sh.irregularity.len());
    b.push(&[sh.irregularity[first]]);
    match rng.random_range(0..3) {
        // A second irregularity, when there is another to tell.
        0 if sh.irregularity.len() > 1 => {
            let second =
                (first + rng.random_range(1..sh.irregularity.len())) % sh.irregularity.len();
            b.try_push(&[sh.irregularity[second]], reserve)
        }
        1 => b.try_push(
            &[
                "Pekerjaan ini dimulai sekitar ",
                pick(rng, SMALL),
                " bulan yang lalu. ",
            ],
            reserve,
        ),
        _ => false,
    };
    b.push(&ask);
    b.finish(rng, sh, close)
}

fn tags<R: Rng + ?Sized>(rng: &mut R, f: &Fragments, k: Klasifikasi) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(3);
    let push = |t: &str, out: &mut Vec<String>| {
        if out.len() < 3 && !t.is_empty() && out.iter().all(|o| o != t) {
            out.push(t.to_string());
        }
    };
    let mut list = f.tag.iter();
    if let Some(first) = list.next() {
        push(first, &mut out);
    }
    for t in list {
        if rng.random_bool(0.6) {
            push(t, &mut out);
        }
    }
    match k {
        Klasifikasi::Wbs => push("pungli", &mut out),
        Klasifikasi::Pengadaan => push("pengadaan", &mut out),
        _ => {}
    }
    if out.is_empty() {
        out.push("pelayanan-publik".to_string());
    }
    out
}

/// A synthetic complaint (judul, isi, tags) for a subtopic key of
/// [`crate::seed::data::CATEGORIES`]; unknown
/// keys get a generic public-service text.
pub fn compose(
    rng: &mut impl Rng,
    subtopic_key: &str,
    klasifikasi: Klasifikasi,
    place: &Place,
) -> ComposedText {
    let phrases = phrases();
    let sh = &phrases.shared;
    let f = phrases.subtopic(subtopic_key).unwrap_or(&phrases.generic);
    let l = Loc::new(place);
    let c = Core::new(rng, sh, f, klasifikasi);
    let judul = title(rng, f, klasifikasi, &l, &c);
    let isi = match klasifikasi {
        Klasifikasi::Pengaduan => body_pengaduan(rng, sh, f, &l, &c),
        Klasifikasi::Aspirasi => body_aspirasi(rng, sh, f, &l, &c),
        Klasifikasi::PermintaanInformasi => body_informasi(rng, sh, f, &l, &c),
        Klasifikasi::Wbs => body_wbs(rng, sh, f, &l, &c),
        Klasifikasi::Pengadaan => body_pengadaan(rng, sh, f, &l, &c),
    };
    let tags = tags(rng, f, klasifikasi);
    ComposedText { judul, isi, tags }
}
