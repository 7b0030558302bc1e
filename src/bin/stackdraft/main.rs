//! `stackdraft`: the design engine on the command line. Same core as the browser app, so
//! the same config renders the same bytes. Native only: clap is not a wasm32 dependency,
//! and the page is `stackdraft-web`.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod exit;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod report;

#[cfg(not(target_arch = "wasm32"))]
use commands::{write_stdout, Failure};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    commands::main().into()
}

/// Compiled out for wasm32, the way `stackdraft-web` is for native targets.
#[cfg(target_arch = "wasm32")]
fn main() {}
