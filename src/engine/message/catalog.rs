//! A catalog: the words of every code in one language, read from its `.ftl` text.

use super::Code;

/// The words of each code, by the code's position in [`Code::ALL`].
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    texts: Vec<Option<String>>,
    list_separator: String,
}

/// What is wrong with a catalog's text, by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub line: usize,
    pub problem: String,
}

/// The id of the entry that sets how list arguments are joined (`, ` when absent).
pub const LIST_SEPARATOR: &str = "-list-separator";

impl Catalog {
    /// Reads a catalog: every line an entry (`id = words`), a continuation (indented), a
    /// comment (`#`) or blank. An unknown id, an id given twice or a line that is none of
    /// these is an error; a code without words is not (see [`Catalog::missing`]).
    pub fn parse(text: &str) -> Result<Catalog, Vec<CatalogError>> {
        let mut catalog = Catalog {
            texts: vec![None; Code::ALL.len()],
            list_separator: ", ".into(),
        };
        let mut errors = Vec::new();
        let mut entries: Vec<(usize, &str, String)> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let number = number + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                match entries.last_mut() {
                    Some((_, _, words)) => {
                        words.push(' ');
                        words.push_str(line.trim());
                    }
                    None => errors.push(CatalogError {
                        line: number,
                        problem: "an indented line continues no entry".into(),
                    }),
                }
                continue;
            }
            match line.split_once(" = ") {
                Some((id, words)) => entries.push((number, id.trim(), words.trim().to_string())),
                None => errors.push(CatalogError {
                    line: number,
                    problem: "not an entry: write `code = words`".into(),
                }),
            }
        }
        for (line, id, words) in entries {
            if id == LIST_SEPARATOR {
                // Quoted, so that a separator may end in a space.
                catalog.list_separator = words.trim_matches('"').to_string();
                continue;
            }
            let Some(code) = Code::from_id(id) else {
                errors.push(CatalogError {
                    line,
                    problem: format!("`{id}` is not a code"),
                });
                continue;
            };
            let slot = &mut catalog.texts[code as usize];
            if slot.is_some() {
                errors.push(CatalogError {
                    line,
                    problem: format!("`{id}` is given twice"),
                });
            }
            *slot = Some(words);
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    /// The words of `code`, with `{ $name }` where its arguments go.
    pub fn text(&self, code: Code) -> Option<&str> {
        self.texts.get(code as usize)?.as_deref()
    }

    /// The codes this catalog has no words for.
    pub fn missing(&self) -> Vec<Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|code| self.text(*code).is_none())
            .collect()
    }

    pub fn list_separator(&self) -> &str {
        &self.list_separator
    }
}

/// A piece of a message's words: plain text, or where an argument goes.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeables_are_arguments_and_other_braces_are_text() {
        use Piece::{Arg, Text};
        assert_eq!(
            pieces("is { $value }; at most {$max}."),
            [
                Text("is "),
                Arg("value"),
                Text("; at most "),
                Arg("max"),
                Text(".")
            ]
        );
        assert_eq!(
            pieces("use ${AWS::AccountId} or {\"mode\": \"auto\"}"),
            [Text("use ${AWS::AccountId} or {\"mode\": \"auto\"}")]
        );
        assert_eq!(pieces("{ $a }{ $b }"), [Arg("a"), Arg("b")]);
        assert_eq!(pieces("{ $unclosed"), [Text("{ $unclosed")]);
        assert_eq!(pieces(""), []);
    }

    #[test]
    fn a_catalog_reads_entries_continuations_and_comments() {
        let catalog = Catalog::parse(
            "# a comment\n\ndns-label-empty = is empty\n    (two dots in a row?)\n-list-separator = \"、\"\n",
        )
        .unwrap();
        assert_eq!(
            catalog.text(Code::DnsLabelEmpty),
            Some("is empty (two dots in a row?)")
        );
        assert_eq!(catalog.list_separator(), "、");
        assert!(catalog.missing().contains(&Code::VersionUnsupported));
    }

    #[test]
    fn a_broken_catalog_says_where() {
        let errors = Catalog::parse(
            "no-such-code = x\n  stray\nnot an entry\ndns-label-empty = a\ndns-label-empty = b\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 1, 5], "{errors:?}");
    }
}
