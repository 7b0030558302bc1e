//! Errors and warnings as the page shows them: the form field each one shows next to,
//! and a sentence that names the field in the form's words.

use crate::engine::config::Config;
use crate::engine::error::FieldError;
use crate::engine::field_path::FieldPath;
use crate::engine::message::{english, Message, FIELD_MARK as REF_MARK};
use crate::form::fields;
/// The path of the form field an error at `path` shows next to: the path itself when the
/// form has that field, otherwise its closest enclosing field or group (for example
/// `network.nat.azs[2]` shows at the NAT AZ checkboxes), or "" for the top of the page.
pub fn anchor(fields: &[String], path: &str) -> String {
    let mut current = path;
    loop {
        if current.is_empty() || fields.iter().any(|f| f == current) {
            return current.to_string();
        }
        current = FieldPath::new(current).parent().as_str();
    }
}

/// The HTML id of the field for a JSON path: `network.subnets[1]` →
/// `f-network-subnets-1`; "" → `f-design`. Only letters, digits, `-` and `_`.
pub fn field_id(path: &str) -> String {
    if path.is_empty() {
        return "f-design".into();
    }
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// What the form calls the field at `path`, for error sentences: the field table's
/// label, "Service 2 container port" below a service, "Subnet 3" for a list entry.
pub fn field_label(path: &str) -> String {
    if let Some(at) = fields::find(path) {
        let label = at.spec().label;
        return if at.field.per_service() {
            format!("Service {} {}", at.index + 1, fields::lowered(label))
        } else {
            label.to_string()
        };
    }
    let path = FieldPath::new(path);
    if let Some((index, below)) = path.service() {
        let service = format!("Service {}", index + 1);
        if let Some(label) = crate::form::lists::label(below.as_str()) {
            return format!("{service} {label}");
        }
        let field = match below.as_str() {
            "" => return service,
            "scaling" => "scaling",
            "cloudfront" => "CloudFront",
            other => other,
        };
        return format!("{service} {field}");
    }
    for (list, name) in [
        ("network.subnets", "Subnet "),
        ("network.az_ids", "Zone ID of subnet "),
        ("network.nat.azs", "NAT gateway AZ entry "),
        ("network.gateway_endpoints", "Gateway endpoint entry "),
    ] {
        if let Some((i, below)) = path.entry_of(list) {
            if below.as_str().is_empty() {
                return format!("{name}{}", i + 1);
            }
        }
    }
    match path.as_str() {
        "" => "The design",
        "version" => "The config version",
        "network" => "Network",
        "edge" => "The entry point",
        "usage" => "Usage",
        other => other,
    }
    .to_string()
}

/// [`field_label`], with a service called by its name ("Service api CPU") when it has one.
pub fn named_label(config: &Config, path: &str) -> String {
    let label = field_label(path);
    match FieldPath::new(path).service() {
        Some((index, _)) => match config.services.get(index) {
            Some(s) if !s.name.is_empty() => {
                let number = format!("Service {}", index + 1);
                label.replacen(&number, &format!("Service {}", s.name), 1)
            }
            _ => label,
        },
        None => label,
    }
}

/// `message` with each field it names (between [`FIELD_MARK`](crate::engine::message::FIELD_MARK)s) called by the form's label, in
/// lower case where the label allows ("overlaps subnet 1", "the host of service api").
/// A quoted span that is no field of the form stays as it is.
pub fn with_labels(config: &Config, message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split(REF_MARK);
    out.push_str(parts.next().unwrap_or_default());
    while let Some(inside) = parts.next() {
        let label = named_label(config, inside);
        match parts.next() {
            Some(after) if !inside.is_empty() && label != inside => {
                out.push_str(&fields::lowered(&label));
                out.push_str(after);
            }
            after => {
                out.push(REF_MARK);
                out.push_str(inside);
                if let Some(after) = after {
                    out.push(REF_MARK);
                    out.push_str(after);
                }
            }
        }
    }
    out
}

/// One error as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownError {
    /// The path the core reported.
    pub path: String,
    /// The field or group it shows next to ("" for the top of the page).
    pub anchor: String,
    /// The HTML id of that field or group, focused from the summary.
    pub field_id: String,
    /// A whole sentence naming the field.
    pub text: String,
    /// The toggles and design-wide choices that caused it, where it shows too.
    pub also: Vec<String>,
}

