//! The library's layers, checked on the source: every `crate::…` and
//! `super::…` path in `src/**/*.rs` (comments, doc comments and string
//! literals ignored) is an edge between top-level modules, and every edge
//! must point down the order in `ARCHITECTURE.md`. A back-edge fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::root;

/// Lower first; a module may only use modules of a lower rank. `analysis`
/// and `delimitation` share a rank: neither uses the other.
const LAYERS: &[&[&str]] = &[
    &["geodesy"],
    &["polygon"],
    &["index"],
    &["model"],
    &["error"],
    &["crs"],
    &["io"],
    &["analysis", "delimitation"],
    &["render"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Source with comments, string and char literals blanked (newlines kept).
fn strip(src: &str) -> String {
    strip_collecting(src, &mut Vec::new())
}

/// [`strip`], collecting the string literals (plain and raw) it blanks.
fn strip_collecting(src: &str, literals: &mut Vec<String>) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &[char]| {
        out.extend(s.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }))
    };
    while i < c.len() {
        let rest = &c[i..];
        if rest.starts_with(&['/', '/']) {
            let end = rest.iter().position(|&ch| ch == '\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(&['/', '*']) {
            let (mut depth, mut j) = (0usize, 0);
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j;
        } else if (rest[0] == 'r' || rest.starts_with(&['b', 'r']))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
            && {
                let k = if rest[0] == 'r' { 1 } else { 2 };
                let hashes = rest[k..].iter().take_while(|&&ch| ch == '#').count();
                rest.get(k + hashes) == Some(&'"')
            }
        {
            // Raw string: r"…", r#"…"#, br"…".
            let k = if rest[0] == 'r' { 1 } else { 2 };
            let hashes = rest[k..].iter().take_while(|&&ch| ch == '#').count();
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            let body = k + hashes + 1;
            let end = (body..rest.len())
                .find(|&j| rest[j..].starts_with(&close))
                .map_or(rest.len(), |j| j + close.len());
            literals.push(rest[..end].iter().collect());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            literals.push(rest[..end].iter().collect());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '\'' {
            // A char literal ('x', '\n', '\u{b0}') or a lifetime ('a).
            let end = if rest.get(1) == Some(&'\\') {
                rest.iter()
                    .skip(2)
                    .position(|&ch| ch == '\'')
                    .map_or(rest.len(), |p| p + 3)
            } else if rest.get(2) == Some(&'\'') {
                3
            } else {
                1
            };
            if end > 1 {
                blank(&mut out, &rest[..end]);
            } else {
                out.push('\'');
            }
            i += end;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Comma,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
            continue;
        }
        if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(Tok::Path);
            i += 2;
            continue;
        }
        match ch {
            '{' => out.push(Tok::Open),
            '}' => out.push(Tok::Close),
            ',' => out.push(Tok::Comma),
            ch if ch.is_whitespace() => {}
            _ => out.push(Tok::Other),
        }
        i += 1;
    }
    out
}

/// The first names of the paths in a `{…}` group starting at `toks[i]`
/// (`{a, b::c, d::{e, f}}` gives a, b, d), and the index after it.
fn group_heads(toks: &[Tok], mut i: usize) -> (Vec<String>, usize) {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => {
                depth += 1;
                expect_head = depth == 1;
            }
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    return (heads, i + 1);
                }
            }
            Tok::Comma if depth == 1 => expect_head = true,
            Tok::Ident(name) if expect_head && depth == 1 => {
                heads.push(name.clone());
                expect_head = false;
            }
            _ => {}
        }
        i += 1;
    }
    (heads, i)
}

