//! The layers' import rule (ARCHITECTURE.md): the engine (`src/engine/`) uses only itself;
//! the form's logic (`src/form/`) uses the engine and itself; only the page (`src/app/`)
//! uses both; the CLI (`src/bin/`) uses the engine. A path that leaves its layer —
//! `crate::form::…`, `crate::{app, …}`, `super::super::…` up to the crate root, or the
//! crate's root re-exports — fails this test with the file and line.

use std::path::{Path, PathBuf};

/// The top-level modules of the crate that code in `layer` may name.
fn allowed(layer: &str) -> &'static [&'static str] {
    match layer {
        "engine" => &["engine"],
        "form" => &["engine", "form"],
        _ => unreachable!(),
    }
}

#[test]
fn the_engine_uses_only_itself_and_the_form_only_the_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for layer in ["engine", "form"] {
        for file in rust_files(&root.join(layer)) {
            let module = module_path(&root, &file);
            let source = std::fs::read_to_string(&file).unwrap();
            for (line, top) in crate_paths(&code_only(&source), &module) {
                if !allowed(layer).contains(&top.as_str()) {
                    broken.push(format!(
                        "{}:{line}: {layer} code names crate::{top}",
                        file.strip_prefix(&root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports across layers:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_cli_uses_only_the_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/stackdraft");
    let mut broken = Vec::new();
    for file in rust_files(&root) {
        let source = code_only(&std::fs::read_to_string(&file).unwrap());
        for (line, top) in named_after(&source, "stackdraft") {
            if top == "form" || top == "app" {
                broken.push(format!("{}:{line}: stackdraft::{top}", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "the CLI reaches past the engine:\n{}",
        broken.join("\n")
    );
}

/// The rule's own check, on code written to break it: each line must be caught.
#[test]
fn the_check_catches_every_way_out_of_a_layer() {
    let engine_file = [
        "engine".to_string(),
        "render".to_string(),
        "network".to_string(),
    ];
    let caught = |code: &str| -> Vec<String> {
        crate_paths(&code_only(code), &engine_file)
            .into_iter()
            .map(|(_, top)| top)
            .collect()
    };
    assert_eq!(caught("use crate::form::notes;"), ["form"]);
    assert_eq!(
        caught("use crate::{engine::cfn, app::State};"),
        ["engine", "app"]
    );
    assert_eq!(
        caught("let x = crate :: form :: fields :: find(p);"),
        ["form"]
    );
    assert_eq!(caught("use super::super::super::form::edits;"), ["form"]);
    assert_eq!(caught("use super::super::cfn;"), Vec::<String>::new());
    assert_eq!(caught("use super::shared;"), Vec::<String>::new());
    assert_eq!(caught("crate::render(&config)"), ["render"]);
    assert_eq!(
        caught("// crate::form::x\n\"crate::app\""),
        Vec::<String>::new()
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// `src/engine/render/mod.rs` → `[engine, render]`; `src/engine/cidr.rs` → `[engine, cidr]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The source with comments blanked and string and char literals emptied, line breaks kept.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_at(&chars, i) {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while j < chars.len() && !chars[j..].iter().collect::<String>().starts_with(&closing) {
                if chars[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j + closing.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && char_literal_len(&chars, i).is_some() {
            out.push_str("' '");
            i += char_literal_len(&chars, i).unwrap();
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether `r` at `i` opens a raw string (`r"…"`, `r#"…"#`) rather than ending a name.
fn raw_string_at(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|b| chars[b]);
    if before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
        return false;
    }
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// The length of a char literal at `i` (`'a'`, `'\n'`, `'\u{1F}'`), or `None` for a lifetime.
fn char_literal_len(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) == Some(&'\\') {
        let close = (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')?;
        return Some(close - i + 1);
    }
    (chars.get(i + 2) == Some(&'\'')).then_some(3)
}

/// Every module a path in `code` names at the crate root, with its line: `crate::X`,
/// `crate::{X, Y}`, and `super::…::X` where the `super`s climb to the root from `module`.
fn crate_paths(code: &str, module: &[String]) -> Vec<(usize, String)> {
    let mut found = named_after(code, "crate");
    let tokens = tokens(code);
    let mut i = 0;
    while i < tokens.len() {
        let (line, word) = &tokens[i];
        let starts = word == "super" && !(i >= 2 && tokens[i - 1].1 == "::");
        if !starts {
            i += 1;
            continue;
        }
        let mut climbs = 0;
        let mut j = i;
        while tokens.get(j).is_some_and(|t| t.1 == "super")
            && tokens.get(j + 1).is_some_and(|t| t.1 == "::")
        {
            climbs += 1;
            j += 2;
        }
        // A file `a/b.rs` is module `a::b`: `super` names `a`, and as many `super`s as the
        // path is long name the crate's root.
        if climbs >= module.len() {
            for top in group_or_name(&tokens, j) {
                found.push((*line, top));
            }
        }
        i = j.max(i + 1);
    }
    found
}

/// The names that follow `root::` in `code` (`root::X`, `root::{X, Y::Z}`), with their lines.
fn named_after(code: &str, root: &str) -> Vec<(usize, String)> {
    let tokens = tokens(code);
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].1 == root && tokens.get(i + 1).is_some_and(|t| t.1 == "::") {
            for top in group_or_name(&tokens, i + 2) {
                found.push((tokens[i].0, top));
            }
        }
    }
    found
}

/// At `at`: a name, or a `{…}` group whose top-level entries' first names are returned.
fn group_or_name(tokens: &[(usize, String)], at: usize) -> Vec<String> {
    match tokens.get(at).map(|t| t.1.as_str()) {
        Some("{") => {
            let mut names = Vec::new();
            let mut depth = 0;
            let mut expect_name = true;
            for (_, token) in &tokens[at + 1..] {
                match token.as_str() {
                    "{" => depth += 1,
                    "}" if depth == 0 => break,
                    "}" => depth -= 1,
                    "," if depth == 0 => expect_name = true,
                    word if expect_name && depth == 0 && is_name(word) => {
                        names.push(word.to_string());
                        expect_name = false;
                    }
                    _ => {}
                }
            }
            names
        }
        Some(word) if is_name(word) => vec![word.to_string()],
        _ => Vec::new(),
    }
}

fn is_name(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Names, `::`, braces and commas, with their line numbers; everything else dropped.
fn tokens(code: &str) -> Vec<(usize, String)> {
    let mut tokens = Vec::new();
    for (number, line) in code.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphanumeric() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push((number + 1, chars[start..i].iter().collect()));
                continue;
            }
            if c == ':' && chars.get(i + 1) == Some(&':') {
                tokens.push((number + 1, "::".to_string()));
                i += 2;
                continue;
            }
            if matches!(c, '{' | '}' | ',') {
                tokens.push((number + 1, c.to_string()));
            } else if !c.is_whitespace() {
                tokens.push((number + 1, "·".to_string()));
            }
            i += 1;
        }
    }
    tokens
}
