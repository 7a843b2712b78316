//! Routing help: for a report awaiting disposition, the instansi most likely to be right, each
//! with why. Pure: the store finds the similar reports this desk disposed before and where they
//! went; this weighs that against the names the text gives and the place it is about.
//!
//! Three signals, each a reason shown to the admin:
//! - where similar reports went: to this very instansi, or to the same office of another place
//!   ("Dishub" of another kota), which counts for the one of this report's place;
//! - an instansi the text names in full ("Yth. Dinas Perhubungan Kota Semarang"), by any of its
//!   names (`instansi_match`);
//! - the place: the kabupaten/kota or provinsi the location or text names, or the desk holding
//!   the report when that is not the national one.

use super::instansi_match::{Names, canonical};
use super::lang::Lang;
use super::lifecycle::InstansiId;
use super::model::Instansi;
use super::types::InstansiKind;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// How many suggestions are shown.
pub const SUGGESTIONS: usize = 3;
/// The rank of a similar report at which its vote counts half as much as the best match's.
const RANK_HALF: f64 = 100.0;

/// Why an instansi is suggested.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// `count` similar reports were disposed to this instansi.
    Similar { count: u32, to: String },
    /// `count` similar reports went to the same office in other places; this one is the
    /// office of the report's place.
    SameOffice { count: u32, place: String },
    /// The text names it by one of its names.
    Named { name: String },
    /// It lies in the place the report is about.
    Place { place: String },
}

impl Reason {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::Similar { count, to }, Lang::Id) => {
                format!("{count} laporan serupa didisposisikan ke {to}")
            }
            (Reason::Similar { count, to }, Lang::En) => {
                format!("{count} similar report{} went to {to}", plural(*count))
            }
            (Reason::SameOffice { count, place }, Lang::Id) => format!(
                "{count} laporan serupa ke kantor yang sama di tempat lain; lokasinya {place}"
            ),
            (Reason::SameOffice { count, place }, Lang::En) => format!(
                "{count} similar report{} went to the same office elsewhere; the place is {place}",
                plural(*count)
            ),
            (Reason::Named { name }, Lang::Id) => format!("teksnya menyebut {name}"),
            (Reason::Named { name }, Lang::En) => format!("the text names {name}"),
            (Reason::Place { place }, Lang::Id) => format!("lokasinya di {place}"),
            (Reason::Place { place }, Lang::En) => format!("the place is {place}"),
        }
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One suggested instansi, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub instansi_id: InstansiId,
    pub code: String,
    pub name: String,
    /// Relative weight (for ordering; not a probability).
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// What the ranking reads of the report and of the tree.
pub struct Report<'a> {
    pub judul: &'a str,
    pub isi: &'a str,
    pub lokasi: Option<&'a str>,
    /// The instansi holding the report now.
    pub holder: InstansiId,
}

/// The tree as the ranking reads it: every instansi, the matcher's reading of each (parallel),
/// and which of them the actor may dispose to.
pub struct Tree<'a> {
    pub instansi: &'a [Instansi],
    pub names: &'a [Names],
    pub may_dispose: &'a dyn Fn(&Instansi) -> bool,
}

/// The office an instansi is, apart from its place: its name's words less its parent's ("Dishub
/// Kota Semarang" under "Kota Semarang": dinas perhubungan). Similar reports that went to Dishub
/// of another kota count for this report's own kota's Dishub.
fn office(tree: &Tree<'_>, by_id: &HashMap<InstansiId, usize>, i: usize) -> BTreeSet<String> {
    // The name's canonical words, read once per reload (`Names`), else read here.
    let words = |i: usize| -> BTreeSet<String> {
        match tree.names.get(i).and_then(|n| n.forms.first()) {
            Some(form) => form.canonical.iter().cloned().collect(),
            None => canonical(&tree.instansi[i].name).into_iter().collect(),
        }
    };
    let own = words(i);
    let parent: BTreeSet<String> = tree.instansi[i]
        .parent_id
        .and_then(|p| by_id.get(&p))
        .map(|&p| words(p))
        .unwrap_or_default();
    // A kabupaten's units write "Kab." where the kabupaten itself is "Kabupaten": both canonical.
    own.difference(&parent).cloned().collect()
}

