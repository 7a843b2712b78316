//! The monev sums a large import adds, computed beside the writing from the facts and events of
//! the reports it writes, as the triggers of migration 0009 would add them one fact and one event
//! at a time (and as `sql/tally_*.sql` and `sql/handled.sql` sum them all): the writer adds them
//! to monev_tally and monev_handled once, before it commits, instead of the triggers doing it row
//! by row or summing every fact again.

use crate::domain::monev::fact::{
    Fact, OPEN_STATUSES, REPLY_DAYS_COUNTED, day_number, month_start,
};
use crate::domain::types::EventKind;
use std::collections::{BTreeMap, HashMap};

/// monev_tally's summed columns, in this order.
pub(crate) const TALLY_COLUMNS: &str = "received, excluded_n, selesai, verify_met, verify_missed, follow_met, \
    follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, \
    esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, \
    open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor";
pub(crate) const TALLY_SUMS: usize = 35;

/// The `ON CONFLICT ... DO UPDATE SET` list that adds a cell's sums to those already kept.
pub(crate) fn tally_added() -> String {
    TALLY_COLUMNS
        .split(", ")
        .map(|c| format!("{c} = monev_tally.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
const REPLY_AT: usize = 7;
const SLOWER_AT: usize = REPLY_AT + REPLY_DAYS_COUNTED;
const ESC_AT: usize = SLOWER_AT + 1;
const OPEN_AT: usize = ESC_AT + 2;

/// A cell of monev_tally, in its primary key's order: grain, facet, day, instansi path.
pub(crate) type Cell = (&'static str, String, i32, String);

/// A cell as kept while summing: grain (0 day, 1 month), facet and path by their number in
/// `Sums::names` (a million reports make a million or more cells: no strings of their own).
type Key = (u8, u32, i32, u32);

/// A cell's sums as the table keeps them (`int` columns; a day's count of one instansi).
pub(crate) type Counts = [i32; TALLY_SUMS];

#[derive(Debug, Default)]
pub(crate) struct Sums {
    /// A million reports make millions of cells, each looked up six times a report or more: keys
    /// of four numbers hashed by `CellHasher` rather than SipHash (no key here comes from outside
    /// meja's own numbering), sums of four bytes each (halving what the map moves when it grows).
    cells: HashMap<Key, Counts, std::hash::BuildHasherDefault<CellHasher>>,
    /// Facets and instansi paths by number.
    names: Vec<String>,
    numbers: HashMap<String, u32>,
    /// The facet numbers of each channel and kategori, asked for with every report.
    channel_facets: HashMap<&'static str, u32>,
    kategori_facets: HashMap<Option<i64>, u32>,
    /// Moves per officer and local day (monev_handled).
    pub handled: BTreeMap<(i64, i64), i64>,
}

impl Sums {
    /// What one fact adds: its received day and month, and each escalation's, for all, its
    /// channel and its kategori.
    pub(crate) fn add_fact(&mut self, f: &Fact) {
        let count = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        let mut received: Counts = [0; TALLY_SUMS];
        received[0] = 1;
        received[1] = i32::from(f.excluded);
        received[2] = i32::from(f.selesai);
        received[3] = count(f.verify_met);
        received[4] = count(f.verify_missed);
        received[5] = count(f.follow_met);
        received[6] = count(f.follow_missed);
        match f.reply_days {
            Some(d) if (d as usize) < REPLY_DAYS_COUNTED => received[REPLY_AT + d as usize] = 1,
            Some(_) => received[SLOWER_AT] = 1,
            None => {}
        }
        if let Some(i) = OPEN_STATUSES.iter().position(|s| *s == f.status) {
            received[OPEN_AT + i] = 1;
        }
        let channel = f.channel.as_code();
        let by_channel = match self.channel_facets.get(channel) {
            Some(&n) => n,
            None => {
                let n = self.number(&format!("c:{channel}"));
                self.channel_facets.insert(channel, n);
                n
            }
        };
        let by_kategori = match self.kategori_facets.get(&f.kategori_id) {
            Some(&n) => n,
            None => {
                let name = f.kategori_id.map(|k| k.to_string()).unwrap_or_default();
                let n = self.number(&format!("k:{name}"));
                self.kategori_facets.insert(f.kategori_id, n);
                n
            }
        };
        let facets = [self.number(""), by_channel, by_kategori];
        let path = self.number(&f.instansi_path);
        let mut add = |day: chrono::NaiveDate, sums: &Counts| {
            for (grain, n) in [(0, day_number(day)), (1, day_number(month_start(day)))] {
                for facet in facets {
                    let cell = self
                        .cells
                        .entry((grain, facet, n, path))
                        .or_insert([0; TALLY_SUMS]);
                    for (c, v) in cell.iter_mut().zip(sums) {
                        *c = c.saturating_add(*v);
                    }
                }
            }
        };
        add(f.received_day, &received);
        for (day, resolved) in &f.escalations {
            let mut esc: Counts = [0; TALLY_SUMS];
            esc[ESC_AT] = 1;
            esc[ESC_AT + 1] = i32::from(*resolved);
            add(*day, &esc);
        }
    }

    fn number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_string());
        self.numbers.insert(name.to_string(), n);
        n
    }

    /// The cells of monev_tally with what they add, in the table's key order.
    pub(crate) fn tally(&self) -> Vec<(Cell, &Counts)> {
        let name = |n: u32| self.names.get(n as usize).cloned().unwrap_or_default();
        // Each name's place among the names in order: the cells sort by those numbers, in the
        // order their texts would (comparing the texts, long instansi paths that share their
        // start, was 0.3 s of memcmp for the 400k cells of 100k reports). Grain 0 is "d", 1 "m".
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_unstable_by(|a, b| self.names[*a].cmp(&self.names[*b]));
        let mut place = vec![0u32; order.len()];
        for (at, n) in order.into_iter().enumerate() {
            place[n] = at as u32;
        }
        let place = |n: u32| place.get(n as usize).copied().unwrap_or(0);
        let mut cells: Vec<_> = self.cells.iter().collect();
        cells.sort_unstable_by_key(|&(&(grain, facet, day, path), _)| {
            (grain, place(facet), day, place(path))
        });
        cells
            .into_iter()
            .map(|(&(grain, facet, day, path), sums)| {
                let grain = if grain == 0 { "d" } else { "m" };
                ((grain, name(facet), day, name(path)), sums)
            })
            .collect()
    }

    /// What one event adds: a move (not an intake, note, claim or link) by an officer, on the
    /// local day in the zone of the officer's instansi (`zones`: officer id to its UTC offset).
    pub(crate) fn add_event(
        &mut self,
        actor_id: i64,
        at: i64,
        kind: EventKind,
        zones: &HashMap<i64, i64>,
    ) {
        if matches!(
            kind,
            EventKind::Intake | EventKind::Note | EventKind::Claim | EventKind::Link
        ) {
            return;
        }
        if let Some(offset) = zones.get(&actor_id) {
            *self
                .handled
                .entry((actor_id, (at + offset) / 86_400_000))
                .or_insert(0) += 1;
        }
    }
}

/// FxHash's step (a rotate, an xor and a multiply per word): the cell keys are meja's own small
/// numbers, so the hash needs to be quick, not to resist chosen keys.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct CellHasher(u64);

impl std::hash::Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A zone's offset from UTC in milliseconds, as `sql/handled.sql` reads it.
pub(crate) fn zone_offset(zone: &str) -> i64 {
    match zone {
        "WITA" => 28_800_000,
        "WIT" => 32_400_000,
        _ => 25_200_000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_come_in_the_tables_key_order() {
        let mut sums = Sums::default();
        // Numbered in another order than their texts'.
        let names: Vec<u32> = [
            "/1/10/",
            "/1/",
            "kategori:3",
            "/1/2/",
            "kanal:web",
            "/1/10/4/",
        ]
        .iter()
        .map(|n| sums.number(n))
        .collect();
        let cells = [
            (1, 0, 5, 1),
            (0, 2, 5, 3),
            (0, 2, 4, 3),
            (0, 4, 4, 0),
            (1, 0, 5, 3),
            (0, 2, 4, 5),
            (0, 2, 4, 0),
            (1, 4, -3, 5),
        ];
        for (i, &(grain, facet, day, path)) in cells.iter().enumerate() {
            sums.cells.insert(
                (grain, names[facet], day, names[path]),
                [i as i32; TALLY_SUMS],
            );
        }
        let found: Vec<Cell> = sums.tally().into_iter().map(|(cell, _)| cell).collect();
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found.len(), cells.len());
        assert_eq!(found, sorted);
    }
}
