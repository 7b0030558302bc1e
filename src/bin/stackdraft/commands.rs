//! What each subcommand does. Standard output carries data only (a design, the zip, a
//! link, a JSON report, completions, a man page); every message goes to standard error.

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue};
use clap::{CommandFactory, Parser};
use stackdraft::engine::bundle::{self, BundleEntry, FileKind};
use stackdraft::engine::kit::Update;
use stackdraft::engine::link;
use stackdraft::{validate, Config, FieldError};

use crate::cli::{
    BaseArg, CheckArgs, Cli, Command, DiffArgs, FileArg, Format, LinkArgs, OpenArgs, RenderArgs,
    ReportArgs, ZipArgs,
};
use crate::exit::Exit;
use crate::input;
use crate::report::{AcceptedWarning, Report, ReportFile};

/// Why a run stopped before it could report on a design.
pub enum Failure {
    /// Not a usable link or input (exit 1).
    Invalid(String),
    /// A usage error, shown the way clap shows its own (exit 2).
    Usage(clap::Error),
    /// A file or stream could not be read or written (exit 2).
    Io(String),
}

pub fn main() -> Exit {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(mut error) => {
            // clap shows no usage with a bad value (`--out=`); every usage error shows it.
            if error.use_stderr() && error.get(ContextKind::Usage).is_none() {
                if let Some(usage) = subcommand_usage() {
                    error.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
                }
            }
            // --help and --version are "errors" that print to standard output.
            let _ = error.print();
            return if error.use_stderr() {
                Exit::Error
            } else {
                Exit::Success
            };
        }
    };
    match run(cli.command) {
        Ok(exit) => exit,
        Err(Failure::Invalid(message)) => {
            eprintln!("error: {message}");
            Exit::Invalid
        }
        Err(Failure::Usage(error)) => {
            let _ = error.print();
            Exit::Error
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            Exit::Error
        }
    }
}

fn run(command: Command) -> Result<Exit, Failure> {
    match command {
        Command::Defaults => {
            write_stdout(Config::default().to_pretty_json().as_bytes())?;
            Ok(Exit::Success)
        }
        Command::Check(args) => check(args),
        Command::Render(args) => render(args),
        Command::Zip(args) => zip(args),
        Command::Link(args) => share_link(args),
        Command::Open(args) => open(args),
        Command::Cost(args) => cost(args),
        Command::Diff(args) => diff(args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "stackdraft", &mut script);
            write_stdout(&script)?;
            Ok(Exit::Success)
        }
        Command::Man { command } => {
            write_stdout(&man_page(command.as_deref()))?;
            Ok(Exit::Success)
        }
    }
}

