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

#[cfg(test)]
pub(crate) mod test_support {
    use crate::engine::config::Domain;

    /// A domain with a certificate, for tests of hosts.
    pub fn test_domain() -> Domain {
        Domain {
            zone: "example.com".into(),
            certificate_arn: Some(
                "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
                    .into(),
            ),
            hosted_zone_id: None,
        }
    }
}
