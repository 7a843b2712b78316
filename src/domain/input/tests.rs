//! Tests of the input rules and of JSON intake.

use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("a test time")
        .with_timezone(&Utc)
}

fn ctx() -> IntakeContext {
    IntakeContext {
        now: at("2026-11-27T10:00:00+07:00"),
        zone: Zone::Wib,
    }
}

fn report() -> NewComplaint {
    complaint_from_json(r#"{"judul": "Jalan rusak", "isi": "Berlubang di depan sekolah."}"#)
        .expect("a minimal report")
        .into_complaint(Zone::Wib)
}

#[test]
fn text_is_trimmed_and_line_endings_unified() {
    assert_eq!(
        check_text(TextField::Isi, "  baris 1\r\nbaris 2\rbaris 3\n\n").unwrap(),
        "baris 1\nbaris 2\nbaris 3"
    );
    assert_eq!(
        check_text(TextField::Isi, "kolom\tkedua").unwrap(),
        "kolom\tkedua"
    );
}

#[test]
fn invisible_only_text_is_blank() {
    for blank in [
        "",
        "   ",
        "\u{200B}",
        " \u{200D}\u{FEFF}\u{2060} ",
        "\u{00AD}\n\t",
    ] {
        assert!(
            matches!(
                check_text(TextField::Judul, blank),
                Err(InputError::Blank { ref field }) if field == "judul"
            ),
            "{blank:?}"
        );
    }
    assert_eq!(
        check_optional_text(TextField::Lokasi, Some("\u{200B} ")).unwrap(),
        None
    );
    // Invisible characters inside visible text are kept.
    assert_eq!(
        check_text(TextField::Judul, "Jalan\u{200B}rusak").unwrap(),
        "Jalan\u{200B}rusak"
    );
}

#[test]
fn control_characters_are_refused_with_their_position() {
    let e = check_text(TextField::Isi, "ab\0c").unwrap_err();
    assert_eq!(
        e,
        InputError::ControlChar {
            field: "isi".into(),
            code_point: 0,
            position: 3
        }
    );
    assert_eq!(
        e.to_string(),
        "isi: control character U+0000 at character 3 is not allowed (only line breaks and tabs are)"
    );
    for evil in ["\u{1b}[2J", "a\u{7}", "a\u{7f}", "a\u{9b}1m", "\0"] {
        assert!(
            matches!(
                check_text(TextField::Note, evil),
                Err(InputError::ControlChar { .. })
            ),
            "{evil:?}"
        );
    }
    assert!(matches!(
        check_optional_text(TextField::Lokasi, Some("\0")),
        Err(InputError::ControlChar { .. })
    ));
}

#[test]
fn lengths_count_characters_invisible_ones_included() {
    let exact = "é".repeat(TITLE_MAX_CHARS);
    assert_eq!(check_text(TextField::Judul, &exact).unwrap(), exact);
    let padded = format!("Jalan{}", "\u{200B}".repeat(TITLE_MAX_CHARS));
    assert_eq!(
        check_text(TextField::Judul, &padded).unwrap_err(),
        InputError::TooLong {
            field: "judul".into(),
            max: TITLE_MAX_CHARS,
            got: TITLE_MAX_CHARS + 5
        }
    );
    assert!(check_text(TextField::Isi, &"x".repeat(BODY_MAX_CHARS)).is_ok());
    assert!(check_text(TextField::Isi, &"x".repeat(BODY_MAX_CHARS + 1)).is_err());
    assert!(check_text(TextField::Reason, &"x".repeat(REASON_MAX_CHARS + 1)).is_err());
}

#[test]
fn one_line_fields_refuse_line_breaks() {
    assert_eq!(
        check_text(TextField::Judul, "Jalan\nrusak").unwrap_err(),
        InputError::MultiLine {
            field: "judul".into()
        }
    );
    assert!(check_text(TextField::Reason, "baris 1\nbaris 2").is_ok());
}

#[test]
fn times_take_an_offset_or_are_local() {
    assert_eq!(
        parse_time("diterima", "2026-11-27T09:30:00+08:00").unwrap(),
        TimeInput::At(at("2026-11-27T01:30:00Z"))
    );
    assert_eq!(
        parse_time("diterima", "2026-11-27T09:30+09:00").unwrap(),
        TimeInput::At(at("2026-11-27T00:30:00Z"))
    );
    for local in [
        "2026-11-27 09:30",
        "2026-11-27T09:30",
        "2026-11-27 09:30:00",
    ] {
        let t = parse_time("diterima", local).unwrap();
        assert!(matches!(t, TimeInput::Local(_)), "{local}");
        assert_eq!(t.resolve(Zone::Wita), at("2026-11-27T01:30:00Z"));
        assert_eq!(t.resolve(Zone::Wib), at("2026-11-27T02:30:00Z"));
    }
    assert_eq!(
        parse_time("diterima", "2026-11-27")
            .unwrap()
            .resolve(Zone::Wit),
        at("2026-11-26T15:00:00Z")
    );
    assert_eq!(
        parse_time("diterima", "2026-11-27T09")
            .unwrap_err()
            .to_string(),
        "diterima: expected a time like 2026-11-27T09:30:00+07:00 or 2026-11-27 09:30, got '2026-11-27T09'"
    );
    assert!(parse_date("tanggal_kejadian", "2026-02-30").is_err());
}

#[test]
fn received_times_stay_in_a_sane_window() {
    let c = ctx();
    assert!(check_received(c.now + CLOCK_SKEW, &c).is_ok());
    assert!(matches!(
        check_received(c.now + CLOCK_SKEW + TimeDelta::seconds(1), &c),
        Err(InputError::InFuture { .. })
    ));
    assert!(matches!(
        check_received(at("2099-01-01T00:00:00Z"), &c),
        Err(InputError::InFuture { .. })
    ));
    assert!(matches!(
        check_received(at("1970-01-01T00:00:00Z"), &c),
        Err(InputError::TooEarly { .. })
    ));
    // 2010-01-01 00:30 WIB is 2009-12-31 in UTC but already 2010 where it was received.
    assert!(check_received(at("2010-01-01T00:30:00+07:00"), &c).is_ok());
}

#[test]
fn incidents_happen_before_receipt_and_after_1945() {
    let day = |s: &str| parse_date("tanggal_kejadian", s).unwrap();
    assert!(check_incident(day("2026-11-27"), day("2026-11-27")).is_ok());
    assert!(matches!(
        check_incident(day("2026-11-28"), day("2026-11-27")),
        Err(InputError::AfterReceived { .. })
    ));
    assert!(matches!(
        check_incident(day("1900-01-01"), day("2026-11-27")),
        Err(InputError::TooEarly { .. })
    ));
}

#[test]
fn positions_are_in_range_and_paired() {
    assert!(check_position(Some(-0.03), Some(109.33)).is_ok());
    assert!(check_position(Some(90.0), Some(-180.0)).is_ok());
    assert_eq!(
        check_position(Some(999.0), Some(0.0))
            .unwrap_err()
            .to_string(),
        "lat: expected a number from -90 to 90, got 999"
    );
    assert!(check_position(Some(0.0), Some(180.5)).is_err());
    assert!(matches!(
        check_position(Some(1.0), None),
        Err(InputError::Incomplete { .. })
    ));
}

#[test]
fn reporters_and_attachments_have_shapes() {
    let ok = Reporter {
        name: Some(" Budi ".into()),
        phone: Some("+62 812-0000-1111".into()),
        email: Some("budi@contoh.id".into()),
        nik: Some("6171012345678901".into()),
    };
    assert_eq!(check_reporter(&ok).unwrap().name.as_deref(), Some("Budi"));
    for bad in [
        Reporter {
            phone: Some("panggil saja".into()),
            ..Reporter::default()
        },
        Reporter {
            email: Some("budi@".into()),
            ..Reporter::default()
        },
        Reporter {
            nik: Some("123".into()),
            ..Reporter::default()
        },
    ] {
        assert!(check_reporter(&bad).is_err(), "{bad:?}");
    }
    let file = |size| Attachment {
        name: "foto.jpg".into(),
        mime: "image/jpeg".into(),
        size_bytes: size,
    };
    assert!(check_attachments(&[file(0), file(ATTACHMENT_MAX_BYTES)]).is_ok());
    assert_eq!(
        check_attachments(&[file(1), file(-1)]).unwrap_err().field(),
        Some("lampiran[1].ukuran")
    );
    assert!(matches!(
        check_attachments(&vec![file(1); ATTACHMENTS_MAX + 1]),
        Err(InputError::TooMany { .. })
    ));
}

#[test]
fn a_complaint_is_checked_as_a_whole() {
    let mut new = report();
    new.judul = "  Jalan rusak \r\n".into();
    new.tags = vec![" jalan ".into()];
    let checked = check_complaint(new, &ctx()).unwrap();
    assert_eq!(checked.judul, "Jalan rusak");
    assert_eq!(checked.tags, vec!["jalan"]);
    assert_eq!(checked.received_at, Some(ctx().now), "now when absent");

    let mut many = report();
    many.tags = vec!["t".into(); TAGS_MAX + 1];
    assert!(matches!(
        check_complaint(many, &ctx()),
        Err(InputError::TooMany { .. })
    ));
    let mut blank_tag = report();
    blank_tag.tags = vec!["jalan".into(), "\u{200B}".into()];
    assert_eq!(
        check_complaint(blank_tag, &ctx()).unwrap_err().field(),
        Some("tags[1]")
    );
    let mut late = report();
    late.received_at = Some(at("2099-01-01T00:00:00Z"));
    assert_eq!(
        check_complaint(late, &ctx()).unwrap_err().field(),
        Some("diterima")
    );
}

#[test]
fn json_takes_indonesian_and_english_keys() {
    let id = complaint_from_json(
        r#"{"judul": "J", "isi": "I", "kanal": "telepon", "diterima": "2026-11-27 09:30",
            "pelapor": "Budi", "tanggal_kejadian": "2026-11-25", "lokasi": "Jl. Merdeka",
            "lat": -0.03, "lon": 109.33, "kategori": "Jalan", "tags": ["jalan", "banjir"],
            "anonim": true, "rahasia": false, "instansi": "KOTA-PONTIANAK",
            "lampiran": [{"nama": "foto.jpg", "mime": "image/jpeg", "ukuran": 1024}],
            "klasifikasi": "aspirasi"}"#,
    )
    .unwrap();
    assert_eq!(id.complaint.channel, Channel::Telepon);
    assert_eq!(id.complaint.klasifikasi, Klasifikasi::Aspirasi);
    assert_eq!(id.complaint.reporter.name.as_deref(), Some("Budi"));
    assert_eq!(id.complaint.attachments[0].size_bytes, 1024);
    assert_eq!(
        id.clone().into_complaint(Zone::Wita).received_at,
        Some(at("2026-11-27T09:30:00+08:00"))
    );
    let en = complaint_from_json(
        r#"{"title": "J", "body": "I", "channel": "telepon", "received_at": "2026-11-27 09:30",
            "reporter": {"name": "Budi", "phone": "0812"}, "incident_date": "2026-11-25",
            "location": "Jl. Merdeka", "latitude": -0.03, "longitude": 109.33,
            "category": "Jalan", "tags": "jalan, banjir", "anonymous": true,
            "confidential": false, "agency": "KOTA-PONTIANAK",
            "attachments": [{"name": "foto.jpg", "type": "image/jpeg", "size_bytes": 1024}],
            "classification": "aspirasi"}"#,
    )
    .unwrap();
    assert_eq!(en.complaint.tags, id.complaint.tags);
    assert_eq!(en.received, id.received);
    assert_eq!(en.complaint.reporter.phone.as_deref(), Some("0812"));
    assert_eq!(
        NewComplaint {
            reporter: id.complaint.reporter.clone(),
            ..en.complaint
        },
        id.complaint
    );
}

