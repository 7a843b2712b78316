use super::*;

#[test]
fn every_refusal_reads_differently_in_each_language() {
    let samples = [
        Refusal::Unseen { id: 1 },
        Refusal::IllegalMove {
            id: 1,
            status: Status::Baru,
            kind: EventKind::Close,
        },
        Refusal::NeedsSupervisor {
            kind: EventKind::Hold,
        },
        Refusal::Empty {
            what: Needed::HoldReason,
        },
        Refusal::MergeIntoClosed {
            into: 2,
            status: Status::Selesai,
        },
    ];
    for r in samples {
        assert_ne!(r.message(Lang::Id), r.message(Lang::En), "{r:?}");
        assert!(!r.code().contains(' '));
    }
    assert_eq!(
        Refusal::IllegalMove {
            id: 7,
            status: Status::Baru,
            kind: EventKind::Hold
        }
        .message(Lang::Id),
        "#7 berstatus baru: tunda tidak dapat dilakukan dari status itu (hanya laporan yang menunggu verifikasi atau disposisi yang ditunda)"
    );
}
