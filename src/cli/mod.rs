//! The CLI: thin verbs over the same store calls the console uses.

mod admin;
pub mod args;
mod doctor;
mod export;
mod import;
mod output;
mod parse;
mod report;
mod verbs;

use admin::*;
use doctor::*;
use parse::*;
use verbs::*;

use crate::domain::view::View;
use crate::domain::*;
use crate::store::open::OpenOptions;
use crate::store::open::{data_dir, default_location};
use crate::store::{ListQuery, Store};
use anyhow::{Context, Result, anyhow, bail};
use args::*;
use chrono::Utc;
use std::process::ExitCode;

/// Runs meja with the process's arguments and returns the exit code (0 done, 1 refused or failed,
/// 2 usage, which clap reports itself). Output into a pipe whose reader went away (`meja … | head`)
/// ends meja quietly with 0, as other command-line tools do: nothing more can be said there.
pub fn main() -> ExitCode {
    let cli = match <Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let lang = match language(cli.global.lang.as_deref()) {
        Ok(lang) => lang,
        Err(e) => {
            eprintln!("meja: {}", text::visible(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    // Scripts that asked for JSON get the refusal's stable code on stdout as well.
    let json = std::env::args_os().any(|a| a == "--json");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("meja: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    quiet_on_broken_pipe();
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runtime.block_on(run(cli))));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            if let Some(store_error) = e
                .chain()
                .find_map(|c| c.downcast_ref::<crate::store::StoreError>())
            {
                let message = store_error.message(lang);
                if json {
                    let error = serde_json::json!({
                        "error": { "code": store_error.code(), "message": message }
                    });
                    if let Ok(line) = output::json_line(&error) {
                        println!("{line}");
                    }
                }
                if let crate::store::StoreError::Refused(_) | crate::store::StoreError::Input(_) =
                    store_error
                {
                    eprintln!("meja: {}", text::visible(&message));
                    return ExitCode::from(1);
                }
            }
            // One line: the outermost context and the root cause.
            let root = e.root_cause().to_string();
            let top = e.to_string();
            let line = if top == root {
                top
            } else {
                format!("{top}: {root}")
            };
            eprintln!("meja: {}", text::visible(&line));
            ExitCode::from(1)
        }
        Err(payload) if panic_is_broken_pipe(payload.as_ref()) => ExitCode::SUCCESS,
        // Any other panic was reported by the default hook already.
        Err(_) => ExitCode::from(101),
    }
}

/// Whether an error comes from writing into a pipe nobody reads any more (`writeln!` to stdout,
/// or JSON written there: serde_json keeps the I/O error inside its own).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether a panic is `println!` failing on a pipe nobody reads any more: the standard library
/// panics with "failed printing to stdout: Broken pipe (os error 32)".
fn panic_is_broken_pipe(payload: &(dyn std::any::Any + Send)) -> bool {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    let broken = std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string();
    message.starts_with("failed printing to stdout")
        && (message.contains(&broken)
            || message.contains(&std::io::Error::from_raw_os_error(32).to_string()))
}

/// Keeps the default panic report for every panic except `println!` into a closed pipe, which
/// `main` ends quietly.
fn quiet_on_broken_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !panic_is_broken_pipe(info.payload()) {
            report(info);
        }
    }));
}

/// Prints clap's help, version or usage error. A usage error quotes what was typed, and what was
/// typed may hold escape sequences (`meja show "$(printf '\e]0;PWNED\a')"` would retitle the
/// window): it reaches the terminal through the same sanitiser as complaint text.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Our own text, nothing typed: clap prints it with its colours.
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let rendered = e.render().to_string();
    eprint!("{}", text::visible_multiline(&rendered));
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

pub const DEMO_DB_NAME: &str = "demo.db";

