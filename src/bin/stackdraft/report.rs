//! What `check`, `render` and `zip` found and wrote, built in one place and shown one of
//! two ways: messages on standard error, or one JSON document on standard output.

use serde::Serialize;
use stackdraft::engine::bundle::FileKind;
use stackdraft::FieldError;

use crate::cli::Format;
use crate::exit::Exit;
use crate::{write_stdout, Failure};

/// The version of the JSON document; a change that breaks a reader gets a new number.
pub const REPORT_FORMAT: u32 = 1;

/// A design's problems and the files written for it.
pub struct Report {
    format: Format,
    pub errors: Vec<FieldError>,
    /// The design review's open advice: a design with only warnings is valid.
    pub warnings: Vec<FieldError>,
    /// The warnings the design accepts (`review.accepted`), each with its reason.
    pub accepted: Vec<AcceptedWarning>,
    /// Acceptances whose warning the review no longer raises.
    pub notes: Vec<FieldError>,
    pub files: Vec<ReportFile>,
    /// `check --strict`: warnings fail the run too.
    pub strict: bool,
}

/// A file written: its path (on disk for `render`, in the archive for `zip`), what it is
/// and its size in bytes.
#[derive(Debug, Serialize)]
pub struct ReportFile {
    pub path: String,
    pub kind: FileKind,
    pub bytes: usize,
}

/// A warning the design accepts: the warning (path, code, message) and the reason given.
#[derive(Debug, Serialize)]
pub struct AcceptedWarning {
    #[serde(flatten)]
    pub warning: FieldError,
    pub reason: String,
}

/// The JSON document, as the README documents it.
#[derive(Serialize)]
struct Document<'a> {
    format: u32,
    valid: bool,
    errors: &'a [FieldError],
    warnings: &'a [FieldError],
    accepted: &'a [AcceptedWarning],
    notes: &'a [FieldError],
    files: &'a [ReportFile],
}

impl Report {
    pub fn new(format: Format) -> Report {
        Report {
            format,
            errors: Vec::new(),
            warnings: Vec::new(),
            accepted: Vec::new(),
            notes: Vec::new(),
            files: Vec::new(),
            strict: false,
        }
    }

    /// Leaves the review out: a link is data, the review is `check`'s to give.
    pub fn clear_review(&mut self) {
        self.warnings.clear();
        self.accepted.clear();
        self.notes.clear();
    }

    pub fn valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Invalid when the design has errors; warnings fail a run only when strict.
    pub fn exit(&self) -> Exit {
        if self.valid() && (!self.strict || self.warnings.is_empty()) {
            Exit::Success
        } else {
            Exit::Invalid
        }
    }

    /// A human message on standard error; none in JSON, whose document says it all.
    pub fn say(&self, message: impl std::fmt::Display) {
        if self.format == Format::Text {
            eprintln!("{message}");
        }
    }

    /// Shows the report (`done` is said when the design is valid) and tells how the run
    /// ends.
    pub fn finish(self, done: Option<String>) -> Result<Exit, Failure> {
        let exit = self.exit();
        match self.format {
            Format::Json => write_stdout(self.to_json().as_bytes())?,
            Format::Text => {
                print_problems("error", &self.errors);
                print_problems("warning", &self.warnings);
                for accepted in &self.accepted {
                    let warning = &accepted.warning;
                    eprintln!(
                        "note: accepted: {}: {} (reason: {})",
                        warning.path, warning.message, accepted.reason
                    );
                }
                print_problems("note", &self.notes);
                match self.errors.len() {
                    0 if self.strict && !self.warnings.is_empty() => eprintln!(
                        "{} warning{} in the design (--strict)",
                        self.warnings.len(),
                        if self.warnings.len() == 1 { "" } else { "s" }
                    ),
                    0 => {
                        if let Some(done) = done {
                            eprintln!("{done}");
                        }
                    }
                    1 => eprintln!("1 error in the design; nothing was written"),
                    n => eprintln!("{n} errors in the design; nothing was written"),
                }
            }
        }
        Ok(exit)
    }

    pub fn to_json(&self) -> String {
        let document = Document {
            format: REPORT_FORMAT,
            valid: self.valid(),
            errors: &self.errors,
            warnings: &self.warnings,
            accepted: &self.accepted,
            notes: &self.notes,
            files: &self.files,
        };
        let mut json = serde_json::to_string_pretty(&document).expect("a report serializes");
        json.push('\n');
        json
    }
}

/// `error: <path>: <message>`, one line each; a problem of the whole document has no
/// path and says `(design)`.
fn print_problems(label: &str, problems: &[FieldError]) {
    for problem in problems {
        let path = if problem.path.is_empty() {
            "(design)"
        } else {
            &problem.path
        };
        eprintln!("{label}: {path}: {}", problem.message);
    }
}
