//! Stackdraft: design a VPC with no public subnets, ECS Express Mode services and
//! CloudFront VPC origins, and render the CloudFormation templates that build it.
//!
//! Three layers (ARCHITECTURE.md; `tests/layering.rs` holds the rule):
//! - [`engine`]: the design and everything derived from it (validation, review,
//!   templates, kit, cost, diagram, links, the zip). No browser types; uses only itself.
//! - [`form`]: the page's logic without a browser (field table, edits, drafts, notes at
//!   fields, history, values that follow). Uses the engine.
//! - `app`: the Leptos page, built for wasm32 only. Uses both.
//!
//! The CLI (`src/bin/stackdraft/`) and the page call the same engine, so they write the
//! same bytes. The root re-exports the engine's entry points.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod engine;
pub mod form;

pub use engine::config::Config;
pub use engine::error::FieldError;
pub use engine::render::{render, render_stack, stack_ids, RenderedTemplate, StackId, StackKind};
pub use engine::validate::validate;
