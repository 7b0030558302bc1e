//! Edits the form makes to the design, one function per gesture, kept free of browser
//! types so they are tested natively: the service list, the network and the entry point.

mod edge;
mod network;
mod services;

pub use edge::*;
pub use network::*;
pub use services::*;

/// Text typed into an optional field: empty means none.
pub fn optional_text(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
