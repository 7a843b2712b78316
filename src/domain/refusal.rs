//! Why a move is refused, as data. `lifecycle::plan` (and the calendar and store rules) return a
//! `Refusal`; each surface renders it in its language (`message`), scripts read its stable `code`,
//! and nobody decides anything by reading the text.

use super::access::Denial;
use super::lang::Lang;
use super::lifecycle::ComplaintId;
use super::types::{EventKind, HolidayKind, Role, Status, Zone};
use chrono::{DateTime, NaiveDate, Utc};

/// A text an action needs, named in refusals ("the reason for holding must not be empty").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    Title,
    Reply,
    Note,
    HoldReason,
    ReturnReason,
    EscalateReason,
    ReopenReason,
    SendBackNote,
    ReporterReply,
    /// An instansi's name or code.
    Instansi,
}

impl Needed {
    pub fn label(self, lang: Lang) -> &'static str {
        use Needed::*;
        match self {
            Title => lang.pick("judul", "the title"),
            Reply => lang.pick("tanggapan", "the reply"),
            Note => lang.pick("catatan", "the note"),
            HoldReason => lang.pick("alasan penundaan", "the reason for holding"),
            ReturnReason => lang.pick("alasan pengembalian", "the reason for returning"),
            EscalateReason => lang.pick("alasan eskalasi", "the reason for escalating"),
            ReopenReason => lang.pick("alasan membuka kembali", "the reason for reopening"),
            SendBackNote => lang.pick("catatan untuk penulis", "the note for the author"),
            ReporterReply => lang.pick("balasan pelapor", "the reporter's reply"),
            Instansi => lang.pick("nama atau kode instansi", "an instansi name or code"),
        }
    }
}

/// Why a move was refused. Each variant carries what its message needs; the message says what
/// was wrong in a way an officer can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The complaint is outside what the actor may see: worded exactly as a missing one.
    Unseen {
        id: ComplaintId,
    },
    /// The action does not apply to a complaint in this status.
    IllegalMove {
        id: ComplaintId,
        status: Status,
        kind: EventKind,
    },
    /// Only supervisors, admins and national admins take this action.
    NeedsSupervisor {
        kind: EventKind,
    },
    /// The complaint is someone else's work.
    AssignedToOther {
        id: ComplaintId,
    },
    /// An officer works only what is theirs: claim the complaint first.
    ClaimFirst {
        id: ComplaintId,
        kind: EventKind,
    },
    /// The instansi wants a supervisor's approval for officers' public replies.
    ApprovalRequired {
        id: ComplaintId,
    },
    /// Four eyes: the author of a reply does not approve it.
    FourEyes {
        id: ComplaintId,
    },
    AlreadyYours {
        id: ComplaintId,
    },
    ClaimedByOther {
        id: ComplaintId,
    },
    OfficerDisabled {
        username: String,
    },
    /// The officer named would not see the complaint.
    OfficerCannotSee {
        username: String,
        id: ComplaintId,
    },
    /// The actor may not assign to that officer.
    AssignDenied {
        username: String,
        id: ComplaintId,
        denial: Denial,
    },
    AlreadyAssigned {
        id: ComplaintId,
        username: String,
    },
    NoAssignee {
        id: ComplaintId,
    },
    /// A text the action needs is empty.
    Empty {
        what: Needed,
    },
    /// A disposed report goes on only to units of the instansi holding it.
    NotAUnit {
        id: ComplaintId,
        instansi: String,
    },
    /// Nobody routed it, so a bukan-wewenang return has nowhere to go.
    NoRouter {
        id: ComplaintId,
    },
    /// An escalation goes up the tree, never sideways or down.
    NotAbove {
        id: ComplaintId,
        instansi: String,
    },
    /// There is no level above the top of the tree.
    TopOfTree {
        instansi: String,
    },
    AlreadyEscalated {
        id: ComplaintId,
        instansi: String,
    },
    NotEscalated {
        id: ComplaintId,
    },
    /// Closing by silence is the sweep's, not a person's.
    SweepOnly,
    MergeIntoItself {
        id: ComplaintId,
    },
    /// Merging folds a report into one that stays open.
    MergeIntoClosed {
        into: ComplaintId,
        status: Status,
    },
    LinkToItself {
        id: ComplaintId,
    },
    AlreadyLinked {
        id: ComplaintId,
        other: ComplaintId,
    },
    AlreadyAt {
        id: ComplaintId,
        instansi: String,
    },
    /// Forwarding goes only down the actor's own subtree.
    DisposeDenied {
        instansi: String,
        denial: Denial,
    },
    /// A hold ends on a day still to come in the instansi's zone.
    HoldUntilPast {
        until: NaiveDate,
        today: NaiveDate,
    },
    /// `--at`: what is recorded as having happened cannot lie in the future. `zone`: the
    /// complaint's instansi's, in which the times are said.
    AtInFuture {
        at: DateTime<Utc>,
        zone: Zone,
    },
    /// `--at`: nor before what the log already says happened.
    AtBeforePrevious {
        at: DateTime<Utc>,
        previous: DateTime<Utc>,
        zone: Zone,
    },
    /// No officer by that name among those the actor may see.
    UnknownOfficer {
        username: String,
    },
    /// No instansi by that code or name among those the actor may name.
    UnknownInstansi {
        query: String,
    },
    /// Several instansi match; `candidates` names up to five, `more` counts the rest.
    AmbiguousInstansi {
        query: String,
        candidates: Vec<String>,
        more: usize,
    },
    UnknownCategory {
        query: String,
    },
    AmbiguousCategory {
        query: String,
    },
    /// Decree days (libur nasional, cuti bersama) belong to the whole country.
    HolidayDecreeIsNational {
        kind: HolidayKind,
    },
    /// The national calendar moves every deadline in the country.
    HolidayNeedsNational,
    /// A regional admin changes the days of their own subtree only (`instansi`: whose days).
    HolidayOutsideSubtree {
        instansi: String,
    },
    /// Officers and supervisors do not change calendars.
    HolidayRole {
        role: Role,
        instansi: String,
    },
}

