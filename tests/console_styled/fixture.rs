//! A small world built in code for the styled snapshots: two instansi (a kota and a unit whose
//! replies wait for a supervisor), five complaints with short fixed texts in every clock state,
//! three officers, two templates. No database and no seed: the console's effects are answered
//! here, from these values, so a snapshot changes only when the drawing does.

use chrono::{DateTime, TimeZone, Utc};
use meja::console::msg::{Effect, Msg};
use meja::console::state::{ClockSource, Me, RefData, Settings, State};
use meja::console::update::{initial, start, update};
use meja::console::{Keymap, Lang, Theme};
use meja::domain::calendar::{CalendarBook, WorkingCalendar};
use meja::domain::clock::Deadlines;
use meja::domain::model::{Event, Reporter};
use meja::domain::monev::board::{self as monev_board, Board, Child, Scope};
use meja::domain::monev::{Life, OfficerSeat, Record};
use meja::domain::view::View;
use meja::domain::{
    Category, Channel, Clock, ClockKind, ClockState, Complaint, ComplaintRow, EventKind, Instansi,
    InstansiKind, Klasifikasi, Officer, Role, Status, Zone,
};
use meja::store::{OfficerLoad, Page, Template, ViewCounts};
use std::sync::Arc;

/// Friday 27 November 2026, 10:00 WIB.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .expect("a valid moment")
}

/// A moment of November 2026 in WIB, the fixture's time zone: `wib(26, 9)` is Thursday the 26th
/// at 09:00.
fn wib(day: u32, hour: u32) -> DateTime<Utc> {
    at_wib(11, day, hour)
}

/// 16:00 WIB on a day of 2026, the end of the working day: when the fixture's clocks fall due.
fn due(month: u32, day: u32) -> DateTime<Utc> {
    at_wib(month, day, 16)
}

fn at_wib(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Zone::Wib
        .offset()
        .with_ymd_and_hms(2026, month, day, hour, 0, 0)
        .single()
        .expect("a valid moment")
        .with_timezone(&Utc)
}

const KOTA: i64 = 1;
const UNIT: i64 = 2;

fn instansi() -> Vec<Instansi> {
    let node = |id, parent_id, code: &str, name: &str, kind, path: &str, approval| Instansi {
        id,
        parent_id,
        code: code.into(),
        name: name.into(),
        kind,
        zone: Zone::Wib,
        path: path.into(),
        deadlines: Deadlines::default(),
        requires_approval: approval,
        auto_escalate: false,
    };
    vec![
        node(
            KOTA,
            None,
            "kota",
            "Kota Contoh",
            InstansiKind::Kota,
            "/1/",
            false,
        ),
        node(
            UNIT,
            Some(KOTA),
            "dpu",
            "Dinas PU",
            InstansiKind::Unit,
            "/1/2/",
            true,
        ),
    ]
}

fn categories() -> Vec<Category> {
    let cat = |id, parent_id, name: &str| Category {
        id,
        parent_id,
        name: name.into(),
    };
    vec![
        cat(1, None, "Infrastruktur"),
        cat(2, Some(1), "Jalan"),
        cat(3, Some(1), "Lampu jalan"),
    ]
}

/// The officers of the world: (username, name, role).
const OFFICERS: [(&str, &str, Role); 3] = [
    ("rina", "Rina Wati", Role::Officer),
    ("agus", "Agus Salim", Role::Officer),
    ("budi", "Budi Santoso", Role::Supervisor),
];

fn officer(username: &str) -> Officer {
    let (u, name, role) = OFFICERS
        .iter()
        .find(|(u, _, _)| *u == username)
        .copied()
        .unwrap_or_else(|| panic!("{username} is not an officer of the fixture"));
    let (instansi_id, instansi_name, path) = if role == Role::Officer {
        (UNIT, "Dinas PU", "/1/2/")
    } else {
        (KOTA, "Kota Contoh", "/1/")
    };
    Officer {
        id: OFFICERS.iter().position(|(x, _, _)| *x == u).unwrap_or(0) as i64 + 1,
        username: u.into(),
        name: name.into(),
        role,
        instansi_id,
        instansi_name: instansi_name.into(),
        instansi_path: path.into(),
        active: true,
    }
}

