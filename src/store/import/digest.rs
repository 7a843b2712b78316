//! The digest of what a re-delivery may change, stored with every imported report: the same
//! digest again means nothing happened at the source.

use crate::domain::*;

/// A digest of what a re-delivery may change (content and the source's status): the same digest
/// again means nothing happened at the source. FNV-1a over the fields as a JSON array, written
/// straight into the hash (no tree of values, no text): the bytes are those of
/// `json!([...]).to_string()`, so digests stored by earlier versions still compare equal. (Hashing
/// text with nothing to escape as it is, past serde_json's writer, was tried: more instructions,
/// not fewer, the hash's byte-at-a-time step being most of the cost.)
pub(super) fn digest(new: &NewComplaint, source_status: Option<&str>) -> String {
    struct Fnv(u64);
    impl std::io::Write for Fnv {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            for byte in bytes {
                self.0 ^= u64::from(*byte);
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let fields = (
        &new.judul,
        &new.isi,
        &new.lokasi,
        new.lat,
        new.lon,
        new.tanggal_kejadian,
        &new.tags,
        &new.kategori,
        source_status,
    );
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    // The hash takes every byte and these fields always serialise: nothing can fail here.
    let _ = serde_json::to_writer(&mut hash, &fields);
    format!("{:016x}", hash.0)
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
