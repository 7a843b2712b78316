//! The runtime around `update`: owns the state, carries out effects as tasks that answer on one
//! channel, counts the work in flight (so tests wait for idle instead of sleeping) and draws frames
//! only when something visible changed. Usable headless: tests build an `App` on a `Store`, feed
//! keys through the keymap, await `idle()` and draw into any ratatui backend.

use super::keys::Key;
use super::local_draft;
use super::msg::{Effect, Failure, Msg, MsgTemplate, Outcome};
use super::render;
use super::state::{Me, RefData, Settings, State};
use super::update;
use crate::domain::lifecycle::Actor;
use crate::domain::view::View;
use crate::store::{ListQuery, Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;

pub struct App {
    pub state: State,
    store: Store,
    actor: Actor,
    tx: mpsc::UnboundedSender<Msg>,
    rx: mpsc::UnboundedReceiver<Msg>,
    in_flight: usize,
    frames: u64,
}

/// A store error as the console shows it: in the officer's language, with its stable code (a
/// complaint opened by number answers `not_found` whether it is missing or out of sight).
fn failure(e: StoreError, lang: super::i18n::Lang) -> Failure {
    Failure {
        connection: matches!(e, StoreError::Database(_) | StoreError::Io(_)),
        message: super::labels::refusal_text(&e, lang),
        code: e.code(),
    }
}

impl App {
    /// An app of `size` (columns, rows) for `actor` on `store`; call `start` to load.
    pub fn new(store: Store, actor: Actor, settings: Settings, size: (u16, u16)) -> App {
        let me = Me {
            username: actor.username.clone(),
            name: None,
            role: actor.role,
            instansi: None,
            instansi_path: actor.instansi_path.clone(),
        };
        let mut state = update::initial(settings, me, size, store.calendars());
        state.reference = std::sync::Arc::new(RefData {
            instansi: store.instansi_list(),
            names: store
                .instansi_names()
                .unwrap_or_else(|e| {
                    // A reference document whose aliases do not read: the pickers match codes
                    // and names only, and the log says why.
                    tracing::warn!("{e}");
                    store
                        .instansi_list()
                        .iter()
                        .map(|i| crate::domain::instansi_match::Names::new(&i.code, &i.name, []))
                        .collect()
                })
                .into_iter()
                .map(std::sync::Arc::new)
                .collect(),
            categories: store.categories(),
        });
        let (tx, rx) = mpsc::unbounded_channel();
        App {
            state,
            store,
            actor,
            tx,
            rx,
            in_flight: 0,
            frames: 0,
        }
    }

    /// Sends the first queries: the officer, the first page of the first view, the counts.
    pub fn start(&mut self) {
        let fx = update::start(&mut self.state);
        self.spawn(fx);
    }

    pub fn handle(&mut self, msg: Msg) {
        let fx = update::update(&mut self.state, msg);
        self.spawn(fx);
    }

    pub fn key(&mut self, ev: KeyEvent) {
        self.handle(Msg::Key(ev));
    }

    /// Presses keys written as in a keymap file, separated by spaces: "j j Enter", "g g", "C-l".
    pub fn press(&mut self, keys: &str) {
        for k in Key::parse_seq(keys).unwrap_or_else(|e| panic!("bad keys '{keys}': {e}")) {
            self.key(k.to_event());
        }
    }

    /// Types text into a prompt, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(Key::ch(c).to_event());
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.handle(Msg::Resize(w, h));
    }

    /// Queries, writes and timers not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Handles every answer until no work is in flight.
    pub async fn idle(&mut self) {
        while self.in_flight > 0 {
            match self.rx.recv().await {
                Some(msg) => self.deliver(msg),
                None => break,
            }
        }
    }

    /// Handles messages (live ones included) until `done` holds or `within` passes; whether it held.
    /// For tests of live updates, which arrive without a key being pressed.
    pub async fn wait_until(
        &mut self,
        within: std::time::Duration,
        done: impl Fn(&State) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if done(&self.state) && self.in_flight == 0 {
                return true;
            }
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Ok(Some(msg)) => self.deliver(msg),
                Ok(None) | Err(_) => return done(&self.state),
            }
        }
    }

    /// Before exiting: saves an open draft and waits for the writes in flight.
    pub async fn shutdown(&mut self) {
        let fx = super::drafting::before_quit(&mut self.state);
        self.spawn(fx);
        self.idle().await;
    }

    /// The next answer of an effect (for the event loop's select).
    pub async fn recv(&mut self) -> Option<Msg> {
        self.rx.recv().await
    }

    /// Handles an answer received with `recv`.
    pub fn deliver(&mut self, msg: Msg) {
        // The feed and the presence timer run for the console's lifetime: they are not work in
        // flight that a test could wait for.
        if !matches!(msg, Msg::Feed(_) | Msg::PresenceTick) {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
        self.handle(msg);
    }

    /// Follows the event log (live updates from colleagues) and refreshes presence every few
    /// seconds, for as long as the app lives.
    pub fn go_live(&mut self) {
        let (store, actor, tx) = (self.store.clone(), self.actor.clone(), self.tx.clone());
        tokio::spawn(async move {
            let start = store.latest_event_id().await.unwrap_or(0);
            let mut feed = store.follow(actor, start);
            while let Some(m) = feed.recv().await {
                if tx.send(Msg::Feed(m)).is_err() {
                    break;
                }
            }
        });
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(super::live::PRESENCE_EVERY);
            loop {
                every.tick().await;
                if tx.send(Msg::PresenceTick).is_err() {
                    break;
                }
            }
        });
    }

    /// Draws a frame if something visible changed; returns whether it drew.
    pub fn draw<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<bool, B::Error> {
        if !self.state.dirty && !self.state.clear {
            return Ok(false);
        }
        if self.state.clear {
            term.clear()?;
            self.state.clear = false;
        }
        let size = term.size()?;
        if (size.width, size.height) != self.state.size {
            self.handle(Msg::Resize(size.width, size.height));
        }
        let state = &self.state;
        term.draw(|f| render::draw(f, state))?;
        self.state.dirty = false;
        self.frames += 1;
        Ok(true)
    }

    fn spawn(&mut self, fx: Vec<Effect>) {
        for effect in fx {
            self.in_flight += 1;
            let tx = self.tx.clone();
            let store = self.store.clone();
            let actor = self.actor.clone();
            let lang = self.state.lang();
            tokio::spawn(async move {
                let msg = run_effect(store, actor, lang, effect).await;
                let _ = tx.send(msg);
            });
        }
    }
}

