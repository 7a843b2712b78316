//! The command line, as clap sees it. Every console action has a verb here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "meja",
    version,
    about = "meja: the keyboard-driven console for SP4N-LAPOR! complaint handling",
    long_about = "meja: the keyboard-driven console for SP4N-LAPOR! complaint handling.\n\n\
        Without a command, meja opens the console. Every console action also exists as a command below.\n\
        Exit codes: 0 done, 1 refused or failed (one line on stderr), 2 usage."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Database: a file path, sqlite://PATH or postgres://… [default: meja.db in the XDG data directory]
    #[arg(long, global = true, env = "MEJA_DB", value_name = "URL")]
    pub db: Option<String>,
    /// Act as this officer (username) [default: your login name]
    #[arg(long = "as", global = true, env = "MEJA_USER", value_name = "USER")]
    pub as_user: Option<String>,
    /// Open the console on a demo database (seeded on first use) as a demo supervisor
    #[arg(long)]
    pub demo: bool,
    /// Language of the console and of the CLI's refusals: id (Bahasa Indonesia) or en
    #[arg(long, global = true, env = "MEJA_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    /// Keymap: default, fkeys, or a path to a TOML file
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// Colours: auto (NO_COLOR turns them off), always, never
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Send as little as possible to the terminal (slow links)
    #[arg(long)]
    pub low_bandwidth: bool,
    /// Look only: every action that changes data is disabled
    #[arg(long)]
    pub readonly: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON (stable; see README) instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct Target {
    /// Tracking id (with or without '#')
    #[arg(value_parser = parse_tracking_id)]
    pub id: i64,
    /// Refuse if the complaint is no longer at this version (optimistic concurrency for scripts)
    #[arg(long, value_name = "V")]
    pub expect_version: Option<i64>,
    /// When it happened, if earlier than now (a reply given by phone yesterday): RFC 3339, or
    /// YYYY-MM-DD HH:MM in the time zone of the instansi holding the complaint. Never in the
    /// future, never before the complaint's latest event; the log keeps both times
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

/// A text given inline or read from a file ('-' for standard input).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Body {
    /// The text itself
    #[arg(long)]
    pub text: Option<String>,
    /// Read the text from this file ('-' for standard input)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn parse_tracking_id(s: &str) -> Result<i64, String> {
    let digits = s.trim().trim_start_matches('#');
    digits
        .parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| {
            format!("'{s}' is not a tracking id (expected digits such as 1916449 or #1916449)")
        })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or upgrade the database schema
    Migrate {
        /// Also compute every complaint's monev figures again from its events (after days off
        /// were decreed for days already past by an officer's session on PostgreSQL)
        #[arg(long)]
        refresh_figures: bool,
    },
    /// Fill the database with realistic synthetic data (deterministic for a given seed)
    Seed {
        /// How many complaints to generate
        #[arg(long, default_value_t = 1000)]
        complaints: u64,
        /// Random seed: the same seed gives the same data
        #[arg(long, default_value_t = 1708)]
        seed: u64,
        /// The moment the data is generated around (RFC 3339) [default: now]
        #[arg(long)]
        now: Option<String>,
        /// No progress bar
        #[arg(long)]
        quiet: bool,
    },
    /// List a queue
    List {
        /// masuk, saya, tim, terlambat, eskalasi or semua
        #[arg(long, default_value = "semua")]
        view: String,
        /// Filter language, e.g. 'status:baru kanal:sms terlambat "jalan rusak"'
        #[arg(long, default_value = "")]
        filter: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Continue after this cursor (printed as `next` by the previous page), KEY:ID
        #[arg(long)]
        after: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Count the complaints of each view
    Counts {
        #[arg(long, default_value = "")]
        filter: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// The monev figures of an instansi over a period, ranked (README, "Monev figures")
    Report(ReportArgs),
    /// Write complaints out: JSON lines (with their history), CSV or Open311 GeoReport v2
    Export(ExportArgs),
    /// Read complaints in: JSON lines (meja's export, with history), CSV or Open311 GeoReport v2
    Import(ImportArgs),
    /// Show one complaint with its clocks and events
    Show {
        #[command(flatten)]
        target: Target,
    },
    /// For a report awaiting disposition: the three instansi most likely right, with why
    Suggest {
        /// Tracking id (with or without '#')
        #[arg(value_parser = parse_tracking_id)]
        id: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Record a complaint received by phone, letter or at the desk (flags, or JSON on stdin with --stdin)
    Intake(Box<IntakeArgs>),
    /// Verify a new report (and dispose it with --instansi)
    Verify {
        #[command(flatten)]
        target: Target,
        /// Rewrite the title as a summary
        #[arg(long)]
        judul: Option<String>,
        #[arg(long)]
        klasifikasi: Option<String>,
        /// Category: "Jalan" or "Infrastruktur/Jalan"
        #[arg(long)]
        kategori: Option<String>,
        /// Comma-separated tags
        #[arg(long)]
        tags: Option<String>,
        /// Dispose to this instansi (code or name) in the same step
        #[arg(long)]
        instansi: Option<String>,
    },
    /// Forward a verified or returned report to an instansi, or to a unit of its instansi
    Dispose {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        instansi: String,
    },
    /// Put a report on hold until a date (pauses its clock)
    Hold {
        #[command(flatten)]
        target: Target,
        /// YYYY-MM-DD
        #[arg(long)]
        until: String,
        #[arg(long)]
        reason: String,
    },
    /// Take a report off hold
    Resume {
        #[command(flatten)]
        target: Target,
    },
    /// Return a report as bukan wewenang (not our authority) for re-routing
    Return {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        reason: String,
    },
    /// Archive a report: tidak_jelas, terlalu_umum, bukan_pelayanan_publik, duplikat, spam
    Archive {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Take a report as yours
    Claim {
        #[command(flatten)]
        target: Target,
    },
    /// Assign a report to an officer
    Assign {
        #[command(flatten)]
        target: Target,
        /// Officer username
        #[arg(long)]
        to: String,
    },
    /// Hand a report back (no assignee)
    Unassign {
        #[command(flatten)]
        target: Target,
    },
    /// Post the public follow-up (tindak lanjut)
    Reply {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        body: Body,
    },
    /// Add an internal note
    Note {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        body: Body,
    },
    /// Submit a reply for a supervisor's approval
    Submit {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        body: Body,
    },
    /// Approve the reply awaiting approval (it is posted)
    Approve {
        #[command(flatten)]
        target: Target,
    },
    /// Send the reply awaiting approval back to its author
    SendBack {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        note: String,
    },
    /// Escalate: to the supervisor (atasan), one level up (induk), or an instansi by name
    Escalate {
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value = "atasan")]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove an escalation
    Deescalate {
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record the reporter's answer to the follow-up (the follow-up clock restarts)
    ReporterReply {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        body: Body,
    },
    /// Close an answered report as selesai
    Close {
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reopen a finished report
    Reopen {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        reason: String,
    },
    /// Merge a duplicate into another report (the duplicate is archived)
    Merge {
        #[command(flatten)]
        target: Target,
        #[arg(long, value_parser = parse_tracking_id)]
        into: i64,
    },
    /// Link two related reports
    Link {
        #[command(flatten)]
        target: Target,
        #[arg(long = "to", value_parser = parse_tracking_id)]
        other: i64,
    },
    /// Apply the clocks: close reports silent past their period, resume holds, auto-escalate
    Sweep {
        /// Sweep as of this moment (RFC 3339) [default: now]
        #[arg(long)]
        now: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Events after an event id, or followed as they come (for integrations: --follow --json)
    Events {
        /// Start after this event id (resume where an earlier run stopped)
        #[arg(long, default_value_t = 0)]
        after: i64,
        /// At most this many events (without --follow)
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Keep following: print every event as it is recorded, one per line (JSON lines with
        /// --json), until interrupted
        #[arg(long)]
        follow: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Officers: list, add, disable, enable
    Officer {
        #[command(subcommand)]
        command: OfficerCommand,
    },
    /// The instansi tree
    Instansi {
        #[command(subcommand)]
        command: InstansiCommand,
    },
    /// The working-day calendar: list, add, remove days off
    Holiday {
        #[command(subcommand)]
        command: HolidayCommand,
    },
    /// Reply templates: list, add, remove
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Print the effective keymap of the console
    Keys {
        /// List every action a keymap file may name, with what it does and its keys
        #[arg(long)]
        actions: bool,
    },
    /// The configuration file: where it is, or (`--default`) a commented one with every key
    Config {
        /// Print a configuration file with every key, its default and what it does
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print only the configuration file's path
        #[arg(long)]
        path: bool,
    },
    /// Print shell completions: `meja completions bash > ~/.local/share/bash-completion/completions/meja`
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `meja man > ~/.local/share/man/man1/meja.1`
    Man,
    /// Say what is wrong with this installation and the command that fixes each problem
    /// (database, schema, indexes, holiday calendar, terminal, configuration and keymap files)
    Doctor,
}

#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Read one complaint as a JSON object from standard input (keys as in README, "Input rules")
    #[arg(long, conflicts_with_all = ["judul", "isi"])]
    pub stdin: bool,
    #[arg(long, required_unless_present = "stdin")]
    pub judul: Option<String>,
    #[arg(long, required_unless_present = "stdin")]
    pub isi: Option<String>,
    #[arg(long, default_value = "pengaduan")]
    pub klasifikasi: String,
    /// telepon, surat, loket, web, sms, app, medsos, api
    #[arg(long, default_value = "loket")]
    pub kanal: String,
    #[arg(long)]
    pub kategori: Option<String>,
    #[arg(long)]
    pub lokasi: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub tanggal_kejadian: Option<String>,
    #[arg(long)]
    pub tags: Option<String>,
    #[arg(long)]
    pub anonim: bool,
    #[arg(long)]
    pub rahasia: bool,
    #[arg(long)]
    pub pelapor: Option<String>,
    #[arg(long)]
    pub telepon: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub nik: Option<String>,
    /// Latitude of the place, -90 to 90 (with --lon)
    #[arg(long, allow_hyphen_values = true, requires = "lon")]
    pub lat: Option<f64>,
    /// Longitude of the place, -180 to 180 (with --lat)
    #[arg(long, allow_hyphen_values = true, requires = "lat")]
    pub lon: Option<f64>,
    /// Instansi receiving the report (code or name) [default: yours]
    #[arg(long)]
    pub instansi: Option<String>,
    /// When it was received: RFC 3339, or YYYY-MM-DD HH:MM in the receiving instansi's time
    /// (--instansi's, else yours) [default: now]
    #[arg(long)]
    pub diterima: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum OfficerCommand {
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    Add {
        username: String,
        #[arg(long)]
        name: String,
        /// officer, supervisor, admin, national
        #[arg(long)]
        role: String,
        /// Instansi code or name
        #[arg(long)]
        instansi: String,
        /// PostgreSQL: read the new login role's password from the first line of standard input
        /// (without it the role logs in as pg_hba.conf allows: peer or certificate)
        #[arg(long)]
        password_stdin: bool,
    },
    Disable {
        username: String,
    },
    Enable {
        username: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum InstansiCommand {
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Add a node to the tree (the first one, the national root, needs no --parent and no admin)
    Add {
        /// Short unique code, e.g. KOTA-PONTIANAK
        code: String,
        #[arg(long)]
        name: String,
        /// nasional, kementerian, lembaga, provinsi, kabupaten, kota, bumn, bumd, ptn, unit
        #[arg(long)]
        kind: String,
        /// WIB, WITA or WIT
        #[arg(long, default_value = "WIB")]
        zone: String,
        /// Parent instansi (code or name)
        #[arg(long)]
        parent: Option<String>,
        /// Working days to verify/follow up/close, e.g. 3/14/10
        #[arg(long, default_value = "3/5/10")]
        deadlines: String,
        /// Officers' public replies need a supervisor's approval
        #[arg(long)]
        approval: bool,
        /// Breached clocks escalate to the parent automatically
        #[arg(long)]
        auto_escalate: bool,
    },
    /// Other names of an instansi as people write them ("Dinas Perhubungan Kota Semarang" for
    /// "Dishub Kota Semarang"), matched wherever an instansi is named
    Alias {
        #[command(subcommand)]
        command: AliasCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AliasCommand {
    /// Every alias, or those of one instansi
    List {
        /// Instansi (code, name or alias)
        instansi: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Give an instansi another name (an admin of its subtree, or a national admin)
    Add {
        /// Instansi (code, name or alias)
        instansi: String,
        /// The other name, e.g. "Dinas Perhubungan Kota Semarang"
        alias: String,
    },
    /// Take an alias away (an admin of the instansi's subtree, or a national admin)
    Remove {
        /// Instansi (code, name or alias)
        instansi: String,
        /// The alias, as listed
        alias: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HolidayCommand {
    /// The days off in force at an instansi: national days plus the regional days of the instansi
    /// and of every instansi above it
    List {
        /// Only this year
        #[arg(long)]
        year: Option<i32>,
        /// Whose calendar (code or name); default your own instansi's
        #[arg(long)]
        instansi: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Add a day off. National kinds (libur_nasional, cuti_bersama) apply everywhere and need a
    /// national admin; a regional day applies to one instansi and everything below it, and needs
    /// an admin of that instansi (or above it) or a national admin
    Add {
        /// YYYY-MM-DD
        date: String,
        #[arg(long)]
        name: String,
        /// libur_nasional, cuti_bersama or regional
        #[arg(long, default_value = "regional")]
        kind: String,
        /// The instansi a regional day belongs to (code or name); default your own instansi.
        /// National kinds take none
        #[arg(long)]
        instansi: Option<String>,
        /// The decree that set the day
        #[arg(long, default_value = "")]
        decree: String,
    },
    /// Remove a day off: the regional day of --instansi; without it, your own instansi's regional
    /// day on that date if it has one, else the national day
    Remove {
        date: String,
        /// The instansi whose regional day to remove (code or name)
        #[arg(long)]
        instansi: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    Add {
        name: String,
        /// The status the template suits
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        body: Body,
    },
    Remove {
        name: String,
    },
}

/// `meja report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// First day of the period (YYYY-MM-DD; default: the first of this month)
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of the period (YYYY-MM-DD; default: the last of this month)
    #[arg(long)]
    pub to: Option<String>,
    /// The instansi whose subtree is counted (default: your own)
    #[arg(long)]
    pub instansi: Option<String>,
    /// One line per child instansi, officer, category or channel
    #[arg(long, value_enum, default_value_t = ReportBy::Child)]
    pub by: ReportBy,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Judge open clocks and the backlog as of this moment (RFC 3339, or YYYY-MM-DD HH:MM in
    /// your zone) [default: now]
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportBy {
    Child,
    Officer,
    Category,
    Channel,
}

impl ReportBy {
    pub fn code(self) -> &'static str {
        match self {
            ReportBy::Child => "child",
            ReportBy::Officer => "officer",
            ReportBy::Category => "category",
            ReportBy::Channel => "channel",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Md,
    Csv,
    Json,
}

/// `meja export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// masuk, saya, tim, terlambat, eskalasi or semua
    #[arg(long, default_value = "semua")]
    pub view: String,
    /// Filter language, e.g. 'status:selesai kanal:sms'
    #[arg(long, default_value = "")]
    pub filter: String,
    /// Public data: leave out rahasia reports and every reporter identity
    #[arg(long)]
    pub public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Open311,
}

/// `meja import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to read, or - for standard input
    pub file: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// The source's name: with each record's id there, what makes delivering it again change nothing [default: the format's name]
    #[arg(long)]
    pub source: Option<String>,
    /// Import the good records and write each bad one, with its reason, to FILE (JSON lines)
    #[arg(long, value_name = "FILE")]
    pub skip_bad: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub out: JsonFlag,
}
