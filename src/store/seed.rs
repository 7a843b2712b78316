//! `meja seed`: a deterministic, realistic synthetic database. The instansi tree (national level,
//! ministries, state companies, universities, all provinces, a realistic set of kabupaten/kota in
//! the three time zones, and their units), officers of every role, the category tree, and
//! complaints whose lifecycles are simulated event by event through the live system's own rules
//! (`lifecycle::plan` judges every step, `ClockBase::apply` keeps the clock), so that statuses,
//! clock states (some overdue, some about to be) and events agree.
//!
//! Speed matters (1M complaints in under a minute on SQLite): generation runs on its own thread,
//! rows go in as multi-row inserts inside large transactions, and the secondary indexes and the
//! full-text index are built once at the end instead of row by row.

use super::bulk;
use super::{Store, StoreError};
use crate::domain::monev::fact::Fact;
use crate::domain::*;
use crate::seed::data;
use crate::seed::life::{self, Batch};
use crate::seed::text::{self, Place};
use crate::seed::world;
use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use std::time::Instant;

pub use crate::seed::world::{
    DEMO_ADMIN, DEMO_NATIONAL, DEMO_OFFICER, DEMO_REGENCY_CODE, DEMO_SUPERVISOR,
};

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub complaints: u64,
    pub seed: u64,
    /// The moment the data is generated around: complaints were received before it.
    pub now: DateTime<Utc>,
    pub progress: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedReport {
    /// Seconds spent in each phase: (name, seconds).
    pub phases: Vec<(&'static str, f64)>,
    pub complaints: u64,
    pub events: u64,
    pub instansi: u64,
    pub officers: u64,
    pub seconds: f64,
}

/// Seeds the demo database on first use (when it has no officers yet); true when it did.
pub async fn ensure_demo(store: &Store) -> Result<bool, StoreError> {
    if store.officer_count().await? > 0 {
        return Ok(false);
    }
    eprintln!("meja: preparing the demo database (first use)…");
    let now = Utc::now();
    seed(
        store,
        &SeedOptions {
            complaints: 20_000,
            seed: 1708,
            now,
            progress: true,
        },
    )
    .await?;
    add_demo_inbox(store, now).await?;
    Ok(true)
}

/// How many new reports wait in the demo supervisor's Masuk when the demo is made.
pub const DEMO_NEW_REPORTS: usize = 5;

/// Reports just received at the demo kota's own desk (telephone, letter, counter), recorded by its
/// admin: the simulated reports all arrive through the national admin and are routed on at once, so
/// without these the demo supervisor would have nothing to verify.
async fn add_demo_inbox(store: &Store, now: DateTime<Utc>) -> Result<(), StoreError> {
    let recorder = store.actor(DEMO_ADMIN).await?;
    let kota = store.find_instansi(DEMO_REGENCY_CODE)?.name;
    let mut rng = SmallRng::seed_from_u64(0xde70);
    let subtopics = ["jalan", "pju", "sampah", "drainase", "ktp_el"];
    let channels = [Channel::Telepon, Channel::Loket, Channel::Surat];
    for (n, subtopic) in subtopics.iter().cycle().take(DEMO_NEW_REPORTS).enumerate() {
        let village = data::VILLAGE_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Sukamaju");
        let street = data::STREET_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Jl. Merdeka");
        let place = Place {
            regency: &kota,
            village,
            street,
        };
        let composed = text::compose(&mut rng, subtopic, Klasifikasi::Pengaduan, &place);
        let name = text::person_name(&mut rng);
        let received = now - Duration::minutes(20 + 37 * n as i64);
        store
            .intake(
                &recorder,
                NewComplaint {
                    judul: composed.judul,
                    isi: composed.isi,
                    klasifikasi: Klasifikasi::Pengaduan,
                    channel: channels[n % channels.len()],
                    tanggal_kejadian: Some(received.date_naive()),
                    lokasi: Some(format!("{street}, Kelurahan {village}, {kota}")),
                    lat: None,
                    lon: None,
                    kategori: None,
                    tags: composed.tags,
                    anonim: false,
                    rahasia: false,
                    reporter: Reporter {
                        phone: Some(text::phone(&mut rng)),
                        name: Some(name),
                        email: None,
                        nik: None,
                    },
                    attachments: Vec::new(),
                    instansi: Some(DEMO_REGENCY_CODE.into()),
                    received_at: Some(received),
                },
            )
            .await?;
    }
    Ok(())
}

/// Seeds an empty database. Refuses a database that already has an instansi tree.
pub async fn seed(store: &Store, options: &SeedOptions) -> Result<SeedReport, StoreError> {
    let started = Instant::now();
    if !store.instansi_list().is_empty() {
        return Err(StoreError::Denied(
            "this database already has data; seed into a new database (--db NEW_FILE)".into(),
        ));
    }
    let world = world::build(options.seed);
    // The national calendar is every instansi's calendar here: the seed only fills a database with
    // no instansi, so no regional day off can exist yet.
    let calendar = store.calendar();
    bulk::insert_world(store, &world).await?;

    let total = options.complaints;
    let bar = if options.progress {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} seeding [{bar:40}] {human_pos}/{human_len} complaints ({per_sec}, {eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // Generation runs on its own thread and hands over batches; the database writes here.
    // The generator also stems each report's words (search) and computes its monev fact, off
    // the writer's path.
    type Handed = (Batch, bulk::Words, Result<Vec<Fact>, StoreError>);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Handed>(4);
    let reference = store.reference();
    let now = options.now;
    let seed_value = options.seed;
    let world = std::sync::Arc::new(world);
    let gen_world = std::sync::Arc::clone(&world);
    let gen_calendar = std::sync::Arc::clone(&calendar);
    let generator = std::thread::spawn(move || {
        life::live(&gen_world, &gen_calendar, now, seed_value, total, |batch| {
            let words = bulk::search_words(&batch);
            let facts = bulk::batch_facts(&batch, &reference);
            tx.blocking_send((batch, words, facts)).is_ok()
        });
    });
    let mut complaints = 0u64;
    let mut events = 0u64;
    bulk::prepare(store).await?;
    while let Some((batch, words, facts)) = rx.recv().await {
        complaints += batch.complaints.len() as u64;
        events += batch.events.len() as u64;
        bulk::insert_batch(store, &batch, &words, &calendar, &facts?).await?;
        bar.set_position(complaints);
    }
    generator
        .join()
        .map_err(|_| StoreError::io("generating the seed", GeneratorFailed))?;
    let loaded = started.elapsed().as_secs_f64();
    bar.set_message("building indexes");
    let mut phases = vec![("generate and insert", loaded)];
    bulk::finish(store, &mut phases).await?;
    bar.finish_and_clear();
    add_templates(store).await?;
    store.reload().await?;
    Ok(SeedReport {
        phases,
        complaints,
        events,
        instansi: world.instansi.len() as u64,
        officers: world.officers.len() as u64,
        seconds: started.elapsed().as_secs_f64(),
    })
}

async fn add_templates(store: &Store) -> Result<(), StoreError> {
    let templates = [
        (
            "terima-kasih",
            Some(Status::Ditindaklanjuti),
            "Yth. {pelapor},\n\nTerima kasih atas laporan Anda nomor {nomor}. Laporan telah kami terima dan sedang ditindaklanjuti oleh {instansi}. Tanggapan akan kami sampaikan paling lambat {tenggat} ({sisa_hari} hari kerja lagi).\n\nHormat kami,\n{instansi}",
        ),
        (
            "selesai-diperbaiki",
            Some(Status::Ditindaklanjuti),
            "Yth. {pelapor},\n\nMenindaklanjuti laporan nomor {nomor}, perbaikan telah dilaksanakan oleh {instansi}. Apabila masih terdapat kendala, silakan menanggapi laporan ini dalam 10 hari kerja.\n\nHormat kami,\n{instansi}",
        ),
        (
            "mohon-data",
            Some(Status::TanggapanPelapor),
            "Yth. {pelapor},\n\nUntuk menindaklanjuti laporan nomor {nomor}, mohon melengkapi lokasi rinci dan foto pendukung. Terima kasih.\n\n{instansi}",
        ),
    ];
    for (name, status, body) in templates {
        super::on_backend!(
            store,
            "writing a reply template",
            upsert_template(&super::Template {
                name: name.into(),
                status,
                body: body.into()
            })
        )?;
    }
    Ok(())
}

/// The generator thread stopped by panicking: a bug in the simulation, not in the database.
#[derive(Debug, thiserror::Error)]
#[error("the seed generator failed")]
struct GeneratorFailed;
