//! The vocabulary of SP4N-LAPOR! complaint handling as plain types.
//!
//! Every enum has a stable lower-case code (`as_code`/`from_code`): that code is what the database,
//! the JSON output and the filter language use, so renaming a Rust variant never changes data.

/// Defines a closed enum with stable codes, parsing, Display and serde as the code.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
            /// Parses a code, naming the accepted codes when it is not one of them.
            pub fn parse(code: &str) -> Result<Self, String> {
                Self::from_code(code.trim()).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.as_code()).collect();
                    format!("unknown {} '{}' (expected one of: {})", $what, code, codes.join(", "))
                })
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_code()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_code()) }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> { Self::parse(s) }
        }
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// Where a complaint is in its lifecycle (domain.md, "A workable status set for meja").
    Status, "status" {
        Baru = "baru",
        Ditunda = "ditunda",
        Terverifikasi = "terverifikasi",
        Didisposisikan = "didisposisikan",
        BukanWewenang = "bukan_wewenang",
        Ditindaklanjuti = "ditindaklanjuti",
        MenungguPersetujuan = "menunggu_persetujuan",
        Ditanggapi = "ditanggapi",
        TanggapanPelapor = "tanggapan_pelapor",
        Selesai = "selesai",
        Diarsipkan = "diarsipkan",
    }
);

impl Status {
    /// Closed complaints take no work and run no clock.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Selesai | Status::Diarsipkan)
    }
    /// Statuses that wait for the routing admin: verification or re-routing.
    pub fn awaits_routing(self) -> bool {
        matches!(
            self,
            Status::Baru | Status::Terverifikasi | Status::BukanWewenang
        )
    }
    /// Statuses in which the instansi owes a follow-up.
    pub fn awaits_follow_up(self) -> bool {
        matches!(
            self,
            Status::Didisposisikan
                | Status::Ditindaklanjuti
                | Status::MenungguPersetujuan
                | Status::TanggapanPelapor
        )
    }
}

coded_enum!(
    /// The kind of report (domain.md, "A report").
    Klasifikasi, "classification" {
        Pengaduan = "pengaduan",
        Aspirasi = "aspirasi",
        PermintaanInformasi = "permintaan_informasi",
        /// Whistle-blowing, visible to admins only.
        Wbs = "wbs",
        /// Procurement complaints, visible to admins only.
        Pengadaan = "pengadaan",
    }
);

coded_enum!(
    /// How the report reached the system ("no wrong door").
    Channel, "channel" {
        Web = "web",
        Sms = "sms",
        App = "app",
        Medsos = "medsos",
        Api = "api",
        Telepon = "telepon",
        Surat = "surat",
        Loket = "loket",
    }
);

coded_enum!(
    /// What an officer may do, scoped to the subtree of their instansi.
    Role, "role" {
        /// Pejabat penghubung: works the complaints of their unit.
        Officer = "officer",
        /// Admin instansi / koordinator: assigns, approves, escalates, forwards to units.
        Supervisor = "supervisor",
        /// Administers officers, holidays and templates of their subtree; may do what a supervisor does.
        Admin = "admin",
        /// Admin nasional: verifies and disposes incoming reports, intervenes anywhere.
        National = "national",
    }
);

impl Role {
    pub fn is_supervisor_or_above(self) -> bool {
        !matches!(self, Role::Officer)
    }
    /// Roles that may see a reporter's identity although the report is anonim: only the routing level.
    pub fn may_see_anonymous_reporter(self) -> bool {
        matches!(self, Role::National)
    }
}

coded_enum!(
    /// Why a report is archived (LAPOR! v3 admin training material).
    ArchiveReason, "archive reason" {
        TidakJelas = "tidak_jelas",
        TerlaluUmum = "terlalu_umum",
        BukanPelayananPublik = "bukan_pelayanan_publik",
        Duplikat = "duplikat",
        Spam = "spam",
    }
);

coded_enum!(
    /// The level of a node in the instansi tree.
    InstansiKind, "instansi kind" {
        Nasional = "nasional",
        Kementerian = "kementerian",
        Lembaga = "lembaga",
        Provinsi = "provinsi",
        Kabupaten = "kabupaten",
        Kota = "kota",
        Bumn = "bumn",
        Bumd = "bumd",
        Ptn = "ptn",
        Unit = "unit",
    }
);

coded_enum!(
    /// Indonesia's three time zones; none observes daylight saving, so each is a fixed offset.
    Zone, "time zone" {
        Wib = "WIB",
        Wita = "WITA",
        Wit = "WIT",
    }
);

impl Zone {
    pub fn offset(self) -> chrono::FixedOffset {
        let hours = match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        };
        // Infallible: the offsets are within ±24 h.
        chrono::FixedOffset::east_opt(hours * 3600)
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"))
    }
    pub fn iana(self) -> &'static str {
        match self {
            Zone::Wib => "Asia/Jakarta",
            Zone::Wita => "Asia/Makassar",
            Zone::Wit => "Asia/Jayapura",
        }
    }
}

coded_enum!(
    /// The deadline a clock measures.
    ClockKind, "clock" {
        /// Verify and dispose (default 3 working days); also re-routing after bukan wewenang.
        Verifikasi = "verifikasi",
        /// Post the follow-up (default 5 working days).
        TindakLanjut = "tindak_lanjut",
        /// The reporter's window; the report closes as selesai when it passes in silence (default 10).
        Penutupan = "penutupan",
    }
);

coded_enum!(
    /// The state of a clock at a moment, derived from its due time.
    ClockState, "clock state" {
        Running = "running",
        Paused = "paused",
        Breached = "breached",
    }
);

coded_enum!(
    /// What an event in a complaint's log records: the intake, or one action of `lifecycle::Action`.
    /// The code is the stable verb of the log, the CLI and the JSON output.
    EventKind, "event kind" {
        Intake = "intake",
        Verify = "verify",
        VerifyDispose = "verify_dispose",
        Dispose = "dispose",
        Hold = "hold",
        Resume = "resume",
        Return = "return",
        Archive = "archive",
        Claim = "claim",
        Assign = "assign",
        Unassign = "unassign",
        Reply = "reply",
        Note = "note",
        Submit = "submit",
        Approve = "approve",
        SendBack = "send_back",
        Escalate = "escalate",
        Deescalate = "deescalate",
        ReporterReply = "reporter_reply",
        Close = "close",
        AutoClose = "auto_close",
        Reopen = "reopen",
        Merge = "merge",
        Link = "link",
    }
);

coded_enum!(
    /// The holiday kinds of the national calendar (shared/calendar/README.md), plus regional days.
    HolidayKind, "holiday kind" {
        LiburNasional = "libur_nasional",
        CutiBersama = "cuti_bersama",
        Regional = "regional",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.as_code()), Some(*s));
        }
        for c in Channel::ALL {
            assert_eq!(c.as_code().parse::<Channel>(), Ok(*c));
        }
        assert_eq!(Zone::parse("WITA"), Ok(Zone::Wita));
    }

    #[test]
    fn unknown_code_names_the_choices() {
        let err = Status::parse("open").unwrap_err();
        assert!(err.contains("unknown status 'open'"), "{err}");
        assert!(err.contains("baru"), "{err}");
    }

    #[test]
    fn zones_are_fixed_offsets() {
        assert_eq!(Zone::Wib.offset().local_minus_utc(), 7 * 3600);
        assert_eq!(Zone::Wit.offset().local_minus_utc(), 9 * 3600);
    }
}