const VERB_STARTS: [&str; 12] = [
    "is ",
    "is;",
    "has ",
    "contains ",
    "looks ",
    "must ",
    "needs ",
    "ends ",
    "makes ",
    "may ",
    "was ",
    "missing",
];

/// "VPC CIDR block has host bits set: …", "Subnet 2: 10.9.0.0/20 is not inside …".
pub fn sentence(label: &str, message: &str) -> String {
    if VERB_STARTS.iter().any(|v| message.starts_with(v)) {
        format!("{label} {message}")
    } else {
        format!("{label}: {message}")
    }
}

/// Places and words every error for the page.
pub fn shown_errors(config: &Config, errors: &[FieldError]) -> Vec<ShownError> {
    shown_notes(config, errors.iter().map(|e| (e.path.as_str(), &e.message)))
}

/// Places and words every review warning for the page, like errors.
pub fn shown_warnings(
    config: &Config,
    warnings: &[crate::engine::review::Warning],
) -> Vec<ShownError> {
    shown_notes(
        config,
        warnings.iter().map(|w| (w.path.as_str(), &w.message)),
    )
}

/// The service whose card holds the field or group at `path`: `services[3].port` → 3.
pub fn service_of(path: &str) -> Option<usize> {
    FieldPath::new(path).service().map(|(index, _)| index)
}

/// Whether service card `index` shows `note`: at one of its fields, or because one of
/// its fields caused it.
pub fn in_card(note: &ShownError, index: usize) -> bool {
    std::iter::once(&note.anchor)
        .chain(&note.also)
        .any(|path| service_of(path) == Some(index))
}

/// Whether service card `index` shows other notes in `now` than in `before`. The page
/// asks after each edit, so a card re-reads its notes only when they change.
pub fn card_changed(before: &[ShownError], now: &[ShownError], index: usize) -> bool {
    let shows = |n: &&ShownError| in_card(n, index);
    !before.iter().filter(shows).eq(now.iter().filter(shows))
}

