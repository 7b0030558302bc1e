//! Stackdraft's design engine: the config model, validation, CIDR math, template
//! rendering and the share-link codec. Plain Rust, no browser types: the CLI and the
//! browser app both call it, so they produce the same bytes.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod engine;
pub mod form;

pub use engine::config::Config;
pub use engine::error::FieldError;
pub use engine::render::{render, render_stack, stack_ids, RenderedTemplate, StackId, StackKind};
pub use engine::validate::validate;
