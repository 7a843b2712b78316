//! The sweep: what the clocks do by themselves at a moment (close answered reports after their
//! silent period, resume holds whose day came, escalate breached clocks where asked). Idempotent.

use super::{Recording, Result, Store, StoreError, SweepReport, ms, on_backend, resolve};
use crate::domain::lifecycle::{Action, Actor};
use crate::domain::*;
use chrono::{DateTime, Utc};

impl Store {
    /// Applies the clocks at `now`: closes answered reports whose silent period passed, resumes holds
    /// whose date came, escalates breached clocks where the instansi asks for it. Idempotent.
    pub async fn sweep(&self, now: DateTime<Utc>) -> Result<SweepReport> {
        self.reload().await?;
        let system = Actor::system();
        let mut report = SweepReport::default();
        for id in on_backend!(
            self,
            "finding answered reports to close",
            due_to_close(ms(now))
        )? {
            match self
                .act_in_batch(&system, id, None, &Action::AutoClose, Recording::at(now))
                .await
            {
                Ok(_) => report.closed.push(id),
                Err(StoreError::Refused(_) | StoreError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        // A hold ends on its day in the zone of the instansi holding the report: WIT's date is the
        // latest anywhere in the country, so it bounds the candidates, and each one is checked
        // against its own local day.
        let reference = self.reference();
        let latest_today = now.with_timezone(&Zone::Wit.offset()).date_naive();
        for (id, instansi_id, until) in on_backend!(
            self,
            "finding holds to resume",
            holds_to_resume(&latest_today.to_string())
        )? {
            let zone = reference
                .instansi(instansi_id)
                .map_or(Zone::Wib, |i| i.zone);
            let local_today = now.with_timezone(&zone.offset()).date_naive();
            if until > local_today {
                continue;
            }
            match self
                .act_in_batch(&system, id, None, &Action::Resume, Recording::at(now))
                .await
            {
                Ok(_) => report.resumed.push(id),
                Err(StoreError::Refused(_) | StoreError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let reference = self.reference();
        // Units follow their instansi's policy, as they do for approval.
        let auto: Vec<InstansiId> = reference
            .instansi
            .iter()
            .filter(|i| resolve::inherited(&reference, i.id, |x| x.auto_escalate))
            .map(|i| i.id)
            .collect();
        if !auto.is_empty() {
            for id in on_backend!(
                self,
                "finding breached clocks to escalate",
                breached_unescalated(ms(now), &auto)
            )? {
                let escalate = Action::Escalate {
                    to: "induk".to_string(),
                    reason: "tenggat terlewati (otomatis)".to_string(),
                };
                match self
                    .act_in_batch(&system, id, None, &escalate, Recording::at(now))
                    .await
                {
                    Ok(_) => report.escalated.push(id),
                    Err(
                        StoreError::Refused(_) | StoreError::Conflict(_) | StoreError::Invalid(_),
                    ) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let soon = resolve::SoonThreshold::at(&reference, now);
        report.due_soon = on_backend!(
            self,
            "counting clocks due soon",
            count_due_between(ms(now), &soon)
        )?;
        Ok(report)
    }
}