/// The language of what the CLI says to a person: `--lang` (or MEJA_LANG), else the `lang` of
/// the configuration file, else Bahasa Indonesia.
fn language(flag: Option<&str>) -> Result<Lang> {
    let configured = || {
        let (config, _) =
            crate::console::config::load(crate::console::config::config_path().as_deref());
        config.lang
    };
    match flag.map(str::to_string).or_else(configured) {
        Some(code) => {
            Lang::parse(&code).ok_or_else(|| anyhow!("unknown language '{code}' (use id or en)"))
        }
        None => Ok(Lang::Id),
    }
}

async fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    match &cli.command {
        // Generated into memory first: clap_complete panics when its writer fails, and a closed
        // pipe must end meja quietly like every other output.
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_complete::generate(*shell, &mut command, "meja", &mut text);
            std::io::Write::write_all(&mut std::io::stdout(), &text)
                .context("writing the completions")?;
            return Ok(());
        }
        Some(Command::Man) => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .context("rendering the manual page")?;
            std::io::Write::write_all(&mut std::io::stdout(), &page)
                .context("writing the manual page")?;
            return Ok(());
        }
        _ => {}
    }
    if let Some(Command::Doctor) = &cli.command {
        let url =
            g.db.clone()
                .unwrap_or_else(|| default_location().display().to_string());
        return doctor(&url, g.keymap.as_deref()).await;
    }
    if let Some(Command::Config { default, path }) = &cli.command {
        return show_config(*default, *path);
    }
    if let Some(Command::Keys { actions }) = &cli.command {
        let text = if *actions {
            crate::console::print_actions(g.keymap.as_deref(), g.lang.as_deref())?
        } else {
            crate::console::print_keys(g.keymap.as_deref(), g.lang.as_deref())?
        };
        print!("{text}");
        return Ok(());
    }
    let (url, demo_user) = if g.demo {
        let path = data_dir().join(DEMO_DB_NAME);
        (
            path.display().to_string(),
            Some(crate::store::seed::DEMO_SUPERVISOR.to_string()),
        )
    } else {
        (
            g.db.clone()
                .unwrap_or_else(|| default_location().display().to_string()),
            None,
        )
    };
    // A console holds one pooled connection plus its change feed's; a command one. Each says
    // what it is in pg_stat_activity.
    let who = g.as_user.clone().unwrap_or_else(os_account);
    let purpose = match &cli.command {
        None => format!("meja console {who}"),
        Some(c) => format!("meja {} {who}", verb_of(c)),
    };
    let migrating = makes_database(&cli.command);
    // Only the commands that make a database, the default database and the demo create a missing
    // SQLite file: a mistyped --db says there is nothing there instead of leaving a new file.
    let options = match &cli.command {
        None => OpenOptions::console(purpose),
        Some(_) => OpenOptions::single(purpose),
    }
    .creating(migrating || g.demo || g.db.is_none())
    .reading_only(g.readonly);
    // Making a database (a seed's writers, the demo's first use) takes SQLite's usual pool.
    let making = OpenOptions {
        sqlite_connections: OpenOptions::default().sqlite_connections,
        ..options.clone()
    };
    let mut store = if migrating {
        Store::open_migrating(&url, &making).await?
    } else if g.demo {
        // The demo is made on first use, then opened as asked (read-only with --readonly).
        let store = Store::open_with(&url, &options.clone().reading_only(false)).await?;
        if store.officer_count().await? == 0 {
            store.close().await;
            let maker = Store::open_with(&url, &making.clone().reading_only(false)).await?;
            crate::store::seed::ensure_demo(&maker).await?;
            // Reopen so no connection keeps the bulk load's relaxed durability settings.
            maker.close().await;
            Store::open_with(&url, &options).await?
        } else if g.readonly {
            store.close().await;
            Store::open_with(&url, &options).await?
        } else {
            store
        }
    } else {
        Store::open_with(&url, &options).await?
    };
    // --readonly means look only on PostgreSQL too, where the connection itself may write.
    let read_only = g.readonly || store.read_only().await?;
    if read_only && !only_reads(&cli.command) {
        store.close().await;
        let why = if g.readonly {
            "opened with --readonly"
        } else {
            "the file is read-only"
        };
        let verb = cli.command.as_ref().map(verb_of).unwrap_or_default();
        bail!(
            "the database {} is read-only ({why}): `meja {verb}` would change it",
            db_label(&url)
        );
    }
    // The demo signs in as its supervisor unless --as names another demo officer (demo.petugas,
    // demo.admin, demo.nasional); a MEJA_USER meant for another database does not apply there.
    let requested = match (demo_user, g.as_user.clone()) {
        (Some(demo), Some(asked)) => Some(if store.officer(&asked).await.is_ok() {
            asked
        } else {
            demo
        }),
        (Some(demo), None) => Some(demo),
        (None, asked) => asked,
    };
    if migrating
        || (matches!(
            cli.command,
            Some(Command::Officer { .. } | Command::Instansi { .. })
        ) && store.officer_count().await? == 0)
    {
        // Setting a database up needs no officer yet.
        let Some(command) = cli.command else {
            return Ok(());
        };
        let username = requested.unwrap_or_else(os_account);
        let result = command_on(&store, &username, command, language(g.lang.as_deref())?).await;
        store.close().await;
        return result;
    }
    let actor = store
        .sign_in(requested.as_deref(), &os_account())
        .await
        .context("signing in (use --as USER, or --demo)")?;
    let username = actor.username.clone();
    let Some(command) = cli.command else {
        let options = crate::console::ConsoleOptions {
            store: store.clone(),
            actor,
            keymap: g.keymap.clone(),
            lang: g.lang.clone(),
            color: match g.color {
                ColorArg::Auto => crate::console::ColorMode::Auto,
                ColorArg::Always => crate::console::ColorMode::Always,
                ColorArg::Never => crate::console::ColorMode::Never,
            },
            low_bandwidth: g.low_bandwidth,
            readonly: read_only,
            db_label: db_label(&url),
        };
        let result = crate::console::run(options).await;
        store.close().await;
        return result;
    };
    let result = command_on(&store, &username, command, language(g.lang.as_deref())?).await;
    store.close().await;
    result
}