pub fn shown_notes<'a>(
    config: &Config,
    notes: impl Iterator<Item = (&'a str, &'a Message)>,
) -> Vec<ShownError> {
    let fields = fields::shown_paths(config);
    notes
        .map(|(path, message)| {
            let anchor = anchor(&fields, path);
            let words = message.render(english());
            ShownError {
                path: path.to_string(),
                field_id: field_id(&anchor),
                text: sentence(&named_label(config, path), &with_labels(config, &words)),
                also: crate::form::error_causes::causes(config, path)
                    .into_iter()
                    .filter(|c| *c != anchor)
                    .map(String::from)
                    .collect(),
                anchor,
            }
        })
        .collect()
}
#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::engine::config::test_support::test_domain;
    use crate::engine::config::{Domain, GatewayEndpoint, Nat};
    use crate::engine::validate::validate;

    #[test]
    fn field_ids_are_valid_and_distinct() {
        assert_eq!(field_id("network.subnets[1]"), "f-network-subnets-1");
        assert_eq!(
            field_id("services[2].cloudfront.host"),
            "f-services-2-cloudfront-host"
        );
        assert_eq!(field_id(""), "f-design");
        let mut config = Config::default();
        config.domain = Some(Domain {
            zone: String::new(),
            certificate_arn: Some(String::new()),
            hosted_zone_id: Some(String::new()),
        });
        let paths = fields::shown_paths(&config);
        let ids: std::collections::BTreeSet<String> = paths.iter().map(|p| field_id(p)).collect();
        assert_eq!(ids.len(), paths.len());
        for id in ids {
            assert!(id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
    }

    #[test]
    fn errors_show_at_their_field_or_its_group() {
        let mut config = Config::default();
        config.domain = Some(test_domain());
        let fields = fields::shown_paths(&config);
        assert_eq!(anchor(&fields, "network.subnets[1]"), "network.subnets[1]");
        assert_eq!(anchor(&fields, "services[1].memory"), "services[1].memory");
        assert_eq!(anchor(&fields, "network.nat.azs[3]"), "network.nat.azs");
        assert_eq!(
            anchor(&fields, "network.gateway_endpoints[1]"),
            "network.gateway_endpoints"
        );
        assert_eq!(anchor(&fields, "network.subnets"), "network.subnets");
        assert_eq!(anchor(&fields, "network.subnets[9]"), "network.subnets");
        assert_eq!(anchor(&fields, "services"), "services");
        assert_eq!(anchor(&fields, "services[30].name"), "services");
        assert_eq!(anchor(&fields, "version"), "");
        assert_eq!(anchor(&fields, ""), "");
        assert_eq!(anchor(&fields, "domain.zone"), "domain.zone");
        let mut no_domain = config.clone();
        no_domain.domain = None;
        assert_eq!(
            anchor(&fields::shown_paths(&no_domain), "domain.zone"),
            "domain"
        );
    }

    #[test]
    fn a_path_belongs_to_the_card_of_its_service() {
        assert_eq!(service_of("services[0].name"), Some(0));
        assert_eq!(service_of("services[24].scaling.max"), Some(24));
        assert_eq!(service_of("services[3]"), Some(3));
        assert_eq!(service_of("services"), None);
        assert_eq!(service_of("network.subnets[1]"), None);
        assert_eq!(service_of("services[x].name"), None);
        assert_eq!(service_of(""), None);
    }

    #[test]
    fn a_card_changes_when_a_note_it_shows_does_even_if_its_service_did_not() {
        let valid = Config::default();
        assert!(validate(&valid).is_empty());
        let before = shown_errors(&valid, &validate(&valid));
        // Renaming the first service after the second puts the error on the second.
        let mut renamed = valid.clone();
        renamed.services[0].name = renamed.services[1].name.clone();
        let now = shown_errors(&renamed, &validate(&renamed));
        let at_second: Vec<_> = now.iter().filter(|n| in_card(n, 1)).collect();
        assert_eq!(at_second.len(), 1, "{now:?}");
        assert_eq!(at_second[0].anchor, "services[1].name");
        assert!(card_changed(&before, &now, 1));
        assert!(!card_changed(&before, &now, 0));
        assert!(!card_changed(&now, &now, 1));
        assert!(card_changed(&now, &before, 1));
        // The same count of notes with other words is a change too.
        let mut reworded = now.clone();
        let at = reworded.iter().position(|n| in_card(n, 1)).unwrap();
        reworded[at].text.push('!');
        assert!(card_changed(&now, &reworded, 1));
    }

    #[test]
    fn a_card_shows_the_notes_one_of_its_fields_caused() {
        let note = ShownError {
            path: "domain".into(),
            anchor: "domain".into(),
            field_id: field_id("domain"),
            text: "Domain is needed.".into(),
            also: vec!["services[2].cloudfront.host".into()],
        };
        assert!(in_card(&note, 2));
        assert!(!in_card(&note, 0));
        assert!(card_changed(&[], std::slice::from_ref(&note), 2));
        assert!(!card_changed(&[], std::slice::from_ref(&note), 1));
    }

    #[test]
    fn every_core_error_has_a_place_and_a_sentence() {
        let mut config = Config::default();
        config.version = 2;
        config.region = "mars-1".into();
        config.network.cidr = "10.0.0.0/8".into();
        config.network.subnets = vec!["10.0.0.0/20".into(), "10.0.0.0/20".into(), "x".into()];
        config.network.nat = Nat::Manual { azs: vec![0, 0, 9] };
        config.network.gateway_endpoints = vec![GatewayEndpoint::S3, GatewayEndpoint::S3];
        config.domain = None;
        config.services[0].memory = 3;
        config.services[1].name = config.services[0].name.clone();
        config.services[1].cloudfront.host = Some("Bad Host".into());
        let errors = validate(&config);
        assert!(errors.len() >= 8, "{errors:?}");
        let fields = fields::shown_paths(&config);
        for shown in shown_errors(&config, &errors) {
            assert!(
                shown.anchor.is_empty() || fields.contains(&shown.anchor),
                "{shown:?}"
            );
            assert!(!shown.text.contains("network.subnets["), "{}", shown.text);
            assert!(!shown.text.contains("services["), "{}", shown.text);
            assert!(!shown.text.contains(REF_MARK), "{}", shown.text);
            assert!(
                shown.text.chars().next().unwrap().is_uppercase(),
                "{}",
                shown.text
            );
        }
        let shown = shown_errors(&config, &errors);
        let overlap = shown
            .iter()
            .find(|s| s.path == "network.subnets[1]" && s.text.contains("overlaps"))
            .unwrap();
        assert!(
            overlap
                .text
                .starts_with("Subnet 2: 10.0.0.0/20 overlaps subnet 1"),
            "{}",
            overlap.text
        );
        let duplicate = shown.iter().find(|s| s.path == "services[1].name").unwrap();
        assert!(
            duplicate.text.contains(&format!(
                "already used by service {};",
                config.services[0].name
            )),
            "{}",
            duplicate.text
        );
        assert_eq!(duplicate.field_id, "f-services-1-name");
    }

    #[test]
    fn sentences_name_the_field() {
        assert_eq!(
            sentence("VPC CIDR block", "is empty; write one"),
            "VPC CIDR block is empty; write one"
        );
        assert_eq!(
            sentence(
                "Subnet 1",
                "10.9.0.0/20 is not inside the VPC block 10.0.0.0/16"
            ),
            "Subnet 1: 10.9.0.0/20 is not inside the VPC block 10.0.0.0/16"
        );
        assert_eq!(
            field_label("services[0].scaling.max"),
            "Service 1 maximum tasks"
        );
        assert_eq!(field_label("network.subnets[2]"), "Subnet 3");
        assert_eq!(field_label("network.nat.azs[0]"), "NAT gateway AZ entry 1");
        assert_eq!(field_label(""), "The design");
    }

    #[test]
    fn fields_named_in_messages_show_by_their_labels() {
        let mut config = Config::default();
        config.services[0].name = "api".into();
        let message =
            Message::subnet_overlap("10.0.0.0/20", "network.subnets[0]", "10.0.0.0/20").to_string();
        assert_eq!(
            message,
            "10.0.0.0/20 overlaps `network.subnets[0]` (10.0.0.0/20); subnets must not share addresses"
        );
        assert_eq!(
            with_labels(&config, &message),
            "10.0.0.0/20 overlaps subnet 1 (10.0.0.0/20); subnets must not share addresses"
        );
        assert_eq!(
            with_labels(&config, "`services[0]` and `domain.zone`"),
            "service api and DNS zone"
        );
        // Quoted text that names no field, an empty pair and an unclosed mark stay.
        for kept in ["'a`b c`d' is not valid", "``", "ends `network.name"] {
            assert_eq!(with_labels(&config, kept), kept);
        }

        config.domain = None;
        config.network.nat = Nat::Manual { azs: vec![] };
        config.services[0].cloudfront.host = Some("www".into());
        let errors = validate(&config);
        let cli: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let page: Vec<String> = shown_errors(&config, &errors)
            .into_iter()
            .map(|s| s.text)
            .collect();
        for (cli_text, page_text) in [
            (
                "make the `network.nat` automatic",
                "make the NAT gateway automatic",
            ),
            (
                "needs a `domain`: its `domain.zone`, and a certificate (`domain.certificate_arn`) or the zone's `domain.hosted_zone_id`",
                "needs a custom domain: its DNS zone, and a certificate (ACM certificate ARN) or the zone's Route 53 hosted zone ID",
            ),
        ] {
            assert!(cli.iter().any(|t| t.contains(cli_text)), "{cli:?}");
            assert!(page.iter().any(|t| t.contains(page_text)), "{page:?}");
        }
    }
}
