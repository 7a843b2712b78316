//! The composer's unit tests: bounds, wording and variety of the texts, and the fragments' style.

use super::*;
use crate::seed::data;
use rand::SeedableRng;
use rand::rngs::SmallRng;
use std::collections::HashSet;

/// Places at both ends of the length range the seeder produces.
fn places() -> [Place<'static>; 4] {
    [
        Place {
            regency: "Kota Administrasi Jakarta Selatan",
            village: "Tanjung Harapan",
            street: "Jl. Perintis Kemerdekaan",
        },
        Place {
            regency: "Kabupaten Kepulauan Seribu Utara",
            village: "Gunung Samarinda",
            street: "Jl. Ki Hajar Dewantara",
        },
        Place {
            regency: "Kota Palu",
            village: "Passo",
            street: "Gg. Sawo",
        },
        Place {
            regency: "Kabupaten Sigi",
            village: "Oebobo",
            street: "Merdeka",
        },
    ]
}

fn check_text(t: &ComposedText, what: &str) {
    let jl = t.judul.chars().count();
    assert!(
        (JUDUL_MIN..=JUDUL_MAX).contains(&jl),
        "{what}: judul {jl}: {}",
        t.judul
    );
    let il = t.isi.chars().count();
    assert!(
        (ISI_MIN..=ISI_MAX).contains(&il),
        "{what}: isi {il}: {}",
        t.isi
    );
    for s in [&t.judul, &t.isi] {
        assert!(!s.contains(['{', '}', '\n']), "{what}: placeholder in {s}");
        assert!(
            !s.contains("  ") && !s.contains(" ,") && !s.contains(" .") && !s.contains(".."),
            "{what}: {s}"
        );
        assert!(
            s.starts_with(|c: char| c.is_ascii_uppercase()),
            "{what}: {s}"
        );
    }
    assert!(t.isi.ends_with('.'), "{what}: {}", t.isi);
    let plain = t
        .isi
        .replace("Jl. ", "Jl ")
        .replace("Gg. ", "Gg ")
        .replace("Yth. ", "Yth ");
    let sentences = plain.matches(". ").count() + plain.matches("? ").count() + 1;
    assert!(
        (3..=6).contains(&sentences),
        "{what}: {sentences} sentences: {}",
        t.isi
    );
    assert!((1..=3).contains(&t.tags.len()), "{what}: {:?}", t.tags);
    for tag in &t.tags {
        assert!(
            !tag.is_empty() && *tag == tag.to_lowercase() && !tag.contains(' '),
            "{what}: tag {tag}"
        );
    }
}

/// Where a subtopic's fragments are written, for messages.
fn at_line(key: &str, f: &Fragments) -> String {
    format!(
        "{}:{} [{key}]",
        crate::seed::phrases::SUBTOPICS_FILE,
        f.line
    )
}

#[test]
fn every_subtopic_has_its_own_fragments() {
    let phrases = phrases();
    let mut count = 0;
    for (_, s) in data::all_subtopics() {
        let f = phrases
            .subtopic(s.key)
            .unwrap_or_else(|| panic!("no fragments for {}", s.key));
        assert!(
            f.problem.len() >= 3,
            "{}: too few problems",
            at_line(s.key, f)
        );
        count += 1;
    }
    assert!(count >= 70, "{count}");
    // And no fragments for a key the seeder never uses (a misspelt key).
    for (key, f) in phrases.subtopics() {
        assert!(
            data::all_subtopics().any(|(_, s)| s.key == key),
            "{}: not a subtopic of seed::data",
            at_line(key, f)
        );
    }
}

#[test]
fn fragments_are_clean() {
    let phrases = phrases();
    let all = phrases.subtopics().chain([("*", &phrases.generic)]);
    for (key, f) in all {
        let at = at_line(key, f);
        for (name, list) in f.lists() {
            for x in list {
                assert!(x.is_ascii() && x.trim() == *x, "{at}: {name}: {x:?}");
                assert!(!x.contains("  "), "{at}: {name}: {x:?}");
                assert!(!x.contains(['{', '}']), "{at}: {name}: {x}");
                let sentence = name == "detail";
                assert_eq!(x.ends_with('.'), sentence, "{at}: {name}: {x}");
            }
        }
        for x in &f.detail {
            assert!(x.starts_with(|c: char| c.is_ascii_uppercase()), "{at}: {x}");
        }
        for t in &f.tag {
            assert!(
                t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{at}: tag {t}"
            );
        }
    }
}

