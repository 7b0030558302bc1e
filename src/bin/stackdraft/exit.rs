//! The exit codes, one place for their numbers and for what `--help` says about them.

/// How a run ended, as scripts and CI see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done: the design is valid and everything asked for was written.
    Success,
    /// The design or the link is invalid; its errors were reported and nothing was written.
    Invalid,
    /// A usage error (unknown option, missing or empty value) or an I/O error.
    Error,
    /// `diff --strict`: CloudFormation would refuse the update as it stands.
    Blocked,
}

impl Exit {
    pub const ALL: [Exit; 4] = [Exit::Success, Exit::Invalid, Exit::Error, Exit::Blocked];

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Invalid => 1,
            Exit::Error => 2,
            Exit::Blocked => 3,
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "ok",
            Exit::Invalid => "invalid design or link (its errors are reported; no file is written)",
            Exit::Error => "usage or I/O error",
            Exit::Blocked => "diff --strict: the update would be refused as it stands (its blockers are reported)",
        }
    }

    /// The "Exit codes" section of `--help` and of the man page.
    pub fn help() -> String {
        let mut text = String::from("Exit codes:");
        for exit in Exit::ALL {
            text.push_str(&format!("\n  {}  {}", exit.code(), exit.meaning()));
        }
        text
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
