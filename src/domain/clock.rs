//! Clocks derived from a complaint's events. Each status-changing event has a clock effect; replaying
//! the effects in order gives the clock's base (kind, start, working days to count, paused). The due
//! time is computed from the base and the calendar, so a corrected calendar recomputes every due time
//! without touching the events.

use super::calendar::WorkingCalendar;
use super::types::{ClockKind, ClockState, Zone};
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
}

impl ClockBase {
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
        match effect {
            ClockEffect::Keep => previous,
            ClockEffect::Stop => None,
            ClockEffect::Start(kind) => Some(ClockBase {
                kind,
                started_at: at,
                working_days: deadlines.days(kind),
                paused: false,
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

    /// Due time under `calendar`; None while paused.
    pub fn due(&self, calendar: &WorkingCalendar, zone: Zone) -> Option<DateTime<Utc>> {
        (!self.paused).then(|| calendar.due(self.started_at, self.working_days, zone))
    }

    pub fn clock(&self, calendar: &WorkingCalendar, zone: Zone, now: DateTime<Utc>) -> Clock {
        let due_at = self.due(calendar, zone);
        let state = match due_at {
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

/// The clock effect recorded by an event of kind `verb` (the verbs of `Action::verb`, plus
/// "intake"). This is what makes clocks derivable from the event log alone.
pub fn effect_of_event(verb: &str) -> ClockEffect {
    match verb {
        "intake" => ClockEffect::Start(ClockKind::Verifikasi),
        "return" => ClockEffect::Start(ClockKind::Verifikasi),
        "dispose" | "verify_dispose" | "reporter_reply" | "reopen" => {
            ClockEffect::Start(ClockKind::TindakLanjut)
        }
        "reply" | "approve" => ClockEffect::Start(ClockKind::Penutupan),
        "hold" => ClockEffect::Pause,
        "resume" => ClockEffect::Resume,
        "archive" | "merge" | "close" | "auto_close" => ClockEffect::Stop,
        _ => ClockEffect::Keep,
    }
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

/// Every clock a complaint has run, from its events (time, verb), under the current calendar.
pub fn history(
    events: &[(DateTime<Utc>, &str)],
    deadlines: &Deadlines,
    calendar: &WorkingCalendar,
    zone: Zone,
) -> Vec<ClockSegment> {
    let mut segments: Vec<ClockSegment> = Vec::new();
    let mut base: Option<ClockBase> = None;
    let close = |seg: &mut ClockSegment, at: DateTime<Utc>| {
        seg.ended_at = Some(at);
        seg.outcome = match seg.due_at {
            Some(due) if at > due => SegmentOutcome::Late,
            _ => SegmentOutcome::Met,
        };
    };
    for &(at, verb) in events {
        let effect = effect_of_event(verb);
        let next = ClockBase::apply(base, effect, at, deadlines, calendar, zone);
        match effect {
            ClockEffect::Start(_) | ClockEffect::Stop => {
                if let Some(last) = segments
                    .last_mut()
                    .filter(|s| s.outcome == SegmentOutcome::Current)
                {
                    close(last, at);
                }
                if let Some(b) = next.filter(|_| matches!(effect, ClockEffect::Start(_))) {
                    segments.push(ClockSegment {
                        kind: b.kind,
                        started_at: at,
                        due_at: b.due(calendar, zone),
                        ended_at: None,
                        outcome: SegmentOutcome::Current,
                    });
                }
            }
            ClockEffect::Pause | ClockEffect::Resume => {
                if let (Some(last), Some(b)) = (segments.last_mut(), next) {
                    last.due_at = b.due(calendar, zone);
                }
            }
            ClockEffect::Keep => {}
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
        let events = [
            (wib("2026-11-02 08:00"), "intake"),
            (wib("2026-11-03 08:00"), "verify_dispose"),
            (wib("2026-11-03 09:00"), "claim"),
            (wib("2026-11-20 08:00"), "reply"),
        ];
        let h = history(&events, &dl, &cal, Zone::Wib);
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].outcome, SegmentOutcome::Met);
        assert_eq!(h[1].kind, ClockKind::TindakLanjut);
        assert_eq!(h[1].outcome, SegmentOutcome::Late);
        assert_eq!(h[2].outcome, SegmentOutcome::Current);
        // The replayed base equals what the actions computed one by one.
        let replayed = replay(
            events.iter().map(|(at, v)| (*at, effect_of_event(v))),
            &dl,
            &cal,
            Zone::Wib,
        )
        .unwrap();
        assert_eq!(replayed.kind, ClockKind::Penutupan);
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