fn event(
    id: i64,
    complaint_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    kind: EventKind,
    status: Status,
) -> Event {
    Event {
        id,
        complaint_id,
        at,
        recorded_at: None,
        actor: actor.into(),
        kind,
        status,
        details: serde_json::Value::Object(Default::default()),
        batch: None,
    }
}

fn with(mut e: Event, key: &str, value: &str) -> Event {
    if let serde_json::Value::Object(map) = &mut e.details {
        map.insert(key.into(), value.into());
    }
    e
}

fn clock(
    kind: ClockKind,
    started_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    state: ClockState,
) -> Option<Clock> {
    Some(Clock {
        kind,
        started_at,
        working_days: 3,
        due_at: Some(due_at),
        state,
    })
}

/// One complaint of the world, as the detail shows it.
#[allow(clippy::too_many_arguments)]
fn complaint(
    id: i64,
    status: Status,
    klasifikasi: Klasifikasi,
    channel: Channel,
    judul: &str,
    isi: &str,
    assignee: Option<&str>,
    clock: Option<Clock>,
    events: Vec<Event>,
) -> Complaint {
    let received_at = events.first().map(|e| e.at).unwrap_or_else(now);
    let updated_at = events.last().map(|e| e.at).unwrap_or_else(now);
    Complaint {
        id,
        status,
        klasifikasi,
        channel,
        judul: judul.into(),
        isi: isi.into(),
        tanggal_kejadian: None,
        lokasi: Some("Jl. Merdeka".into()),
        lat: None,
        lon: None,
        kategori_id: Some(2),
        kategori: Some("Jalan".into()),
        tags: vec!["jalan".into()],
        anonim: false,
        rahasia: false,
        reporter: Reporter {
            name: Some("Wati".into()),
            phone: Some("0812-1111".into()),
            email: None,
            nik: None,
        },
        reporter_masked: false,
        attachments: Vec::new(),
        instansi_id: UNIT,
        instansi: "Dinas PU".into(),
        zone: Zone::Wib,
        assignee: assignee.map(Into::into),
        routed_by: Some("budi".into()),
        escalated_to: None,
        pending_reply_by: (status == Status::MenungguPersetujuan).then(|| "rina".into()),
        merged_into: None,
        received_at,
        updated_at,
        version: events.len() as i64,
        clock,
        events,
    }
}