#[test]
fn shared_phrases_are_clean() {
    for (name, list) in phrases().shared.lists() {
        for x in list {
            let at = crate::seed::phrases::SHARED_FILE;
            assert!(x.is_ascii() && !x.contains("  "), "{at}: {name}: {x:?}");
            assert!(!x.contains(['{', '}', '\n']), "{at}: {name}: {x:?}");
        }
    }
}

#[test]
fn compose_stays_within_bounds_for_every_key_and_klasifikasi() {
    let mut rng = SmallRng::seed_from_u64(7);
    let keys: Vec<&str> = data::all_subtopics()
        .map(|(_, s)| s.key)
        .chain(["tidak_dikenal"])
        .collect();
    for key in keys {
        for k in Klasifikasi::ALL {
            for place in &places() {
                for _ in 0..40 {
                    let t = compose(&mut rng, key, *k, place);
                    check_text(&t, &format!("{key}/{k:?}"));
                }
            }
        }
    }
}

#[test]
fn title_and_body_share_their_main_phrase() {
    let mut rng = SmallRng::seed_from_u64(13);
    for (_, sub) in data::all_subtopics() {
        let f = phrases().subtopic(sub.key).unwrap_or(&phrases().generic);
        for k in Klasifikasi::ALL {
            let list = match k {
                Klasifikasi::Pengaduan => &f.problem,
                Klasifikasi::Aspirasi => &f.suggestion,
                Klasifikasi::PermintaanInformasi => &f.information,
                Klasifikasi::Wbs => &f.service,
                Klasifikasi::Pengadaan => &f.project,
            };
            for place in &places() {
                let t = compose(&mut rng, sub.key, *k, place);
                let (judul, isi) = (t.judul.to_lowercase(), t.isi.to_lowercase());
                assert!(
                    list.iter().any(|x| {
                        let x = x.to_lowercase();
                        judul.contains(&x) && isi.contains(&x)
                    }),
                    "{}/{k:?}: {} / {}",
                    sub.key,
                    t.judul,
                    t.isi
                );
            }
        }
    }
}

#[test]
fn wording_follows_klasifikasi() {
    let mut rng = SmallRng::seed_from_u64(3);
    let place = &places()[3];
    for _ in 0..200 {
        let t = compose(&mut rng, "jalan", Klasifikasi::Aspirasi, place);
        assert!(
            t.isi.contains("usul") || t.isi.contains("aspirasi"),
            "{}",
            t.isi
        );
        let t = compose(&mut rng, "ktp_el", Klasifikasi::PermintaanInformasi, place);
        assert!(t.isi.contains("Mohon informasi mengenai "), "{}", t.isi);
        let t = compose(&mut rng, "ppdb", Klasifikasi::Wbs, place);
        assert!(
            t.isi.contains("oknum") && t.isi.contains("dirahasiakan"),
            "{}",
            t.isi
        );
        assert!(t.tags.iter().any(|t| t == "pungli"));
        let t = compose(&mut rng, "sampah", Klasifikasi::Pengadaan, place);
        assert!(t.isi.contains("dugaan penyimpangan"), "{}", t.isi);
        let t = compose(&mut rng, "jalan", Klasifikasi::Pengaduan, place);
        assert!(
            t.isi.contains("Kabupaten Sigi") && t.isi.contains("Desa Oebobo"),
            "{}",
            t.isi
        );
        assert!(t.tags[0] == "jalan-rusak");
    }
    let t = compose(&mut rng, "jalan", Klasifikasi::Pengaduan, &places()[0]);
    assert!(t.isi.contains("Kelurahan Tanjung Harapan"), "{}", t.isi);
}

