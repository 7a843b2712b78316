//! Synthetic reporters for `meja seed`: names whose parts fit together, and phone numbers,
//! e-mail addresses and NIKs that look real but reach nobody (example domains, random digits).

use super::pick;
use crate::seed::data::{self, NamePart};
use rand::Rng;
use rand::seq::IndexedRandom;

/// A given name and a family name whose genders fit together.
fn name_parts<R: Rng + ?Sized>(rng: &mut R) -> (&'static NamePart, &'static NamePart) {
    static ANY_FIRST: NamePart = NamePart {
        name: "Dian",
        gender: data::Gender::Any,
    };
    let first = data::FIRST_NAMES.choose(rng).unwrap_or(&ANY_FIRST);
    for _ in 0..16 {
        if let Some(last) = data::LAST_NAMES.choose(rng)
            && first.gender.fits(last.gender)
        {
            return (first, last);
        }
    }
    let last = data::LAST_NAMES
        .iter()
        .find(|n| first.gender.fits(n.gender))
        .unwrap_or(&ANY_FIRST);
    (first, last)
}

/// A synthetic reporter name such as "Siti Rahayu"; the parts never mix genders.
pub fn person_name(rng: &mut impl Rng) -> String {
    let (first, last) = name_parts(rng);
    let mut s = String::with_capacity(first.name.len() + last.name.len() + 1);
    s.push_str(first.name);
    s.push(' ');
    s.push_str(last.name);
    s
}

/// Mobile prefixes in common use.
static PHONE_PREFIX: &[&str] = &[
    "0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853", "0855", "0856", "0857",
    "0858", "0815", "0816", "0817", "0818", "0819", "0859", "0877", "0878", "0881", "0882", "0895",
    "0896", "0897",
];

fn push_digits<R: Rng + ?Sized>(rng: &mut R, s: &mut String, n: usize) {
    for _ in 0..n {
        s.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
}

/// A synthetic Indonesian mobile number, e.g. "0812-3456-7890".
pub fn phone(rng: &mut impl Rng) -> String {
    let mut s = String::with_capacity(14);
    s.push_str(pick(rng, PHONE_PREFIX));
    s.push('-');
    push_digits(rng, &mut s, 4);
    s.push('-');
    let tail = if rng.random_bool(0.7) { 4 } else { 3 };
    push_digits(rng, &mut s, tail);
    s
}

/// Reserved or invented example domains only: no mail can reach a real person.
static EMAIL_DOMAINS: &[&str] = &[
    "contoh.id",
    "surel.contoh",
    "pos.contoh.id",
    "example.com",
    "example.org",
];

/// A synthetic address derived from `name` at an example domain, e.g. "siti.rahayu27@contoh.id".
pub fn email(rng: &mut impl Rng, name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 20);
    let sep = pick(rng, &[".", "_", ""]);
    let mut words = 0;
    for w in name.split_whitespace() {
        let start = s.len();
        if words > 0 {
            s.push_str(sep);
        }
        let before = s.len();
        s.extend(
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        if s.len() == before {
            s.truncate(start);
        } else {
            words += 1;
        }
    }
    if words == 0 {
        s.push_str("warga");
    }
    if rng.random_bool(0.6) {
        let n = rng.random_range(1..100u8);
        if n >= 10 {
            s.push(char::from(b'0' + n / 10));
        }
        s.push(char::from(b'0' + n % 10));
    }
    s.push('@');
    s.push_str(pick(rng, EMAIL_DOMAINS));
    s
}

/// First two digits of real province codes, so that NIKs look plausible (the rest is random).
static NIK_PROVINCE: &[&str] = &[
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "94",
];

fn push_two(s: &mut String, n: u8) {
    s.push(char::from(b'0' + n / 10));
    s.push(char::from(b'0' + n % 10));
}

/// A synthetic 16-digit NIK: province, regency and district codes, birth date (day + 40 for
/// women), serial.
pub fn nik(rng: &mut impl Rng) -> String {
    let mut s = String::with_capacity(16);
    s.push_str(pick(rng, NIK_PROVINCE));
    push_two(&mut s, rng.random_range(1..30));
    push_two(&mut s, rng.random_range(1..25));
    let day = rng.random_range(1..29u8) + if rng.random_bool(0.5) { 40 } else { 0 };
    push_two(&mut s, day);
    push_two(&mut s, rng.random_range(1..13));
    push_two(&mut s, rng.random_range(0..100));
    s.push('0');
    push_digits(rng, &mut s, 3);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;
    use std::collections::HashSet;

    #[test]
    fn emails_use_example_domains_only() {
        let mut rng = SmallRng::seed_from_u64(5);
        for name in [
            "Siti Rahayu",
            "Ni Luh Ariani",
            "I Gede O'Neil",
            "",
            "Ästrid Ünal",
        ] {
            for _ in 0..200 {
                let e = email(&mut rng, name);
                let (local, domain) = e.split_once('@').unwrap_or(("", ""));
                assert!(EMAIL_DOMAINS.contains(&domain), "{e}");
                assert!(
                    !local.is_empty()
                        && local.bytes().all(|b| b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || b == b'.'
                            || b == b'_'),
                    "{e}"
                );
                assert!(
                    !local.starts_with(['.', '_']) && !local.ends_with(['.', '_']),
                    "{e}"
                );
            }
        }
        let n = person_name(&mut rng);
        assert!(email(&mut rng, &n).contains('@'));
    }

    #[test]
    fn nik_and_phone_are_well_formed() {
        let mut rng = SmallRng::seed_from_u64(9);
        for _ in 0..2000 {
            let n = nik(&mut rng);
            assert_eq!(n.len(), 16, "{n}");
            assert!(n.bytes().all(|b| b.is_ascii_digit()), "{n}");
            let p = phone(&mut rng);
            assert!(p.starts_with("08") && (13..=14).contains(&p.len()), "{p}");
            assert!(p.bytes().all(|b| b.is_ascii_digit() || b == b'-'), "{p}");
        }
    }

    #[test]
    fn names_respect_gender() {
        let mut rng = SmallRng::seed_from_u64(11);
        for _ in 0..5000 {
            let (first, last) = name_parts(&mut rng);
            assert!(
                first.gender.fits(last.gender),
                "{} {}",
                first.name,
                last.name
            );
        }
        let mut seen = HashSet::new();
        for _ in 0..2000 {
            let n = person_name(&mut rng);
            let first = data::FIRST_NAMES
                .iter()
                .filter(|f| n.starts_with(&format!("{} ", f.name)))
                .max_by_key(|f| f.name.len());
            let first = first.unwrap_or_else(|| panic!("unknown first name in {n}"));
            let rest = &n[first.name.len() + 1..];
            let last = data::LAST_NAMES
                .iter()
                .find(|l| l.name == rest)
                .unwrap_or_else(|| panic!("unknown last name in {n}"));
            assert!(first.gender.fits(last.gender), "{n}");
            seen.insert(n);
        }
        assert!(seen.len() > 500, "{}", seen.len());
    }
}