/// The five complaints: new and due today, worked and a day late, a reply waiting for approval,
/// on hold, closed.
pub fn complaints() -> Vec<Complaint> {
    use ClockKind::{TindakLanjut, Verifikasi};
    use EventKind as K;
    use Status as S;
    let intake = |id, at| event(id * 10, id, at, "portal", K::Intake, S::Baru);
    let disposed = |id, at| {
        with(
            event(id * 10 + 1, id, at, "budi", K::Dispose, S::Didisposisikan),
            "to",
            "Dinas PU",
        )
    };
    let claimed = |id, at| event(id * 10 + 2, id, at, "rina", K::Claim, S::Ditindaklanjuti);
    vec![
        complaint(
            101,
            S::Baru,
            Klasifikasi::Pengaduan,
            Channel::Sms,
            "Jalan berlubang",
            "Lubang besar di depan pasar.",
            None,
            clock(Verifikasi, wib(24, 9), due(11, 27), ClockState::Running),
            vec![intake(101, wib(24, 9))],
        ),
        complaint(
            102,
            S::Ditindaklanjuti,
            Klasifikasi::Aspirasi,
            Channel::Web,
            "Lampu jalan mati",
            "Tiga lampu mati sejak Senin.",
            Some("rina"),
            clock(TindakLanjut, wib(19, 9), due(11, 26), ClockState::Breached),
            vec![
                intake(102, wib(16, 8)),
                disposed(102, wib(16, 10)),
                claimed(102, wib(19, 9)),
            ],
        ),
        complaint(
            103,
            S::MenungguPersetujuan,
            Klasifikasi::Pengaduan,
            Channel::Telepon,
            "Sampah menumpuk",
            "Sampah tidak diangkut seminggu.",
            Some("rina"),
            clock(TindakLanjut, wib(24, 9), due(12, 1), ClockState::Running),
            vec![
                intake(103, wib(23, 8)),
                disposed(103, wib(23, 11)),
                claimed(103, wib(24, 9)),
                with(
                    event(
                        1033,
                        103,
                        wib(27, 8),
                        "rina",
                        K::Submit,
                        S::MenungguPersetujuan,
                    ),
                    "body",
                    "Sampah diangkut besok pagi.",
                ),
            ],
        ),
        complaint(
            104,
            S::Ditunda,
            Klasifikasi::PermintaanInformasi,
            Channel::Loket,
            "Jadwal posyandu",
            "Kapan posyandu bulan ini?",
            None,
            clock(Verifikasi, wib(25, 13), due(11, 30), ClockState::Paused),
            vec![
                intake(104, wib(25, 13)),
                with(
                    event(1041, 104, wib(26, 10), "budi", K::Hold, S::Ditunda),
                    "reason",
                    "Menunggu jadwal",
                ),
            ],
        ),
        complaint(
            105,
            S::Selesai,
            Klasifikasi::Pengaduan,
            Channel::App,
            "Air keruh",
            "Air PDAM keruh di RT 3.",
            Some("agus"),
            None,
            vec![
                intake(105, wib(9, 9)),
                event(1051, 105, wib(20, 15), "agus", K::Close, S::Selesai),
            ],
        ),
    ]
}

fn row(c: &Complaint) -> ComplaintRow {
    ComplaintRow {
        id: c.id,
        status: c.status,
        klasifikasi: c.klasifikasi,
        channel: c.channel,
        judul: c.judul.clone(),
        instansi_id: c.instansi_id,
        instansi: c.instansi.clone(),
        zone: c.zone,
        assignee: c.assignee.clone(),
        received_at: c.received_at,
        clock: c.clock,
        escalated: c.escalated_to.is_some(),
        version: c.version,
    }
}

fn templates() -> Vec<Template> {
    vec![
        Template {
            name: "terima-kasih".into(),
            status: None,
            body: "Terima kasih, laporan #{id} kami terima.".into(),
        },
        Template {
            name: "selesai".into(),
            status: Some(Status::Ditindaklanjuti),
            body: "Sudah kami perbaiki.".into(),
        },
    ]
}

/// The answer of the world to one effect, if it has one (writes and timers go unanswered: the
/// screens stop before them).
fn answer(effect: Effect, me: &str) -> Option<Msg> {
    let all = complaints();
    Some(match effect {
        Effect::LoadMe => Msg::Me(Ok(officer(me))),
        Effect::LoadPage { req, append, .. } => Msg::Page {
            req,
            append,
            result: Ok(Page {
                rows: if append {
                    Vec::new()
                } else {
                    all.iter().map(row).collect()
                },
                next: None,
            }),
        },
        Effect::LoadCounts { req, .. } => Msg::Counts {
            req,
            result: Ok((
                ViewCounts {
                    counts: View::ALL.iter().map(|v| (*v, 5)).collect(),
                    cap: None,
                },
                Vec::new(),
            )),
        },
        Effect::LoadDetail { req, id } => Msg::Detail {
            req,
            result: all
                .into_iter()
                .find(|c| c.id == id)
                .map(Box::new)
                .ok_or_else(|| meja::console::msg::Failure {
                    connection: false,
                    message: format!("#{id} is not in the fixture"),
                    code: "not_found",
                }),
            draft: None,
        },
        Effect::LoadOfficers { .. } => Msg::Officers(Ok(OFFICERS
            .iter()
            .enumerate()
            .map(|(i, (u, _, _))| OfficerLoad {
                officer: officer(u),
                open: 3 - i as i64,
                overdue: i64::from(i == 0),
            })
            .collect())),
        Effect::LoadTemplates => Msg::Templates(Ok(templates())),
        Effect::LoadBoard { req, now } => Msg::Board {
            req,
            result: Ok(Box::new(board(now))),
        },
        _ => return None,
    })
}

