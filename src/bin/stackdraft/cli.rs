//! The command line: every subcommand, option and value, as clap reads them.

use std::path::PathBuf;

use clap::builder::NonEmptyStringValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::exit::Exit;

#[derive(Debug, Parser)]
#[command(
    name = "stackdraft",
    version,
    about,
    after_help = Exit::help(),
    subcommand_required = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the default design (the field report's, with the review's advice taken) as stackdraft.json
    Defaults,
    /// Validate a design and review it: every error and warning, with its JSON path
    Check(CheckArgs),
    /// Validate, then write DIR/<stack>.yaml for every stack
    Render(RenderArgs),
    /// Write the zip the page downloads: the templates, stackdraft.json and the deploy kit
    Zip(ZipArgs),
    /// Print the share link of a design
    Link(LinkArgs),
    /// Print the design a share link holds
    Open(OpenArgs),
    /// Estimate what the design costs a month, beside the classic public-subnet design
    Cost(ReportArgs),
    /// Predict what updating the stacks of BASE (as deployed) to NEW will replace or refuse
    Diff(DiffArgs),
    /// Print a shell's completion script (see the README for where to put it)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or a subcommand's page
    Man {
        /// The subcommand whose page to print: stackdraft-COMMAND(1)
        #[arg(value_name = "COMMAND", value_parser = subcommand_name)]
        command: Option<String>,
    },
}

/// The design a command reads.
#[derive(Debug, Args)]
pub struct DesignArg {
    /// A stackdraft.json file, or - for standard input
    #[arg(value_name = "CONFIG", value_parser = FileArg::parse, value_hint = ValueHint::FilePath)]
    pub config: FileArg,
}

/// A design, and how to report on it.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub design: DesignArg,
    /// text: messages on standard error; json: one JSON document on standard output
    /// (its schema is in the README)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Exit 1 when the review has warnings too, not only when the design has errors
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The design as deployed: a stackdraft.json file (the zip holds one), or - for standard input
    #[arg(value_name = "BASE", value_parser = FileArg::parse, value_hint = ValueHint::FilePath)]
    pub base: FileArg,
    /// The design to deploy next, or - for standard input
    #[arg(value_name = "NEW", value_parser = FileArg::parse, value_hint = ValueHint::FilePath)]
    pub new: FileArg,
    /// text: the prediction on standard output; json: one JSON document (its schema is in the README)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 3 when CloudFormation would refuse the update (the prediction finds blockers)
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// The directory to write the templates to (created if missing)
    #[arg(long, value_name = "DIR", value_parser = out_dir, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
    /// Also write the deploy kit: deploy.sh, DEPLOY.md, architecture.svg and test-app/
    #[arg(long)]
    pub kit: bool,
    #[command(flatten)]
    pub base: BaseArg,
}

/// The design as deployed, which the kit's plan compares with and whose stacks it prunes.
#[derive(Debug, Args)]
pub struct BaseArg {
    /// The design as deployed (a stackdraft.json, or - for standard input): the kit then holds
    /// baseline.json and UPDATE.md, its plan compares CloudFormation's change sets with the
    /// prediction, and its deploy offers to delete the stacks the design no longer has
    #[arg(long = "base", value_name = "BASE", value_parser = FileArg::parse, value_hint = ValueHint::FilePath)]
    pub base: Option<FileArg>,
}

#[derive(Debug, Args)]
pub struct ZipArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// The zip file to write, or - for standard output
    #[arg(long, value_name = "FILE", value_parser = FileArg::parse, value_hint = ValueHint::FilePath)]
    pub out: FileArg,
    #[command(flatten)]
    pub base: BaseArg,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    #[command(flatten)]
    pub design: DesignArg,
    /// The page's address to put before the #v4=... fragment
    #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new(), value_hint = ValueHint::Url)]
    pub base: Option<String>,
    /// Leave every environment variable's value out of the link (the design it opens asks for each one)
    #[arg(long)]
    pub without_values: bool,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// A share link (a URL, or its #v4=... part), or - to read it from standard input
    #[arg(value_name = "LINK", value_parser = NonEmptyStringValueParser::new())]
    pub link: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// A file named on the command line, or `-` for standard input (or output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileArg {
    Std,
    Path(PathBuf),
}

impl FileArg {
    fn parse(value: &str) -> Result<FileArg, String> {
        match value {
            "" => Err("is empty: name a file, or - for the standard stream".into()),
            "-" => Ok(FileArg::Std),
            path => Ok(FileArg::Path(PathBuf::from(path))),
        }
    }
}

fn subcommand_name(value: &str) -> Result<String, String> {
    let cli = <Cli as clap::CommandFactory>::command();
    let names: Vec<&str> = cli.get_subcommands().map(|sub| sub.get_name()).collect();
    if names.contains(&value) {
        Ok(value.into())
    } else {
        Err(format!("is not a subcommand; one of: {}", names.join(", ")))
    }
}

fn out_dir(value: &str) -> Result<PathBuf, String> {
    match value {
        "" => Err("is empty: name the directory to write the templates to".into()),
        "-" => Err(
            "render writes one template per stack, and a CloudFormation deploy takes \
                    one template per stack, so a stream of them on standard output is of no \
                    use; name a directory, or use `stackdraft zip --out -` for one stream"
                .into(),
        ),
        path => Ok(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        // clap's own checks: no clashing names, every default is a possible value, …
        Cli::command().debug_assert();
    }

    #[test]
    fn dashes_and_empty_values() {
        assert_eq!(FileArg::parse("-"), Ok(FileArg::Std));
        assert_eq!(FileArg::parse("-x"), Ok(FileArg::Path(PathBuf::from("-x"))));
        assert!(FileArg::parse("").is_err());
        assert!(out_dir("-").unwrap_err().contains("one template per stack"));
        assert!(out_dir("").is_err());
        assert_eq!(out_dir("out/"), Ok(PathBuf::from("out/")));
    }
}
