//! The catalog file's grammar, shared by the build script (which compiles the English
//! catalog into the binary) and [`super::Catalog::parse`] (catalogs read at run time).
//! Standard library only: `build.rs` includes this file as it is.
//!
//! A subset of Project Fluent's syntax: `id = words`; an indented line continues the
//! entry before it (joined with a space); `#` starts a comment; `{ $name }` is where an
//! argument goes, and any other `{` is text.

/// One entry: its line, its id and its words (continuations joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub line: usize,
    pub id: &'a str,
    pub words: String,
}

/// A line that is neither an entry, a continuation, a comment nor blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// An indented line with no entry before it.
    StrayContinuation,
    /// Not `id = words`.
    NotAnEntry,
}

/// The entries of a catalog's text, and the lines that are none.
pub fn entries(text: &str) -> (Vec<Entry<'_>>, Vec<(usize, LineProblem)>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match entries.last_mut() {
                Some(entry) => {
                    entry.words.push(' ');
                    entry.words.push_str(line.trim());
                }
                None => problems.push((number, LineProblem::StrayContinuation)),
            }
            continue;
        }
        match line.split_once(" = ") {
            Some((id, words)) => entries.push(Entry {
                line: number,
                id: id.trim(),
                words: words.trim().to_string(),
            }),
            None => problems.push((number, LineProblem::NotAnEntry)),
        }
    }
    (entries, problems)
}

/// A piece of an entry's words: plain text, or where an argument goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Arg(&'a str),
}

/// The pieces of `words`: `{ $name }` (spaces inside the braces optional) is an argument;
/// any other `{` is text.
pub fn pieces(words: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut search = 0;
    while let Some(found) = words[search..].find('{') {
        let open = search + found;
        match placeable_at(&words[open..]) {
            Some((name, len)) => {
                if open > text_start {
                    pieces.push(Piece::Text(&words[text_start..open]));
                }
                pieces.push(Piece::Arg(name));
                text_start = open + len;
                search = text_start;
            }
            None => search = open + 1,
        }
    }
    if text_start < words.len() {
        pieces.push(Piece::Text(&words[text_start..]));
    }
    pieces
}

/// `{ $name }` at the start of `text`: the name and the placeable's length in bytes.
fn placeable_at(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix('{')?.trim_start_matches(' ');
    let after = inner.strip_prefix('$')?;
    let end = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    if end == 0 {
        return None;
    }
    let rest = after[end..].trim_start_matches(' ').strip_prefix('}')?;
    Some((&after[..end], text.len() - rest.len()))
}

/// Marks where an argument goes in words made positional: the mark, then the argument's
/// position as one digit. A control character no catalog text holds.
pub const ARG_MARK: char = '\u{1}';

/// `words` with each `{ $name }` replaced by [`ARG_MARK`] and the name's position in
/// `names`; the first name `names` lacks is the error.
pub fn positional<'a>(words: &'a str, names: &[&str]) -> Result<String, &'a str> {
    let mut out = String::with_capacity(words.len());
    for piece in pieces(words) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Arg(name) => {
                let position = names.iter().position(|n| *n == name).ok_or(name)?;
                out.push(ARG_MARK);
                out.push(char::from(b'0' + position as u8));
            }
        }
    }
    Ok(out)
}

/// The id of the entry that sets how list arguments are joined, quoted so that it may end
/// in a space (`, ` when absent).
pub const LIST_SEPARATOR: &str = "-list-separator";