/// Top-level modules `code` refers to, given the path of the module the file
/// is (`["io", "read"]` for src/io/read.rs, `["io"]` for src/io/mod.rs).
/// Inline `mod name { … }` blocks deepen the path for `super::`.
fn references(code: &str, file_module: &[String]) -> BTreeSet<String> {
    let toks = tokens(&strip(code));
    let mut found = BTreeSet::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d > depth) {
                    inline.pop();
                }
            }
            Tok::Ident(m) if m == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth + 1));
                }
            }
            Tok::Ident(start) if start == "crate" || start == "super" => {
                // Walk `super::super::…` from the current module.
                let mut module: Vec<String> = file_module
                    .iter()
                    .cloned()
                    .chain(inline.iter().map(|(n, _)| n.clone()))
                    .collect();
                let mut j = i;
                if start == "crate" {
                    module.clear();
                    j += 1;
                } else {
                    while matches!(&toks.get(j), Some(Tok::Ident(s)) if s == "super")
                        && toks.get(j + 1) == Some(&Tok::Path)
                    {
                        module.pop();
                        j += 2;
                    }
                    // `super` not followed by `::` (`pub(super)`).
                    if j == i {
                        i += 1;
                        continue;
                    }
                    j -= 1;
                }
                if toks.get(j) != Some(&Tok::Path) {
                    i += 1;
                    continue;
                }
                let heads = match toks.get(j + 1) {
                    Some(Tok::Ident(name)) => vec![name.clone()],
                    Some(Tok::Open) => group_heads(&toks, j + 1).0,
                    _ => Vec::new(),
                };
                for head in heads {
                    let top = module.first().cloned().unwrap_or(head);
                    found.insert(top);
                }
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(own) = file_module.first() {
        found.remove(own);
    }
    found.retain(|m| rank(m).is_some());
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under src/ (`src/io/mod.rs` is `["io"]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Edges between the library's top-level modules, with a file for each.
fn module_graph() -> BTreeMap<(String, String), PathBuf> {
    let src = root("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut edges = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().to_owned();
        let module = module_of(&rel);
        // The crate root re-exports; the binary is on top of everything.
        if module[0] == "lib" || module[0] == "bin" {
            continue;
        }
        let code = std::fs::read_to_string(&file).unwrap();
        for to in references(&code, &module) {
            edges
                .entry((module[0].clone(), to))
                .or_insert_with(|| rel.clone());
        }
    }
    edges
}

fn violations(edges: &BTreeMap<(String, String), PathBuf>) -> Vec<String> {
    edges
        .iter()
        .filter(|((from, to), _)| match (rank(from), rank(to)) {
            (Some(f), Some(t)) => t >= f,
            _ => true,
        })
        .map(|((from, to), file)| format!("{from} -> {to} ({})", file.display()))
        .collect()
}

fn has_cycle(edges: &BTreeMap<(String, String), PathBuf>) -> bool {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<(String, String), PathBuf>,
        state: &mut BTreeMap<&'a str, bool>,
    ) -> bool {
        match state.get(node) {
            Some(false) => return true, // on the stack: a cycle
            Some(true) => return false,
            None => {}
        }
        state.insert(node, false);
        for (from, to) in edges.keys() {
            if from == node && visit(to, edges, state) {
                return true;
            }
        }
        state.insert(node, true);
        false
    }
    let mut state = BTreeMap::new();
    edges.keys().any(|(from, _)| visit(from, edges, &mut state))
}

#[test]
fn every_library_module_has_a_layer() {
    for entry in std::fs::read_dir(root("src")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let module = name.trim_end_matches(".rs");
        if module == "lib" || module == "bin" {
            continue;
        }
        assert!(
            rank(module).is_some(),
            "src/{name}: add it to LAYERS in tests/layers.rs and ARCHITECTURE.md"
        );
    }
}

#[test]
fn module_graph_is_acyclic_and_points_down() {
    let edges = module_graph();
    // The scan sees the edges that are there (so an empty scan cannot pass).
    for (from, to) in [
        ("io", "model"),
        ("io", "crs"),
        ("crs", "error"),
        ("analysis", "index"),
        ("error", "model"),
    ] {
        assert!(
            edges.contains_key(&(from.to_owned(), to.to_owned())),
            "{from} -> {to} not found: {:?}",
            edges.keys().collect::<Vec<_>>()
        );
    }
    assert_eq!(violations(&edges), Vec::<String>::new());
    assert!(!has_cycle(&edges));
}

#[test]
fn comments_strings_and_relative_paths() {
    let m = |parts: &[&str]| parts.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let code = r##"
        //! See [`crate::render`].
        /* crate::analysis /* nested crate::io */ */
        use crate::{error::{Error, Result}, model::Feature};
        use super::super::crs::Crs;
        pub(super) fn f() -> &'static str { let _c = '"'; "crate::delimitation" }
        const R: &str = r#"super::io"#;
        mod tests { use super::Op; use crate::geodesy::x; }
    "##;
    let found = references(code, &m(&["index", "metric"]));
    assert_eq!(
        found,
        ["crs", "error", "geodesy", "model"]
            .into_iter()
            .map(String::from)
            .collect()
    );
    // From src/io/mod.rs, `super::analysis` is the crate's analysis.
    let found = references("use super::analysis::distance;", &m(&["io"]));
    assert!(found.contains("analysis"));
    // A back-edge is caught, and so is the cycle it makes.
    let down = |pairs: &[(&str, &str)]| -> BTreeMap<(String, String), PathBuf> {
        pairs
            .iter()
            .map(|(a, b)| ((a.to_string(), b.to_string()), PathBuf::from("x.rs")))
            .collect()
    };
    let mut edges = down(&[("io", "error"), ("error", "model"), ("analysis", "io")]);
    assert!(violations(&edges).is_empty() && !has_cycle(&edges));
    edges.insert(("error".into(), "io".into()), PathBuf::from("planted"));
    assert_eq!(violations(&edges), vec!["error -> io (planted)".to_owned()]);
    assert!(has_cycle(&edges));
    // Peers do not use each other.
    let mut edges = down(&[("delimitation", "io")]);
    edges.insert(("analysis".into(), "delimitation".into()), "planted".into());
    assert_eq!(violations(&edges).len(), 1);
}

/// The string literals of `code` (plain and raw), comments left out.
fn string_literals(code: &str) -> Vec<String> {
    let mut literals = Vec::new();
    strip_collecting(code, &mut literals);
    literals
}

#[test]
fn library_messages_have_no_command_line_words() {
    let commands = [
        "validate", "distance", "report", "overlaps", "coverage", "plan", "render", "median",
        "buffer", "schedule",
    ];
    let mut files = Vec::new();
    rust_files(&root("src"), &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(root("src/bin"))) {
        for s in string_literals(&std::fs::read_to_string(file).unwrap()) {
            // `--features proj` is cargo's flag, for library users too.
            let flag = s
                .match_indices("--")
                .any(|(k, _)| s[k + 2..].starts_with(|c: char| c.is_ascii_lowercase()))
                && !s.contains("--features proj");
            let command = commands
                .iter()
                .any(|c| s.contains(&format!("demarcate {c}")));
            if flag || command {
                found.push(format!("{}: {s}", file.display()));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
    // The scan sees literals, not comments.
    let lits = string_literals("// \"--range\"\nlet a = \"use --range M\"; let b = r#\"x\"#;");
    assert_eq!(lits, ["\"use --range M\"", "r#\"x\"#"]);
}