/// The supervisor's board of the kota as of `now`, computed by the real pure functions from the
/// fixture's complaints and officers (the unit is the kota's one child).
fn board(now: DateTime<Utc>) -> Board {
    let calendars = CalendarBook::shipped();
    let calendar = WorkingCalendar::shipped();
    let lives: Vec<Life> = complaints()
        .into_iter()
        .map(|c| {
            Life::of(
                Record {
                    id: c.id,
                    received_at: c.received_at,
                    channel: c.channel,
                    kategori_id: c.kategori_id,
                    instansi_path: "/1/2/".into(),
                    zone: c.zone,
                    assignee: c.assignee.clone(),
                },
                &c.events,
                &Deadlines::default(),
                &calendar,
            )
        })
        .collect();
    let seats: Vec<OfficerSeat> = OFFICERS
        .iter()
        .map(|(u, _, _)| {
            let o = officer(u);
            OfficerSeat {
                username: o.username,
                role: o.role,
                instansi_path: o.instansi_path,
                zone: Zone::Wib,
            }
        })
        .collect();
    let children = [Child {
        code: "dpu".into(),
        name: "Dinas PU".into(),
        path: "/1/2/".into(),
    }];
    let today = now.with_timezone(&Zone::Wib.offset()).date_naive();
    let refs: Vec<&Life> = lives.iter().collect();
    monev_board::board(
        &refs,
        &seats,
        &Scope {
            instansi: "Kota Contoh",
            children: &children,
            period: monev_board::month_of(today),
            now,
            today,
            calendar: &calendar,
            calendars: &calendars,
        },
    )
}

/// A console of `size` for `me` on the fixture, in the colour or the monochrome theme, started
/// and with every query answered.
pub fn console(me: &str, size: (u16, u16), mono: bool) -> Fixture {
    console_in(me, size, mono, Lang::Id)
}

/// `console` in a language of choice.
pub fn console_in(me: &str, size: (u16, u16), mono: bool, lang: Lang) -> Fixture {
    let o = officer(me);
    let keymap = Keymap::builtin("default").expect("the default keymap");
    let mut settings = Settings::new(lang, keymap);
    settings.theme = Theme::by_mono(mono);
    settings.clock = ClockSource::Fixed(now());
    settings.db_label = "fixture".into();
    let who = Me {
        username: o.username.clone(),
        name: None,
        role: o.role,
        instansi: None,
        instansi_path: o.instansi_path.clone(),
    };
    let mut state = initial(settings, who, size, Arc::new(CalendarBook::shipped()));
    state.reference = Arc::new(RefData {
        instansi: instansi(),
        names: Vec::new(),
        categories: categories(),
    });
    let mut f = Fixture {
        state,
        me: o.username,
    };
    let fx = start(&mut f.state);
    f.settle(fx);
    f
}

pub struct Fixture {
    pub state: State,
    me: String,
}

impl Fixture {
    /// Answers effects (and the effects of the answers) until none is left to answer.
    fn settle(&mut self, fx: Vec<Effect>) {
        let mut todo = std::collections::VecDeque::from(fx);
        while let Some(effect) = todo.pop_front() {
            if let Some(msg) = answer(effect, &self.me) {
                todo.extend(update(&mut self.state, msg));
            }
        }
    }

    /// Presses keys written as in a keymap file, separated by spaces, answering what they ask.
    pub fn press(&mut self, keys: &str) {
        let seq = meja::console::keys::Key::parse_seq(keys)
            .unwrap_or_else(|e| panic!("bad keys '{keys}': {e}"));
        for k in seq {
            let fx = update(&mut self.state, Msg::Key(k.to_event()));
            self.settle(fx);
        }
    }

    /// Types text, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let fx = update(
                &mut self.state,
                Msg::Key(meja::console::keys::Key::ch(c).to_event()),
            );
            self.settle(fx);
        }
    }
}