/// The three instansi most likely to be right for `report`, from `disposed`: the instansi each
/// similar report (best match first) was disposed to by this desk.
pub fn suggest(tree: &Tree<'_>, report: &Report<'_>, disposed: &[InstansiId]) -> Vec<Suggestion> {
    let by_id: HashMap<InstansiId, usize> = tree
        .instansi
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id, i))
        .collect();
    let text = canonical(&format!("{} {}", report.judul, report.isi));
    let place = place_of(tree, &by_id, report, &text);
    // A closer match says more: the k-th best counts 1 / (1 + k / RANK_HALF).
    let weight = |k: usize| 1.0 / (1.0 + k as f64 / RANK_HALF);
    let total: f64 = (0..disposed.len()).map(weight).sum::<f64>().max(1.0);
    let mut to_instansi: HashMap<usize, (u32, f64)> = HashMap::new();
    let mut to_office: HashMap<BTreeSet<String>, (u32, f64)> = HashMap::new();
    for (k, id) in disposed.iter().enumerate() {
        if let Some(&i) = by_id.get(id) {
            let e = to_instansi.entry(i).or_default();
            *e = (e.0 + 1, e.1 + weight(k));
            let e = to_office.entry(office(tree, &by_id, i)).or_default();
            *e = (e.0 + 1, e.1 + weight(k));
        }
    }
    let in_place =
        |i: usize| place.is_some_and(|p| tree.instansi[i].path.starts_with(&tree.instansi[p].path));
    let mut out: Vec<Suggestion> = Vec::new();
    for (i, inst) in tree.instansi.iter().enumerate() {
        if !(tree.may_dispose)(inst) || inst.parent_id.is_none() {
            continue;
        }
        let mut score = 0.0;
        let mut reasons = Vec::new();
        // A kabupaten, kota or provinsi named in the text is where it happened (the place, below),
        // not necessarily whom the writer addresses.
        if let Some(form) = tree
            .names
            .get(i)
            .filter(|_| !is_region(inst.kind))
            .and_then(|n| n.named_in(&text))
        {
            // A name written out in the text is the writer's own routing: it leads.
            score += 2.0;
            let name = match form {
                0 => inst.name.clone(),
                _ => tree.names[i].forms[form].canonical.join(" "),
            };
            reasons.push(Reason::Named { name });
        }
        let own = to_instansi.get(&i).copied().unwrap_or_default();
        if let Some(&(n, w)) = to_instansi.get(&i) {
            score += w / total;
            reasons.push(Reason::Similar {
                count: n,
                to: inst.name.clone(),
            });
        }
        let here = in_place(i);
        if here {
            let all = to_office
                .get(&office(tree, &by_id, i))
                .copied()
                .unwrap_or_default();
            let others = all.0.saturating_sub(own.0);
            if others > 0 {
                score += (all.1 - own.1).max(0.0) / total;
                if let Some(p) = place {
                    reasons.push(Reason::SameOffice {
                        count: others,
                        place: tree.instansi[p].name.clone(),
                    });
                }
            }
        }
        if score > 0.0 && here {
            // Of two equally likely offices, the one of the report's place.
            score += 0.05;
            if let Some(p) = place
                && !reasons
                    .iter()
                    .any(|r| matches!(r, Reason::SameOffice { .. }))
            {
                reasons.push(Reason::Place {
                    place: tree.instansi[p].name.clone(),
                });
            }
        }
        if score > 0.0 {
            out.push(Suggestion {
                instansi_id: inst.id,
                code: inst.code.clone(),
                name: inst.name.clone(),
                score,
                reasons,
            });
        }
    }
    // With nothing else to go on, the place itself (its desk routes further).
    if out.is_empty()
        && let Some(p) = place
        && (tree.may_dispose)(&tree.instansi[p])
    {
        out.push(Suggestion {
            instansi_id: tree.instansi[p].id,
            code: tree.instansi[p].code.clone(),
            name: tree.instansi[p].name.clone(),
            score: 0.01,
            reasons: vec![Reason::Place {
                place: tree.instansi[p].name.clone(),
            }],
        });
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(SUGGESTIONS);
    out
}

fn is_region(k: InstansiKind) -> bool {
    matches!(
        k,
        InstansiKind::Kabupaten | InstansiKind::Kota | InstansiKind::Provinsi
    )
}

/// The place a report is about: the deepest kabupaten, kota or provinsi its location (else its
/// text) names; else the desk holding it, when that is a region rather than the national one.
fn place_of(
    tree: &Tree<'_>,
    by_id: &HashMap<InstansiId, usize>,
    report: &Report<'_>,
    text: &[String],
) -> Option<usize> {
    let named_in = |words: &[String]| {
        tree.instansi
            .iter()
            .enumerate()
            .filter(|(i, x)| {
                is_region(x.kind)
                    && tree
                        .names
                        .get(*i)
                        .is_some_and(|n| n.named_in(words).is_some())
            })
            .max_by_key(|(_, x)| x.path.len())
            .map(|(i, _)| i)
    };
    let lokasi = report.lokasi.map(canonical).unwrap_or_default();
    named_in(&lokasi).or_else(|| named_in(text)).or_else(|| {
        by_id
            .get(&report.holder)
            .copied()
            .filter(|&h| tree.instansi[h].parent_id.is_some())
    })
}

#[cfg(test)]
mod tests;
