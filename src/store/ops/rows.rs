// The rows the queries read, as sqlx derives them (`FromRow`, by column name), and how each becomes
// the domain's record. Codes stored as text (status, kind, zone, ...) are parsed here: an unknown
// code is a decode error naming the column, and a JSON column that does not parse keeps serde's
// error as its source.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

/// A stored code, parsed; an unknown one is a decode error that names the column.
fn parse_code<T>(column: &str, value: &str, parse: fn(&str) -> Option<T>) -> Res<T> {
    parse(value).ok_or_else(|| {
        sqlx::Error::Decode(format!("unexpected {column} '{value}' in the database").into())
    })
}

/// A JSON column, parsed; serde's error is kept as the source.
fn parse_json<T: serde::de::DeserializeOwned>(value: &str) -> Res<T> {
    serde_json::from_str(value).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// A stored day (`YYYY-MM-DD`).
fn parse_day(column: &str, value: &str) -> Res<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|e| sqlx::Error::Decode(format!("{column} '{value}' is not a day: {e}").into()))
}

/// An instansi row: id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days,
/// close_days, requires_approval and auto_escalate (0 or 1, as `load_instansi` reads them).
type InstansiColumns = InstansiRow<String>;

/// An instansi's columns, its kind and zone as `S` (the reference document lends them: they
/// become enums at once).
type InstansiRow<S> = (
    i64,
    Option<i64>,
    String,
    String,
    S,
    S,
    String,
    i32,
    i32,
    i32,
    i32,
    i32,
);

fn into_instansi<S: AsRef<str>>(row: InstansiRow<S>) -> Res<Instansi> {
    let (id, parent_id, code, name, kind, zone, path, verify, follow_up, close, approval, escalate) =
        row;
    Ok(Instansi {
        id,
        parent_id,
        code,
        name,
        kind: parse_code("kind", kind.as_ref(), InstansiKind::from_code)?,
        zone: parse_code("zone", zone.as_ref(), Zone::from_code)?,
        path,
        // A deadline is at least one working day, whatever an older row holds.
        deadlines: Deadlines {
            verify_days: verify.max(1) as u32,
            follow_up_days: follow_up.max(1) as u32,
            close_days: close.max(1) as u32,
        },
        requires_approval: approval != 0,
        auto_escalate: escalate != 0,
    })
}

#[derive(sqlx::FromRow)]
struct HolidayRecord {
    day: String,
    instansi_id: i64,
    kind: String,
    name: String,
    decree: String,
}

impl HolidayRecord {
    fn into_holiday(self) -> Res<Holiday> {
        Ok(Holiday {
            date: parse_day("holiday day", &self.day)?,
            kind: parse_code("kind", &self.kind, HolidayKind::from_code)?,
            name: self.name,
            decree: self.decree,
            // 0 marks the national calendar (see migration 0004).
            instansi_id: Some(self.instansi_id).filter(|&id| id != 0),
        })
    }
}

#[derive(sqlx::FromRow)]
struct CategoryRecord {
    id: i64,
    parent_id: Option<i64>,
    name: String,
}

impl From<CategoryRecord> for Category {
    fn from(r: CategoryRecord) -> Self {
        Category {
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
        }
    }
}

#[derive(sqlx::FromRow)]
struct OfficerRecord {
    id: i64,
    username: String,
    name: String,
    role: String,
    instansi_id: i64,
    instansi_name: String,
    instansi_path: String,
    active: bool,
}

impl OfficerRecord {
    fn into_officer(self) -> Res<Officer> {
        Ok(Officer {
            id: self.id,
            username: self.username,
            name: self.name,
            role: parse_code("role", &self.role, Role::from_code)?,
            instansi_id: self.instansi_id,
            instansi_name: self.instansi_name,
            instansi_path: self.instansi_path,
            active: self.active,
        })
    }
}

#[derive(sqlx::FromRow)]
struct OfficerLoadRecord {
    #[sqlx(flatten)]
    officer: OfficerRecord,
    open: i64,
    overdue: i64,
}

impl OfficerLoadRecord {
    fn into_load(self) -> Res<OfficerLoad> {
        Ok(OfficerLoad {
            officer: self.officer.into_officer()?,
            open: self.open,
            overdue: self.overdue,
        })
    }
}

/// The clock's base as a complaint row keeps it.
#[derive(sqlx::FromRow)]
struct ClockColumns {
    clock_kind: Option<String>,
    clock_started_at: Option<i64>,
    clock_days: Option<i32>,
    clock_paused: bool,
    clock_breached_at: Option<i64>,
}

