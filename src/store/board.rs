//! The supervisor's board in the console: the monev figures of the actor's own instansi for this
//! month in its zone. For supervisors and above it is read from the rollups (`sums.rs`); an
//! officer's board counts their own complaints' lives with `domain::monev::board`. Both give what
//! the pure functions give over every complaint (`tests/monev_report.rs`).

use super::sums::{Grouping, lines_merged};
use super::{Result, Store, StoreError, ms, on_backend};
use crate::domain::calendar::end_of_day;
use crate::domain::lifecycle::Actor;
use crate::domain::model::Instansi;
use crate::domain::monev::board::{
    self, Board, Child, ChildLine, Clocks, INFLOW_DAYS, Inflow, OfficerLine, Scope,
};
use crate::domain::monev::fact::{day_number, from_day_number};
use crate::domain::monev::{self, Life};
use crate::domain::types::{Channel, Role, Zone};
use chrono::{DateTime, Days, NaiveDate, Utc};
use std::collections::BTreeMap;

impl Store {
    /// The board of the actor's instansi as of `now`: this month's figures, its children ranked,
    /// the clocks due and breached, each officer's load and the inflow of the last 30 days.
    pub async fn board(&self, actor: &Actor, now: DateTime<Utc>) -> Result<Board> {
        let reference = self.reference();
        let me = reference
            .instansi(actor.instansi_id)
            .cloned()
            .ok_or_else(|| StoreError::Invalid("the officer has no instansi".into()))?;
        if actor.role == Role::Officer {
            return self.board_of_lives(actor, &me, now).await;
        }
        let today = now.with_timezone(&me.zone.offset()).date_naive();
        let period = board::month_of(today);
        let calendar = self.calendars().for_path(&me.path);
        let next_working_day = calendar.nth_working_day_after(today, 1);
        let children = self.children_of(&me);
        let grouping = Grouping::Children {
            scope_len: me.path.len(),
            parts: children
                .iter()
                .map(|c| (c.path.clone(), c.code.clone()))
                .collect(),
            rest: String::new(),
        };
        let grouped = self.grouped_sums(&me.path, &grouping, period, now).await?;
        let (total, ranked) = lines_merged(
            &grouped,
            // Named by code, the own desk by "", so that ties rank as `board::board` ranks them.
            &std::iter::once((String::new(), String::new()))
                .chain(children.iter().map(|c| (c.code.clone(), c.code.clone())))
                .collect::<Vec<_>>(),
        );
        let now_ms = ms(now);
        let mut breached_by: BTreeMap<String, u64> = BTreeMap::new();
        for (key, n) in on_backend!(
            self,
            "reading the clocks past due",
            breached_groups(&me.path, &grouping, now_ms)
        )? {
            *breached_by.entry(key).or_default() += n;
        }
        let mut clocks = Clocks {
            breached: breached_by.values().sum(),
            ..Clocks::default()
        };
        // Every clock due by the end of the next working day, wherever in the country.
        let until = ms(end_of_day(next_working_day, Zone::Wib));
        for (zone, hour, n) in on_backend!(
            self,
            "reading the clocks due soon",
            due_soon(&me.path, now_ms, until)
        )? {
            let day = super::from_ms(hour * 3_600_000)
                .with_timezone(&zone.offset())
                .date_naive();
            if day == today {
                clocks.due_today += n;
            } else if day == next_working_day {
                clocks.due_next += n;
            }
        }
        let children_lines = ranked
            .into_iter()
            .map(|line| {
                let child = children.iter().find(|c| c.code == line.group);
                let key = child.map(|c| c.code.clone()).unwrap_or_default();
                ChildLine {
                    code: child.map(|c| c.code.clone()),
                    name: child.map_or_else(|| me.name.clone(), |c| c.name.clone()),
                    figures: line.figures,
                    backlog: line.backlog,
                    breached: breached_by.get(&key).copied().unwrap_or(0),
                }
            })
            .collect();
        let mut officers: Vec<OfficerLine> = self
            .officer_loads_summed(&me.path, period, now)
            .await?
            .into_iter()
            .map(|(username, load)| OfficerLine { username, load })
            .collect();
        monev::drowning_first(&mut officers, |l| (&l.load, l.username.as_str()));
        Ok(Board {
            instansi: me.name.clone(),
            period,
            today,
            next_working_day,
            figures: total.figures,
            backlog: total.backlog,
            children: children_lines,
            clocks,
            officers,
            inflow: self.inflow(&me.path, today, &calendar).await?,
        })
    }

    /// Complaints received per working day of the last 30 days, per channel, from the day sums.
    async fn inflow(
        &self,
        scope: &str,
        today: NaiveDate,
        calendar: &crate::domain::calendar::WorkingCalendar,
    ) -> Result<Inflow> {
        let first = today
            .checked_sub_days(Days::new(INFLOW_DAYS - 1))
            .unwrap_or(today);
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= today)
            .filter(|d| calendar.is_working_day(*d))
            .collect();
        let rows = on_backend!(
            self,
            "reading the inflow",
            inflow_days(scope, day_number(first), day_number(today))
        )?;
        let mut by_channel: Vec<(Channel, Vec<u64>)> = Channel::ALL
            .iter()
            .map(|c| (*c, vec![0; days.len()]))
            .collect();
        for (facet, day, received) in rows {
            let channel = facet.strip_prefix("c:").and_then(Channel::from_code);
            if let (Some(channel), Ok(i)) = (channel, days.binary_search(&from_day_number(day)))
                && let Some((_, counts)) = by_channel.iter_mut().find(|(c, _)| *c == channel)
            {
                counts[i] += received;
            }
        }
        by_channel.retain(|(_, counts)| counts.iter().any(|n| *n > 0));
        Ok(Inflow { days, by_channel })
    }

    fn children_of(&self, me: &Instansi) -> Vec<Child> {
        self.instansi_list()
            .into_iter()
            .filter(|i| i.parent_id == Some(me.id))
            .map(|i| Child {
                code: i.code,
                name: i.name,
                path: i.path,
            })
            .collect()
    }

    /// An officer's board: their own complaints' lives, counted by the pure functions.
    async fn board_of_lives(
        &self,
        actor: &Actor,
        me: &Instansi,
        now: DateTime<Utc>,
    ) -> Result<Board> {
        let today = now.with_timezone(&me.zone.offset()).date_naive();
        let period = board::month_of(today);
        // A day begins at most a day before midnight UTC in any zone: reading from the UTC
        // midnight a day earlier takes in everything received on that day wherever it was.
        let since = board::needed_since(period, today)
            .checked_sub_days(Days::new(1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        let world = self.monev_since(actor, &me.path, since).await?;
        let children = self.children_of(me);
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
