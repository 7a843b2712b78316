//! Clocks derived from a complaint's events. Each status-changing event has a clock effect; replaying
//! the effects in order gives the clock's base (kind, start, working days to count, paused). The due
//! time is computed from the base and the calendar, so a corrected calendar recomputes every due time
//! without touching the events.

use super::calendar::WorkingCalendar;
use super::types::{ClockKind, ClockState, EventKind, Zone};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An instansi's deadlines in working days (domain.md: the platform default is 3/5/10; local
/// variations such as Kab. Magelang's 3/14/10 are configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub verify_days: u32,
    pub follow_up_days: u32,
    pub close_days: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            verify_days: 3,
            follow_up_days: 5,
            close_days: 10,
        }
    }
}

impl Deadlines {
    pub fn days(&self, kind: ClockKind) -> u32 {
        match kind {
            ClockKind::Verifikasi => self.verify_days,
            ClockKind::TindakLanjut => self.follow_up_days,
            ClockKind::Penutupan => self.close_days,
        }
    }
}

/// What an accepted action does to the complaint's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockEffect {
    /// Leave the clock as it is (claim, assign, note, escalate, ...).
    Keep,
    /// Start a fresh clock of this kind at the event's time.
    Start(ClockKind),
    /// Pause the running clock, keeping the working days it has left (hold).
    Pause,
    /// Resume a paused clock from the event's time with the days it had left.
    Resume,
    /// No clock runs any more (selesai, diarsipkan).
    Stop,
}

/// The part of a clock that follows from the events alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClockBase {
    pub kind: ClockKind,
    /// When counting (re)started.
    pub started_at: DateTime<Utc>,
    /// Working days to count from `started_at`.
    pub working_days: u32,
    pub paused: bool,
    /// When the clock's due time passed, once it has: a fact that no later hold, resume or note
    /// erases. Only a new clock (a new step of the work) starts without it.
    pub breached_at: Option<DateTime<Utc>>,
}

impl ClockBase {
    /// The clock as it stands at `at`: breached if its due time has passed by then.
    pub fn at(self, at: DateTime<Utc>, calendar: &WorkingCalendar, zone: Zone) -> ClockBase {
        if self.breached_at.is_some() || self.paused {
            return self;
        }
        match self.due(calendar, zone) {
            Some(due) if at > due => ClockBase {
                breached_at: Some(due),
                ..self
            },
            _ => self,
        }
    }

    /// Applies one event's effect. Pausing keeps the days not yet used: the working days after the
    /// start day up to and including the day of the hold are used, and at least one day is left so
    /// that a resumed complaint is never overdue the moment it resumes.
    pub fn apply(
        previous: Option<ClockBase>,
        effect: ClockEffect,
        at: DateTime<Utc>,
        deadlines: &Deadlines,
        calendar: &WorkingCalendar,
        zone: Zone,
    ) -> Option<ClockBase> {
        let previous = previous.map(|b| b.at(at, calendar, zone));
        match effect {
            ClockEffect::Keep => previous,
            ClockEffect::Stop => None,
            ClockEffect::Start(kind) => Some(ClockBase {
                kind,
                started_at: at,
                working_days: deadlines.days(kind),
                paused: false,
                breached_at: None,
            }),
            ClockEffect::Pause => previous.map(|base| {
                if base.paused {
                    return base;
                }
                let offset = zone.offset();
                let used = calendar.working_days_between(
                    base.started_at.with_timezone(&offset).date_naive(),
                    at.with_timezone(&offset).date_naive(),
                );
                ClockBase {
                    started_at: at,
                    working_days: base.working_days.saturating_sub(used).max(1),
                    paused: true,
                    ..base
                }
            }),
            ClockEffect::Resume => previous.map(|base| {
                if base.paused {
                    ClockBase {
                        started_at: at,
                        paused: false,
                        ..base
                    }
                } else {
                    base
                }
            }),
        }
    }

    /// Due time under `calendar`; None while paused. A breached clock stays due when it was
    /// breached, paused or not: it stays overdue until a new clock replaces it.
    pub fn due(&self, calendar: &WorkingCalendar, zone: Zone) -> Option<DateTime<Utc>> {
        if let Some(breached) = self.breached_at {
            return Some(breached);
        }
        (!self.paused).then(|| calendar.due(self.started_at, self.working_days, zone))
    }

