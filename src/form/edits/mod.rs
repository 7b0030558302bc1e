//! Edits the form makes to the design, one function per gesture, kept free of browser
//! types so they are tested natively: the service list, the network and the entry point.

mod edge;
mod network;
mod services;

pub use edge::*;
pub use network::*;
pub use services::*;

/// The text a field is left with, tidied, when leaving it should tidy it: a DNS zone loses
/// its trailing dots (DNS writes the root's empty label; CloudFront and ACM names do not).
/// `None` when there is nothing to tidy. Applied when the field is left, never while typing.
pub fn tidied(path: &str, text: &str) -> Option<String> {
    match path {
        "domain.zone" if text.ends_with('.') && text.trim_end_matches('.').contains('.') => {
            Some(text.trim_end_matches('.').to_string())
        }
        _ => None,
    }
}

/// Text typed into an optional field: empty means none.
pub fn optional_text(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::validate::validate;
    use crate::form::fields::Field;

    #[test]
    fn a_zone_left_with_a_trailing_dot_loses_it() {
        let zone = Field::DomainZone.here().path();
        assert_eq!(tidied(&zone, "example.com."), Some("example.com".into()));
        assert_eq!(tidied(&zone, "example.com.."), Some("example.com".into()));
        assert_eq!(tidied(&zone, "example.com"), None);
        // A lone dot or a single label with a dot is not a zone to guess at: its error stays.
        assert_eq!(tidied(&zone, "."), None);
        assert_eq!(tidied(&zone, "com."), None);
        // Other fields are left as typed.
        assert_eq!(tidied("network.name", "vpc."), None);
        // What the tidy leaves is a zone validation accepts.
        let mut config = Config::default();
        config.domain = Some(crate::engine::config::Domain {
            zone: tidied(&zone, "example.com.").unwrap(),
            certificate_arn: None,
            hosted_zone_id: None,
        });
        assert!(
            !validate(&config).iter().any(|e| e.path == zone),
            "{:?}",
            validate(&config)
        );
    }
}
