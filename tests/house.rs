//! The house rules a newcomer relies on when reading the code (ARCHITECTURE.md), checked on the
//! source itself so that they cannot quietly erode:
//! - the top-level layers depend downwards only (domain <- seed <- store <- console <- cli);
//! - the console's modules import each other without a cycle, and its view (`render`) imports
//!   nothing from the update side, so that what is drawn is a function of the state;
//! - no source file is over 700 lines (phrase data lives in data files, not code);
//! - no test waits by sleeping: tests wait for the thing itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("reading {}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The source without comments and without the contents of string and char literals, so that a
/// path or a word in prose or in a message is not taken for code.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&b, i) {
            // Raw string: r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{1b}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// Every path that starts with `crate::` or `super::` (any number of them), with `use` groups
/// expanded: `use super::{a, b::{c, d}}` gives `super::a`, `super::b::c`, `super::b::d`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !ident_before(&b, i) && (starts(&b, i, "crate::") || starts(&b, i, "super::")) {
            let mut p = Parser { b: &b, i };
            for path in p.tree() {
                out.push(path);
            }
            i = p.i.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn starts(b: &[char], i: usize, s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| b.get(i + k) == Some(&c))
}

struct Parser<'a> {
    b: &'a [char],
    i: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_whitespace() {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.i;
        while self.i < self.b.len() && (self.b[self.i].is_alphanumeric() || self.b[self.i] == '_') {
            self.i += 1;
        }
        (self.i > start).then(|| self.b[start..self.i].iter().collect())
    }

    fn sep(&mut self) -> bool {
        self.skip_ws();
        if starts(self.b, self.i, "::") {
            self.i += 2;
            true
        } else {
            false
        }
    }

    /// One path tree: a segment, then `::` and either a group or another tree.
    fn tree(&mut self) -> Vec<Vec<String>> {
        self.skip_ws();
        if self.b.get(self.i) == Some(&'{') {
            self.i += 1;
            let mut all = Vec::new();
            loop {
                self.skip_ws();
                match self.b.get(self.i) {
                    Some('}') => {
                        self.i += 1;
                        break;
                    }
                    Some(',') => self.i += 1,
                    None => break,
                    _ => {
                        let before = self.i;
                        all.extend(self.tree());
                        // `x as y`
                        self.skip_ws();
                        if starts(self.b, self.i, "as ") {
                            self.i += 3;
                            self.ident();
                        }
                        if self.i == before {
                            self.i += 1;
                        }
                    }
                }
            }
            return all;
        }
        if self.b.get(self.i) == Some(&'*') {
            self.i += 1;
            return vec![vec!["*".into()]];
        }
        let Some(seg) = self.ident() else {
            return Vec::new();
        };
        if self.sep() {
            let rest = self.tree();
            if rest.is_empty() {
                return vec![vec![seg]];
            }
            rest.into_iter()
                .map(|mut r| {
                    r.insert(0, seg.clone());
                    r
                })
                .collect()
        } else {
            vec![vec![seg]]
        }
    }
}

