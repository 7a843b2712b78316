//! The console on a real terminal: one task owns the app; terminal input, answers of effects and
//! timers are awaited together; frames are drawn when something visible changed, at most every
//! 50 ms (longer in the low-bandwidth profile) so that bursts of input coalesce into one frame.

use super::app::App;
use super::msg::Msg;
use super::state::ClockSource;
use super::term::Screen;
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use std::io::Write;
use std::time::Duration;
use tokio::time::Instant;

pub fn frame_gap(low_bandwidth: bool) -> Duration {
    if low_bandwidth {
        Duration::from_millis(200)
    } else {
        Duration::from_millis(50)
    }
}

pub async fn run_loop<W: Write>(mut app: App, mut screen: Screen<W>) -> anyhow::Result<()> {
    let gap = frame_gap(app.state.settings.low_bandwidth);
    let clock = app.state.settings.clock;
    let mouse = app.state.settings.mouse;
    let mut events = EventStream::new();

    let mut minute = tokio::time::interval(Duration::from_secs(60));
    minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    minute.tick().await;
    let mut last_frame: Option<Instant> = None;
    // SIGTERM and SIGHUP (a dropped SSH link) end the console like `q`: the draft is saved and
    // the terminal restored, instead of the process dying in the alternate screen.
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    app.start();
    loop {
        if app.state.quit {
            break;
        }
        let wants_frame = app.state.dirty || app.state.clear;
        let due = match last_frame {
            Some(t) if wants_frame => Some(t + gap),
            None if wants_frame => Some(Instant::now()),
            _ => None,
        };
        if let Some(d) = due
            && d <= Instant::now()
        {
            screen.frame(&mut app)?;
            last_frame = Some(Instant::now());
            continue;
        }
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) => {
                    app.key(k);
                    if let Some(text) = app.state.clipboard.take() {
                        // Outside a frame, so the synchronized update never holds it back.
                        let out = screen.out_mut();
                        out.write_all(&super::wire::osc52(&text))?;
                        out.flush()?;
                    }
                    if let Some(text) = app.state.external.take() {
                        // $EDITOR gets the terminal: stop reading input, leave the alternate
                        // screen, run it, then take the terminal back and redraw everything.
                        drop(events);
                        super::term::restore_terminal();
                        let result = super::external::edit_with(&super::external::editor_command(), &text);
                        super::term::resume_terminal(mouse)?;
                        events = EventStream::new();
                        app.handle(Msg::ExternalEdited(result));
                    }
                    if std::mem::take(&mut app.state.suspend) {
                        // The draft's save lands before the process stops (the shell may never
                        // bring it back); then the terminal is the shell's until SIGCONT.
                        let _ = tokio::time::timeout(Duration::from_secs(3), app.idle()).await;
                        drop(events);
                        super::term::restore_terminal();
                        super::term::stop_until_continued();
                        super::term::resume_terminal(mouse)?;
                        events = EventStream::new();
                        app.state.clear = true;
                        app.state.dirty = true;
                    }
                }
                Some(Ok(Event::Mouse(m))) => {
                    use crossterm::event::{MouseButton, MouseEventKind};
                    use super::msg::{Mouse, MouseKind};
                    let kind = match m.kind {
                        MouseEventKind::Down(MouseButton::Left) => Some(MouseKind::Click),
                        MouseEventKind::ScrollUp => Some(MouseKind::ScrollUp),
                        MouseEventKind::ScrollDown => Some(MouseKind::ScrollDown),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        app.handle(Msg::Mouse(Mouse { kind, column: m.column, row: m.row }));
                    }
                }
                Some(Ok(Event::Resize(w, h))) => {
                    screen.resize(w, h);
                    app.resize(w, h);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
                None => break,
            },
            Some(msg) = app.recv() => app.deliver(msg),
            _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {}
            _ = terminate.recv() => app.state.quit = true,
            _ = hangup.recv() => app.state.quit = true,
            _ = minute.tick() => {
                if clock == ClockSource::System {
                    app.handle(Msg::Tick(clock.now()));
                }
            }
        }
    }
    // A draft not yet saved is saved; writes in flight get a moment to finish.
    let _ = tokio::time::timeout(Duration::from_secs(3), app.shutdown()).await;
    Ok(())
}