/// stackdraft(1), or stackdraft-COMMAND(1), which the first lists.
fn man_page(subcommand: Option<&str>) -> Vec<u8> {
    // Each page's name is its own: `help` has none (`--help` is on every page).
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let command = match subcommand.and_then(|name| cli.find_subcommand(name)) {
        Some(sub) => sub.clone(),
        None => cli,
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .source(format!("stackdraft {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)
        .expect("a Vec takes every write");
    page
}

/// A design read and reviewed: the report of its problems, and the design when it has
/// no errors.
struct Reviewed {
    report: Report,
    config: Option<Config>,
}

fn review(source: &FileArg, format: Format) -> Result<Reviewed, Failure> {
    match input::read_design(source)? {
        Ok(config) => Ok(review_config(config, format)),
        Err(error) => {
            let mut report = Report::new(format);
            report.errors.push(error);
            Ok(Reviewed {
                report,
                config: None,
            })
        }
    }
}

fn review_config(config: Config, format: Format) -> Reviewed {
    let mut report = Report::new(format);
    report.errors = validate(&config);
    let settled =
        stackdraft::engine::review::settle(&config, stackdraft::engine::review::review(&config));
    report.warnings = settled
        .open
        .into_iter()
        .map(|w| FieldError::new(w.path, w.message))
        .collect();
    report.accepted = settled
        .accepted
        .into_iter()
        .map(|(w, reason)| AcceptedWarning {
            warning: FieldError::new(w.path, w.message),
            reason,
        })
        .collect();
    report.notes = settled
        .stale
        .into_iter()
        .map(|index| {
            let acceptance = &config.review.accepted[index];
            FieldError::new(
                format!("review.accepted[{index}]"),
                stackdraft::engine::message::Message::acceptance_stale(
                    acceptance.code.as_str(),
                    acceptance.path.as_str(),
                ),
            )
        })
        .collect();
    // A usage figure's error turns off only the estimate: the design still renders.
    report
        .warnings
        .extend(stackdraft::engine::validate::usage_errors(&config));
    let config = report.valid().then_some(config);
    Reviewed { report, config }
}

fn check(args: CheckArgs) -> Result<Exit, Failure> {
    let Reviewed { mut report, config } = review(&args.report.design.config, args.report.format)?;
    report.strict = args.strict;
    let done = config.map(|config| {
        let stacks = stackdraft::stack_ids(&config).len();
        format!("ok: the design is valid ({stacks} stacks)")
    });
    report.finish(done)
}

/// The monthly estimate: COST.md's table as text, or its JSON document.
fn cost(args: ReportArgs) -> Result<Exit, Failure> {
    let Reviewed { mut report, config } = review(&args.design.config, Format::Text)?;
    let Some(config) = config else {
        return report.finish(None);
    };
    // The estimate's own input: a usage figure with an error is an error here.
    let usage = stackdraft::engine::validate::usage_errors(&config);
    if !usage.is_empty() {
        report
            .warnings
            .retain(|w| !stackdraft::engine::validate::is_usage_path(&w.path));
        report.errors = usage;
        return report.finish(None);
    }
    let estimate =
        stackdraft::engine::cost::estimate(&stackdraft::engine::cost::from_config(&config));
    match args.format {
        Format::Json => write_stdout(stackdraft::engine::cost::report::json(&estimate).as_bytes())?,
        Format::Text => {
            write_stdout(stackdraft::engine::cost::report::markdown(&estimate).as_bytes())?
        }
    }
    Ok(Exit::Success)
}

/// The prediction of an update from BASE to NEW. Each design must be valid; a prediction
/// with blockers is not an error unless `--strict`.
fn diff(args: DiffArgs) -> Result<Exit, Failure> {
    if args.base == FileArg::Std && args.new == FileArg::Std {
        return Err(Failure::Io(
            "BASE and NEW are both standard input: name at least one file".into(),
        ));
    }
    let mut designs = Vec::new();
    for (which, source) in [("BASE", &args.base), ("NEW", &args.new)] {
        let Reviewed { report, config } = review(source, args.format)?;
        match config {
            Some(config) => designs.push(config),
            None => {
                if args.format == Format::Text {
                    eprintln!("error: {which} is not a valid design:");
                }
                return report.finish(None);
            }
        }
    }
    let prediction = stackdraft::engine::update::diff::diff_designs(&designs[0], &designs[1])
        .map_err(|_| Failure::Invalid("a design changed while it was read".into()))?;
    let output = match args.format {
        Format::Json => stackdraft::engine::update::report::json(&prediction),
        Format::Text => stackdraft::engine::update::report::text(&prediction),
    };
    write_stdout(output.as_bytes())?;
    if args.strict && !prediction.blockers.is_empty() {
        if args.format == Format::Text {
            let n = prediction.blockers.len();
            eprintln!("{n} blocker{} (--strict)", if n == 1 { "" } else { "s" });
        }
        return Ok(Exit::Blocked);
    }
    Ok(Exit::Success)
}

/// The design `--base` names when it is valid; otherwise the finished report of its errors.
fn read_base(
    base: &BaseArg,
    design: &FileArg,
    format: Format,
) -> Result<Result<Option<Config>, Exit>, Failure> {
    let Some(source) = &base.base else {
        return Ok(Ok(None));
    };
    if *source == FileArg::Std && *design == FileArg::Std {
        return Err(Failure::Io(
            "CONFIG and --base are both standard input: name at least one file".into(),
        ));
    }
    let Reviewed { report, config } = review(source, format)?;
    match config {
        Some(config) => Ok(Ok(Some(config))),
        None => {
            if format == Format::Text {
                eprintln!("error: --base is not a valid design:");
            }
            Ok(Err(report.finish(None)?))
        }
    }
}

/// The bundle's files with their kinds, made against the baseline when there is one.
fn entries(
    config: &Config,
    base: Option<&Config>,
) -> Result<Result<Vec<BundleEntry>, Vec<FieldError>>, Failure> {
    let Some(base) = base else {
        return Ok(bundle::bundle_entries(config, None));
    };
    let prediction = stackdraft::engine::update::diff::diff_designs(base, config)
        .map_err(|_| Failure::Invalid("a design changed while it was read".into()))?;
    let update = Update {
        base,
        prediction: &prediction,
    };
    Ok(bundle::bundle_entries(config, Some(&update)))
}

fn render(args: RenderArgs) -> Result<Exit, Failure> {
    let base = match read_base(&args.base, &args.report.design.config, args.report.format)? {
        Ok(base) => base,
        Err(exit) => return Ok(exit),
    };
    let Reviewed { mut report, config } = review(&args.report.design.config, args.report.format)?;
    if let Some(config) = config {
        let wanted = |kind: FileKind| match kind {
            FileKind::Template => true,
            FileKind::Kit | FileKind::Baseline => args.kit,
            FileKind::Config => false,
        };
        match entries(&config, base.as_ref())? {
            Ok(entries) => {
                for BundleEntry { kind, file } in entries.iter().filter(|e| wanted(e.kind)) {
                    let path = args.out.join(&file.path);
                    write_file(&path, &file.bytes, file.executable)?;
                    report.say(format_args!("wrote {}", path.display()));
                    report.files.push(ReportFile {
                        path: path.display().to_string(),
                        kind: *kind,
                        bytes: file.bytes.len(),
                    });
                }
            }
            Err(errors) => report.errors = errors,
        }
    }
    report.finish(None)
}

fn zip(args: ZipArgs) -> Result<Exit, Failure> {
    let format = args.report.format;
    if args.out == FileArg::Std {
        if format == Format::Json {
            return Err(usage_error(
                "zip",
                "--format json and --out - would both write to standard output: write the \
                 zip to a file, or leave --format out",
            ));
        }
        if std::io::stdout().is_terminal() {
            return Err(usage_error(
                "zip",
                "--out - would write the zip to the terminal: redirect standard output \
                 (> design.zip) or pipe it",
            ));
        }
    }
    let base = match read_base(&args.base, &args.report.design.config, format)? {
        Ok(base) => base,
        Err(exit) => return Ok(exit),
    };
    let Reviewed { mut report, config } = review(&args.report.design.config, format)?;
    if let Some(config) = config {
        match entries(&config, base.as_ref())? {
            Ok(entries) => {
                report.files = entries
                    .iter()
                    .map(|BundleEntry { kind, file }| ReportFile {
                        path: file.path.clone(),
                        kind: *kind,
                        bytes: file.bytes.len(),
                    })
                    .collect();
                let files: Vec<_> = entries.into_iter().map(|entry| entry.file).collect();
                // The page's zip: `bundle::zip` of the same files in the same order.
                let bytes = bundle::zip(&files);
                match &args.out {
                    FileArg::Std => write_stdout(&bytes)?,
                    FileArg::Path(path) => {
                        write_file(path, &bytes, false)?;
                        report.say(format_args!(
                            "wrote {} ({} bytes)",
                            path.display(),
                            bytes.len()
                        ));
                    }
                }
            }
            Err(errors) => report.errors = errors,
        }
    }
    report.finish(None)
}

fn share_link(args: LinkArgs) -> Result<Exit, Failure> {
    let Reviewed { mut report, config } = review(&args.design.config, Format::Text)?;
    // A link is data: the review's advice is `check`'s to give.
    report.clear_review();
    if let Some(config) = config {
        let base = args.base.unwrap_or_default();
        let base = base.split('#').next().unwrap_or_default();
        let config = if args.without_values {
            link::without_values(&config)
        } else {
            config
        };
        write_stdout(format!("{base}#{}\n", link::encode(&config)).as_bytes())?;
    }
    report.finish(None)
}

fn open(args: OpenArgs) -> Result<Exit, Failure> {
    let text = match args.link.as_str() {
        "-" => input::read_link_from_stdin()?,
        text => text.to_string(),
    };
    let config = link::decode(&text).map_err(|e| Failure::Invalid(e.to_string()))?;
    // The design is printed even when it is invalid, so that it can be mended.
    write_stdout(config.to_pretty_json().as_bytes())?;
    let mut report = review_config(config, Format::Text).report;
    report.clear_review();
    report.finish(None)
}

/// The usage line of the subcommand named on the command line (the first argument: the
/// top level has no option that takes a value).
fn subcommand_usage() -> Option<StyledStr> {
    let name = std::env::args_os().nth(1)?;
    let mut command = Cli::command();
    command.build();
    let sub = command.find_subcommand_mut(name.to_str()?)?;
    Some(sub.render_usage())
}

/// A usage error of a subcommand that clap cannot see (it depends on two values),
/// shown with that subcommand's usage.
fn usage_error(subcommand: &str, message: &str) -> Failure {
    let mut command = Cli::command();
    command.build();
    let error = match command.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(clap::error::ErrorKind::ArgumentConflict, message),
        None => command.error(clap::error::ErrorKind::ArgumentConflict, message),
    };
    Failure::Usage(error)
}

pub fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::Io(format!("cannot write to standard output: {e}")))
}

fn write_file(path: &Path, bytes: &[u8], executable: bool) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)?;
    #[cfg(unix)]
    if executable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io)?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    Ok(())
}
