//! Drafts kept on this machine while the database is away, so that a console killed meanwhile
//! loses nothing: the runtime (`app`) writes the file when a save fails for want of the database,
//! removes it once a save succeeds, and prefers it to the stored draft when it is newer. This is
//! file I/O, so it is the runtime's to call; `drafting` and `live` do none.

use super::config;
use crate::domain::lifecycle::ComplaintId;
use crate::store::Draft;

/// Where a draft waits while the database is away: `$XDG_STATE_HOME/meja/drafts/USER-ID.txt`.
fn local_draft_path(username: &str, id: ComplaintId) -> std::path::PathBuf {
    let safe: String = username
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    config::log_path()
        .with_file_name("drafts")
        .join(format!("{safe}-{id}.txt"))
}

/// Keeps a draft on disk after the database refused to take it; errors are logged, not shown
/// (the status line already says the database is away).
pub fn keep_draft_locally(username: &str, id: ComplaintId, body: &str) {
    let path = local_draft_path(username, id);
    let written = path
        .parent()
        .map(std::fs::create_dir_all)
        .unwrap_or(Ok(()))
        .and_then(|_| std::fs::write(&path, body));
    if let Err(e) = written {
        tracing::warn!("cannot keep the draft of #{id} at {}: {e}", path.display());
    }
}

pub fn forget_local_draft(username: &str, id: ComplaintId) {
    let _ = std::fs::remove_file(local_draft_path(username, id));
}

/// The stored draft, or the local copy when that is newer (or the only one).
pub fn newer_local_draft(username: &str, id: ComplaintId, stored: Option<Draft>) -> Option<Draft> {
    let path = local_draft_path(username, id);
    let Ok(meta) = std::fs::metadata(&path) else {
        return stored;
    };
    let Ok(body) = std::fs::read_to_string(&path) else {
        return stored;
    };
    let modified: chrono::DateTime<chrono::Utc> = meta
        .modified()
        .map(Into::into)
        .unwrap_or_else(|_| chrono::Utc::now());
    match stored {
        Some(d) if d.updated_at >= modified => Some(d),
        Some(d) => Some(Draft {
            body,
            updated_at: modified,
            ..d
        }),
        None => Some(Draft {
            complaint_id: id,
            kind: "reply".into(),
            body,
            based_on_event: None,
            updated_at: modified,
        }),
    }
}