async fn run_effect(store: Store, actor: Actor, lang: super::i18n::Lang, effect: Effect) -> Msg {
    match effect {
        Effect::LoadMe => Msg::Me(
            store
                .officer(&actor.username)
                .await
                .map_err(|e| failure(e, lang)),
        ),
        Effect::LoadMatching { view, filter, now } => {
            let q = ListQuery {
                view,
                filter,
                limit: 10_000,
                after: None,
                now,
            };
            let result = store
                .list(&actor, &q)
                .await
                .map(|p| p.rows.into_iter().map(|r| r.id).collect())
                .map_err(|e| failure(e, lang));
            Msg::Matching(result)
        }
        Effect::LoadPage {
            req,
            append,
            view,
            filter,
            after,
            limit,
            now,
        } => {
            let q = ListQuery {
                view,
                filter,
                limit,
                after,
                now,
            };
            let result = store.list(&actor, &q).await.map_err(|e| failure(e, lang));
            Msg::Page {
                req,
                append,
                result,
            }
        }
        Effect::LoadCounts {
            req,
            filter,
            saved,
            now,
            cap,
        } => {
            let result = async {
                let builtin = store.counts_capped(&actor, &filter, now, cap).await?;
                let mut extra = Vec::with_capacity(saved.len());
                for f in &saved {
                    extra.push(store.count(&actor, View::Semua, f, now, cap).await?);
                }
                Ok::<_, StoreError>((builtin, extra))
            }
            .await
            .map_err(|e| failure(e, lang));
            Msg::Counts { req, result }
        }
        Effect::LoadDetail { req, id } => {
            let result = store
                .complaint(&actor, id)
                .await
                .map(Box::new)
                .map_err(|e| failure(e, lang));
            let draft = match &result {
                Ok(_) => store.draft(&actor, id).await.ok().flatten(),
                Err(_) => None,
            };
            // A copy kept on this machine while the database was away wins if it is newer.
            let draft = local_draft::newer_local_draft(&actor.username, id, draft);
            Msg::Detail { req, result, draft }
        }
        Effect::Act {
            items,
            action,
            discard_draft,
            seen_event,
            happened,
        } => {
            let kind = action.kind();
            let result = if items.len() == 1 {
                let (id, version) = items[0];
                let done = match seen_event {
                    Some(seen) => store.act_guarded(&actor, id, version, &action, seen).await,
                    None => store.act_at(&actor, id, version, &action, happened).await,
                };
                match done {
                    Ok(outcome) => Ok(Outcome {
                        done: vec![id],
                        refused: Vec::new(),
                        events: vec![outcome.event_id],
                    }),
                    Err(e @ (StoreError::Database(_) | StoreError::Io(_))) => Err(failure(e, lang)),
                    Err(e) => Ok(Outcome {
                        done: Vec::new(),
                        refused: vec![(id, e)],
                        events: Vec::new(),
                    }),
                }
            } else {
                let ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
                store
                    .act_bulk(&actor, &ids, &action)
                    .await
                    .map(|b| Outcome {
                        done: b.done.iter().map(|o| o.complaint_id).collect(),
                        events: b.done.iter().map(|o| o.event_id).collect(),
                        refused: b.refused,
                    })
                    .map_err(|e| failure(e, lang))
            };
            if discard_draft && let Ok(o) = &result {
                for id in &o.done {
                    let _ = store.discard_draft(&actor, *id).await;
                }
            }
            Msg::Acted { kind, result }
        }
        Effect::LoadOfficers { ids, now } => Msg::Officers(
            store
                .assignable_officers(&actor, &ids, now)
                .await
                .map_err(|e| failure(e, lang)),
        ),
        Effect::LoadSimilar { id } => Msg::Similar {
            id,
            result: store
                .similar(&actor, id, 12)
                .await
                .map_err(|e| failure(e, lang)),
        },
        Effect::LoadSuggestions { id } => Msg::Suggestions {
            id,
            result: store
                .suggest(&actor, id)
                .await
                .map_err(|e| failure(e, lang)),
        },
        Effect::LoadTemplates => {
            Msg::Templates(store.templates().await.map_err(|e| failure(e, lang)))
        }
        Effect::SaveDraft {
            id,
            kind,
            body,
            based_on,
            at,
            rebase,
        } => {
            let result = if body.trim().is_empty() {
                store.discard_draft(&actor, id).await
            } else if rebase {
                match store.discard_draft(&actor, id).await {
                    Ok(()) => store.save_draft(&actor, id, kind, &body, based_on).await,
                    Err(e) => Err(e),
                }
            } else {
                store.save_draft(&actor, id, kind, &body, based_on).await
            };
            // The database is away: keep the text on this machine until it can be written, so a
            // console killed meanwhile loses nothing (the file goes once a save succeeds).
            match &result {
                Err(StoreError::Database(_) | StoreError::Io(_)) if !body.trim().is_empty() => {
                    local_draft::keep_draft_locally(&actor.username, id, &body);
                }
                Ok(()) => local_draft::forget_local_draft(&actor.username, id),
                Err(_) => {}
            }
            Msg::DraftSaved {
                id,
                body,
                at,
                result: result.map_err(|e| failure(e, lang)),
            }
        }
        Effect::Presence { at, ids } => {
            if let Err(e) = store.set_presence(&actor, at).await {
                return Msg::Presence(Err(failure(e, lang)));
            }
            Msg::Presence(
                store
                    .presence(&actor, &ids, chrono::Utc::now())
                    .await
                    .map_err(|e| failure(e, lang)),
            )
        }
        Effect::DiscardDraft { id } => Msg::DraftSaved {
            id,
            body: String::new(),
            at: chrono::Utc::now(),
            result: store
                .discard_draft(&actor, id)
                .await
                .map_err(|e| failure(e, lang)),
        },
        Effect::RememberSplit { percent, file } => {
            let written = tokio::task::spawn_blocking(move || {
                super::config::remember_split(&file, percent)
                    .map_err(|e| format!("{}: {e}", file.display()))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            Msg::Remembered(written)
        }
        Effect::LoadBoard { req, now } => Msg::Board {
            req,
            result: store
                .board(&actor, now)
                .await
                .map(Box::new)
                .map_err(|e| failure(e, lang)),
        },
        Effect::After { delay, msg } => {
            tokio::time::sleep(delay).await;
            match *msg {
                MsgTemplate::DetailDue { generation } => Msg::DetailDue { generation },
                MsgTemplate::DraftDue { id } => Msg::DraftDue { id },
                MsgTemplate::BoardDue => Msg::BoardDue,
                MsgTemplate::CountsDue { req } => Msg::CountsDue { req },
            }
        }
    }
}