fn status_words(status: Status) -> String {
    status.as_code().replace('_', " ")
}

/// The name of an action in refusals.
pub fn kind_label(kind: EventKind, lang: Lang) -> &'static str {
    use EventKind::*;
    match kind {
        Intake => lang.pick("pencatatan", "intake"),
        Verify => lang.pick("verifikasi", "verify"),
        VerifyDispose => lang.pick("verifikasi & disposisi", "verify and dispose"),
        Dispose => lang.pick("disposisi", "dispose"),
        Hold => lang.pick("tunda", "hold"),
        Resume => lang.pick("lanjutkan", "resume"),
        Return => lang.pick("kembalikan (bukan wewenang)", "return (not our authority)"),
        Archive => lang.pick("arsipkan", "archive"),
        Claim => lang.pick("ambil", "claim"),
        Assign => lang.pick("tugaskan", "assign"),
        Unassign => lang.pick("lepas tugas", "unassign"),
        Reply => lang.pick("tanggapi", "reply"),
        Note => lang.pick("catatan", "note"),
        Submit => lang.pick("ajukan persetujuan", "submit for approval"),
        Approve => lang.pick("setujui", "approve"),
        SendBack => lang.pick("kembalikan ke penulis", "send back"),
        Escalate => lang.pick("eskalasi", "escalate"),
        Deescalate => lang.pick("cabut eskalasi", "de-escalate"),
        ReporterReply => lang.pick("balasan pelapor", "reporter's reply"),
        Close => lang.pick("selesaikan", "close"),
        AutoClose => lang.pick("tutup otomatis", "close automatically"),
        Reopen => lang.pick("buka kembali", "reopen"),
        Merge => lang.pick("gabungkan", "merge"),
        Link => lang.pick("tautkan", "link"),
    }
}