#[test]
fn json_mistakes_name_the_key_and_the_expected_form() {
    let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "kanall": "sms"}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("unknown key 'kanall' (accepted keys: judul, title, isi, body,"),
        "{e}"
    );
    let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "pelapor": {"alamat": "x"}}"#)
        .unwrap_err();
    assert_eq!(e.field(), Some("pelapor.alamat"));
    let e = complaint_from_json(r#"{"judul": "J", "title": "T", "isi": "I"}"#).unwrap_err();
    assert!(matches!(e, InputError::DuplicateKey { .. }), "{e}");
    let e = complaint_from_json(r#"[{"judul": "J", "isi": "I"}]"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected one JSON object {...} describing the complaint, got an array [...]"
    );
    let e = complaint_from_json(r#"{"judul": 5, "isi": "I"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "judul: expected text (a JSON string), got a number"
    );
    let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "kanal": "fax"}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("kanal: unknown value 'fax' (expected one of: web, sms")
    );
    let e =
        complaint_from_json(r#"{"judul": "J", "isi": "I", "diterima": "kemarin"}"#).unwrap_err();
    assert_eq!(e.field(), Some("diterima"));
    let e = complaint_from_json(r#"{"isi": "I"}"#).unwrap_err();
    assert_eq!(e.to_string(), "judul: required");
    let e = complaint_from_json(r#"{"judul": "J", "isi": "I",}"#).unwrap_err();
    assert!(matches!(e, InputError::Syntax { line: 1, .. }), "{e}");
    let e = complaint_from_json("  ").unwrap_err();
    assert!(matches!(e, InputError::NotAnObject { .. }), "{e}");
    let e = complaint_from_json(
        r#"{"judul": "J", "isi": "I", "lampiran": [{"nama": "a", "mime": "a/b", "ukuran": 1.5}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("lampiran[0].ukuran"));
}
