//! The catalogue of every string the console shows, in Bahasa Indonesia (default) and English. The
//! locale's forms of dates and numbers ("Jumat, 27 Nov 2026", 1.234 vs 1,234) are methods of the
//! same `Lang`, written once in `domain::lang` for the console and the CLI alike.
//!
//! The catalogue is one macro invocation: each entry names a key, the Indonesian and the English
//! text, so the two tables always have the same keys (a test also checks their placeholders agree).
//! Placeholders are written `{name}` and filled by [`Lang::fmt`].

pub use crate::domain::lang::Lang;

/// The console's catalogue (the enum lives in the domain, which renders refusals in the same two
/// languages). The locale's forms of numbers and dates, `Lang::number`, `date`, `short_date`,
/// `date_time`, `weekday` and `month`, are the domain's (`domain::lang`), shared with the CLI.
impl Lang {
    pub fn t(self, key: T) -> &'static str {
        match self {
            Lang::Id => key.id(),
            Lang::En => key.en(),
        }
    }

    /// The text of `key` with its `{name}` placeholders filled.
    pub fn fmt(self, key: T, args: &[(&str, &str)]) -> String {
        let mut out = self.t(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

macro_rules! catalogue {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        /// A key of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];
            fn id(self) -> &'static str { match self { $(T::$key => $id),* } }
            fn en(self) -> &'static str { match self { $(T::$key => $en),* } }
        }

        /// The Indonesian table: (key, text).
        pub fn table_id() -> Vec<(&'static str, &'static str)> { vec![$((stringify!($key), $id)),*] }
        /// The English table: (key, text).
        pub fn table_en() -> Vec<(&'static str, &'static str)> { vec![$((stringify!($key), $en)),*] }
    };
}