/// The commands that make a database: they alone create a missing SQLite file (an `import` needs
/// the instansi tree and officers already there, so it opens an existing one).
fn makes_database(command: &Option<Command>) -> bool {
    matches!(
        command,
        Some(Command::Migrate { .. } | Command::Seed { .. })
    )
}

/// The commands that only read, and so run on a read-only database. The console (no command) runs
/// too, with its actions disabled.
fn only_reads(command: &Option<Command>) -> bool {
    match command {
        None => true,
        Some(command) => matches!(
            command,
            Command::List { .. }
                | Command::Counts { .. }
                | Command::Report(_)
                | Command::Export(_)
                | Command::Show { .. }
                | Command::Suggest { .. }
                | Command::Events { .. }
                | Command::Keys { .. }
                | Command::Config { .. }
                | Command::Completions { .. }
                | Command::Man
                | Command::Doctor
                | Command::Officer {
                    command: OfficerCommand::List { .. }
                }
                | Command::Instansi {
                    command: InstansiCommand::List { .. }
                        | InstansiCommand::Alias {
                            command: AliasCommand::List { .. }
                        }
                }
                | Command::Holiday {
                    command: HolidayCommand::List { .. }
                }
                | Command::Template {
                    command: TemplateCommand::List { .. }
                }
        ),
    }
}

/// The operating-system account running meja: the name of the process's user id (read from the
/// owner of /proc/self and /etc/passwd), not `$USER`, which anyone can set.
fn os_account() -> String {
    use std::os::unix::fs::MetadataExt;
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return "unknown".into();
    };
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|passwd| {
            passwd.lines().find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                let id = fields.nth(1)?;
                (id.parse::<u32>().ok()? == uid).then(|| name.to_string())
            })
        })
        .unwrap_or_else(|| format!("uid{uid}"))
}

