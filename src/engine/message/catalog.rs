//! A catalog: the words of every code in one language, each argument written as its
//! position ([`ftl::ARG_MARK`] and a digit). English is compiled in by `build.rs`; other
//! languages are read from their `.ftl` text with [`Catalog::parse`].

use super::ftl::{self, LineProblem};
use super::Code;

mod english {
    include!(concat!(env!("OUT_DIR"), "/english.rs"));
}

/// The words of each code, by the code's position in [`Code::ALL`].
#[derive(Debug, Clone)]
pub struct Catalog {
    words: Words,
    list_separator: String,
}

#[derive(Debug, Clone)]
enum Words {
    Compiled(&'static [&'static str]),
    Parsed(Vec<Option<String>>),
}

/// What is wrong with a catalog's text, by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub line: usize,
    pub problem: CatalogProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogProblem {
    Line(LineProblem),
    /// An id that is not a code.
    UnknownCode(String),
    /// A code given words twice.
    Twice(String),
    /// Words that place an argument the code does not have.
    UnknownArgument(String, String),
}

impl Catalog {
    /// English, compiled in.
    pub fn english() -> Catalog {
        Catalog {
            words: Words::Compiled(&english::WORDS),
            list_separator: english::LIST_SEPARATOR.to_string(),
        }
    }

    /// Reads a catalog. An unknown id, an id given twice, an argument the code lacks or a
    /// line that is no entry is an error; a code without words is not (see
    /// [`Catalog::missing`]).
    pub fn parse(text: &str) -> Result<Catalog, Vec<CatalogError>> {
        let (entries, problems) = ftl::entries(text);
        let mut errors: Vec<CatalogError> = problems
            .into_iter()
            .map(|(line, problem)| CatalogError {
                line,
                problem: CatalogProblem::Line(problem),
            })
            .collect();
        let mut words = vec![None; Code::ALL.len()];
        let mut list_separator = ", ".to_string();
        for entry in entries {
            if entry.id == ftl::LIST_SEPARATOR {
                list_separator = entry.words.trim_matches('"').to_string();
                continue;
            }
            let mut fail = |problem| {
                errors.push(CatalogError {
                    line: entry.line,
                    problem,
                })
            };
            let Some(code) = Code::from_id(entry.id) else {
                fail(CatalogProblem::UnknownCode(entry.id.into()));
                continue;
            };
            let slot: &mut Option<String> = &mut words[code as usize];
            if slot.is_some() {
                fail(CatalogProblem::Twice(entry.id.into()));
            }
            match ftl::positional(&entry.words, code.arg_names()) {
                Ok(positional) => *slot = Some(positional),
                Err(name) => fail(CatalogProblem::UnknownArgument(
                    entry.id.into(),
                    name.into(),
                )),
            }
        }
        if errors.is_empty() {
            Ok(Catalog {
                words: Words::Parsed(words),
                list_separator,
            })
        } else {
            Err(errors)
        }
    }

    /// The words of `code`, each argument written as [`ftl::ARG_MARK`] and its position.
    pub fn text(&self, code: Code) -> Option<&str> {
        match &self.words {
            Words::Compiled(words) => words.get(code as usize).copied(),
            Words::Parsed(words) => words.get(code as usize)?.as_deref(),
        }
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

/// A piece of positional words: text, or an argument's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Arg(usize),
}

/// The pieces of positional words.
pub fn pieces(words: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = words;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(ftl::ARG_MARK) {
            Some(0) => {
                let digit = rest[1..].chars().next().unwrap_or('0');
                rest = &rest[1 + digit.len_utf8()..];
                Some(Piece::Arg(digit.to_digit(10).unwrap_or(0) as usize))
            }
            Some(at) => {
                let (text, after) = rest.split_at(at);
                rest = after;
                Some(Piece::Text(text))
            }
            None => {
                let text = rest;
                rest = "";
                Some(Piece::Text(text))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeables_are_arguments_and_other_braces_are_text() {
        use ftl::Piece::{Arg, Text};
        assert_eq!(
            ftl::pieces("is { $value }; at most {$max}."),
            [
                Text("is "),
                Arg("value"),
                Text("; at most "),
                Arg("max"),
                Text(".")
            ]
        );
        assert_eq!(
            ftl::pieces("use ${AWS::AccountId} or {\"mode\": \"auto\"}"),
            [Text("use ${AWS::AccountId} or {\"mode\": \"auto\"}")]
        );
        assert_eq!(ftl::pieces("{ $a }{ $b }"), [Arg("a"), Arg("b")]);
        assert_eq!(ftl::pieces("{ $unclosed"), [Text("{ $unclosed")]);
        assert_eq!(ftl::pieces(""), []);
    }

    #[test]
    fn words_made_positional_read_back_as_the_same_pieces() {
        let words = ftl::positional("{ $b } then { $a }, then { $b }", &["a", "b"]).unwrap();
        assert_eq!(
            pieces(&words).collect::<Vec<_>>(),
            [
                Piece::Arg(1),
                Piece::Text(" then "),
                Piece::Arg(0),
                Piece::Text(", then "),
                Piece::Arg(1)
            ]
        );
        assert_eq!(ftl::positional("{ $c }", &["a"]), Err("c"));
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
            "no-such-code = x\n  stray\nnot an entry\ndns-label-empty = a\ndns-label-empty = b\nport-out-of-range = { $portt }\n",
        )
        .unwrap_err();
        let found: Vec<(usize, CatalogProblem)> =
            errors.into_iter().map(|e| (e.line, e.problem)).collect();
        assert_eq!(
            found,
            [
                (3, CatalogProblem::Line(LineProblem::NotAnEntry)),
                (1, CatalogProblem::UnknownCode("no-such-code".into())),
                (5, CatalogProblem::Twice("dns-label-empty".into())),
                (
                    6,
                    CatalogProblem::UnknownArgument("port-out-of-range".into(), "portt".into())
                ),
            ]
        );
    }
}
