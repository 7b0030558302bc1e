//! Stackdraft's design engine: the config model, validation, CIDR math, template
//! rendering and the share-link codec. Plain Rust, no browser types: the CLI and the
//! browser app both call it, so they produce the same bytes.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod bundle;
pub mod cause;
pub mod cfn;
pub mod cidr;
pub mod config;
pub mod cost;
pub mod diagram;
pub mod drafts;
pub mod edits;
pub mod error;
pub mod exports;
pub mod fields;
pub mod file_open;
pub mod follow;
pub mod format;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzzing;
pub mod history;
pub mod kit;
pub mod link;
pub mod names;
pub mod plan;
pub mod preview;
mod read;
pub mod regions;
pub mod render;
pub mod review;
pub mod shown;
pub mod startup;
pub mod validate;
pub mod yaml11;
pub mod zoom;

pub use config::Config;
pub use error::FieldError;
pub use render::{render, render_stack, stack_ids, RenderedTemplate, StackId, StackKind};
pub use validate::validate;
