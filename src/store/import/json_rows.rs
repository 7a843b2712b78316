//! On SQLite a batch of new rows goes in as one JSON text, an array of rows each an array of the
//! row's values in the statement's column order, read back by `INSERT ... SELECT value->>0, ...
//! FROM jsonb_each(?1)` (`ops::import_insert`). Bound one value at a time, half of the writer's
//! instructions were sqlx binding, resetting and clearing 18,500 parameters a statement, and
//! every text was copied twice (README, Figures).
//!
//! `->>` gives each value the storage class a bound value had: a JSON string is TEXT, an integer
//! INTEGER, a number with a fraction or an exponent REAL, true and false 1 and 0, null NULL
//! (tests/import/storage.rs). A real is written as the shortest text that reads back as the same
//! double; SQLite's reading gives back the same bits for the coordinates an import carries (1M
//! random doubles between 2^-40 and 2^8 all came back equal; far outside that, at exponents past
//! ±200, a few in twenty did not). NaN, which SQLite stores as NULL when bound, is written null.

use super::sums::Cell;
use super::{EventRow, NewRow, TALLY_SUMS};
use crate::domain::Reporter;
use crate::domain::lifecycle::ComplaintId;
use crate::domain::monev::fact::{Fact, day_number, month_start};
use serde::Serialize;

/// The rows of one statement as a JSON array of arrays.
pub(crate) struct JsonRows {
    text: Vec<u8>,
    /// Values written in the row under way (a comma goes before all but the first).
    in_row: usize,
    failed: Option<serde_json::Error>,
}

impl JsonRows {
    pub fn with_capacity(bytes: usize) -> Self {
        let mut text = Vec::with_capacity(bytes);
        text.push(b'[');
        JsonRows {
            text,
            in_row: 0,
            failed: None,
        }
    }

    fn row(&mut self) -> &mut Self {
        if self.text.len() > 1 {
            self.text.push(b',');
        }
        self.text.push(b'[');
        self.in_row = 0;
        self
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        if self.in_row > 0 {
            self.text.push(b',');
        }
        self.in_row += 1;
        if let Err(e) = serde_json::to_writer(&mut self.text, value) {
            self.failed.get_or_insert(e);
        }
        self
    }

    fn end(&mut self) {
        self.text.push(b']');
    }

    /// The text to bind; an error if a value would not serialise (none of these can: numbers,
    /// texts, flags and nulls).
    pub fn finish(mut self) -> Result<String, serde_json::Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        self.text.push(b']');
        String::from_utf8(self.text).map_err(|e| serde::ser::Error::custom(e.to_string()))
    }

    /// A new complaint, in `ops::IMPORT_COMPLAINT_COLUMNS` order.
    pub fn complaint(&mut self, r: &NewRow) {
        let n = &r.new;
        let clock = r.clock.as_ref();
        self.row()
            .value(&r.id)
            .value(r.status.as_code())
            .value(n.klasifikasi.as_code())
            .value(n.channel.as_code())
            .value(&n.judul)
            .value(&n.isi)
            .value(&n.tanggal_kejadian.map(|d| d.to_string()))
            .value(&n.lokasi)
            .value(&n.lat)
            .value(&n.lon)
            .value(&r.kategori_id)
            // The tags and attachments are kept as JSON text, as before.
            .value(&serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into()))
            .value(&n.anonim)
            .value(&n.rahasia)
            .value(&serde_json::to_string(&n.attachments).unwrap_or_else(|_| "[]".into()))
            .value(&r.instansi_id)
            .value(&r.instansi_path)
            .value(&r.assignee)
            .value(&r.routed_by)
            .value(&r.escalated_to)
            .value(&r.pending_reply_by)
            .value(&r.received_at)
            .value(&r.updated_at)
            .value(&r.version)
            .value(&clock.map(|b| b.kind.as_code()))
            .value(&clock.map(|b| crate::store::ms(b.started_at)))
            .value(&clock.map(|b| b.working_days as i32))
            .value(&clock.is_some_and(|b| b.paused))
            .value(&r.breach_at)
            .value(&r.close_at)
            .value(&clock.and_then(|b| b.breached_at).map(crate::store::ms))
            .value(&r.source)
            .value(&r.source_id)
            .value(&r.digest)
            .value(&r.source_status)
            .value(&r.words.0)
            .value(&r.words.1)
            .end();
    }

    /// An event of a new complaint, in `ops::IMPORT_EVENT_COLUMNS` order (the impersonator, the
    /// same for all, is bound once).
    pub fn event(&mut self, id: ComplaintId, e: &EventRow) {
        self.row()
            .value(&id)
            .value(&e.at)
            .value(&e.actor_id)
            .value(&e.actor)
            .value(e.kind.as_code())
            .value(e.status.as_code())
            .value(&e.details)
            .value(&e.batch)
            .value(&e.version)
            .value(&e.recorded_at)
            .end();
    }

    /// A new complaint's reporter, in `ops::IMPORT_REPORTER_COLUMNS` order.
    pub fn reporter(&mut self, id: ComplaintId, p: &Reporter) {
        self.row()
            .value(&id)
            .value(&p.name)
            .value(&p.phone)
            .value(&p.email)
            .value(&p.nik)
            .end();
    }

    /// A new complaint's monev fact, in `rollups::FACT_COLUMNS` order (as `bind_fact!` binds it).
    pub fn fact(&mut self, f: &Fact) {
        self.row()
            .value(&f.complaint_id)
            .value(&f.instansi_path)
            .value(f.klasifikasi.as_code())
            .value(&f.assignee_id)
            .value(f.status.as_code())
            .value(f.channel.as_code())
            .value(&f.kategori_id)
            .value(&day_number(f.received_day))
            .value(&day_number(month_start(f.received_day)))
            .value(&f.excluded)
            .value(&f.selesai)
            .value(&f.verify_met)
            .value(&f.verify_missed)
            .value(&f.follow_met)
            .value(&f.follow_missed)
            .value(&f.reply_days)
            .value(&f.escalations_json())
            .end();
    }

    /// A monev_tally cell with its sums, in `import_add_sums`' column order (the sums as the
    /// INTEGER columns take them, at most `i32::MAX`, as they were bound).
    pub fn tally(&mut self, cell: &Cell, sums: &[i64; TALLY_SUMS]) {
        let (grain, facet, day, path) = cell;
        self.row().value(grain).value(facet).value(day).value(path);
        for v in sums {
            self.value(&i32::try_from(*v).unwrap_or(i32::MAX));
        }
        self.end();
    }

    /// A monev_handled cell: officer, local day, moves.
    pub fn handled(&mut self, officer: i64, day: i64, n: i64) {
        self.row()
            .value(&officer)
            .value(&(day as i32))
            .value(&n)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_arrays_of_values() {
        let mut rows = JsonRows::with_capacity(64);
        let p = Reporter {
            name: Some("Budi \"B\"\n".into()),
            phone: None,
            email: Some("b@example.id".into()),
            nik: None,
        };
        rows.reporter(7, &p);
        rows.reporter(8, &Reporter::default());
        assert_eq!(
            rows.finish().unwrap(),
            r#"[[7,"Budi \"B\"\n",null,"b@example.id",null],[8,null,null,null,null]]"#
        );
        assert_eq!(JsonRows::with_capacity(0).finish().unwrap(), "[]");
    }
}