/// The module path of a source file under `src/`: `src/console/render/queue.rs` is
/// `[console, render, queue]`, `src/console/mod.rs` is `[console]`.
fn module_path(src_dir: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src_dir).expect("file under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The absolute module path (from the crate root) that a `crate::`/`super::` path names.
fn absolute(module: &[String], is_mod_file: bool, path: &[String]) -> Vec<String> {
    let mut base: Vec<String> = module.to_vec();
    // A non-mod file `a/b.rs` is module `a::b`; `super` from it is `a`. A `mod.rs` file of `a/b`
    // is module `a::b` too; `super` from it is `a`. Both the same, once `mod` is dropped.
    let _ = is_mod_file;
    let mut rest = path;
    if rest.first().is_some_and(|s| s == "crate") {
        base.clear();
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    base
}

struct Source {
    file: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let src = root().join("src");
    rust_files(&src)
        .into_iter()
        .map(|file| {
            let module = module_path(&src, &file);
            let code = code_only(&read(&file));
            Source { file, module, code }
        })
        .collect()
}

/// The modules each source file of the crate uses: absolute paths, cut to the depth asked for.
fn uses(s: &Source) -> BTreeSet<Vec<String>> {
    let is_mod = s.file.ends_with("mod.rs");
    paths(&s.code)
        .into_iter()
        .map(|p| absolute(&s.module, is_mod, &p))
        .collect()
}

/// Layers, lowest first: a layer may use the ones before it, never the ones after.
const LAYERS: [&str; 5] = ["domain", "seed", "store", "console", "cli"];

#[test]
fn layers_depend_downwards_only() {
    let mut wrong = Vec::new();
    for s in sources() {
        let Some(layer) = s.module.first() else {
            continue;
        };
        let Some(rank) = LAYERS.iter().position(|l| l == layer) else {
            continue;
        };
        for used in uses(&s) {
            let Some(target) = used.first() else { continue };
            if let Some(t) = LAYERS.iter().position(|l| l == target)
                && t > rank
            {
                wrong.push(format!("{} uses {}", s.file.display(), used.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a layer uses one above it:\n{}",
        wrong.join("\n")
    );
}

/// The console's modules (files directly under `src/console`, and `render` as one module) and
/// the console modules each one uses. `mod.rs` (the console's front door, which wires the
/// modules together) and the unit tests are left out.
fn console_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in sources() {
        if s.module.first().is_none_or(|m| m != "console") || s.module.len() < 2 {
            continue;
        }
        let me = s.module[1].clone();
        if me == "tests" {
            continue;
        }
        let deps = graph.entry(me.clone()).or_default();
        for used in uses(&s) {
            if used.first().is_some_and(|m| m == "console")
                && let Some(other) = used.get(1)
                && *other != me
                && other.chars().next().is_some_and(|c| c.is_lowercase())
            {
                deps.insert(other.clone());
            }
        }
    }
    graph
}

/// Every cycle's modules (strongly connected components of more than one module).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, written small: the graph has a few dozen nodes.
    struct T<'g> {
        g: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl T<'_> {
        fn visit(&mut self, v: &str) {
            self.index.insert(v.into(), self.next);
            self.low.insert(v.into(), self.next);
            self.next += 1;
            self.stack.push(v.into());
            self.on.insert(v.into());
            let deps: Vec<String> = self.g.get(v).into_iter().flatten().cloned().collect();
            for w in deps {
                if !self.index.contains_key(&w) {
                    self.visit(&w);
                    let lw = self.low[&w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(&w) {
                    let iw = self.index[&w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(&w);
                    let done = w == v;
                    comp.push(w);
                    if done {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.out.push(comp);
                }
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.out
}

#[test]
fn console_modules_import_each_other_without_a_cycle() {
    let graph = console_graph();
    assert!(
        graph.contains_key("update") || graph.len() > 5,
        "the console's modules were found"
    );
    let found = cycles(&graph);
    let text: Vec<String> = found
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|d| c.contains(d))
                        .map(move |d| format!("{m} -> {d}"))
                })
                .collect();
            format!("{}: {}", c.join(", "), edges.join("; "))
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles in src/console:\n{}",
        text.join("\n")
    );
}

/// The update side: modules that change the state or run effects. The view may not use them.
const UPDATE_SIDE: [&str; 9] = [
    "update",
    "board",
    "work",
    "drafting",
    "live",
    "app",
    "event_loop",
    "term",
    "external",
];

#[test]
fn the_view_imports_nothing_from_the_update_side() {
    let graph = console_graph();
    let render = graph.get("render").expect("src/console/render exists");
    let wrong: Vec<&String> = render
        .iter()
        .filter(|d| UPDATE_SIDE.contains(&d.as_str()))
        .collect();
    assert!(wrong.is_empty(), "render uses the update side: {wrong:?}");
    // Nor through another module: whatever render uses must not reach the update side either.
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = render.iter().cloned().collect();
    while let Some(m) = todo.pop() {
        if !seen.insert(m.clone()) {
            continue;
        }
        assert!(
            !UPDATE_SIDE.contains(&m.as_str()),
            "render reaches the update side through {m} (render uses {render:?})"
        );
        todo.extend(graph.get(&m).into_iter().flatten().cloned());
    }
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut long = Vec::new();
    for dir in ["src", "tests", "benches"] {
        let d = root().join(dir);
        if !d.exists() {
            continue;
        }
        for f in rust_files(&d) {
            // The seed's reference tables (real place and agency names) are data, kept as Rust
            // tables so that the seeder reads them without parsing.
            if f.ends_with("src/seed/data.rs") {
                continue;
            }
            let n = read(&f).lines().count();
            if n > MAX_LINES {
                long.push(format!(
                    "{} ({n} lines)",
                    f.strip_prefix(root()).unwrap_or(&f).display()
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_test_waits_by_sleeping() {
    let mut found = Vec::new();
    let src = root().join("src");
    let mut files = rust_files(&root().join("tests"));
    // Unit tests in the crate: files named tests.rs and `mod tests` blocks are checked as a whole
    // file, which is stricter than needed but simple.
    files.extend(
        rust_files(&src)
            .into_iter()
            .filter(|f| f.file_name().is_some_and(|n| n == "tests.rs")),
    );
    for f in files {
        let code = code_only(&read(&f));
        for (n, line) in code.lines().enumerate() {
            if line.contains("sleep(") || line.contains("sleep_until(") {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "tests that wait by sleeping:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_path_reader_sees_groups_aliases_and_supers() {
    let code = code_only(
        "use super::{a, b::{c, d as e}, f::*};\n// super::ignored\nlet x = \"super::no\";\nuse crate::store::Store; super::super::g::h();",
    );
    let mut got: Vec<String> = paths(&code).into_iter().map(|p| p.join("::")).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            "crate::store::Store",
            "super::a",
            "super::b::c",
            "super::b::d",
            "super::f::*",
            "super::super::g::h"
        ]
    );
    let m = vec![
        "console".to_string(),
        "render".to_string(),
        "queue".to_string(),
    ];
    assert_eq!(
        absolute(&m, false, &["super".into(), "super".into(), "state".into()]),
        vec!["console", "state"]
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
}
