//! The words for the domain's values in the interface language: statuses, classifications,
//! channels, event kinds, roles, draft kinds, and why the store refused. Pure functions beneath
//! both the view and the update side, which both speak of these things.

use super::draft::DraftKind;
use super::i18n::{Lang, T};
use crate::domain::text::visible;
use crate::domain::view::Order;
use crate::domain::{Channel, EventKind, Klasifikasi, Role, Status};
use crate::store::StoreError;

pub fn status_label(st: Status, lang: Lang) -> &'static str {
    lang.t(match st {
        Status::Baru => T::StBaru,
        Status::Ditunda => T::StDitunda,
        Status::Terverifikasi => T::StTerverifikasi,
        Status::Didisposisikan => T::StDidisposisikan,
        Status::BukanWewenang => T::StBukanWewenang,
        Status::Ditindaklanjuti => T::StDitindaklanjuti,
        Status::MenungguPersetujuan => T::StMenungguPersetujuan,
        Status::Ditanggapi => T::StDitanggapi,
        Status::TanggapanPelapor => T::StTanggapanPelapor,
        Status::Selesai => T::StSelesai,
        Status::Diarsipkan => T::StDiarsipkan,
    })
}

/// The queue's short code of a status (four letters at most); `?` lists them with their words.
pub fn status_code(st: Status, lang: Lang) -> &'static str {
    lang.t(match st {
        Status::Baru => T::ScBaru,
        Status::Ditunda => T::ScDitunda,
        Status::Terverifikasi => T::ScTerverifikasi,
        Status::Didisposisikan => T::ScDidisposisikan,
        Status::BukanWewenang => T::ScBukanWewenang,
        Status::Ditindaklanjuti => T::ScDitindaklanjuti,
        Status::MenungguPersetujuan => T::ScMenungguPersetujuan,
        Status::Ditanggapi => T::ScDitanggapi,
        Status::TanggapanPelapor => T::ScTanggapanPelapor,
        Status::Selesai => T::ScSelesai,
        Status::Diarsipkan => T::ScDiarsipkan,
    })
}

pub fn klas_label(k: Klasifikasi, lang: Lang, short: bool) -> &'static str {
    lang.t(match (k, short) {
        (Klasifikasi::Pengaduan, true) => T::KlPengaduanShort,
        (Klasifikasi::Aspirasi, true) => T::KlAspirasiShort,
        (Klasifikasi::PermintaanInformasi, true) => T::KlInformasiShort,
        (Klasifikasi::Wbs, true) => T::KlWbsShort,
        (Klasifikasi::Pengadaan, true) => T::KlPengadaanShort,
        (Klasifikasi::Pengaduan, false) => T::KlPengaduan,
        (Klasifikasi::Aspirasi, false) => T::KlAspirasi,
        (Klasifikasi::PermintaanInformasi, false) => T::KlInformasi,
        (Klasifikasi::Wbs, false) => T::KlWbs,
        (Klasifikasi::Pengadaan, false) => T::KlPengadaan,
    })
}

pub fn channel_label(c: Channel, lang: Lang) -> &'static str {
    lang.t(match c {
        Channel::Web => T::ChWeb,
        Channel::Sms => T::ChSms,
        Channel::App => T::ChApp,
        Channel::Medsos => T::ChMedsos,
        Channel::Api => T::ChApi,
        Channel::Telepon => T::ChTelepon,
        Channel::Surat => T::ChSurat,
        Channel::Loket => T::ChLoket,
    })
}

/// The verb of an event kind in the interface language.
pub fn event_label(kind: EventKind, lang: Lang) -> String {
    use EventKind as K;
    let key = match kind {
        K::Intake => T::EvIntake,
        K::Verify => T::EvVerify,
        K::VerifyDispose => T::EvVerifyDispose,
        K::Dispose => T::EvDispose,
        K::Hold => T::EvHold,
        K::Resume => T::EvResume,
        K::Return => T::EvReturn,
        K::Archive => T::EvArchive,
        K::Claim => T::EvClaim,
        K::Assign => T::EvAssign,
        K::Unassign => T::EvUnassign,
        K::Reply => T::EvReply,
        K::Note => T::EvNote,
        K::Submit => T::EvSubmit,
        K::Approve => T::EvApprove,
        K::SendBack => T::EvSendBack,
        K::Escalate => T::EvEscalate,
        K::Deescalate => T::EvDeescalate,
        K::ReporterReply => T::EvReporterReply,
        K::Close => T::EvClose,
        K::AutoClose => T::EvAutoClose,
        K::Reopen => T::EvReopen,
        K::Merge => T::EvMerge,
        K::Link => T::EvLink,
    };
    lang.t(key).to_string()
}

/// The order of the queue as the tabs line shows it, with the direction of its key.
pub fn order_label(order: Order, lang: Lang) -> &'static str {
    lang.t(match order {
        Order::Tenggat => T::OrderTenggat,
        Order::Terbaru => T::OrderTerbaru,
        Order::Terlama => T::OrderTerlama,
        Order::Relevan => T::OrderRelevan,
    })
}

pub fn role_label(role: Role, lang: Lang) -> &'static str {
    lang.t(match role {
        Role::Officer => T::RoleOfficer,
        Role::Supervisor => T::RoleSupervisor,
        Role::Admin => T::RoleAdmin,
        Role::National => T::RoleNational,
    })
}

/// The label of a draft kind.
pub fn draft_kind_label(kind: DraftKind, lang: Lang) -> &'static str {
    lang.t(match kind {
        DraftKind::Reply => T::DraftKindReply,
        DraftKind::Note => T::DraftKindNote,
    })
}

/// Why the store refused, in the officer's language. Refusals of the rules are typed and have
/// their own words; the store's few remaining plain messages are shown as they are.
pub fn refusal_text(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Stale(events) => {
            let what: Vec<String> = events
                .iter()
                .map(|ev| {
                    format!(
                        "{} {} {}",
                        event_label(ev.kind, lang),
                        lang.pick("oleh", "by"),
                        visible(&ev.actor)
                    )
                })
                .collect();
            lang.fmt(
                T::RefusedStale,
                &[
                    ("n", &lang.number(events.len() as i64)),
                    ("what", &what.join(", ")),
                ],
            )
        }
        StoreError::Conflict(_) => lang.t(T::RefusedConflict).to_string(),
        other => other.message(lang),
    }
}
