//! The command palette: every action by name, narrowed by a fuzzy match on its name and description.

use super::action::{Action, Context};
use super::i18n::Lang;
use super::keymap::Conditions;

/// The complaint number typed into the palette or the filter ("1020001" or "#1020001"): an
/// officer on the phone types the tracking number the reporter reads out.
pub fn complaint_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix('#').unwrap_or(t).trim();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

/// Score of `query` as a subsequence of `text` (higher is better); None when it does not match.
/// Consecutive letters and a match at the start or after a '-' or ' ' score more.
pub fn fuzzy(query: &str, text: &str) -> Option<i64> {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0i64;
    let mut pos = 0usize;
    let mut prev: Option<usize> = None;
    for q in query.to_lowercase().chars().filter(|c| !c.is_whitespace()) {
        let found = (pos..text.len()).find(|&i| text[i] == q)?;
        score += 1;
        if prev.is_some_and(|p| p + 1 == found) {
            score += 3;
        }
        if found == 0 || matches!(text.get(found.wrapping_sub(1)), Some('-' | ' ')) {
            score += 2;
        }
        score -= (found - pos) as i64;
        prev = Some(found);
        pos = found + 1;
    }
    Some(score - text.len() as i64 / 8)
}

/// The actions the palette offers for `query`, best first.
pub fn matches(query: &str, lang: Lang, cond: &Conditions) -> Vec<Action> {
    let mut scored: Vec<(i64, usize, Action)> = Action::all()
        .into_iter()
        .enumerate()
        .filter(|(_, a)| {
            a.valid_in(Context::Queue)
                && !matches!(a, Action::GoTo)
                && !(cond.readonly && a.mutates())
        })
        .filter_map(|(i, a)| {
            if query.trim().is_empty() {
                return Some((0, i, a));
            }
            // Ranked by name first: a name or label that starts with what is typed, then one
            // with a word that does, then a word of the description that starts with it; loose
            // (subsequence) matches of the name, then of the description, come last.
            let q = query.trim().to_lowercase();
            let name = a.name();
            let label = a.label(lang).to_lowercase();
            let desc = a.describe(lang).to_lowercase();
            let tier = if name.starts_with(&q) || label.starts_with(&q) {
                5_000
            } else if name
                .split('-')
                .chain(label.split(' '))
                .any(|w| w.starts_with(&q))
            {
                4_000
            } else if desc
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&q))
            {
                3_000
            } else if fuzzy(query, &name).or(fuzzy(query, &label)).is_some() {
                2_000
            } else {
                1_000
            };
            let by_name = fuzzy(query, &name).map(|s| s + 5);
            let by_label = fuzzy(query, &label).map(|s| s + 4);
            let by_desc = fuzzy(query, &desc);
            by_name
                .max(by_label)
                .max(by_desc)
                .map(|s| (tier + s.clamp(-999, 999), i, a))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_finds_actions_by_name_and_description() {
        let c = Conditions::default();
        assert_eq!(matches("clm", Lang::En, &c)[0], Action::Claim);
        assert_eq!(matches("refr", Lang::Id, &c)[0], Action::Refresh);
        assert_eq!(matches("saring", Lang::Id, &c)[0], Action::Filter);
        assert!(matches("zzzz", Lang::Id, &c).is_empty());
        let ro = Conditions {
            readonly: true,
            ..c
        };
        assert!(!matches("claim", Lang::En, &ro).contains(&Action::Claim));
        assert!(matches("", Lang::En, &c).len() > 20);
    }
}