    pub fn clock(&self, calendar: &WorkingCalendar, zone: Zone, now: DateTime<Utc>) -> Clock {
        let due_at = self.due(calendar, zone);
        let state = match due_at {
            _ if self.breached_at.is_some() => ClockState::Breached,
            None => ClockState::Paused,
            Some(due) if now > due => ClockState::Breached,
            Some(_) => ClockState::Running,
        };
        Clock {
            kind: self.kind,
            started_at: self.started_at,
            working_days: self.working_days,
            due_at,
            state,
        }
    }
}

/// A clock as shown: its due time and state at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub working_days: u32,
    pub due_at: Option<DateTime<Utc>>,
    pub state: ClockState,
}

/// Replays a sequence of (time, effect) pairs from the first event.
pub fn replay(
    effects: impl IntoIterator<Item = (DateTime<Utc>, ClockEffect)>,
    deadlines: &Deadlines,
    calendar: &WorkingCalendar,
    zone: Zone,
) -> Option<ClockBase> {
    effects.into_iter().fold(None, |base, (at, effect)| {
        ClockBase::apply(base, effect, at, deadlines, calendar, zone)
    })
}

/// What an event records about the clock it leaves: the clock's base and the settings it was
/// started under (the deadline is already in `working_days`; the zone and the calendar's
/// instansi are kept so that the clock's history never follows later changes of the instansi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRecord {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub working_days: u32,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub breached_at: Option<DateTime<Utc>>,
    pub zone: Zone,
    /// The instansi whose calendar (national days plus its regional days) counts the clock.
    pub calendar: i64,
    /// The due time as computed when the event was recorded.
    pub due_at: Option<DateTime<Utc>>,
}

impl ClockRecord {
    pub fn of(base: &ClockBase, zone: Zone, calendar_of: i64, calendar: &WorkingCalendar) -> Self {
        ClockRecord {
            kind: base.kind,
            started_at: base.started_at,
            working_days: base.working_days,
            paused: base.paused,
            breached_at: base.breached_at,
            zone,
            calendar: calendar_of,
            due_at: base.due(calendar, zone),
        }
    }
}

/// One event as the clock history needs it: when it happened, its kind and, for events recorded
/// since clocks were recorded, the clock it left (None: no clock runs, or an older event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockEvent {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// Some(record) when the event recorded its clock; Some(None) when it recorded that no clock
    /// runs after it; None for an event that keeps the clock, or an older one that recorded
    /// nothing.
    pub clock: Option<Option<ClockRecord>>,
}

/// How one clock of a complaint's history ended (or stands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOutcome {
    /// Still counting (or paused) now.
    Current,
    /// Stopped or replaced before its due time.
    Met,
    /// Stopped or replaced after its due time.
    Late,
}

/// One clock in a complaint's history: from when it started to when the next clock replaced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClockSegment {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: SegmentOutcome,
}

/// The history with its running clock's due time as the complaint's clock has it now: a day off
/// decreed after the clock started moves a running deadline (`Store::recompute_clocks`), while the
/// clocks that ended keep the due times they ended under.
pub fn with_running_due(
    mut segments: Vec<ClockSegment>,
    running_due: Option<DateTime<Utc>>,
) -> Vec<ClockSegment> {
    if let Some(current) = segments
        .iter_mut()
        .rev()
        .find(|s| s.outcome == SegmentOutcome::Current)
        && running_due.is_some()
    {
        current.due_at = running_due;
    }
    segments
}

impl ClockEvent {
    /// The clock facts of a logged event (its `clock` detail, when it recorded one).
    pub fn of(e: &super::model::Event) -> ClockEvent {
        ClockEvent {
            at: e.at,
            kind: e.kind,
            clock: ClockEvent::recorded(&e.details),
        }
    }

    /// The clock an event's details record (`clock`): a record, a null (no clock runs after the
    /// event), or nothing readable.
    pub fn recorded(details: &serde_json::Value) -> Option<Option<ClockRecord>> {
        details
            .get("clock")
            // Read in place rather than cloning each event's JSON (the figures read them all).
            .and_then(|v| <Option<ClockRecord> as serde::Deserialize>::deserialize(v).ok())
    }
}