catalogue! {
    // Header
    AppName => "meja", "meja";
    RoleOfficer => "penghubung", "liaison officer";
    RoleSupervisor => "admin koordinator", "supervisor";
    RoleAdmin => "admin instansi", "administrator";
    RoleNational => "admin nasional", "national admin";
    ConnOk => "● tersambung", "● connected";
    ConnLoading => "○ menyambung…", "○ connecting…";
    ConnLost => "✕ terputus", "✕ disconnected";
    ConnLive => "● langsung", "● live";
    ConnReconnecting => "◌ menyambung ulang…", "◌ reconnecting…";
    ReadOnlyTag => "[hanya baca]", "[read-only]";
    LowBandwidthTag => "[hemat]", "[low-bw]";
    // Views
    ViewMasuk => "Masuk", "Inbox";
    ViewSaya => "Saya", "Mine";
    ViewTim => "Tim", "Team";
    ViewTerlambat => "Terlambat", "Overdue";
    ViewEskalasi => "Eskalasi", "Escalated";
    ViewSemua => "Semua", "All";
    // Queue columns
    ColId => "No.", "No.";
    ColClock => "Tenggat", "Due";
    ColStatus => "Status", "Status";
    ColKlas => "Kls", "Cls";
    ColChannel => "Kanal", "Channel";
    ColTitle => "Judul", "Title";
    ColAssignee => "Petugas", "Assignee";
    QueueEmpty => "Tidak ada pengaduan di tampilan ini.", "No complaints in this view.";
    QueueLoading => "Memuat…", "Loading…";
    QueueMore => "memuat berikutnya…", "loading more…";
    QueuePosition => "{i}/{n}", "{i}/{n}";
    QueuePositionMore => "{i}/{n}+", "{i}/{n}+";
    Marked => "{n} bertanda", "{n} marked";
    FilterActive => "saring: {f}", "filter: {f}";
    // Statuses
    StBaru => "Baru", "New";
    StDitunda => "Ditunda", "On hold";
    StTerverifikasi => "Terverifikasi", "Verified";
    StDidisposisikan => "Didisposisikan", "Forwarded";
    StBukanWewenang => "Bukan wewenang", "Not ours";
    StDitindaklanjuti => "Ditindaklanjuti", "In progress";
    StMenungguPersetujuan => "Menunggu setuju", "Awaits approval";
    StDitanggapi => "Ditanggapi", "Answered";
    StTanggapanPelapor => "Balasan pelapor", "Reporter replied";
    StSelesai => "Selesai", "Closed";
    StDiarsipkan => "Diarsipkan", "Archived";
    // Classifications: short (queue) and long (detail)
    KlPengaduanShort => "ADU", "CMP";
    KlAspirasiShort => "ASP", "SUG";
    KlInformasiShort => "INF", "INF";
    KlWbsShort => "WBS", "WBS";
    KlPengadaanShort => "PBJ", "PRC";
    KlPengaduan => "Pengaduan", "Complaint";
    KlAspirasi => "Aspirasi", "Suggestion";
    KlInformasi => "Permintaan informasi", "Information request";
    KlWbs => "Whistle-blowing", "Whistle-blowing";
    KlPengadaan => "Pengadaan barang/jasa", "Procurement";
    // Channels
    ChWeb => "web", "web";
    ChSms => "sms", "sms";
    ChApp => "aplikasi", "app";
    ChMedsos => "medsos", "social";
    ChApi => "api", "api";
    ChTelepon => "telepon", "phone";
    ChSurat => "surat", "letter";
    ChLoket => "loket", "counter";
    // Clocks
    ClockDays => "{n} hk", "{n} wd";
    ClockHours => "{n} jam", "{n} h";
    ClockOverdue => "!{n} hk", "!{n} wd";
    ClockOverdueToday => "!hari ini", "!today";
    ClockPaused => "jeda", "paused";
    ClockNone => "-", "-";
    ClockVerifikasi => "verifikasi", "verification";
    ClockTindakLanjut => "tindak lanjut", "follow-up";
    ClockPenutupan => "penutupan", "closing";
    ClockDetail => "{kind}: {left}, jatuh tempo {due}", "{kind}: {left}, due {due}";
    ClockDetailPaused => "{kind}: dijeda, sisa {n} hari kerja", "{kind}: paused, {n} working days left";
    ClockLeftDays => "sisa {n} hari kerja", "{n} working days left";
    ClockLeftToday => "jatuh tempo hari ini", "due today";
    ClockLate => "TERLAMBAT {n} hari kerja", "OVERDUE by {n} working days";
    ClockLateToday => "TERLAMBAT", "OVERDUE";
    // Detail
    DetailTitle => "Detail", "Detail";
    DetailLoading => "Memuat detail…", "Loading detail…";
    DetailNone => "Pilih pengaduan lalu tekan {key}.", "Select a complaint and press {key}.";
    FieldStatus => "Status", "Status";
    FieldKlas => "Klasifikasi", "Class";
    FieldChannel => "Kanal", "Channel";
    FieldInstansi => "Instansi", "Agency";
    FieldAssignee => "Petugas", "Assignee";
    FieldReceived => "Diterima", "Received";
    FieldClock => "Tenggat", "Deadline";
    FieldKategori => "Kategori", "Category";
    FieldLokasi => "Lokasi", "Location";
    FieldTags => "Tag", "Tags";
    FieldReporter => "Pelapor", "Reporter";
    FieldIncident => "Kejadian", "Incident";
    FieldFlags => "Sifat", "Flags";
    FieldAttachments => "Lampiran", "Attachments";
    FieldEscalated => "Eskalasi", "Escalated";
    FieldPending => "Menunggu", "Pending";
    FieldMerged => "Digabung", "Merged";
    FlagAnonim => "anonim", "anonymous";
    FlagRahasia => "rahasia", "confidential";
    FlagBiasa => "biasa", "ordinary";
    ReporterMasked => "(disamarkan: pelapor anonim)", "(hidden: anonymous reporter)";
    Nobody => "belum ada", "nobody";
    EmptyValue => "-", "-";
    EscalatedTo => "ke {to}", "to {to}";
    PendingReply => "balasan dari {who} menunggu persetujuan", "reply by {who} awaits approval";
    MergedInto => "ke #{id}", "into #{id}";
    SectionBody => "Isi laporan", "Report";
    SectionTimeline => "Riwayat", "Timeline";
    TimelineEmpty => "Belum ada riwayat.", "No events yet.";
    // Event kinds (event log verbs)
    DidIntake => "{who} menerima laporan", "{who} received the report";
    DidVerify => "{who} memverifikasi", "{who} verified it";
    DidVerifyDispose => "{who} memverifikasi dan mendisposisikan ke {to}", "{who} verified it and forwarded it to {to}";
    DidDispose => "{who} mendisposisikan ke {to}", "{who} forwarded it to {to}";
    DidHold => "{who} menunda sampai {until}", "{who} put it on hold until {until}";
    DidResume => "{who} melanjutkan", "{who} resumed it";
    DidReturn => "{who} mengembalikan: bukan wewenang", "{who} returned it: not ours";
    DidArchive => "{who} mengarsipkan", "{who} archived it";
    DidClaim => "{who} mengklaim", "{who} claimed it";
    DidAssign => "{who} menugaskan {to}", "{who} assigned it to {to}";
    DidUnassign => "{who} melepas penugasan", "{who} unassigned it";
    DidReply => "{who} menanggapi pelapor", "{who} answered the reporter";
    DidNote => "{who} menulis catatan internal", "{who} wrote an internal note";
    DidSubmit => "{who} mengajukan tanggapan untuk disetujui", "{who} submitted a reply for approval";
    DidApprove => "{who} menyetujui tanggapan", "{who} approved the reply";
    DidSendBack => "{who} mengembalikan tanggapan ke penulisnya", "{who} sent the reply back to its author";
    DidEscalate => "{who} mengeskalasi ke {to}", "{who} escalated it to {to}";
    DidDeescalate => "{who} mencabut eskalasi", "{who} de-escalated it";
    DidReporterReply => "{who} mencatat jawaban pelapor", "{who} recorded the reporter's answer";
    DidClose => "{who} menutup", "{who} closed it";
    DidAutoClose => "{who} menutup otomatis: pelapor tidak menjawab", "{who} closed it automatically: the reporter did not answer";
    DidReopen => "{who} membuka kembali", "{who} reopened it";
    DidMerge => "{who} menggabungkan ke #{id}", "{who} merged it into #{id}";
    DidLink => "{who} menautkan dengan #{id}", "{who} linked it with #{id}";
    DidEscalateUp => "{who} mengeskalasi ke atas", "{who} escalated it upwards";
    HistFrom => "Sebelumnya", "Before";
    HistBody => "Isi", "Text";
    HistNote => "Catatan", "Note";
    HistReason => "Alasan", "Reason";
    HistChanged => "Diubah", "Changed";
    HistTitle => "Judul", "Title";
    HistOther => "Lain", "Other";
    ScBaru => "BARU", "NEW";
    ScDitunda => "TUND", "HOLD";
    ScTerverifikasi => "VERI", "VERI";
    ScDidisposisikan => "DISP", "FWD";
    ScBukanWewenang => "BW", "NOTO";
    ScDitindaklanjuti => "PROS", "PROG";
    ScMenungguPersetujuan => "SETJ", "APPR";
    ScDitanggapi => "JAWB", "ANSW";
    ScTanggapanPelapor => "PLPR", "REPL";
    ScSelesai => "SLSE", "DONE";
    ScDiarsipkan => "ARSP", "ARCH";
    ColStatusCode => "Sts", "Sts";
    LegendStatus => "Kode status di antrean", "Status codes in the queue";
    EvIntake => "diterima", "received";
    EvVerify => "diverifikasi", "verified";
    EvVerifyDispose => "diverifikasi & didisposisikan", "verified & forwarded";
    EvDispose => "didisposisikan", "forwarded";
    EvHold => "ditunda", "put on hold";
    EvResume => "dilanjutkan", "resumed";
    EvReturn => "dikembalikan (bukan wewenang)", "returned (not ours)";
    EvArchive => "diarsipkan", "archived";
    EvClaim => "diklaim", "claimed";
    EvAssign => "ditugaskan", "assigned";
    EvUnassign => "dilepas", "unassigned";
    EvReply => "ditanggapi", "answered";
    EvNote => "catatan", "note";
    EvSubmit => "diajukan untuk persetujuan", "submitted for approval";
    EvApprove => "disetujui", "approved";
    EvSendBack => "dikembalikan ke penulis", "sent back";
    EvEscalate => "dieskalasi", "escalated";
    EvDeescalate => "eskalasi dicabut", "de-escalated";
    EvReporterReply => "balasan pelapor", "reporter replied";
    EvRecordedAt => "dicatat {at}", "recorded {at}";
    EvClose => "ditutup", "closed";
    EvAutoClose => "ditutup otomatis", "closed automatically";
    EvReopen => "dibuka kembali", "reopened";
    EvMerge => "digabung", "merged";
    EvLink => "ditautkan", "linked";
    // Contexts (help overlay headings)
    CtxGlobal => "Di mana saja", "Everywhere";
    CtxQueue => "Antrean", "Queue";
    CtxDetail => "Detail", "Detail";
    CtxFilter => "Saringan", "Filter";
    CtxPalette => "Palet perintah", "Command palette";
    CtxHelp => "Bantuan", "Help";
    CtxConfirm => "Konfirmasi", "Confirmation";
    CtxForm => "Formulir dan pemilih", "Forms and pickers";
    CtxEditor => "Penyunting draf", "Draft editor";
    // Overlays
    HelpTitle => "Bantuan: semua tombol", "Help: every key";
    HelpFooter => "{keys} tutup · {scroll} gulir · keymap: {name}", "{keys} close · {scroll} scroll · keymap: {name}";
    HelpSearch => "{key} cari", "{key} search";
    HelpSearching => "cari: {text}▏ · Enter selesai · Esc hapus", "search: {text}▏ · Enter done · Esc clear";
    FilterTitle => "Saring tampilan", "Filter the view";
    FilterHint => "contoh: status:baru kanal:sms instansi:\"Dinas PUPR\" terlambat \"jalan rusak\"", "e.g. status:baru kanal:sms instansi:\"Dinas PUPR\" terlambat \"jalan rusak\"";
    FilterError => "kolom {col}: {msg}", "column {col}: {msg}";
    FilterKeys => "{accept} terapkan · {cancel} batal", "{accept} apply · {cancel} cancel";
    PaletteTitle => "Perintah", "Commands";
    PaletteNone => "Tidak ada perintah yang cocok.", "No matching command.";
    ConfirmTitle => "Konfirmasi", "Confirm";
    ConfirmKeys => "{yes} ya · {no} batal", "{yes} yes · {no} cancel";
    TooSmall => "Terminal terlalu kecil: perlu {w}×{h}, kini {cw}×{ch}", "Terminal too small: needs {w}x{h}, now {cw}x{ch}";
    Pending => "{keys} …", "{keys} …";
    // Notices
    NoticeClaimed => "#{id} diklaim.", "#{id} claimed.";
    NoticeRefused => "Ditolak: {msg}", "Refused: {msg}";
    RefusedStale => "ada {n} peristiwa baru sejak Anda mulai menulis ({what}); baca dulu, lalu kirim lagi atau ubah", "{n} new event(s) since you started writing ({what}); read them, then send again or revise";
    RefusedConflict => "laporan diubah orang lain pada saat yang sama; lihat peristiwa baru lalu coba lagi", "the complaint was changed by someone else at the same moment; look at the new events and try again";
    NoticeDbError => "Basis data: {msg}", "Database: {msg}";
    NoticeLiveChange => "{what} #{id}", "{what} #{id}";
    NoticeLiveNew => "{n} laporan baru", "{n} new report(s)";
    NoticeReconnected => "Tersambung lagi; perubahan selama terputus sudah dimuat.", "Connected again; changes made meanwhile are loaded.";
    PresenceViewing => "{who} sedang melihat", "{who} is viewing";
    PresenceWriting => "{who} sedang menulis balasan", "{who} is writing a reply";
    NoticeReadonly => "Konsol hanya-baca: aksi yang mengubah data dimatikan.", "Read-only console: actions that change data are off.";
    NoticeReadonlyKey => "Konsol hanya-baca: {key} ({what}) mengubah data dan dimatikan.", "Read-only console: {key} ({what}) changes data and is off.";
    NoticeStaleHeld => "Belum terkirim: {n} peristiwa baru sejak Anda mulai menulis, tampil di atas draf. Baca dulu; {anyway} kirim juga ({send} tidak mengirim).", "Not sent: {n} new event(s) since you started writing, shown above the draft. Read them; {anyway} sends anyway ({send} does not).";
    StaleTitle => "Baru sejak Anda mulai menulis:", "New since you started writing:";
    StaleKeys => "{anyway} kirim juga · ubah lalu {anyway}", "{anyway} send anyway · or revise, then {anyway}";
    SentBackTitle => "Dikembalikan oleh {who}:", "Sent back by {who}:";
    NoticeTooSmallKeys => "Terminal terlalu kecil: tombol tidak dijalankan. Perbesar jendela, atau {quit} keluar.", "Terminal too small: keys do nothing. Enlarge the window, or {quit} quits.";
    NoticeFilterRefused => "Saringan {bad} ditolak ({msg}); tetap memakai: {kept}", "Filter {bad} refused ({msg}); still in force: {kept}";
    FilterNone => "tanpa saringan", "no filter";
    NoticeOneOnly => "{what} berlaku untuk satu laporan, dan {n} bertanda; {clear} hapus tanda dulu.", "{what} applies to one report, and {n} are marked; {clear} clears the marks first.";
    NoticeNotFound => "#{id} tidak ditemukan.", "#{id} not found.";
    PaletteGoTo => "{key} buka pengaduan #{id}", "{key} open complaint #{id}";
    NoticeUnbound => "Tombol {key} tidak dipakai di sini; {help} untuk bantuan.", "Key {key} does nothing here; {help} for help.";
    NoticeKeymapBroken => "Keymap: {err}; entri itu diabaikan.", "Keymap: {err}; that entry is ignored.";
    NoticeKeymapKeyless => "Keymap: {err}.", "Keymap: {err}.";
    NoticeConfigBroken => "Konfigurasi {file} rusak ({err}); diabaikan.", "Config {file} is broken ({err}); ignored.";
    NoticeRefreshed => "Dimuat ulang.", "Refreshed.";
    NoticeFilterCleared => "Saringan dihapus.", "Filter cleared.";
    NoticeNothingSelected => "Tidak ada pengaduan terpilih.", "No complaint selected.";
    NoticeNoSuggestion => "Belum ada saran instansi untuk laporan ini.", "No instansi suggested for this report yet.";
    NoticeWelcome => "Selamat bekerja. {help} bantuan · {palette} perintah · {quit} keluar", "Welcome. {help} help · {palette} commands · {quit} quit";
    // Action descriptions: short label for the status line, long text for help and the palette
    ASendAnyway => "kirim juga", "send anyway";
    ASendAnywayLong => "Kirim draf yang ditahan karena ada peristiwa baru, setelah membacanya", "Send a draft held back by new events, after reading them";
    AGoTo => "buka nomor", "go to number";
    AGoToLong => "Buka pengaduan menurut nomornya (# lalu angka)", "Open a complaint by its number (# then digits)";
    ASuspend => "tangguhkan", "suspend";
    ASort => "urutan", "order";
    ASortLong => "Ganti urutan antrean: tenggat (paling mendesak dulu), terbaru, terlama", "Change the queue's order: due (most urgent first), newest, oldest";
    OrderTenggat => "↑tenggat", "↑due";
    OrderTerbaru => "↓terbaru", "↓newest";
    OrderTerlama => "↑terlama", "↑oldest";
    OrderRelevan => "↑relevan", "↑relevance";
    OrderRelevanWindow => "↑relevan {n} terbaru", "↑relevance, newest {n}";
    AWider => "antrean lebar", "wider queue";
    AWiderLong => "Beri antrean lebih banyak tempat di layar lebar (diingat di config.toml)", "Give the queue more of a wide terminal (remembered in config.toml)";
    ANarrower => "antrean sempit", "narrower queue";
    ANarrowerLong => "Beri rincian lebih banyak tempat di layar lebar (diingat di config.toml)", "Give the complaint more of a wide terminal (remembered in config.toml)";
    NoticeNotRemembered => "Lebar antrean tidak bisa diingat: {err}", "The queue's width could not be remembered: {err}";
    ACopy => "salin", "copy";
    ACopyLong => "Salin nomor pengaduan (di editor: teks draf) ke clipboard lewat OSC 52", "Copy the tracking number (in the editor: the draft's text) to the clipboard by OSC 52";
    NoticeCopied => "Disalin ke clipboard: {what}", "Copied to the clipboard: {what}";
    NoticeCopyOff => "Salin ke clipboard mati; nyalakan dengan osc52 = true di {file}", "Copying to the clipboard is off; turn it on with osc52 = true in {file}";
    NoticeSplit => "Antrean {pct}% dari lebar layar", "Queue at {pct}% of the width";
    NoticeOrder => "Urutan: {order}", "Order: {order}";
    ASuspendLong => "Tangguhkan konsol dan kembali ke shell (fg untuk lanjut); draf disimpan", "Suspend the console and return to the shell (fg resumes); the draft is saved";
    AQuit => "keluar", "quit";
    AQuitLong => "Keluar dari meja", "Quit meja";
    AHelp => "bantuan", "help";
    AHelpLong => "Tampilkan semua tombol", "Show every key";
    ARedraw => "gambar ulang", "redraw";
    ARedrawLong => "Bersihkan dan gambar ulang layar", "Clear and redraw the screen";
    APalette => "perintah", "commands";
    APaletteLong => "Buka palet perintah", "Open the command palette";
    AFilter => "saring", "filter";
    AFilterLong => "Saring tampilan dengan bahasa saringan", "Filter the view with the filter language";
    AClearFilter => "hapus saringan", "clear filter";
    AClearFilterLong => "Hapus saringan yang berlaku", "Remove the filter in force";
    ARefresh => "muat ulang", "refresh";
    ARefreshLong => "Muat ulang antrean, jumlah dan detail", "Reload the queue, counts and detail";
    ANextView => "tampilan berikut", "next view";
    ANextViewLong => "Pindah ke tampilan berikutnya", "Switch to the next view";
    APrevView => "tampilan sebelum", "previous view";
    APrevViewLong => "Pindah ke tampilan sebelumnya", "Switch to the previous view";
    AView => "tampilan {n}", "view {n}";
    AViewLong => "Buka tampilan ke-{n}", "Open view number {n}";
    AUp => "naik", "up";
    AUpLong => "Pilih baris di atas", "Select the row above";
    ADown => "turun", "down";
    ADownLong => "Pilih baris di bawah", "Select the row below";
    APageUp => "hal. atas", "page up";
    APageUpLong => "Naik satu halaman", "Move up one page";
    APageDown => "hal. bawah", "page down";
    APageDownLong => "Turun satu halaman", "Move down one page";
    ATop => "awal", "top";
    ATopLong => "Ke baris pertama", "Go to the first row";
    ABottom => "akhir", "bottom";
    ABottomLong => "Ke baris terakhir yang dimuat", "Go to the last loaded row";
    AOpen => "buka", "open";
    AOpenLong => "Buka detail pengaduan", "Open the complaint's detail";
    ABack => "kembali", "back";
    ABackLong => "Kembali ke antrean", "Back to the queue";
    ANext => "berikut", "next";
    ANextLong => "Pengaduan berikutnya", "Next complaint";
    APrev => "sebelum", "previous";
    APrevLong => "Pengaduan sebelumnya", "Previous complaint";
    AMark => "tandai", "mark";
    AMarkLong => "Tandai baris untuk kerja massal", "Mark the row for bulk work";
    AClearMarks => "hapus tanda", "clear marks";
    AClearMarksLong => "Hapus semua tanda", "Remove every mark";
    AClaim => "klaim", "claim";
    AClaimLong => "Ambil pengaduan (atau semua yang bertanda)", "Take the complaint (or every marked one)";
    AAccept => "terapkan", "accept";
    AAcceptLong => "Terapkan / jalankan / ya", "Apply / run / yes";
    AAcceptSuggestion => "pakai saran", "take suggestion";
    AAcceptSuggestionLong => "Pilih instansi yang disarankan pertama (★, di atas daftar tujuan)", "Pick the first suggested instansi (★, at the top of the target list)";
    ACancel => "batal", "cancel";
    ACancelLong => "Tutup tanpa menerapkan", "Close without applying";
    AComplete => "lengkapi", "complete";
    ACompleteLong => "Lengkapi nama perintah", "Complete the command name";
    AClearInput => "kosongkan", "clear";
    AClearInputLong => "Kosongkan isian", "Clear the input";
    AScrollUp => "gulir naik", "scroll up";
    AScrollUpLong => "Gulir naik", "Scroll up";
    AScrollDown => "gulir turun", "scroll down";
    AScrollDownLong => "Gulir turun", "Scroll down";
    AMarkAll => "tandai semua", "mark all";
    AMarkAllLong => "Tandai semua baris di tampilan (sekali lagi: hapus tanda)", "Mark every row in the view (again: clear marks)";
    AAssign => "tugaskan", "assign";
    AAssignLong => "Tugaskan ke petugas (pilih dari daftar beban kerja)", "Assign to an officer (picked by workload)";
    AUnassign => "lepas", "hand back";
    AUnassignLong => "Lepaskan pengaduan (kembalikan ke antrean)", "Hand the complaint back (unassign)";
    AVerify => "verifikasi", "verify";
    AVerifyLong => "Verifikasi dan disposisikan (judul, klasifikasi, kategori, tag, instansi tujuan)", "Verify and dispose (title, class, category, tags, target agency)";
    AHold => "tunda", "hold";
    AHoldLong => "Tunda sampai tanggal tertentu, dengan alasan", "Hold until a date, with a reason";
    AResume => "lanjutkan", "resume";
    AResumeLong => "Lanjutkan pengaduan yang ditunda", "Resume a complaint on hold";
    AReturn => "bukan wewenang", "not ours";
    AReturnLong => "Kembalikan sebagai bukan wewenang, dengan alasan", "Return as not our authority, with a reason";
    AArchive => "arsipkan", "archive";
    AArchiveLong => "Arsipkan dengan alasan dari daftar dan catatan", "Archive with a reason from the list and a note";
    AReply => "tanggapi", "reply";
    AReplyLong => "Tulis tanggapan publik (draf tersimpan otomatis)", "Write a public reply (the draft saves itself)";
    ANote => "catatan", "note";
    ANoteLong => "Tulis catatan internal", "Write an internal note";
    AApprove => "setujui", "approve";
    AApproveLong => "Setujui tanggapan yang menunggu persetujuan", "Approve the reply awaiting approval";
    ASendBack => "kembalikan", "send back";
    ASendBackLong => "Kembalikan tanggapan ke penulis, dengan catatan", "Send the reply back to its author, with a note";
    AEscalate => "eskalasi", "escalate";
    AEscalateLong => "Eskalasi ke atasan atau instansi induk, dengan alasan", "Escalate to the supervisor or the parent agency, with a reason";
    ADeescalate => "cabut eskalasi", "de-escalate";
    ADeescalateLong => "Cabut eskalasi", "Withdraw the escalation";
    AClose => "tutup", "close";
    ACloseLong => "Tutup pengaduan yang sudah ditanggapi", "Close an answered complaint";
    AReopen => "buka lagi", "reopen";
    AReopenLong => "Buka kembali pengaduan yang selesai, dengan alasan", "Reopen a closed complaint, with a reason";
    AReporterReply => "balasan pelapor", "reporter's reply";
    AReporterReplyLong => "Catat balasan pelapor (lewat telepon atau loket), dengan waktunya", "Record the reporter's answer (by phone or at the desk), with when it was given";
    AMerge => "gabung", "merge";
    AMergeLong => "Gabungkan duplikat ke pengaduan lain (ada saran)", "Merge a duplicate into another complaint (with suggestions)";
    ALink => "tautkan", "link";
    ALinkLong => "Tautkan ke pengaduan terkait", "Link to a related complaint";
    AEditorBackLong => "Tutup penyunting (draf tetap tersimpan)", "Close the editor (the draft is kept)";
    AFormAcceptLong => "Simpan formulir (aksi destruktif dan massal bertanya dulu)", "Submit the form (destructive and bulk actions ask first)";
    AFormUpLong => "Pilihan sebelumnya", "Previous option";
    AFormDownLong => "Pilihan berikutnya", "Next option";
    ANextField => "isian berikut", "next field";
    ANextFieldLong => "Pindah ke isian berikutnya", "Go to the next field";
    APrevField => "isian sebelum", "previous field";
    APrevFieldLong => "Pindah ke isian sebelumnya", "Go to the previous field";
    ASend => "kirim", "send";
    ASendLong => "Kirim tanggapan/catatan (atau ajukan untuk persetujuan)", "Send the reply/note (or submit it for approval)";
    ATemplate => "templat", "template";
    ATemplateLong => "Sisipkan templat tanggapan", "Insert a reply template";
    AExternalEditor => "$EDITOR", "$EDITOR";
    AExternalEditorLong => "Sunting draf di $EDITOR", "Edit the draft in $EDITOR";
    ADiscardDraft => "buang draf", "discard draft";
    ADiscardDraftLong => "Buang draf ini", "Discard this draft";
    // Forms
    FormAssign => "Tugaskan #{id}", "Assign #{id}";
    FormAssignBulk => "Tugaskan {n} pengaduan", "Assign {n} complaints";
    FormVerify => "Verifikasi & disposisi #{id}", "Verify & dispose #{id}";
    FormDispose => "Disposisi #{id}", "Dispose #{id}";
    FormHold => "Tunda #{id}", "Hold #{id}";
    FormReturn => "Bukan wewenang #{id}", "Not ours #{id}";
    FormArchive => "Arsipkan #{id}", "Archive #{id}";
    FormEscalate => "Eskalasi #{id}", "Escalate #{id}";
    FormDeescalate => "Cabut eskalasi #{id}", "De-escalate #{id}";
    FormClose => "Tutup #{id}", "Close #{id}";
    FormReopen => "Buka kembali #{id}", "Reopen #{id}";
    FormReporterReply => "Balasan pelapor #{id}", "Reporter's reply #{id}";
    FormSendBack => "Kembalikan tanggapan #{id}", "Send back the reply of #{id}";
    FormMerge => "Gabungkan #{id} ke…", "Merge #{id} into…";
    FormLink => "Tautkan #{id} ke…", "Link #{id} to…";
    FormTemplate => "Templat untuk #{id}", "Template for #{id}";
    FormBulk => "{what}: {n} pengaduan bertanda", "{what}: {n} marked complaints";
    FieldOfficer => "Petugas", "Officer";
    FieldTitle => "Judul", "Title";
    FieldTarget => "Disposisi ke", "Dispose to";
    FieldUntil => "Sampai", "Until";
    FieldWhen => "Waktu", "When";
    FormNow => "sekarang", "now";
    FieldAnswer => "Balasan", "Answer";
    FieldReason => "Alasan", "Reason";
    FieldNote => "Catatan", "Note";
    FieldTo => "Ke", "To";
    FieldComplaint => "Pengaduan", "Complaint";
    FieldTemplate => "Templat", "Template";
    FormKeep => "(tetap)", "(keep)";
    FormNone => "(tanpa)", "(none)";
    FormRequired => "wajib diisi", "required";
    FormNoMatch => "tidak ada yang cocok", "nothing matches";
    FormBadDate => "tanggal tidak dikenali: tulis 2026-12-01 atau 1/12/2026", "unknown date: write 2026-12-01 or 1/12/2026";
    FormPastDate => "pilih hari setelah hari ini", "pick a day after today";
    FormBadTime => "tulis JJ:MM (hari ini) atau TTTT-BB-HH JJ:MM", "write HH:MM (today) or YYYY-MM-DD HH:MM";
    FormBadNumber => "tulis nomor pengaduan, mis. 1234567", "write a tracking number, e.g. 1234567";
    FormLoading => "memuat…", "loading…";
    FormKeys => "{accept} simpan · {next} isian berikut · {up}/{down} pilih · {cancel} batal", "{accept} save · {next} next field · {up}/{down} choose · {cancel} cancel";
    FormBusy => "mengirim…", "sending…";
    FormLoad => "{open} terbuka · {overdue} terlambat", "{open} open · {overdue} overdue";
    FormSuggested => "saran duplikat", "likely duplicates";
    EscAtasan => "atasan: admin koordinator instansi ini", "atasan: this agency's supervisor";
    EscInduk => "induk: instansi satu tingkat di atas", "induk: the agency one level up";
    ArTidakJelas => "tidak jelas", "unclear";
    ArTerlaluUmum => "terlalu umum", "too general";
    ArBukanPelayanan => "bukan pelayanan publik", "not about public service";
    ArDuplikat => "duplikat", "duplicate";
    ArSpam => "spam", "spam";
    // Confirmations and previews
    ConfirmAct => "{what} #{id}?", "{what} #{id}?";
    ConfirmBulk => "{what}: {n} pengaduan bertanda?", "{what}: {n} marked complaints?";
    ConfirmBulkNow => "Kini: {statuses}", "Now: {statuses}";
    ConfirmBulkRefuse => "Yang tidak boleh akan ditolak satu per satu; sisanya tetap jalan.", "Any that may not will be refused one by one; the rest go ahead.";
    ConfirmMerge => "#{id} jadi diarsipkan sebagai duplikat dari #{into}.", "#{id} becomes archived as a duplicate of #{into}.";
    ConfirmArchive => "#{id} diarsipkan ({reason}); jamnya berhenti.", "#{id} is archived ({reason}); its clock stops.";
    ConfirmDiscard => "Buang draf #{id}? Isinya hilang.", "Discard the draft of #{id}? Its text is lost.";
    // Draft editor
    DraftReply => "Tanggapan publik #{id}", "Public reply #{id}";
    DraftNote => "Catatan internal #{id}", "Internal note #{id}";
    DraftSaved => "tersimpan {time}", "saved {time}";
    DraftUnsaved => "● belum tersimpan", "● not saved yet";
    DraftLoading => "memuat draf…", "loading draft…";
    DraftSendReply => "{key} kirim tanggapan", "{key} send reply";
    DraftSendApproval => "{key} kirim untuk persetujuan", "{key} submit for approval";
    DraftSendNote => "{key} simpan catatan", "{key} save note";
    DraftKeys => "{template} templat · {editor} $EDITOR · {back} tutup (draf disimpan)", "{template} template · {editor} $EDITOR · {back} close (draft kept)";
    DraftUnknown => "Isian belum diganti: {list}", "Placeholders not filled: {list}";
    DraftEmpty => "Draf masih kosong.", "The draft is empty.";
    DraftInDetail => "Draf {kind} tersimpan ({n} karakter): {key} untuk melanjutkan", "Saved {kind} draft ({n} characters): {key} to continue";
    DraftKindReply => "tanggapan", "reply";
    DraftKindNote => "catatan", "note";
    DraftPending => "Tanggapan yang menunggu persetujuan", "Reply awaiting approval";
    EscalatedBy => "oleh {who}, {when}: {why}", "by {who}, {when}: {why}";
    // Outcomes
    NoticeDone => "#{id}: {what}.", "#{id}: {what}.";
    NoticeBulkDone => "{what}: {ok} berhasil, {bad} ditolak.", "{what}: {ok} done, {bad} refused.";
    NoticeBulkSome => "{what}: {ok} berhasil, {bad} ditolak (#{id}: {why})", "{what}: {ok} done, {bad} refused (#{id}: {why})";
    NoticeDraftDiscarded => "Draf dibuang.", "Draft discarded.";
    NoticeNoTemplates => "Tidak ada templat (tambahkan dengan `meja template add`).", "No templates (add some with `meja template add`).";
    NoticeEditorFailed => "$EDITOR gagal: {msg}", "$EDITOR failed: {msg}";
    NoticeNotNow => "{what} tidak berlaku untuk status {status}.", "{what} does not apply to status {status}.";
    NoticeMarkedAll => "{n} baris bertanda.", "{n} rows marked.";
    // Status line hints that stand for several actions
    HintMove => "pindah", "move";
    HintViews => "tampilan", "views";
    HintScroll => "gulir", "scroll";
    HintChoose => "pilih", "choose";
    // The supervisor's board
    CtxBoard => "Papan monev", "Monev board";
    ABoard => "papan", "board";
    ABoardLong => "Papan monev: angka bulan ini, peringkat, tenggat, beban petugas", "Monev board: this month's figures, ranking, clocks, officers' load";
    ABoardOpenLong => "Buka antrean yang dihitung angka ini", "Open the queue this figure counts";
    ABoardBackLong => "Kembali ke antrean", "Back to the queue";
    BoardRefused => "Papan monev untuk admin koordinator ke atas: penghubung melihat bebannya di tampilan Saya.", "The monev board is for supervisors and above: a liaison officer sees their load in the Mine view.";
    BoardNotHere => "Tidak berlaku di papan monev (Esc kembali ke antrean).", "Not available on the monev board (Esc goes back to the queue).";
    BoardNoQueue => "Angka periode ini tidak dihitung dari satu antrean.", "No queue lists this figure of the period.";
    BoardOpened => "Antrean dari papan: {q}", "Queue from the board: {q}";
    BoardTitle => "Papan monev · {instansi} · {from} – {to}", "Monev board · {instansi} · {from} – {to}";
    BoardLoading => "Menghitung…", "Counting…";
    BoardFailed => "Papan gagal dimuat: {msg}", "The board failed to load: {msg}";
    BoardFigures => "Angka periode ini", "This period";
    BoardReceived => "Diterima", "Received";
    BoardExcluded => "Dikecualikan", "Excluded";
    BoardCompletion => "Penyelesaian", "Completion";
    BoardVerified => "Verifikasi ≤3 hari", "Verified ≤3 days";
    BoardFollowedUp => "Tindak lanjut ≤5 hari", "Followed up ≤5 days";
    BoardFirstFollowUp => "Hari ke tindak lanjut ke-1", "Days to 1st follow-up";
    BoardMedianP90 => "median {m} · p90 {p}", "median {m} · p90 {p}";
    BoardEscalations => "Eskalasi masuk / selesai", "Escalations in / resolved";
    BoardBacklog => "Tunggakan sekarang", "Backlog now";
    BoardOpen => "Terbuka", "Open";
    BoardAge => "Umur {b} hari kerja", "Age {b} working days";
    BoardClocks => "Tenggat", "Clocks";
    BoardDueToday => "Jatuh tempo hari ini", "Due today";
    BoardDueNext => "Jatuh tempo {day}", "Due {day}";
    BoardBreached => "Lewat tenggat", "Breached";
    BoardChildren => "Peringkat di bawahnya", "Ranked below";
    BoardOwnDesk => "{name} (sendiri)", "{name} (itself)";
    BoardColName => "Instansi", "Instansi";
    BoardColReceived => "Trm", "Rcv";
    BoardColCompletion => "Selesai", "Settled";
    BoardColVerified => "Ver ≤3", "Ver ≤3";
    BoardColFollowedUp => "TL ≤5", "Fup ≤5";
    BoardColBreached => "Lwt", "Late";
    BoardColOpen => "Buka", "Open";
    BoardOfficers => "Beban petugas", "Officers' load";
    BoardColOfficer => "Petugas", "Officer";
    BoardColOverdue => "Tlmbt", "Ovrdue";
    BoardColAwaiting => "Setuju", "Apprv";
    BoardColHandled => "Dtgn", "Hndld";
    BoardInflow => "Masuk per hari kerja, {n} hari terakhir", "Inflow per working day, last {n} days";
    BoardInflowAll => "semua", "all";
    BoardNone => "Belum ada.", "None yet.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_tables_have_the_same_keys_and_placeholders() {
        let id = table_id();
        let en = table_en();
        assert_eq!(id.len(), en.len());
        assert_eq!(id.len(), T::ALL.len());
        for ((kid, tid), (ken, ten)) in id.iter().zip(en.iter()) {
            assert_eq!(kid, ken);
            assert!(!tid.is_empty() && !ten.is_empty(), "{kid} is empty");
            assert_eq!(placeholders(tid), placeholders(ten), "{kid}");
        }
    }

    #[test]
    fn dates_and_numbers_in_both_locales() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(Lang::Id.date(d), "Jumat, 27 Nov 2026");
        assert_eq!(Lang::En.date(d), "Friday, 27 Nov 2026");
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap();
        assert_eq!(Lang::Id.date(d), "Senin, 17 Agu 2026");
        assert_eq!(Lang::Id.number(1234), "1.234");
        assert_eq!(Lang::En.number(1234), "1,234");
        assert_eq!(Lang::Id.number(1_000_000), "1.000.000");
        assert_eq!(Lang::En.number(-12), "-12");
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(
            Lang::Id.fmt(T::Marked, &[("n", "3")]),
            "3 bertanda".to_string()
        );
    }
}
