//! Keymaps: one TOML table per context (global, queue, detail, filter, palette, help, confirm), an
//! entry is `"keys" = "action"` or `"keys" = { action = "...", desc = "...", when = "..." }`,
//! `"g g"` is a sequence and `"none"` unbinds. `keymaps/default.toml` is embedded and is the source
//! of truth; `keymaps/fkeys.toml` is a preset for function keys and arrows; a user file overrides
//! entries of the chosen map. Every problem names the file and line.

use super::action::{Action, Context};
use super::i18n::Lang;
use super::keys::{Key, seq_to_string};
use std::fmt;
use std::path::Path;
use toml::de::{DeTable, DeValue};

pub const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
pub const FKEYS_TOML: &str = include_str!("../../keymaps/fkeys.toml");

/// A problem in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// When a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Not under `--readonly`.
    Writable,
    ReadOnly,
    /// Some rows are marked.
    Marked,
    /// The detail sits beside the queue.
    Wide,
    Narrow,
}

impl When {
    fn parse(s: &str) -> Option<When> {
        Some(match s.trim() {
            "writable" => When::Writable,
            "readonly" => When::ReadOnly,
            "marked" => When::Marked,
            "wide" => When::Wide,
            "narrow" => When::Narrow,
            _ => return None,
        })
    }
    fn holds(self, c: &Conditions) -> bool {
        match self {
            When::Writable => !c.readonly,
            When::ReadOnly => c.readonly,
            When::Marked => c.marked,
            When::Wide => c.wide,
            When::Narrow => !c.wide,
        }
    }
}

/// The facts `when` conditions are judged on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conditions {
    pub readonly: bool,
    pub marked: bool,
    pub wide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: Option<String>,
    pub when: Option<When>,
    pub file: String,
    pub line: usize,
}

impl Binding {
    fn applies(&self, c: &Conditions) -> bool {
        !(c.readonly && self.action.mutates()) && self.when.is_none_or(|w| w.holds(c))
    }
}

/// What a key sequence means in a context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Action(Action),
    /// The keys so far begin a longer sequence.
    Pending,
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub name: String,
    tables: Vec<Vec<Binding>>,
}