/// What the action needs instead, said when it does not apply to the status.
fn move_hint(kind: EventKind, lang: Lang) -> &'static str {
    use EventKind::*;
    match kind {
        Intake => lang.pick("laporan baru dicatat sekali", "a report is recorded once"),
        Verify | VerifyDispose => lang.pick(
            "hanya laporan baru yang diverifikasi",
            "only new reports are verified",
        ),
        Dispose => lang.pick(
            "verifikasi dulu, atau disposisikan laporan yang dikembalikan",
            "verify it first, or dispose a returned report",
        ),
        Hold => lang.pick(
            "hanya laporan yang menunggu verifikasi atau disposisi yang ditunda",
            "only reports awaiting verification or routing are held",
        ),
        Resume => lang.pick(
            "hanya laporan yang ditunda yang dilanjutkan",
            "only a report on hold is resumed",
        ),
        Return => lang.pick(
            "hanya laporan terdisposisi yang belum ditanggapi yang dapat dikembalikan",
            "only a disposed report not yet answered can be returned",
        ),
        Archive => lang.pick(
            "hanya laporan yang belum didisposisikan yang diarsipkan; selesaikan atau gabungkan yang lain",
            "only reports not yet disposed are archived; close or merge others",
        ),
        Claim | Assign | Unassign => lang.pick(
            "laporan yang sudah ditutup tidak dikerjakan; buka kembali dulu",
            "closed reports take no work; reopen it first",
        ),
        Reply | Submit => lang.pick(
            "tindak lanjut diberikan pada laporan terdisposisi yang sedang dikerjakan",
            "a follow-up is posted on a disposed report being worked",
        ),
        Note | Link => lang.pick("tidak berlaku", "does not apply"),
        Approve | SendBack => lang.pick(
            "hanya tanggapan yang menunggu persetujuan",
            "only a reply awaiting approval",
        ),
        Escalate | Deescalate => lang.pick(
            "laporan yang sudah ditutup tidak dieskalasi",
            "closed reports are not escalated",
        ),
        ReporterReply => lang.pick(
            "pelapor membalas tindak lanjut yang sudah diberikan",
            "the reporter answers a posted follow-up",
        ),
        Close | AutoClose => lang.pick(
            "laporan selesai setelah tindak lanjutnya diberikan",
            "a report closes once its follow-up is posted",
        ),
        Reopen => lang.pick(
            "hanya laporan selesai yang dibuka kembali",
            "only a finished report is reopened",
        ),
        Merge => lang.pick(
            "laporan yang sudah ditutup tidak digabungkan",
            "closed reports are not merged",
        ),
    }
}

fn denial_words(d: &Denial, lang: Lang) -> String {
    match d {
        Denial::Unseen => lang
            .pick("tidak terlihat oleh Anda", "not visible to you")
            .into(),
        Denial::Role { needed } => match lang {
            Lang::Id => format!("perlu peran {needed} atau lebih tinggi"),
            Lang::En => format!("that needs the role {needed} or above"),
        },
        Denial::OutsideSubtree => lang
            .pick(
                "di luar bagian pohon instansi Anda",
                "that is outside your part of the instansi tree",
            )
            .into(),
        Denial::HigherRole { role, own } => match lang {
            Lang::Id => {
                format!("tidak seorang pun memberi peran {role} di atas perannya sendiri ({own})")
            }
            Lang::En => {
                format!("nobody may give or change the role {role} above their own ({own})")
            }
        },
        Denial::OwnAccount => lang
            .pick(
                "tidak ada yang menonaktifkan akunnya sendiri; minta admin lain",
                "nobody disables their own account; ask another admin",
            )
            .into(),
    }
}

fn time_words(t: &DateTime<Utc>, zone: Zone) -> String {
    format!(
        "{} {zone}",
        t.with_timezone(&zone.offset()).format("%Y-%m-%d %H:%M")
    )
}