/// The verb of a command, for naming its database connection.
fn verb_of(command: &Command) -> String {
    let debug = format!("{command:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("command")
        .to_lowercase()
}

/// What the header shows: the file name, or host/database without credentials.
fn db_label(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) if u.scheme().starts_with("postgres") => {
            format!("pg:{}{}", u.host_str().unwrap_or("?"), u.path())
        }
        _ => std::path::Path::new(
            url.trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:"),
        )
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| url.to_string()),
    }
}

async fn command_on(store: &Store, username: &str, command: Command, lang: Lang) -> Result<()> {
    let actor = || async {
        store
            .actor(username)
            .await
            .with_context(|| format!("acting as '{username}' (set --as or MEJA_USER)"))
    };
    match command {
        Command::Migrate { refresh_figures } => {
            store.migrate().await?;
            if refresh_figures {
                let n = store
                    .refresh_all_facts()
                    .await
                    .context("computing the monev figures again")?;
                println!("monev figures of {n} complaints computed again");
            }
            println!("database is up to date");
        }
        Command::Keys { .. }
        | Command::Config { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Doctor => {
            unreachable!("handled before opening the database")
        }
        Command::Seed {
            complaints,
            seed,
            now,
            quiet,
        } => {
            let now = match now {
                Some(t) => parse_time("--now", &t, Zone::Wib)?,
                None => Utc::now(),
            };
            let options = crate::store::seed::SeedOptions {
                complaints,
                seed,
                now,
                progress: !quiet,
            };
            let report = crate::store::seed::seed(store, &options).await?;
            println!(
                "seeded {} complaints, {} events, {} instansi, {} officers in {:.1} s ({:.0} complaints/s)",
                output::thousands(report.complaints),
                output::thousands(report.events),
                report.instansi,
                report.officers,
                report.seconds,
                report.complaints as f64 / report.seconds.max(1e-9)
            );
            let phases: Vec<String> = report
                .phases
                .iter()
                .map(|(name, s)| format!("{name} {s:.1} s"))
                .collect();
            println!("phases: {}", phases.join(", "));
        }
        Command::List {
            view,
            filter,
            limit,
            after,
            out,
        } => {
            let actor = actor().await?;
            let view = View::parse(&view).map_err(|e| anyhow!(e))?;
            let filter = filter::parse(&filter)?;
            let after = after.as_deref().map(parse_cursor).transpose()?;
            let query = ListQuery {
                view,
                filter,
                limit,
                after,
                now: Utc::now(),
            };
            let page = store.list(&actor, &query).await?;
            output::page(&page, out.json)?;
        }
        Command::Export(args) => {
            let actor = actor().await?;
            let written = export::export(store, &actor, &args).await?;
            eprintln!("{written} complaint(s) exported");
        }
        Command::Import(args) => {
            let actor = actor().await?;
            let report = import::import(store, &actor, &args).await?;
            import::summary(&report, args.out.json)?;
        }
        Command::Report(args) => {
            let actor = actor().await?;
            let built = report::build(store, &actor, &args, lang).await?;
            print!("{}", report::render(&built, args.format, lang)?);
        }
        Command::Counts { filter, out } => {
            let actor = actor().await?;
            let counts = store
                .counts(&actor, &filter::parse(&filter)?, Utc::now())
                .await?;
            output::counts(&counts, out.json)?;
        }
        Command::Show { target } => {
            let actor = actor().await?;
            let c = store.complaint(&actor, target.id).await?;
            let reference_instansi = store.find_instansi(&c.instansi).ok();
            let deadlines = reference_instansi.map(|i| i.deadlines).unwrap_or_default();
            // The clock history is counted on the calendar of the instansi holding the complaint.
            let calendar = store.calendar_for(c.instansi_id);
            output::complaint(&c, &calendar, &deadlines, target.out.json)?;
        }
        Command::Suggest { id, out } => {
            let actor = actor().await?;
            let list = store.suggest(&actor, id).await?;
            output::suggestions(id, &list, out.json, lang)?;
        }
        Command::Intake(args) => {
            let actor = actor().await?;
            let input = intake_from(&args)?;
            // A local time is the receiving instansi's, not the acting officer's.
            let zone = store.receiving_zone(&actor, input.complaint.instansi.as_deref())?;
            let c = store.intake(&actor, input.into_complaint(zone)).await?;
            if args.out.json {
                output::json(
                    &serde_json::json!({ "id": c.id, "status": c.status, "version": c.version, "clock": output::clock_json(c.clock.as_ref(), c.zone) }),
                )?;
            } else {
                println!(
                    "#{} recorded ({}, {})",
                    c.id,
                    c.status,
                    text::visible(&c.instansi)
                );
            }
        }
        Command::Officer { command } => admin_officer(store, &actor, command).await?,
        Command::Instansi {
            command: InstansiCommand::List { out },
        } => output::instansi(&store.instansi_list(), out.json)?,
        Command::Instansi {
            command: InstansiCommand::Alias { command },
        } => admin_alias(store, &actor, command).await?,
        Command::Instansi {
            command:
                InstansiCommand::Add {
                    code,
                    name,
                    kind,
                    zone,
                    parent,
                    deadlines,
                    approval,
                    auto_escalate,
                },
        } => {
            let acting = if store.instansi_list().is_empty() {
                None
            } else {
                Some(actor().await?)
            };
            let new = crate::store::NewInstansi {
                code,
                name,
                kind: InstansiKind::parse(&kind).map_err(|e| anyhow!(e))?,
                zone: Zone::parse(&zone.to_uppercase()).map_err(|e| anyhow!(e))?,
                parent,
                deadlines: parse_deadlines(&deadlines)?,
                requires_approval: approval,
                auto_escalate,
            };
            let i = store.add_instansi(acting.as_ref(), new).await?;
            println!(
                "added {} ({}, {}, {}/{}/{})",
                text::visible(&i.name),
                text::visible(&i.code),
                i.zone,
                i.deadlines.verify_days,
                i.deadlines.follow_up_days,
                i.deadlines.close_days
            );
        }
        Command::Holiday { command } => admin_holiday(store, &actor, command).await?,
        Command::Template { command } => admin_template(store, &actor, command).await?,
        Command::Sweep { now, out } => {
            if !store.may_sweep().await? {
                bail!(
                    "the sweep acts for the system: on PostgreSQL run it as the database owner (e.g. from cron), not as an officer"
                );
            }
            let now = match now {
                Some(t) => parse_time("--now", &t, Zone::Wib)?,
                None => Utc::now(),
            };
            let report = store.sweep(now).await?;
            if out.json {
                output::json(&report)?;
            } else {
                println!(
                    "closed {}, resumed {}, escalated {}; {} due within one working day",
                    report.closed.len(),
                    report.resumed.len(),
                    report.escalated.len(),
                    report.due_soon
                );
            }
        }
        Command::Events {
            after,
            limit,
            follow: false,
            out,
        } => {
            let actor = actor().await?;
            let events = store.events_after(&actor, after, limit).await?;
            output::events(&events, out.json)?;
        }
        Command::Events {
            after,
            follow: true,
            out,
            ..
        } => {
            let actor = actor().await?;
            export::follow_events(store, actor, after, out.json).await?;
        }
        action_command => {
            let actor = actor().await?;
            let (target, action) = action_of(store, action_command)?;
            let happened = match target.at.as_deref() {
                None => None,
                Some(text) => {
                    // Local times are the complaint's instansi's, as its clocks are.
                    let zone = store.complaint(&actor, target.id).await?.zone;
                    Some(
                        parse_time("--at", text, zone)
                            .with_context(|| format!("--at for #{}", target.id))?,
                    )
                }
            };
            let outcome = store
                .act_at(&actor, target.id, target.expect_version, &action, happened)
                .await?;
            if target.out.json {
                output::json(&outcome)?;
            } else {
                println!(
                    "#{}: {} done, now {} (version {})",
                    outcome.complaint_id, outcome.kind, outcome.status, outcome.version
                );
            }
        }
    }
    Ok(())
}
