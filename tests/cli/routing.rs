//! The routing verbs through the real binary: intake by an instansi's full name, aliases added,
//! listed and removed, an ambiguous name refused with its candidates, and `meja suggest` naming
//! where the similar reports went, in text and in JSON.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instansi_by_full_name_aliases_and_suggest() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let url = db.url.clone();
    let ok = |out: &Output| {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let intake = |judul: &str, instansi: &str| {
        meja(
            &url,
            "demo.nasional",
            &[
                "intake",
                "--judul",
                judul,
                "--isi",
                "Parkir liar menutup trotoar di depan pasar setiap sore",
                "--instansi",
                instansi,
                "--json",
            ],
        )
    };
    // The salutation's full name is the abbreviated instansi.
    let out = ok(&intake(
        "Parkir liar di trotoar pasar",
        "Yth. Kepala Dinas Perhubungan Kota Pontianak",
    ));
    let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["id"]
        .as_i64()
        .unwrap();
    let shown = ok(&meja(&url, "demo.nasional", &["show", &id.to_string()]));
    assert!(shown.contains("Dishub Kota Pontianak"), "{shown}");
    refused(
        &meja(
            &url,
            "demo.nasional",
            &[
                "intake",
                "--judul",
                "Parkir liar",
                "--isi",
                "Parkir liar di depan pasar",
                "--instansi",
                "Dinas Perhubungan",
            ],
        ),
        "instansi 'Dinas Perhubungan' is ambiguous: Dishub",
    );

    // Aliases: added by a national admin, listed, matched, removed.
    ok(&meja(
        &url,
        "demo.nasional",
        &[
            "instansi",
            "alias",
            "add",
            "KOTA-PONTIANAK-DISHUB",
            "Dishub Ptk",
        ],
    ));
    let listed = ok(&meja(
        &url,
        "demo",
        &["instansi", "alias", "list", "KOTA-PONTIANAK-DISHUB"],
    ));
    assert!(listed.contains("Dishub Ptk"), "{listed}");
    assert!(
        listed.contains("Dinas Perhubungan Kota Pontianak"),
        "{listed}"
    );
    refused(
        &meja(
            &url,
            "demo",
            &[
                "instansi",
                "alias",
                "remove",
                "KOTA-PONTIANAK-DISHUB",
                "Dishub Ptk",
            ],
        ),
        "may not",
    );
    ok(&meja(
        &url,
        "demo.nasional",
        &[
            "instansi",
            "alias",
            "remove",
            "KOTA-PONTIANAK-DISHUB",
            "Dishub Ptk",
        ],
    ));

    // Two more like it disposed to Dishub, one to Satpol PP; a fourth awaits disposition.
    for to in [
        "Dishub Kota Pontianak",
        "Dishub Kota Pontianak",
        "Satpol PP Kota Pontianak",
    ] {
        let out = ok(&intake("Parkir liar di trotoar pasar", "NASIONAL"));
        let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string();
        ok(&meja(
            &url,
            "demo.nasional",
            &["verify", &id, "--instansi", to],
        ));
    }
    let out = ok(&intake("Parkir liar di trotoar pasar lagi", "NASIONAL"));
    let fresh = serde_json::from_str::<serde_json::Value>(&out).unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let text = ok(&meja(&url, "demo.nasional", &["suggest", &fresh]));
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("1. Dishub Kota Pontianak"), "{text}");
    assert!(
        text.contains("2 similar reports went to Dishub Kota Pontianak"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&meja(
        &url,
        "demo.nasional",
        &["suggest", &fresh, "--json"],
    )))
    .unwrap();
    assert_eq!(json["suggestions"][0]["instansi"], "KOTA-PONTIANAK-DISHUB");
    assert_eq!(json["suggestions"][0]["reasons"][0]["kind"], "similar");
    assert_eq!(json["suggestions"][0]["reasons"][0]["count"], 2);
}
