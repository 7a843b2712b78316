//! The supervisor's board in the console: the monev figures of the actor's own instansi for this
//! month in its zone, computed by `domain::monev::board` from the complaints that month can count.

use super::{Result, Store, StoreError};
use crate::domain::lifecycle::Actor;
use crate::domain::monev::Life;
use crate::domain::monev::board::{self, Board, Child, Scope};
use chrono::{DateTime, Days, Utc};

impl Store {
    /// The board of the actor's instansi as of `now`: this month's figures, its children ranked,
    /// the clocks due and breached, each officer's load and the inflow of the last 30 days.
    pub async fn board(&self, actor: &Actor, now: DateTime<Utc>) -> Result<Board> {
        let reference = self.reference();
        let me = reference
            .instansi(actor.instansi_id)
            .cloned()
            .ok_or_else(|| StoreError::Invalid("the officer has no instansi".into()))?;
        let today = now.with_timezone(&me.zone.offset()).date_naive();
        let period = board::month_of(today);
        // A day begins at most a day before midnight UTC in any zone: reading from the UTC
        // midnight a day earlier takes in everything received on that day wherever it was.
        let since = board::needed_since(period, today)
            .checked_sub_days(Days::new(1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        let world = self.monev_since(actor, &me.path, since).await?;
        let children: Vec<Child> = self
            .instansi_list()
            .into_iter()
            .filter(|i| i.parent_id == Some(me.id))
            .map(|i| Child {
                code: i.code,
                name: i.name,
                path: i.path,
            })
            .collect();
        let calendars = self.calendars();
        let calendar = calendars.for_path(&me.path);
        let lives: Vec<&Life> = world.lives.iter().collect();
        Ok(board::board(
            &lives,
            &world.officers,
            &Scope {
                instansi: &me.name,
                children: &children,
                period,
                now,
                today,
                calendar: &calendar,
                calendars: &calendars,
            },
        ))
    }
}