/// Every clock a complaint has run, from its events alone. Events that recorded their clock are
/// taken at their word, so history never changes when an instansi's deadlines, zone or calendar
/// change later; older events are replayed with the settings given (those of the instansi that
/// held the complaint when they were recorded is not known for them).
pub fn history(
    events: &[ClockEvent],
    fallback_deadlines: &Deadlines,
    fallback_calendar: &WorkingCalendar,
    fallback_zone: Zone,
) -> Vec<ClockSegment> {
    let mut segments: Vec<ClockSegment> = Vec::new();
    let mut base: Option<ClockBase> = None;
    for ev in events {
        let effect = ev.kind.clock_effect();
        let (next, due_at) = match ev.clock {
            Some(record) => (
                record.map(|r| ClockBase {
                    kind: r.kind,
                    started_at: r.started_at,
                    working_days: r.working_days,
                    paused: r.paused,
                    breached_at: r.breached_at,
                }),
                record.and_then(|r| r.due_at),
            ),
            // An event that keeps the clock changes nothing a history shows.
            None if effect == ClockEffect::Keep => (base, None),
            None => {
                let next = ClockBase::apply(
                    base,
                    effect,
                    ev.at,
                    fallback_deadlines,
                    fallback_calendar,
                    fallback_zone,
                );
                let due = next.and_then(|b| b.due(fallback_calendar, fallback_zone));
                (next, due)
            }
        };
        let breached_before = base.and_then(|b| b.breached_at);
        match effect {
            ClockEffect::Start(_) | ClockEffect::Stop => {
                if let Some(last) = segments
                    .last_mut()
                    .filter(|s| s.outcome == SegmentOutcome::Current)
                {
                    last.ended_at = Some(ev.at);
                    last.outcome = match last.due_at {
                        _ if breached_before.is_some() => SegmentOutcome::Late,
                        Some(due) if ev.at > due => SegmentOutcome::Late,
                        _ => SegmentOutcome::Met,
                    };
                }
                if let Some(b) = next.filter(|_| matches!(effect, ClockEffect::Start(_))) {
                    segments.push(ClockSegment {
                        kind: b.kind,
                        started_at: ev.at,
                        due_at,
                        ended_at: None,
                        outcome: SegmentOutcome::Current,
                    });
                }
            }
            ClockEffect::Pause | ClockEffect::Resume | ClockEffect::Keep => {
                if let (Some(last), Some(_)) = (
                    segments
                        .last_mut()
                        .filter(|s| s.outcome == SegmentOutcome::Current),
                    next,
                ) && (effect != ClockEffect::Keep || due_at.is_some())
                {
                    last.due_at = due_at;
                }
            }
        }
        base = next;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::end_of_day;
    use chrono::NaiveDate;

    fn wib(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_str(&format!("{s} +0700"), "%Y-%m-%d %H:%M %z")
            .unwrap()
            .with_timezone(&Utc)
    }
    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn history_marks_met_and_late_clocks() {
        let cal = WorkingCalendar::shipped();
        let dl = Deadlines::default();
        let events: Vec<ClockEvent> = [
            (wib("2026-11-02 08:00"), EventKind::Intake),
            (wib("2026-11-03 08:00"), EventKind::VerifyDispose),
            (wib("2026-11-03 09:00"), EventKind::Claim),
            (wib("2026-11-20 08:00"), EventKind::Reply),
        ]
        .into_iter()
        .map(|(at, kind)| ClockEvent {
            at,
            kind,
            clock: None,
        })
        .collect();
        let h = history(&events, &dl, &cal, Zone::Wib);
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].outcome, SegmentOutcome::Met);
        assert_eq!(h[1].kind, ClockKind::TindakLanjut);
        assert_eq!(h[1].outcome, SegmentOutcome::Late);
        assert_eq!(h[2].outcome, SegmentOutcome::Current);
        // The replayed base equals what the actions computed one by one.
        let replayed = replay(
            events.iter().map(|e| (e.at, e.kind.clock_effect())),
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(replayed.kind, ClockKind::Penutupan);
    }

    #[test]
    fn recorded_clocks_keep_their_deadlines_when_the_settings_change() {
        // Disposed to an instansi with 14 days for the follow-up (Kab. Magelang): the record
        // says 14, whatever the instansi holding the complaint later says.
        let cal = WorkingCalendar::shipped();
        let magelang = Deadlines {
            verify_days: 3,
            follow_up_days: 14,
            close_days: 10,
        };
        let at = wib("2026-11-03 08:00");
        let base = ClockBase::apply(
            None,
            ClockEffect::Start(ClockKind::TindakLanjut),
            at,
            &magelang,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        let events = [
            ClockEvent {
                at,
                kind: EventKind::Dispose,
                clock: Some(Some(ClockRecord::of(&base, Zone::Wib, 140, &cal))),
            },
            ClockEvent {
                at: wib("2026-11-04 08:00"),
                kind: EventKind::Return,
                clock: None,
            },
        ];
        let h = history(&events, &Deadlines::default(), &cal, Zone::Wit);
        assert_eq!(h[0].due_at, Some(end_of_day(day("2026-11-23"), Zone::Wib)));
    }

    #[test]
    fn intake_dispose_reply_sequence() {
        let cal = WorkingCalendar::shipped();
        let dl = Deadlines::default();
        let base = replay(
            [
                (
                    wib("2026-11-09 08:00"),
                    ClockEffect::Start(ClockKind::Verifikasi),
                ),
                (
                    wib("2026-11-10 09:00"),
                    ClockEffect::Start(ClockKind::TindakLanjut),
                ),
                (wib("2026-11-10 10:00"), ClockEffect::Keep),
            ],
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(base.kind, ClockKind::TindakLanjut);
        assert_eq!(
            base.due(&cal, Zone::Wib),
            Some(end_of_day(day("2026-11-17"), Zone::Wib))
        );
        let clock = base.clock(&cal, Zone::Wib, wib("2026-11-18 00:30"));
        assert_eq!(clock.state, ClockState::Breached);
    }

    #[test]
    fn hold_pauses_and_resume_keeps_the_days_left() {
        let cal = WorkingCalendar::shipped();
        let dl = Deadlines::default();
        // Start Monday; hold Tuesday (one working day used); resume the next Monday: 2 days left.
        let base = replay(
            [
                (
                    wib("2026-11-09 08:00"),
                    ClockEffect::Start(ClockKind::Verifikasi),
                ),
                (wib("2026-11-10 08:00"), ClockEffect::Pause),
            ],
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert!(base.paused);
        assert_eq!(
            base.clock(&cal, Zone::Wib, wib("2026-12-01 08:00")).state,
            ClockState::Paused
        );
        let resumed = ClockBase::apply(
            Some(base),
            ClockEffect::Resume,
            wib("2026-11-16 08:00"),
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(resumed.working_days, 2);
        assert_eq!(
            resumed.due(&cal, Zone::Wib),
            Some(end_of_day(day("2026-11-18"), Zone::Wib))
        );
    }

    #[test]
    fn pause_never_leaves_zero_days() {
        let cal = WorkingCalendar::shipped();
        let dl = Deadlines::default();
        let base = replay(
            [
                (
                    wib("2026-11-02 08:00"),
                    ClockEffect::Start(ClockKind::Verifikasi),
                ),
                (wib("2026-11-20 08:00"), ClockEffect::Pause),
            ],
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(base.working_days, 1);
    }

    #[test]
    fn stop_ends_the_clock_and_custom_deadlines_apply() {
        let cal = WorkingCalendar::shipped();
        let magelang = Deadlines {
            verify_days: 3,
            follow_up_days: 14,
            close_days: 10,
        };
        let base = replay(
            [(
                wib("2026-11-09 08:00"),
                ClockEffect::Start(ClockKind::TindakLanjut),
            )],
            &magelang,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(base.working_days, 14);
        assert_eq!(
            replay(
                [
                    (
                        wib("2026-11-09 08:00"),
                        ClockEffect::Start(ClockKind::Penutupan)
                    ),
                    (wib("2026-11-10 08:00"), ClockEffect::Stop)
                ],
                &magelang,
                &cal,
                Zone::Wib
            ),
            None
        );
    }
}
