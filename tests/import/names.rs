//! The instansi field of an import is matched as people write it: a full name or a salutation
//! finds the abbreviated instansi; an ambiguous one rejects the record, naming the candidates.

use super::*;

pub async fn instansi_named_as_people_write_them(db: &TestDb) {
    seeded(db, 0).await;
    let text = format!(
        "{CSV_HEADER}\n\
         N-1,Parkir liar,\"Parkir liar di depan pasar.\",Yth. Kepala Dinas Perhubungan Kota Pontianak,web,2026-11-02T09:30:00+07:00,Jl. Gajah Mada,parkir,Budi\n\
         N-2,Parkir liar lagi,\"Parkir liar di depan pasar.\",Dinas Perhubungan,web,2026-11-02T09:30:00+07:00,Jl. Gajah Mada,parkir,Budi\n"
    );
    let (dir, path) = file("names.csv", &text);
    let rejects = dir.path().join("rejects.jsonl");
    let summary = import(
        db,
        &path,
        &["--format", "csv", "--skip-bad", rejects.to_str().unwrap()],
    );
    assert_eq!(counts(&summary), (1, 0, 0, 1), "{summary}");
    assert_eq!(
        by_title(db, "Parkir liar").await.instansi,
        "Dishub Kota Pontianak"
    );
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert!(rejected.contains("ambiguous"), "{rejected}");
    assert!(rejected.contains("Dishub"), "{rejected}");
}
