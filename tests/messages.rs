//! Messages as data: every code has words in the English catalog, the words use exactly
//! the code's arguments, a golden file holds every message with sample arguments (so a
//! change of wording is a reviewed diff), the README lists every code, and no sentence
//! for an error or a warning is built outside the catalog.

use std::collections::BTreeSet;
use std::path::Path;

use stackdraft::engine::message::{english, ftl, Catalog, Code, Message};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn english_source() -> String {
    std::fs::read_to_string(root().join("src/engine/message/en.ftl")).unwrap()
}

#[test]
fn the_english_catalog_reads_cleanly_and_words_every_code() {
    let catalog = Catalog::parse(&english_source()).unwrap_or_else(|errors| {
        panic!("en.ftl: {errors:#?}");
    });
    assert_eq!(catalog.missing(), Vec::<Code>::new(), "codes without words");
    // The catalog build.rs compiled into the build is that file.
    for code in Code::ALL {
        assert_eq!(english().text(*code), catalog.text(*code), "{}", code.id());
    }
    assert_eq!(english().list_separator(), catalog.list_separator());
}

#[test]
fn each_message_uses_exactly_its_codes_arguments() {
    let source = english_source();
    let (entries, _) = ftl::entries(&source);
    for code in Code::ALL {
        let entry = entries.iter().find(|e| e.id == code.id()).unwrap();
        let words = entry.words.as_str();
        let used: BTreeSet<&str> = ftl::pieces(words)
            .into_iter()
            .filter_map(|piece| match piece {
                ftl::Piece::Arg(name) => Some(name),
                ftl::Piece::Text(_) => None,
            })
            .collect();
        let named: BTreeSet<&str> = code.arg_names().iter().copied().collect();
        assert_eq!(used, named, "{}: {words}", code.id());
        assert_eq!(
            code.arg_names().len(),
            named.len(),
            "{}: an argument twice",
            code.id()
        );
        assert_eq!(code.arg_names().len(), code.arg_kinds().len());
    }
}

#[test]
fn codes_are_distinct_lowercase_ids() {
    let mut seen = BTreeSet::new();
    for code in Code::ALL {
        let id = code.id();
        assert!(seen.insert(id), "{id} twice");
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{id}"
        );
        assert_eq!(Code::from_id(id), Some(*code));
    }
}

/// Every message with sample arguments: text arguments as `<name>`, numbers 10, 20, 30 …
/// by position, another field as `network.cidr`, a list as `<a>, <b>`, a message inside
/// as the empty DNS label's. `STACKDRAFT_BLESS=1 cargo test --test messages` rewrites it.
#[test]
fn every_message_rendered_matches_the_golden_file() {
    let mut rendered = String::new();
    for code in Code::ALL {
        rendered.push_str(code.id());
        rendered.push_str(": ");
        rendered.push_str(&Message::sample(*code).to_string());
        rendered.push('\n');
    }
    let path = root().join("tests/messages/en.txt");
    if std::env::var_os("STACKDRAFT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &rendered).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        golden == rendered,
        "tests/messages/en.txt differs from the messages; after an intended change run \
         STACKDRAFT_BLESS=1 cargo test --test messages and review the diff"
    );
}

#[test]
fn a_message_a_catalog_lacks_is_worded_in_english() {
    let partial = Catalog::parse("cidr-empty = est vide\n").unwrap();
    assert_eq!(Message::cidr_empty().render(&partial), "est vide");
    let overlap = Message::subnet_overlap("10.0.0.0/20", "network.subnets[0]", "10.0.0.0/21");
    assert_eq!(overlap.render(&partial), overlap.to_string());
    assert_eq!(
        overlap.to_string(),
        "10.0.0.0/20 overlaps `network.subnets[0]` (10.0.0.0/21); subnets must not share addresses"
    );
}

#[test]
fn the_readme_lists_every_code() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.id())
        .filter(|id| !readme.contains(&format!("`{id}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes the README does not list: {missing:?}"
    );
}

/// No sentence for an error or a warning is built in Rust: the engine and the form hand
/// a `Message` (whose constructors take arguments, not words) to everything that holds
/// a message, and no argument of a message is built with `format!`. Functions that fail
/// with words (`Err(format!(…))`, `Err("…")`) are left only in the price table's
/// generator, whose errors are for a developer editing `data/prices.json`.
#[test]
fn no_message_is_built_with_format_in_the_engine_or_the_form() {
    let mut found = Vec::new();
    for layer in ["src/engine", "src/form"] {
        for file in rust_files(&root().join(layer)) {
            let source = std::fs::read_to_string(&file).unwrap();
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            let name = file.strip_prefix(root()).unwrap().display().to_string();
            for (at, _) in code.match_indices("Message::") {
                let call = &code[at..];
                let Some(open) = call.find('(') else { continue };
                if !call[9..open]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                {
                    continue;
                }
                let arguments = balanced(&call[open..]);
                if arguments.contains("format!(") {
                    found.push(format!("{name}: {}", &call[..open + arguments.len()]));
                }
            }
            if !name.ends_with("cost/generate.rs") {
                for words in ["Err(format!", "Err(\""] {
                    for (at, _) in code.match_indices(words) {
                        let line = code[..at].lines().count();
                        found.push(format!("{name}:{line}: {words}"));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "messages built from words:\n{}",
        found.join("\n")
    );
}

/// The text from an opening parenthesis to the one that closes it.
fn balanced(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    text
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
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