enum Entry {
    Bind(Binding),
    Unbind { keys: Vec<Key> },
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses one file into entries per context, checking everything that one file alone can get wrong.
fn parse_file(text: &str, file: &str) -> Result<Vec<Vec<Entry>>, Vec<KeymapError>> {
    let err = |line: usize, message: String| KeymapError {
        file: file.to_string(),
        line,
        message,
    };
    let doc = DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        vec![err(line, e.message().trim().to_string())]
    })?;
    let mut errors = Vec::new();
    let mut out: Vec<Vec<Entry>> = Context::ALL.iter().map(|_| Vec::new()).collect();
    let mut tables: Vec<_> = doc.get_ref().iter().collect();
    tables.sort_by_key(|(k, _)| k.span().start);
    for (ctx_name, value) in tables {
        let ctx_line = line_of(text, ctx_name.span().start);
        let Some(ctx) = Context::from_name(ctx_name.get_ref()) else {
            let known: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            errors.push(err(
                ctx_line,
                format!(
                    "unknown context [{}] (known: {})",
                    ctx_name.get_ref(),
                    known.join(", ")
                ),
            ));
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            errors.push(err(
                ctx_line,
                format!("'{}' must be a table of keys", ctx.name()),
            ));
            continue;
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut seen: Vec<(Vec<Key>, usize)> = Vec::new();
        for (key_text, value) in entries {
            let line = line_of(text, key_text.span().start);
            let keys = match Key::parse_seq(key_text.get_ref()) {
                Ok(k) => k,
                Err(e) => {
                    errors.push(err(line, format!("[{}] {e}", ctx.name())));
                    continue;
                }
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keys) {
                errors.push(err(
                    line,
                    format!(
                        "[{}] duplicate key '{}' (already bound on line {first})",
                        ctx.name(),
                        seq_to_string(&keys)
                    ),
                ));
                continue;
            }
            seen.push((keys.clone(), line));
            let (action_name, desc, when) = match value.get_ref() {
                DeValue::String(s) => (s.to_string(), None, None),
                DeValue::Table(t) => {
                    let mut action = None;
                    let mut desc = None;
                    let mut when = None;
                    for (field, v) in t.iter() {
                        let fline = line_of(text, field.span().start);
                        let DeValue::String(s) = v.get_ref() else {
                            errors.push(err(
                                fline,
                                format!("'{}' must be a string", field.get_ref()),
                            ));
                            continue;
                        };
                        match field.get_ref().as_ref() {
                            "action" => action = Some(s.to_string()),
                            "desc" => desc = Some(s.to_string()),
                            "when" => match When::parse(s) {
                                Some(w) => when = Some(w),
                                None => errors.push(err(
                                    fline,
                                    format!(
                                        "unknown condition when = \"{s}\" (known: writable, readonly, marked, wide, narrow)"
                                    ),
                                )),
                            },
                            other => errors.push(err(
                                fline,
                                format!("unknown field '{other}' (use action, desc, when)"),
                            )),
                        }
                    }
                    match action {
                        Some(a) => (a, desc, when),
                        None => {
                            errors.push(err(line, "an entry table needs action = \"...\"".into()));
                            continue;
                        }
                    }
                }
                _ => {
                    errors.push(err(
                        line,
                        "a binding is an action name or { action, desc, when }".into(),
                    ));
                    continue;
                }
            };
            if action_name == "none" {
                out[ctx.index()].push(Entry::Unbind { keys });
                continue;
            }
            let Some(action) = Action::from_name(&action_name) else {
                errors.push(err(
                    line,
                    format!("unknown action '{action_name}' (`meja keys --actions` lists them)"),
                ));
                continue;
            };
            if !action.valid_in(ctx) {
                errors.push(err(
                    line,
                    format!("action '{action_name}' does nothing in [{}]", ctx.name()),
                ));
                continue;
            }
            out[ctx.index()].push(Entry::Bind(Binding {
                keys,
                action,
                desc,
                when,
                file: file.to_string(),
                line,
            }));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

impl Keymap {
    /// A complete keymap from one file.
    pub fn parse(text: &str, file: &str, name: &str) -> Result<Keymap, Vec<KeymapError>> {
        Keymap {
            name: name.to_string(),
            tables: Context::ALL.iter().map(|_| Vec::new()).collect(),
        }
        .with_overrides(text, file)
    }

    /// This keymap with a user file's entries applied over it: a key bound again replaces its
    /// binding, `"none"` removes it.
    pub fn with_overrides(&self, text: &str, file: &str) -> Result<Keymap, Vec<KeymapError>> {
        let entries = parse_file(text, file)?;
        let mut tables = self.tables.clone();
        for (i, list) in entries.into_iter().enumerate() {
            for entry in list {
                match entry {
                    Entry::Unbind { keys } => tables[i].retain(|b| b.keys != keys),
                    Entry::Bind(b) => {
                        tables[i].retain(|x| x.keys != b.keys);
                        tables[i].push(b);
                    }
                }
            }
        }
        let map = Keymap {
            name: self.name.clone(),
            tables,
        };
        map.check_shadowing()?;
        Ok(map)
    }

    /// A sequence that begins another one in the same reach (a context plus the global table it
    /// falls through to) could never be typed: an error naming both lines.
    fn check_shadowing(&self) -> Result<(), Vec<KeymapError>> {
        let mut errors = Vec::new();
        for ctx in Context::ALL {
            let own = self.bindings(ctx);
            let mut reach: Vec<&Binding> = own.iter().collect();
            if ctx.inherits_global() {
                reach.extend(
                    self.bindings(Context::Global)
                        .iter()
                        .filter(|g| !own.iter().any(|b| b.keys == g.keys)),
                );
            }
            for a in &reach {
                for b in &reach {
                    if a.keys.len() < b.keys.len() && b.keys.starts_with(&a.keys) {
                        // Report a global-vs-global clash once, under [global].
                        if ctx != Context::Global
                            && self.bindings(Context::Global).contains(a)
                            && self.bindings(Context::Global).contains(b)
                        {
                            continue;
                        }
                        errors.push(KeymapError {
                            file: b.file.clone(),
                            line: b.line,
                            message: format!(
                                "[{}] '{}' can never be typed: '{}' ({}:{}) is bound to {} and shadows it",
                                ctx.name(),
                                seq_to_string(&b.keys),
                                seq_to_string(&a.keys),
                                a.file,
                                a.line,
                                a.action.name()
                            ),
                        });
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The shipped keymap by name: "default" or "fkeys".
    pub fn builtin(name: &str) -> Option<Keymap> {
        let text = match name {
            "default" => DEFAULT_TOML,
            "fkeys" => FKEYS_TOML,
            _ => return None,
        };
        Keymap::parse(text, &format!("keymaps/{name}.toml"), name).ok()
    }

    /// The keymap to use: a shipped name or a file path, then the user's overrides. A broken file
    /// falls back (to the default, or to the map without the overrides) and says so in a notice.
    pub fn load(choice: Option<&str>, user_file: Option<&Path>) -> (Keymap, Vec<(String, String)>) {
        let mut notices = Vec::new();
        let fallback = || Keymap::builtin("default").unwrap_or_else(Keymap::empty);
        let base = match choice.unwrap_or("default") {
            name @ ("default" | "fkeys") => Keymap::builtin(name).unwrap_or_else(fallback),
            path => {
                let loaded = std::fs::read_to_string(path)
                    .map_err(|e| e.to_string())
                    .and_then(|text| {
                        Keymap::parse(&text, path, path).map_err(|errs| join_errors(&errs))
                    });
                match loaded {
                    Ok(k) => k,
                    Err(e) => {
                        notices.push((path.to_string(), e));
                        fallback()
                    }
                }
            }
        };
        let Some(user) = user_file.filter(|p| p.exists()) else {
            return (base, notices);
        };
        let shown = user.display().to_string();
        let text = match std::fs::read_to_string(user) {
            Ok(t) => t,
            Err(e) => {
                notices.push((shown.clone(), format!("{shown}: {e}")));
                return (base, notices);
            }
        };
        // One mistake drops only its own entry: the lines the errors name are left out and the
        // rest is read again, each dropped line said once with its file and line.
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for _ in 0..64 {
            match base.with_overrides(&lines.join("\n"), &shown) {
                Ok(k) => {
                    for (a, ctx) in k.keyless_against(&base) {
                        // No file: a warning about the result, not a dropped entry.
                        notices.push((
                            String::new(),
                            format!(
                                "{shown}: '{}' has no key in [{}] now (`meja keys --actions`)",
                                a.name(),
                                ctx.name()
                            ),
                        ));
                    }
                    return (k, notices);
                }
                Err(errs) => {
                    let mut dropped = false;
                    for e in &errs {
                        if let Some(l) = e.line.checked_sub(1).and_then(|i| lines.get_mut(i))
                            && e.file == shown
                            && !l.is_empty()
                        {
                            l.clear();
                            dropped = true;
                        }
                        notices.push((shown.clone(), e.to_string()));
                    }
                    if !dropped {
                        return (base, notices);
                    }
                }
            }
        }
        (base, notices)
    }

    /// Actions that had a key in a context of `base` and have none there now (a user file rebound
    /// `c` in [queue], say, leaving claim without a key in the queue).
    fn keyless_against(&self, base: &Keymap) -> Vec<(Action, Context)> {
        let cond = Conditions::default();
        let mut out = Vec::new();
        for ctx in Context::ALL {
            for a in Action::all() {
                if !base.keys_for(ctx, a, &cond).is_empty()
                    && self.keys_for(ctx, a, &cond).is_empty()
                {
                    out.push((a, ctx));
                }
            }
        }
        out
    }

    fn empty() -> Keymap {
        Keymap {
            name: "empty".into(),
            tables: Context::ALL.iter().map(|_| Vec::new()).collect(),
        }
    }

    pub fn bindings(&self, ctx: Context) -> &[Binding] {
        &self.tables[ctx.index()]
    }

    /// The bindings reachable in `ctx` that apply under `cond`, own table first.
    pub fn reach(&self, ctx: Context, cond: &Conditions) -> Vec<&Binding> {
        let own: Vec<&Binding> = self
            .bindings(ctx)
            .iter()
            .filter(|b| b.applies(cond))
            .collect();
        let mut all = own.clone();
        if ctx.inherits_global() {
            all.extend(
                self.bindings(Context::Global)
                    .iter()
                    .filter(|g| g.applies(cond) && !own.iter().any(|b| b.keys == g.keys)),
            );
        }
        all
    }

    pub fn resolve(&self, ctx: Context, seq: &[Key], cond: &Conditions) -> Resolution {
        let reach = self.reach(ctx, cond);
        if let Some(b) = reach.iter().find(|b| b.keys == seq) {
            return Resolution::Action(b.action);
        }
        if reach
            .iter()
            .any(|b| b.keys.len() > seq.len() && b.keys.starts_with(seq))
        {
            return Resolution::Pending;
        }
        Resolution::Unbound
    }

    /// The key sequences that trigger `action` in `ctx`, in file order.
    pub fn keys_for(&self, ctx: Context, action: Action, cond: &Conditions) -> Vec<String> {
        self.reach(ctx, cond)
            .into_iter()
            .filter(|b| b.action == action)
            .map(|b| seq_to_string(&b.keys))
            .collect()
    }

    /// The first key of `action` in `ctx`, or "" when it has none.
    pub fn key_for(&self, ctx: Context, action: Action, cond: &Conditions) -> String {
        self.keys_for(ctx, action, cond)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Help lines per context: (context, [(keys, description)]), generated from the bindings.
    pub fn help(&self, lang: Lang, cond: &Conditions) -> Vec<(Context, Vec<(String, String)>)> {
        let mut out = Vec::new();
        for ctx in Context::ALL {
            let mut rows: Vec<(Action, Vec<String>, String)> = Vec::new();
            for b in self.bindings(ctx).iter().filter(|b| b.applies(cond)) {
                let keys = seq_to_string(&b.keys);
                match rows.iter_mut().find(|(a, _, _)| *a == b.action) {
                    Some(row) => row.1.push(keys),
                    None => rows.push((
                        b.action,
                        vec![keys],
                        b.desc
                            .clone()
                            .unwrap_or_else(|| b.action.describe_in(ctx, lang)),
                    )),
                }
            }
            if !rows.is_empty() {
                out.push((
                    ctx,
                    rows.into_iter()
                        .map(|(_, keys, desc)| (keys.join(", "), desc))
                        .collect(),
                ));
            }
        }
        out
    }

    /// The effective keymap as text, for `meja keys`.
    pub fn print(&self, lang: Lang, readonly: bool) -> String {
        let cond = Conditions {
            readonly,
            marked: true,
            wide: true,
        };
        let mut out = format!("# keymap: {}\n", self.name);
        for (ctx, rows) in self.help(lang, &cond) {
            out.push_str(&format!("\n[{}]  {}\n", ctx.name(), ctx.title(lang)));
            let width = rows
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            for (keys, desc) in rows {
                let pad = width.saturating_sub(keys.chars().count());
                out.push_str(&format!("  {keys}{}  {desc}\n", " ".repeat(pad)));
            }
        }
        out
    }
}

fn join_errors(errs: &[KeymapError]) -> String {
    errs.iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond() -> Conditions {
        Conditions::default()
    }

    #[test]
    fn shipped_maps_parse() {
        for name in ["default", "fkeys"] {
            let text = if name == "default" {
                DEFAULT_TOML
            } else {
                FKEYS_TOML
            };
            if let Err(e) = Keymap::parse(text, name, name) {
                panic!("{name}: {}", join_errors(&e));
            }
        }
    }

    #[test]
    fn sequences_resolve_through_pending() {
        let k = Keymap::builtin("default").unwrap();
        let g = Key::ch('g');
        assert_eq!(
            k.resolve(Context::Queue, &[g], &cond()),
            Resolution::Pending
        );
        assert_eq!(
            k.resolve(Context::Queue, &[g, g], &cond()),
            Resolution::Action(Action::Top)
        );
        assert_eq!(
            k.resolve(Context::Queue, &[Key::ch('q')], &cond()),
            Resolution::Action(Action::Quit)
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let text = "[queue]\n\"j\" = \"down\"\n\"x\" = \"fly\"\n";
        let e = Keymap::parse(text, "user.toml", "u").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(
            e[0].to_string()
                .starts_with("user.toml:3: unknown action 'fly'"),
            "{}",
            e[0]
        );

        let dup = "[queue]\n\"C-l\" = \"down\"\n\"ctrl-l\" = \"up\"\n";
        let e = Keymap::parse(dup, "d.toml", "d").unwrap_err();
        assert!(e[0].message.contains("duplicate key 'C-l'"), "{}", e[0]);
        assert_eq!(e[0].line, 3);

        let toml_dup = "[queue]\n\"j\" = \"down\"\n\"j\" = \"up\"\n";
        let e = Keymap::parse(toml_dup, "t.toml", "t").unwrap_err();
        assert_eq!(e[0].line, 3, "{}", e[0]);

        let shadow = "[queue]\n\"g\" = \"top\"\n\"g g\" = \"bottom\"\n";
        let e = Keymap::parse(shadow, "s.toml", "s").unwrap_err();
        assert!(e[0].message.contains("can never be typed"), "{}", e[0]);
        assert_eq!(e[0].line, 3);

        let wrong_ctx = "[filter]\n\"q\" = \"quit\"\n";
        let e = Keymap::parse(wrong_ctx, "c.toml", "c").unwrap_err();
        assert!(
            e[0].message.contains("does nothing in [filter]"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn user_overrides_rebind_and_unbind() {
        let base = Keymap::builtin("default").unwrap();
        let user = "[queue]\n\"c\" = \"none\"\n\"x\" = { action = \"claim\", desc = \"ambil\" }\n";
        let k = base.with_overrides(user, "keymap.toml").unwrap();
        assert_eq!(
            k.resolve(Context::Queue, &[Key::ch('c')], &cond()),
            Resolution::Unbound
        );
        assert_eq!(
            k.resolve(Context::Queue, &[Key::ch('x')], &cond()),
            Resolution::Action(Action::Claim)
        );
        let ro = Conditions {
            readonly: true,
            ..cond()
        };
        assert_eq!(
            k.resolve(Context::Queue, &[Key::ch('x')], &ro),
            Resolution::Unbound
        );
        assert!(k.print(Lang::Id, false).contains("ambil"));
        assert!(!k.print(Lang::Id, true).contains("ambil"));
    }

    #[test]
    fn broken_user_file_falls_back_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, "[queue]\n\"j\" = \"jump\"\n").unwrap();
        let (k, notices) = Keymap::load(None, Some(&path));
        assert_eq!(k, Keymap::builtin("default").unwrap());
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].1.contains(":2: unknown action 'jump'"),
            "{:?}",
            notices
        );
    }
}