#[test]
fn same_seed_same_text() {
    let place = &places()[0];
    let run = |seed: u64| {
        let mut rng = SmallRng::seed_from_u64(seed);
        (0..50)
            .map(|i| {
                let k = Klasifikasi::ALL[i % Klasifikasi::ALL.len()];
                let t = compose(&mut rng, "banjir", k, place);
                (
                    t.judul,
                    t.isi,
                    t.tags,
                    person_name(&mut rng),
                    phone(&mut rng),
                    nik(&mut rng),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42), run(43));
}

#[test]
fn many_distinct_titles() {
    let mut rng = SmallRng::seed_from_u64(2024);
    let keys: Vec<&str> = data::all_subtopics().map(|(_, s)| s.key).collect();
    let mut titles = HashSet::new();
    let mut bodies = HashSet::new();
    for _ in 0..10_000 {
        let key = keys.choose(&mut rng).copied().unwrap_or("jalan");
        let k = Klasifikasi::ALL
            .choose(&mut rng)
            .copied()
            .unwrap_or(Klasifikasi::Pengaduan);
        let regency = data::REGENCIES
            .choose(&mut rng)
            .map(|r| r.name)
            .unwrap_or("Kota Palu");
        let village = data::VILLAGE_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Passo");
        let street = data::STREET_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Jl. Merdeka");
        let t = compose(
            &mut rng,
            key,
            k,
            &Place {
                regency,
                village,
                street,
            },
        );
        check_text(&t, key);
        titles.insert(t.judul);
        bodies.insert(t.isi);
    }
    println!(
        "distinct titles: {} / 10000, distinct bodies: {}",
        titles.len(),
        bodies.len()
    );
    assert!(titles.len() >= 2_000, "{}", titles.len());
    assert!(bodies.len() >= 9_900, "{}", bodies.len());
}

/// Speed figures and title variety over many reports; a seeder-like million in a release
/// build (`cargo test --release --lib seed::text::tests::speed -- --nocapture`), fewer in the
/// debug test run so that CI runs it (CI fails on any skipped test).
#[test]
fn speed() {
    let mut rng = SmallRng::seed_from_u64(1);
    let keys: Vec<&str> = data::all_subtopics().map(|(_, s)| s.key).collect();
    let place = Place {
        regency: "Kota Surabaya",
        village: "Sukamaju",
        street: "Jl. Pemuda",
    };
    let n = if cfg!(debug_assertions) {
        20_000usize
    } else {
        1_000_000
    };
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        let k = Klasifikasi::ALL[i % Klasifikasi::ALL.len()];
        let t = compose(&mut rng, keys[i % keys.len()], k, &place);
        bytes += t.judul.len() + t.isi.len() + t.tags.len();
    }
    let el = start.elapsed();
    println!(
        "compose: {} ns/call ({} bytes)",
        el.as_nanos() / n as u128,
        bytes
    );
    let start = std::time::Instant::now();
    for _ in 0..n {
        let name = person_name(&mut rng);
        bytes += phone(&mut rng).len() + email(&mut rng, &name).len() + nik(&mut rng).len();
    }
    println!(
        "identity: {} ns/call ({bytes})",
        start.elapsed().as_nanos() / n as u128
    );
    // Distinct titles over a seeder-like million (random keys, klasifikasi and places).
    let mut titles = HashSet::with_capacity(n);
    for _ in 0..n {
        let key = keys.choose(&mut rng).copied().unwrap_or("jalan");
        let k = Klasifikasi::ALL
            .choose(&mut rng)
            .copied()
            .unwrap_or(Klasifikasi::Pengaduan);
        let regency = data::REGENCIES
            .choose(&mut rng)
            .map(|r| r.name)
            .unwrap_or("Kota Palu");
        let village = data::VILLAGE_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Passo");
        let street = data::STREET_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Jl. Merdeka");
        titles.insert(
            compose(
                &mut rng,
                key,
                k,
                &Place {
                    regency,
                    village,
                    street,
                },
            )
            .judul,
        );
    }
    println!("distinct titles in {n}: {}", titles.len());
    // Duplicates are welcome (the merge suggestions need them), but not a few titles over and over.
    assert!(
        titles.len() * 2 > n,
        "{} distinct titles in {n}",
        titles.len()
    );
}
