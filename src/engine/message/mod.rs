//! Messages as data: every error and warning is a [`Code`] with its named arguments
//! ([`Message`]); a catalog of words per language (`en.ftl`, compiled in for English)
//! turns it into a sentence. Nothing in the engine or the form builds a user-facing
//! sentence: validation and review return messages, and the CLI and the page word them.
//!
//! The catalog's format is a small subset of Project Fluent's (`.ftl`), so that a
//! translator's tools read it: `code = words`, with `{ $name }` where an argument goes;
//! an indented line continues the message (joined with a space); `#` starts a comment.
//! A `{` not followed by ` $` is plain text. Another field of the design is written
//! between backticks (`` `domain.zone` ``): the CLI prints it as it is, the page shows the
//! field's label (`form::notes`). A message about a field is read after the field's name
//! ("VPC CIDR block is empty; …" on the page, "network.cidr: is empty; …" in the CLI), so
//! most start with a verb. `tests/messages/en.txt` holds every message rendered with sample
//! arguments: a change of words is a reviewed diff there
//! (`STACKDRAFT_BLESS=1 cargo test --test messages`).

mod catalog;
mod codes;
pub mod ftl;

pub use catalog::{Catalog, CatalogError, CatalogProblem};
pub use codes::Code;

use std::fmt;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text as given (a value the user wrote, a name, an address).
    Text(String),
    /// A whole number, written in digits.
    Int(i64),
    /// Another field of the design, by its path: written between backticks.
    Field(String),
    /// Values, written one after another with the catalog's list separator.
    List(Vec<String>),
    /// A message placed inside this one (a label's problem inside the zone's).
    Message(Box<Message>),
}

/// The kind of each argument a code takes, for samples and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Text,
    Int,
    Field,
    List,
    Message,
}

/// A code with its arguments, in the order of [`Code::arg_names`]. Built only by the
/// constructors [`codes`] generates, one per code, whose parameters are the code's
/// arguments: a message cannot miss one or carry another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    code: Code,
    args: Vec<Arg>,
}

impl Message {
    pub fn code(&self) -> Code {
        self.code
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// The argument called `name`, if the code has one.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        let index = self.code.arg_names().iter().position(|n| *n == name)?;
        self.args.get(index)
    }

    /// The message with sample arguments of the right kinds: for the golden file of
    /// every message and for tests.
    pub fn sample(code: Code) -> Message {
        let args = code
            .arg_kinds()
            .iter()
            .zip(code.arg_names())
            .enumerate()
            .map(|(position, (kind, name))| match kind {
                ArgKind::Text => Arg::Text(format!("<{name}>")),
                ArgKind::Int => Arg::Int(10 * (position as i64 + 1)),
                ArgKind::Field => Arg::Field("network.cidr".into()),
                ArgKind::List => Arg::List(vec!["<a>".into(), "<b>".into()]),
                ArgKind::Message => Arg::Message(Box::new(Message {
                    code: Code::DnsLabelEmpty,
                    args: Vec::new(),
                })),
            })
            .collect();
        Message { code, args }
    }

    /// The message in `catalog`'s words.
    pub fn render(&self, catalog: &Catalog) -> String {
        let mut out = String::new();
        self.render_into(catalog, &mut out);
        out
    }

    fn render_into(&self, catalog: &Catalog, out: &mut String) {
        // A catalog behind the build (a translation that lacks a newer code) falls back
        // to English, which the build guarantees is complete.
        let text = catalog
            .text(self.code)
            .or_else(|| english().text(self.code))
            .unwrap_or_default();
        for piece in catalog::pieces(text) {
            match piece {
                catalog::Piece::Text(text) => out.push_str(text),
                catalog::Piece::Arg(position) => {
                    if let Some(arg) = self.args.get(position) {
                        write_arg(arg, catalog, out);
                    }
                }
            }
        }
    }
}

fn write_arg(arg: &Arg, catalog: &Catalog, out: &mut String) {
    match arg {
        Arg::Text(text) => out.push_str(text),
        Arg::Int(n) => out.push_str(&n.to_string()),
        Arg::Field(path) => {
            out.push(FIELD_MARK);
            out.push_str(path);
            out.push(FIELD_MARK);
        }
        Arg::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(catalog.list_separator());
                }
                out.push_str(item);
            }
        }
        Arg::Message(inner) => inner.render_into(catalog, out),
    }
}

/// What opens and closes another field's path in a rendered message.
pub const FIELD_MARK: char = '`';

/// English, the catalog compiled into every build.
pub fn english() -> &'static Catalog {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(Catalog::english)
}

/// In English.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(english()))
    }
}
