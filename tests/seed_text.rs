//! The seeder's texts are part of meja's fixtures: the console snapshots and `seed_facts` read the
//! reports a fixed seed produces. So the composer must write the same bytes for the same seed,
//! whatever form its phrases take. This test composes thousands of texts over every subtopic,
//! klasifikasi and kind of place from fixed seeds and compares a digest with the one recorded
//! from the composer as it was when its phrases were still Rust code.
//!
//! When a phrase is changed on purpose, the digest changes too: run this test, check that only the
//! texts you meant changed (it prints a sample), and record the new digest with the reason in the
//! commit message.

use meja::domain::types::Klasifikasi;
use meja::seed::data;
use meja::seed::text::{Place, compose, email, nik, person_name, phone};
use rand::SeedableRng;
use rand::rngs::SmallRng;

/// FNV-1a, 64 bits: written out here because std's `DefaultHasher` may change between Rust
/// releases, and this digest must not.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn eat(&mut self, s: &str) {
        for b in s.bytes().chain([0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Places of every shape the composer distinguishes: kota and kabupaten, villages with and
/// without their "Desa"/"Kelurahan" prefix, streets with and without "Jl.".
const PLACES: [Place<'static>; 5] = [
    Place {
        regency: "Kota Administrasi Jakarta Selatan",
        village: "Tanjung Harapan",
        street: "Jl. Perintis Kemerdekaan",
    },
    Place {
        regency: "Kabupaten Kepulauan Seribu Utara",
        village: "Desa Gunung Samarinda",
        street: "Gg. Sawo",
    },
    Place {
        regency: "Kota Palu",
        village: "Kelurahan Passo",
        street: "Jalan Ki Hajar Dewantara",
    },
    Place {
        regency: "Kabupaten Sigi",
        village: "Oebobo",
        street: "Merdeka",
    },
    Place {
        regency: "Kabupaten Gowa",
        village: "Kampung Baru",
        street: "Jl. Pemuda",
    },
];

/// Every subtopic key, then one the composer does not know (its generic text).
fn keys() -> Vec<&'static str> {
    data::all_subtopics()
        .map(|(_, s)| s.key)
        .chain(["tidak_dikenal"])
        .collect()
}

/// The digest of `rounds` passes over every key × klasifikasi × place, with a reporter identity
/// after each text so that the generators' shared use of the RNG is covered too.
fn digest(seed: u64, rounds: usize) -> (u64, usize, String) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut h = Fnv::new();
    let mut count = 0;
    let mut sample = String::new();
    for _ in 0..rounds {
        for key in keys() {
            for k in Klasifikasi::ALL {
                for place in &PLACES {
                    let t = compose(&mut rng, key, *k, place);
                    h.eat(&t.judul);
                    h.eat(&t.isi);
                    for tag in &t.tags {
                        h.eat(tag);
                    }
                    let name = person_name(&mut rng);
                    h.eat(&name);
                    h.eat(&phone(&mut rng));
                    h.eat(&email(&mut rng, &name));
                    h.eat(&nik(&mut rng));
                    if count % 997 == 0 {
                        sample.push_str(&format!("{key}/{k:?}: {} | {}\n", t.judul, t.isi));
                    }
                    count += 1;
                }
            }
        }
    }
    (h.0, count, sample)
}

#[test]
fn composed_texts_are_byte_identical_for_a_seed() {
    // (seed, digest), recorded from the composer before its phrases moved into data files.
    const RECORDED: [(u64, u64); 2] = [
        (1, 4_209_268_705_402_382_491),
        (2026, 18_022_937_198_016_322_217),
    ];
    let mut got = Vec::new();
    let mut samples = String::new();
    for (seed, _) in RECORDED {
        let (digest, count, sample) = digest(seed, 2);
        assert!(count >= 2_000, "{count} texts");
        got.push((seed, digest));
        samples.push_str(&sample);
    }
    assert_eq!(
        got, RECORDED,
        "the composed texts changed; a sample of them now:\n{samples}"
    );
}

/// The seeder composes a million texts, so composing must stay fast. Prints the time per text:
/// `cargo test --release --test seed_text -- --nocapture speed` composes 100,000 (a debug run
/// composes fewer, so that the suite stays quick). No bound is asserted: machines differ.
#[test]
fn composing_speed() {
    let n = if cfg!(debug_assertions) {
        10_000
    } else {
        100_000
    };
    let keys = keys();
    let mut rng = SmallRng::seed_from_u64(7);
    // Whatever is prepared once (reading the phrases) is not what a text costs.
    compose(&mut rng, keys[0], Klasifikasi::Pengaduan, &PLACES[0]);
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        let k = Klasifikasi::ALL[i % Klasifikasi::ALL.len()];
        let t = compose(&mut rng, keys[i % keys.len()], k, &PLACES[i % PLACES.len()]);
        bytes += t.judul.len() + t.isi.len() + t.tags.len();
    }
    let elapsed = start.elapsed();
    println!(
        "composed {n} texts ({bytes} bytes) in {:.1} ms: {} ns a text",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_nanos() / n as u128
    );
    assert!(bytes > n * 200);
}