impl ClockColumns {
    /// None when no clock runs (or its kind is one this meja does not know).
    fn base(&self) -> Option<ClockBase> {
        let kind = self.clock_kind.as_deref().and_then(ClockKind::from_code)?;
        Some(ClockBase {
            kind,
            started_at: from_ms(self.clock_started_at.unwrap_or_default()),
            working_days: self.clock_days.unwrap_or(1).max(0) as u32,
            paused: self.clock_paused,
            breached_at: self.clock_breached_at.map(from_ms),
        })
    }
}

#[derive(sqlx::FromRow)]
struct OpenClockRecord {
    id: i64,
    instansi_id: i64,
    #[sqlx(flatten)]
    clock: ClockColumns,
    breach_at: Option<i64>,
    close_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ComplaintRecord {
    id: i64,
    status: String,
    klasifikasi: String,
    channel: String,
    judul: String,
    isi: String,
    tanggal_kejadian: Option<String>,
    lokasi: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    kategori_id: Option<i64>,
    kategori_name: Option<String>,
    kategori_parent: Option<String>,
    tags: String,
    anonim: bool,
    rahasia: bool,
    reporter_name: Option<String>,
    reporter_phone: Option<String>,
    reporter_email: Option<String>,
    reporter_nik: Option<String>,
    attachments: String,
    instansi_id: i64,
    assignee_name: Option<String>,
    routed_by: Option<i64>,
    escalated_to: Option<i64>,
    pending_name: Option<String>,
    merged_into: Option<i64>,
    received_at: i64,
    updated_at: i64,
    version: i64,
    #[sqlx(flatten)]
    clock: ClockColumns,
}

impl ComplaintRecord {
    /// The complaint as stored, its instansi named from `reference` and its clock read at `now`;
    /// events are loaded apart.
    fn into_complaint(
        self,
        reference: &Reference,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Res<Complaint> {
        let inst = reference.instansi(self.instansi_id);
        let zone = inst.map(|i| i.zone).unwrap_or(Zone::Wib);
        let name_of = |id: Option<InstansiId>| {
            id.and_then(|i| reference.instansi(i))
                .map(|i| i.name.clone())
        };
        let kategori = match (self.kategori_parent, self.kategori_name) {
            (Some(p), Some(k)) => Some(format!("{p} / {k}")),
            (None, k) => k,
            (Some(p), None) => Some(p),
        };
        let calendar = reference.calendars.for_instansi(self.instansi_id);
        let clock = self.clock.base().map(|b| b.clock(&calendar, zone, now));
        Ok(Complaint {
            id: self.id,
            status: parse_code("status", &self.status, Status::from_code)?,
            klasifikasi: parse_code("klasifikasi", &self.klasifikasi, Klasifikasi::from_code)?,
            channel: parse_code("channel", &self.channel, Channel::from_code)?,
            judul: self.judul,
            isi: self.isi,
            tanggal_kejadian: self
                .tanggal_kejadian
                .as_deref()
                .map(|d| parse_day("tanggal_kejadian", d))
                .transpose()?,
            lokasi: self.lokasi,
            lat: self.lat,
            lon: self.lon,
            kategori_id: self.kategori_id,
            kategori,
            tags: parse_json(&self.tags)?,
            anonim: self.anonim,
            rahasia: self.rahasia,
            reporter: Reporter {
                name: self.reporter_name,
                phone: self.reporter_phone,
                email: self.reporter_email,
                nik: self.reporter_nik,
            },
            reporter_masked: false,
            attachments: parse_json(&self.attachments)?,
            instansi_id: self.instansi_id,
            instansi: inst.map(|i| i.name.clone()).unwrap_or_default(),
            zone,
            assignee: self.assignee_name,
            routed_by: name_of(self.routed_by),
            escalated_to: name_of(self.escalated_to),
            pending_reply_by: self.pending_name,
            merged_into: self.merged_into,
            received_at: from_ms(self.received_at),
            updated_at: from_ms(self.updated_at),
            version: self.version,
            clock,
            events: Vec::new(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct EventRecord {
    id: i64,
    complaint_id: i64,
    at: i64,
    recorded_at: Option<i64>,
    actor: String,
    kind: String,
    status: String,
    details: String,
    batch: Option<String>,
}

/// An event of the feed, with where its complaint is now (None when the reader no longer sees it).
#[derive(sqlx::FromRow)]
struct FeedRecord {
    #[sqlx(flatten)]
    event: EventRecord,
    now_path: Option<String>,
    now_klasifikasi: Option<String>,
}

impl EventRecord {
    fn into_event(self) -> Res<Event> {
        Ok(Event {
            id: self.id,
            complaint_id: self.complaint_id,
            at: from_ms(self.at),
            recorded_at: self.recorded_at.map(from_ms),
            actor: self.actor,
            kind: parse_code("kind", &self.kind, EventKind::from_code)?,
            status: parse_code("status", &self.status, Status::from_code)?,
            details: parse_json(&self.details)?,
            batch: self.batch,
        })
    }
}

fn into_events(rows: Vec<EventRecord>) -> Res<Vec<Event>> {
    rows.into_iter().map(EventRecord::into_event).collect()
}

#[derive(sqlx::FromRow)]
struct SightingRecord {
    id: i64,
    instansi_path: String,
    klasifikasi: String,
}

#[derive(sqlx::FromRow)]
struct StateRecord {
    id: i64,
    status: String,
    assignee_id: Option<i64>,
    instansi_id: i64,
    instansi_path: String,
    klasifikasi: String,
    routed_by: Option<i64>,
    escalated_to: Option<i64>,
    pending_reply_by: Option<i64>,
    merged_into: Option<i64>,
    #[sqlx(flatten)]
    clock: ClockColumns,
    version: i64,
    judul: String,
    kategori_id: Option<i64>,
    tags: String,
    last_event_at: Option<i64>,
}

impl StateRecord {
    fn into_state(self) -> Res<State> {
        Ok(State {
            id: self.id,
            status: parse_code("status", &self.status, Status::from_code)?,
            assignee: self.assignee_id,
            instansi_id: self.instansi_id,
            instansi_path: self.instansi_path,
            klasifikasi: parse_code("klasifikasi", &self.klasifikasi, Klasifikasi::from_code)?,
            routed_by: self.routed_by,
            escalated_to: self.escalated_to,
            pending_reply_by: self.pending_reply_by,
            merged_into: self.merged_into,
            clock: self.clock.base(),
            version: self.version,
            judul: self.judul,
            kategori_id: self.kategori_id,
            tags: self.tags,
            last_event_at: self.last_event_at.map(from_ms),
        })
    }
}

/// One row of a queue, with its sort key; the caller names its instansi and reads its clock.
#[derive(sqlx::FromRow)]
struct QueueRecord {
    id: i64,
    status: String,
    klasifikasi: String,
    channel: String,
    judul: String,
    instansi_id: i64,
    assignee: Option<String>,
    received_at: i64,
    escalated_to: Option<i64>,
    version: i64,
    sort_key: Option<i64>,
    #[sqlx(flatten)]
    clock: ClockColumns,
}

type RowWithKey = (ComplaintRow, i64, Option<ClockBase>);

impl QueueRecord {
    fn into_row(self) -> Res<RowWithKey> {
        let base = self.clock.base();
        Ok((
            ComplaintRow {
                id: self.id,
                status: parse_code("status", &self.status, Status::from_code)?,
                klasifikasi: parse_code("klasifikasi", &self.klasifikasi, Klasifikasi::from_code)?,
                channel: parse_code("channel", &self.channel, Channel::from_code)?,
                judul: self.judul,
                instansi_id: self.instansi_id,
                instansi: String::new(),
                zone: Zone::Wib,
                assignee: self.assignee,
                received_at: from_ms(self.received_at),
                clock: None,
                escalated: self.escalated_to.is_some(),
                version: self.version,
            },
            self.sort_key.unwrap_or_default(),
            base,
        ))
    }
}

fn into_rows(rows: Vec<QueueRecord>) -> Res<Vec<RowWithKey>> {
    rows.into_iter().map(QueueRecord::into_row).collect()
}

#[derive(sqlx::FromRow)]
struct DuplicateKeysRecord {
    reporter_phone: Option<String>,
    reporter_email: Option<String>,
    reporter_nik: Option<String>,
    judul: String,
}

#[derive(sqlx::FromRow)]
struct DraftRecord {
    kind: String,
    body: String,
    based_on_event: Option<i64>,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct TemplateRecord {
    name: String,
    status: Option<String>,
    body: String,
}

impl From<TemplateRecord> for Template {
    fn from(r: TemplateRecord) -> Self {
        Template {
            name: r.name,
            // A template for a status this meja does not know suits any status.
            status: r.status.as_deref().and_then(Status::from_code),
            body: r.body,
        }
    }
}

#[derive(sqlx::FromRow)]
struct PresenceRecord {
    complaint_id: i64,
    activity: String,
    seen_at: i64,
    username: String,
    name: String,
}

impl From<PresenceRecord> for crate::store::Presence {
    fn from(r: PresenceRecord) -> Self {
        crate::store::Presence {
            complaint_id: r.complaint_id,
            username: r.username,
            name: r.name,
            writing: r.activity == "writing",
            seen_at: from_ms(r.seen_at),
        }
    }
}
