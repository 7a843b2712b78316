//! Update tests of the officer's all-day work (issue 11): every key goes through the real keymap.

use super::msg::{Effect, Failure, Msg};
use super::state::*;
use super::tests::{keys, loaded, typed};
use crate::domain::{Channel, Complaint, Event, Klasifikasi, Reporter, Status, Zone};
use chrono::{TimeZone, Utc};

/// A complaint as the store's detail answers it.
pub(super) fn complaint(id: i64, status: Status, events: Vec<Event>) -> Complaint {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap();
    Complaint {
        id,
        status,
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Sms,
        judul: format!("laporan {id}"),
        isi: "isi".into(),
        tanggal_kejadian: None,
        lokasi: None,
        lat: None,
        lon: None,
        kategori_id: None,
        kategori: None,
        tags: Vec::new(),
        anonim: false,
        rahasia: false,
        reporter: Reporter::default(),
        reporter_masked: false,
        attachments: Vec::new(),
        instansi_id: 1,
        instansi: "Dinas".into(),
        zone: Zone::Wib,
        assignee: Some("siti".into()),
        routed_by: None,
        escalated_to: None,
        pending_reply_by: None,
        merged_into: None,
        received_at: at,
        updated_at: at,
        version: 3,
        clock: None,
        events,
    }
}

fn detail_arrives(s: &mut State, c: Complaint) -> Vec<Effect> {
    let req = s.req.detail;
    update(
        s,
        Msg::Detail {
            req,
            result: Ok(Box::new(c)),
            draft: None,
        },
    )
}

use super::update::update;

fn loads_detail_of(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadDetail { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

/// Point 1: `#` then digits, or the number typed into the palette or the filter, opens the
/// complaint in the detail although it is in no row of the view; a reload keeps it there.
#[test]
fn a_complaint_opens_by_its_number_from_anywhere() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "#");
    assert!(matches!(&s.overlay, Overlay::Palette { input, .. } if input.text == "#"));
    typed(&mut s, "1020001");
    let fx = keys(&mut s, "Enter");
    assert_eq!(loads_detail_of(&fx), vec![1_020_001], "{fx:?}");
    assert!(matches!(s.overlay, Overlay::None));
    assert_eq!(s.focus, Focus::Detail);
    detail_arrives(&mut s, complaint(1_020_001, Status::Baru, Vec::new()));
    assert_eq!(super::at_hand::subject(&s).map(|x| x.id), Some(1_020_001));
    // A refresh reloads the queue; the detail stays on the complaint asked for.
    let fx = keys(&mut s, "r");
    let req = s.req.list;
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
    let rows = s.queue.rows.clone();
    let fx = update(
        &mut s,
        Msg::Page {
            req,
            append: false,
            result: Ok(crate::store::Page { rows, next: None }),
        },
    );
    assert_eq!(loads_detail_of(&fx), vec![1_020_001], "{fx:?}");

    // The palette and the filter take the number with or without '#'.
    for (open, text) in [
        (":", "1020002"),
        (":", "#1020002"),
        ("/", "1020002"),
        ("/", "#1020002"),
    ] {
        let mut s = loaded((80, 24), 5, false);
        keys(&mut s, open);
        typed(&mut s, text);
        let fx = keys(&mut s, "Enter");
        assert_eq!(
            loads_detail_of(&fx),
            vec![1_020_002],
            "{open}{text}: {fx:?}"
        );
        assert_eq!(s.filter_text, "", "the number is not a filter");
    }
}

/// Point 1: a number the officer may not see answers exactly like a missing one: not found.
#[test]
fn a_number_out_of_sight_is_not_found() {
    let mut s = loaded((80, 24), 5, false);
    keys(&mut s, "#");
    typed(&mut s, "99");
    keys(&mut s, "Enter");
    let req = s.req.detail;
    update(
        &mut s,
        Msg::Detail {
            req,
            result: Err(Failure {
                connection: false,
                message: "no complaint #99".into(),
                code: "not_found",
            }),
            draft: None,
        },
    );
    let n = s.notice.clone().unwrap();
    assert!(n.text.contains("#99 tidak ditemukan"), "{n:?}");
    assert_eq!(s.focus, Focus::Queue);
    assert!(s.detail.as_ref().is_none_or(|d| d.id != 99));
}

/// Point 13: under --readonly a key that changes data says the console is read-only.
#[test]
fn readonly_says_so() {
    let mut s = loaded((80, 24), 5, false);
    s.settings.readonly = true;
    assert!(keys(&mut s, "c").is_empty());
    let n = s.notice.clone().unwrap().text;
    assert!(n.contains("hanya-baca"), "{n}");
    assert!(!n.contains("tidak dipakai"), "{n}");
}
