//! Records as read from the store and shown by the CLI and the console. JSON field names here are
//! part of meja's stable output (README, "JSON output").

use super::clock::{Clock, Deadlines};
use super::lifecycle::{ComplaintId, InstansiId, OfficerId};
use super::types::EventKind;
use super::types::{Channel, InstansiKind, Klasifikasi, Role, Status, Zone};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reporter {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Nomor Induk Kependudukan: 16 digits.
    pub nik: Option<String>,
}

impl Reporter {
    /// What a role that may not see an anonymous reporter is shown instead.
    pub fn masked() -> Self {
        Reporter {
            name: Some("(anonim)".into()),
            phone: None,
            email: None,
            nik: None,
        }
    }
}

/// Attachment metadata; the files stay with the portal (one is capped at 2 MB there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub mime: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instansi {
    pub id: InstansiId,
    pub parent_id: Option<InstansiId>,
    pub code: String,
    pub name: String,
    pub kind: InstansiKind,
    pub zone: Zone,
    pub path: String,
    pub deadlines: Deadlines,
    /// Officers' public replies wait for a supervisor's approval (four-eyes).
    pub requires_approval: bool,
    /// Escalate a breached clock to the parent instansi automatically during the sweep.
    pub auto_escalate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Officer {
    pub id: OfficerId,
    pub username: String,
    pub name: String,
    pub role: Role,
    pub instansi_id: InstansiId,
    pub instansi_name: String,
    pub instansi_path: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

/// A complaint as one row of a queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintRow {
    pub id: ComplaintId,
    pub status: Status,
    pub klasifikasi: Klasifikasi,
    pub channel: Channel,
    pub judul: String,
    pub instansi_id: InstansiId,
    pub instansi: String,
    pub zone: Zone,
    pub assignee: Option<String>,
    pub received_at: DateTime<Utc>,
    pub clock: Option<Clock>,
    pub escalated: bool,
    pub version: i64,
}

/// A complaint with everything the detail view and `show --json` need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complaint {
    pub id: ComplaintId,
    pub status: Status,
    pub klasifikasi: Klasifikasi,
    pub channel: Channel,
    pub judul: String,
    pub isi: String,
    pub tanggal_kejadian: Option<NaiveDate>,
    pub lokasi: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub kategori_id: Option<i64>,
    pub kategori: Option<String>,
    pub tags: Vec<String>,
    pub anonim: bool,
    pub rahasia: bool,
    pub reporter: Reporter,
    /// True when the reporter shown is masked for the reader's role.
    pub reporter_masked: bool,
    pub attachments: Vec<Attachment>,
    pub instansi_id: InstansiId,
    pub instansi: String,
    pub zone: Zone,
    pub assignee: Option<String>,
    pub routed_by: Option<String>,
    pub escalated_to: Option<String>,
    pub pending_reply_by: Option<String>,
    pub merged_into: Option<ComplaintId>,
    pub received_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub clock: Option<Clock>,
    pub events: Vec<Event>,
}

/// One entry of the append-only event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub complaint_id: ComplaintId,
    /// When it happened (`--at` records a phone call afterwards).
    pub at: DateTime<Utc>,
    /// When it was recorded, where that differs from when it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<DateTime<Utc>>,
    pub actor: String,
    pub kind: EventKind,
    /// Status after the event.
    pub status: Status,
    pub details: serde_json::Value,
    /// Events written by one bulk action share a batch id.
    pub batch: Option<String>,
}

/// A report received by phone, letter, at the desk or from an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewComplaint {
    pub judul: String,
    pub isi: String,
    #[serde(default = "default_klasifikasi")]
    pub klasifikasi: Klasifikasi,
    #[serde(default = "default_channel")]
    pub channel: Channel,
    #[serde(default)]
    pub tanggal_kejadian: Option<NaiveDate>,
    #[serde(default)]
    pub lokasi: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// Category by name ("Jalan" or "Infrastruktur/Jalan").
    #[serde(default)]
    pub kategori: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub anonim: bool,
    #[serde(default)]
    pub rahasia: bool,
    #[serde(default)]
    pub reporter: Reporter,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Instansi by code or name; defaults to the receiving officer's instansi.
    #[serde(default)]
    pub instansi: Option<String>,
    /// When the report was received; defaults to now.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
}

fn default_klasifikasi() -> Klasifikasi {
    Klasifikasi::Pengaduan
}
fn default_channel() -> Channel {
    Channel::Loket
}