impl Refusal {
    /// A stable code for scripts (`--json`): never translated, never reworded.
    pub fn code(&self) -> &'static str {
        use Refusal::*;
        match self {
            Unseen { .. } => "not_found",
            IllegalMove { .. } => "illegal_move",
            NeedsSupervisor { .. } => "needs_supervisor",
            AssignedToOther { .. } => "assigned_to_other",
            ClaimFirst { .. } => "claim_first",
            ApprovalRequired { .. } => "approval_required",
            FourEyes { .. } => "four_eyes",
            AlreadyYours { .. } => "already_yours",
            ClaimedByOther { .. } => "claimed_by_other",
            OfficerDisabled { .. } => "officer_disabled",
            OfficerCannotSee { .. } => "officer_cannot_see",
            AssignDenied { .. } => "assign_denied",
            AlreadyAssigned { .. } => "already_assigned",
            NoAssignee { .. } => "no_assignee",
            Empty { .. } => "empty_text",
            NotAUnit { .. } => "not_a_unit",
            NoRouter { .. } => "no_router",
            NotAbove { .. } => "not_above",
            TopOfTree { .. } => "top_of_tree",
            AlreadyEscalated { .. } => "already_escalated",
            NotEscalated { .. } => "not_escalated",
            SweepOnly => "sweep_only",
            MergeIntoItself { .. } => "merge_into_itself",
            MergeIntoClosed { .. } => "merge_into_closed",
            LinkToItself { .. } => "link_to_itself",
            AlreadyLinked { .. } => "already_linked",
            AlreadyAt { .. } => "already_at",
            DisposeDenied { .. } => "dispose_denied",
            HoldUntilPast { .. } => "hold_until_past",
            AtInFuture { .. } => "at_in_future",
            AtBeforePrevious { .. } => "at_before_previous",
            UnknownOfficer { .. } => "unknown_officer",
            UnknownInstansi { .. } => "unknown_instansi",
            AmbiguousInstansi { .. } => "ambiguous_instansi",
            UnknownCategory { .. } => "unknown_category",
            AmbiguousCategory { .. } => "ambiguous_category",
            HolidayDecreeIsNational { .. } => "holiday_decree_is_national",
            HolidayNeedsNational => "holiday_needs_national",
            HolidayOutsideSubtree { .. } => "holiday_outside_subtree",
            HolidayRole { .. } => "holiday_role",
        }
    }

    /// Whether the refusal is about permission (the actor's role or share of the work) rather
    /// than the complaint's state or the input.
    pub fn is_permission(&self) -> bool {
        use Refusal::*;
        matches!(
            self,
            NeedsSupervisor { .. }
                | AssignedToOther { .. }
                | ClaimFirst { .. }
                | ApprovalRequired { .. }
                | FourEyes { .. }
                | AssignDenied { .. }
                | DisposeDenied { .. }
                | SweepOnly
                | HolidayNeedsNational
                | HolidayOutsideSubtree { .. }
                | HolidayRole { .. }
        )
    }

    /// The one line shown to a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::*;
        use Refusal::*;
        match (self, lang) {
            (Unseen { id }, Id) => format!("laporan #{id} tidak ada"),
            (Unseen { id }, En) => format!("no complaint #{id}"),
            (IllegalMove { id, status, kind }, Id) => format!(
                "#{id} berstatus {}: {} tidak dapat dilakukan dari status itu ({})",
                status_words(*status),
                kind_label(*kind, lang),
                move_hint(*kind, lang)
            ),
            (IllegalMove { id, status, kind }, En) => format!(
                "#{id} is {}: {} is not possible from that status ({})",
                status_words(*status),
                kind_label(*kind, lang),
                move_hint(*kind, lang)
            ),
            (NeedsSupervisor { kind }, Id) => format!(
                "{} memerlukan peran supervisor, admin atau admin nasional",
                kind_label(*kind, lang)
            ),
            (NeedsSupervisor { kind }, En) => format!(
                "{} needs a supervisor, admin or national role",
                kind_label(*kind, lang)
            ),
            (AssignedToOther { id }, Id) => format!("#{id} ditugaskan kepada petugas lain"),
            (AssignedToOther { id }, En) => format!("#{id} is assigned to someone else"),
            (ClaimFirst { id, kind }, Id) => format!(
                "#{id} belum ditugaskan kepada Anda: ambil dulu sebelum {}",
                kind_label(*kind, lang)
            ),
            (ClaimFirst { id, kind }, En) => format!(
                "#{id} is not assigned to you: claim it before you {}",
                kind_label(*kind, lang)
            ),
            (ApprovalRequired { id }, Id) => format!(
                "instansi yang memegang #{id} mewajibkan persetujuan supervisor untuk tanggapan publik; ajukan draf untuk disetujui"
            ),
            (ApprovalRequired { id }, En) => format!(
                "the instansi holding #{id} requires a supervisor's approval for public replies; submit the draft for approval"
            ),
            (FourEyes { id }, Id) => format!(
                "prinsip empat mata: tanggapan #{id} disetujui oleh orang lain, bukan penulisnya"
            ),
            (FourEyes { id }, En) => format!(
                "the four-eyes rule: #{id}'s reply is approved by someone other than its author"
            ),
            (AlreadyYours { id }, Id) => format!("#{id} sudah menjadi tugas Anda"),
            (AlreadyYours { id }, En) => format!("#{id} is already yours"),
            (ClaimedByOther { id }, Id) => format!("#{id} sudah diambil petugas lain"),
            (ClaimedByOther { id }, En) => {
                format!("#{id} is already claimed by another officer")
            }
            (OfficerDisabled { username }, Id) => format!("petugas {username} dinonaktifkan"),
            (OfficerDisabled { username }, En) => format!("officer {username} is disabled"),
            (OfficerCannotSee { username, id }, Id) => format!(
                "petugas {username} tidak dapat mengerjakan #{id}: laporan itu di luar yang dapat dilihatnya"
            ),
            (OfficerCannotSee { username, id }, En) => format!(
                "officer {username} cannot work #{id}: it is outside what they see"
            ),
            (AssignDenied { username, id, denial }, Id) => format!(
                "#{id} tidak dapat ditugaskan kepada {username}: {}",
                denial_words(denial, lang)
            ),
            (AssignDenied { username, id, denial }, En) => format!(
                "#{id} cannot be assigned to {username}: {}",
                denial_words(denial, lang)
            ),
            (AlreadyAssigned { id, username }, Id) => {
                format!("#{id} sudah ditugaskan kepada {username}")
            }
            (AlreadyAssigned { id, username }, En) => {
                format!("#{id} is already assigned to {username}")
            }
            (NoAssignee { id }, Id) => format!("#{id} tidak punya petugas untuk dilepas"),
            (NoAssignee { id }, En) => format!("#{id} has no assignee to hand back"),
            (Empty { what }, Id) => format!("{} tidak boleh kosong", what.label(lang)),
            (Empty { what }, En) => format!("{} must not be empty", what.label(lang)),
            (NotAUnit { id, instansi }, Id) => format!(
                "{instansi} bukan unit dari instansi yang memegang #{id}; kembalikan sebagai bukan wewenang"
            ),
            (NotAUnit { id, instansi }, En) => format!(
                "{instansi} is not a unit of the instansi holding #{id}; return it as bukan wewenang instead"
            ),
            (NoRouter { id }, Id) => {
                format!("#{id} tidak punya instansi pendisposisi untuk dikembalikan")
            }
            (NoRouter { id }, En) => {
                format!("#{id} has no routing instansi to return it to")
            }
            (NotAbove { id, instansi }, Id) => {
                format!("{instansi} tidak berada di atas instansi yang memegang #{id}")
            }
            (NotAbove { id, instansi }, En) => {
                format!("{instansi} is not above the instansi holding #{id}")
            }
            (TopOfTree { instansi }, Id) => {
                format!("{instansi} adalah puncak pohon: tidak ada tingkat di atasnya")
            }
            (TopOfTree { instansi }, En) => {
                format!("{instansi} is the top of the tree: there is no level above it")
            }
            (AlreadyEscalated { id, instansi }, Id) => {
                format!("#{id} sudah dieskalasi ke {instansi}")
            }
            (AlreadyEscalated { id, instansi }, En) => {
                format!("#{id} is already escalated to {instansi}")
            }
            (NotEscalated { id }, Id) => format!("#{id} tidak sedang dieskalasi"),
            (NotEscalated { id }, En) => format!("#{id} is not escalated"),
            (SweepOnly, Id) => "hanya penyapu jam yang menutup laporan secara otomatis".into(),
            (SweepOnly, En) => "only the sweep closes reports automatically".into(),
            (MergeIntoItself { id }, Id) => {
                format!("#{id} tidak dapat digabungkan ke dirinya sendiri")
            }
            (MergeIntoItself { id }, En) => format!("#{id} cannot be merged into itself"),
            (MergeIntoClosed { into, status }, Id) => format!(
                "#{into} berstatus {}; gabungkan ke laporan yang masih terbuka",
                status_words(*status)
            ),
            (MergeIntoClosed { into, status }, En) => format!(
                "#{into} is {}; merge into a report that is still open",
                status_words(*status)
            ),
            (LinkToItself { id }, Id) => format!("#{id} tidak dapat ditautkan ke dirinya sendiri"),
            (LinkToItself { id }, En) => format!("#{id} cannot be linked to itself"),
            (AlreadyLinked { id, other }, Id) => format!("#{id} sudah tertaut ke #{other}"),
            (AlreadyLinked { id, other }, En) => format!("#{id} is already linked to #{other}"),
            (AlreadyAt { id, instansi }, Id) => format!("#{id} sudah berada di {instansi}"),
            (AlreadyAt { id, instansi }, En) => format!("#{id} is already at {instansi}"),
            (DisposeDenied { instansi, denial }, Id) => format!(
                "tidak dapat mendisposisikan ke {instansi}: {}",
                denial_words(denial, lang)
            ),
            (DisposeDenied { instansi, denial }, En) => format!(
                "cannot dispose to {instansi}: {}",
                denial_words(denial, lang)
            ),
            (HoldUntilPast { until, today }, Id) => format!(
                "tanggal akhir penundaan {until} sudah lewat (hari ini {today}); pilih hari setelah hari ini"
            ),
            (HoldUntilPast { until, today }, En) => format!(
                "the hold would end on {until}, which is not after today ({today}); pick a later day"
            ),
            (AtInFuture { at, zone }, Id) => format!(
                "waktu {} belum tiba; catat setelah terjadi",
                time_words(at, *zone)
            ),
            (AtInFuture { at, zone }, En) => format!(
                "{} is in the future; record it once it has happened",
                time_words(at, *zone)
            ),
            (AtBeforePrevious { at, previous, zone }, Id) => format!(
                "waktu {} lebih awal dari peristiwa terakhir laporan ini ({})",
                time_words(at, *zone),
                time_words(previous, *zone)
            ),
            (AtBeforePrevious { at, previous, zone }, En) => format!(
                "{} is before the complaint's latest event ({})",
                time_words(at, *zone),
                time_words(previous, *zone)
            ),
            (UnknownOfficer { username }, Id) => {
                format!("petugas '{username}' tidak dikenal (lihat `meja officer list`)")
            }
            (UnknownOfficer { username }, En) => {
                format!("unknown officer '{username}' (see `meja officer list`)")
            }
            (UnknownInstansi { query }, Id) => {
                format!("instansi '{query}' tidak dikenal (lihat `meja instansi list`)")
            }
            (UnknownInstansi { query }, En) => {
                format!("unknown instansi '{query}' (see `meja instansi list`)")
            }
            (
                AmbiguousInstansi {
                    query,
                    candidates,
                    more,
                },
                Id,
            ) => {
                let more = if *more > 0 {
                    format!(" dan {more} lagi")
                } else {
                    String::new()
                };
                format!(
                    "instansi '{query}' tidak jelas: {}{more}; gunakan kode",
                    candidates.join(", ")
                )
            }
            (
                AmbiguousInstansi {
                    query,
                    candidates,
                    more,
                },
                En,
            ) => {
                let more = if *more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "instansi '{query}' is ambiguous: {}{more}; use a code",
                    candidates.join(", ")
                )
            }
            (UnknownCategory { query }, Id) => format!("kategori '{query}' tidak dikenal"),
            (UnknownCategory { query }, En) => format!("unknown category '{query}'"),
            (AmbiguousCategory { query }, Id) => {
                format!("kategori '{query}' tidak jelas; tulis sebagai topik/subtopik")
            }
            (AmbiguousCategory { query }, En) => {
                format!("category '{query}' is ambiguous; write it as topic/subtopic")
            }
            (HolidayDecreeIsNational { kind }, Id) => format!(
                "hari {kind} ditetapkan dengan keputusan untuk seluruh negeri dan bukan milik instansi: hapus instansi, atau gunakan jenis regional"
            ),
            (HolidayDecreeIsNational { kind }, En) => format!(
                "{kind} days are set by decree for the whole country and belong to no instansi: leave out the instansi, or use kind regional"
            ),
            (HolidayNeedsNational, Id) => "libur nasional dan cuti bersama menggeser setiap tenggat di seluruh negeri; itu memerlukan admin nasional".into(),
            (HolidayNeedsNational, En) => "national holidays and cuti bersama move every deadline in the country; that needs a national admin".into(),
            (HolidayOutsideSubtree { instansi }, Id) => format!(
                "{instansi} di luar subpohon Anda; hari libur regionalnya diubah oleh admin instansi itu atau admin nasional"
            ),
            (HolidayOutsideSubtree { instansi }, En) => format!(
                "{instansi} is outside your own subtree; its regional days off are changed by an admin of the instansi or a national admin"
            ),
            (HolidayRole { role, instansi }, Id) => format!(
                "peran {role} tidak dapat mengubah kalender {instansi}; hari libur regional diubah oleh admin instansi itu atau admin nasional"
            ),
            (HolidayRole { role, instansi }, En) => format!(
                "a {role} may not change the calendar of {instansi}; regional days off are changed by an admin of the instansi or a national admin"
            ),
        }
    }
}

impl std::fmt::Display for Refusal {
    /// English, for logs and errors that reach no person's interface.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests;
