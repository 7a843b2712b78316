//! The digest of what a re-delivery may change, stored with every imported report: the same
//! digest again means nothing happened at the source.

use crate::domain::*;

/// A digest of what a re-delivery may change (content and the source's status): the same digest
/// again means nothing happened at the source. FNV-1a over the fields as a JSON array, written
/// straight into the hash (no tree of values, no text): the bytes are those of
/// `json!([...]).to_string()`, so digests stored by earlier versions still compare equal. Text
/// with nothing to escape (nearly all of it) is hashed as it is, not through serde_json's writer
/// a few bytes at a time (6% of the preparing stage's instructions, with callgrind).
pub(super) fn digest(new: &NewComplaint, source_status: Option<&str>) -> String {
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    hash.add(b"[");
    hash.text(&new.judul);
    hash.add(b",");
    hash.text(&new.isi);
    hash.add(b",");
    hash.optional_text(new.lokasi.as_deref());
    hash.add(b",");
    hash.json(&new.lat);
    hash.add(b",");
    hash.json(&new.lon);
    hash.add(b",");
    hash.json(&new.tanggal_kejadian);
    hash.add(b",[");
    for (i, tag) in new.tags.iter().enumerate() {
        if i > 0 {
            hash.add(b",");
        }
        hash.text(tag);
    }
    hash.add(b"],");
    hash.optional_text(new.kategori.as_deref());
    hash.add(b",");
    hash.optional_text(source_status);
    hash.add(b"]");
    format!("{:016x}", hash.0)
}

/// FNV-1a, fed the bytes of JSON text.
struct Fnv(u64);

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A JSON string: as it is when serde_json would escape nothing in it.
    fn text(&mut self, text: &str) {
        if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.add(b"\"");
            self.add(text.as_bytes());
            self.add(b"\"");
        } else {
            self.json(text);
        }
    }

    fn optional_text(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.text(text),
            None => self.add(b"null"),
        }
    }

    /// A value as serde_json writes it (the numbers and the date, and text with escapes).
    fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        // The hash takes every byte and these values always serialise: nothing can fail here.
        let _ = serde_json::to_writer(self, value);
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.add(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::import::empty;

    /// The digest as earlier versions computed it (stored with every imported report).
    fn as_before(new: &NewComplaint, source_status: Option<&str>) -> String {
        let fields = serde_json::json!([
            new.judul,
            new.isi,
            new.lokasi,
            new.lat,
            new.lon,
            new.tanggal_kejadian,
            new.tags,
            new.kategori,
            source_status
        ]);
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in fields.to_string().bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    #[test]
    fn digests_stored_before_still_match() {
        let mut new = empty();
        assert_eq!(digest(&new, None), as_before(&new, None));
        new.judul = "Jalan \"rusak\"<br>\u{1F600} di ujung".into();
        new.isi = "baris\nkedua\ttab \u{7f} é".into();
        new.lokasi = Some("Jl. Merdeka".into());
        new.lat = Some(-6.2);
        new.lon = Some(f64::NAN);
        new.tanggal_kejadian = chrono::NaiveDate::from_ymd_opt(2026, 11, 27);
        new.tags = vec!["jalan".into(), "banjir".into()];
        new.kategori = Some("Infrastruktur / Jalan".into());
        assert_eq!(
            digest(&new, Some("selesai")),
            as_before(&new, Some("selesai"))
        );
        new.lat = Some(1e21);
        new.lon = Some(0.1 + 0.2);
        assert_eq!(digest(&new, None), as_before(&new, None));
        // Text with and without escapes in every field that takes text.
        new.tags = vec![
            String::new(),
            "a\"b".into(),
            "\\".into(),
            "\u{1}\u{1f}\u{20}".into(),
        ];
        new.lokasi = Some("Jl. \"Merdeka\"\r\n".into());
        new.kategori = Some("Infrastruktur\u{8}/\u{c} Jalan".into());
        new.lat = None;
        new.lon = Some(-0.0);
        for status in [None, Some(""), Some("sel\"esai"), Some("baru")] {
            assert_eq!(digest(&new, status), as_before(&new, status), "{status:?}");
        }
        new.tags.clear();
        new.judul = String::new();
        new.isi = "\u{7f}".into();
        assert_eq!(digest(&new, Some("x")), as_before(&new, Some("x")));
    }
}
