//! Share links: the design in the URL fragment, `v4=` + base64url(deflate(JSON)) of only
//! what differs from the default design (a JSON merge patch, with services patched one by
//! one), so a typical link stays short.
//!
//! A patch means something only against the defaults it was made with, so each prefix
//! keeps its own: `v4=` patches today's defaults, `v3=` and `v2=` links decode against a
//! frozen copy of the defaults of the builds that wrote them (`defaults-v3.json`,
//! `defaults-v2.json`), and `v1=` links hold the whole design. When the defaults change,
//! the prefix changes: a test compares today's defaults with `defaults-v4.json`.

use std::fmt;

use serde_json::{Map, Value};

use crate::engine::config::Config;
use crate::engine::error::FieldError;
use crate::engine::message::Message;

pub const PREFIX: &str = "v4=";
/// The default design of the builds that wrote `v2=` links, frozen.
const DEFAULTS_V2: &str = include_str!("defaults-v2.json");
/// The default design of the builds that wrote `v3=` links (the field report's NAT in one
/// zone, no web ACL, no access logs), frozen.
pub const DEFAULTS_V3: &str = include_str!("defaults-v3.json");
/// Today's default design, as `v4=` links are made against; `Config::default()` must
/// stay equal to it (a test checks), or the prefix must move on.
pub const DEFAULTS_V4: &str = include_str!("defaults-v4.json");
/// Longest payload accepted, in characters; a full 25-service design is far below it.
pub const MAX_PAYLOAD_CHARS: usize = 64 * 1024;
/// Largest JSON a link may expand to: a link must not be able to inflate to megabytes.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No `#v…=` part at all.
    NoDesign,
    /// A version this build does not read.
    UnknownVersion(String),
    TooLong(usize),
    BadBase64,
    BadCompression,
    TooLarge,
    /// The unpacked design is not UTF-8 text.
    NotText,
    /// Not JSON: serde_json's account of where it stopped.
    BadJson(String),
    /// JSON, but not an object.
    NotAnObject,
    /// The JSON is a design, but not a valid one for this build.
    BadConfig(FieldError),
}

/// The link versions this build reads.
const VERSIONS: [&str; 4] = ["v1", "v2", "v3", "v4"];

impl LinkError {
    pub fn message(&self) -> Message {
        match self {
            LinkError::NoDesign => Message::link_no_design(PREFIX),
            LinkError::UnknownVersion(v) => {
                Message::link_unknown_version(v.as_str(), VERSIONS.map(String::from).to_vec())
            }
            LinkError::TooLong(n) => Message::link_too_long(*n),
            LinkError::BadBase64 => Message::link_bad_base64(),
            LinkError::BadCompression => Message::link_bad_compression(),
            LinkError::TooLarge => Message::link_too_large(MAX_JSON_BYTES / 1024),
            LinkError::NotText => Message::link_not_text(),
            LinkError::BadJson(detail) => Message::link_bad_json(detail.as_str()),
            LinkError::NotAnObject => Message::link_not_an_object(),
            LinkError::BadConfig(error) => Message::link_bad_design(error.to_message()),
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message())
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) that carries this design.
pub fn encode(config: &Config) -> String {
    let base = default_value();
    let value = serde_json::to_value(config).expect("a config always serializes");
    let patch = diff(&base, &value, true);
    let json = serde_json::to_string(&patch).expect("JSON values serialize");
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("{PREFIX}{}", base64url_encode(&compressed))
}

/// The design with every plain variable's value left out, for a link to people who may see
/// the design but not its configuration: the design it opens asks for each value
/// (`variable-value-missing`). Secrets are references (ARNs, parameter names), not values,
/// and stay.
pub fn without_values(config: &Config) -> Config {
    let mut config = config.clone();
    for service in &mut config.services {
        for variable in &mut service.app.environment {
            variable.value = None;
        }
    }
    config
}

/// Whether the design holds a plain variable's value that [`without_values`] would leave out.
pub fn has_values(config: &Config) -> bool {
    config
        .services
        .iter()
        .any(|s| s.app.environment.iter().any(|v| v.value.is_some()))
}

/// The fragment of the v1 format (the whole design), which older builds wrote.
pub fn encode_v1(config: &Config) -> String {
    let json = config.to_compact_json();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("v1={}", base64url_encode(&compressed))
}

fn frozen(defaults: &str) -> Value {
    serde_json::from_str(defaults).unwrap_or(Value::Null)
}

fn default_value() -> Value {
    serde_json::to_value(Config::default()).expect("a config always serializes")
}

/// What turns `base` into `value`: changed keys, `null` for removed ones; at the top
/// level, `services` is a list of patches, each against the default service at that
/// position (or the last default service for the ones after it).
fn diff(base: &Value, value: &Value, top: bool) -> Value {
    match (base, value) {
        (Value::Object(base), Value::Object(value)) => {
            let mut patch = Map::new();
            for (key, new) in value {
                match base.get(key) {
                    Some(old) if old == new => {}
                    Some(Value::Array(old)) if top && key == "services" => {
                        if let Value::Array(new) = new {
                            let patches = new
                                .iter()
                                .enumerate()
                                .map(|(i, s)| diff(service_base(old, i), s, false));
                            patch.insert(key.clone(), Value::Array(patches.collect()));
                        }
                    }
                    Some(old @ Value::Object(_)) if new.is_object() => {
                        patch.insert(key.clone(), diff(old, new, false));
                    }
                    _ => {
                        patch.insert(key.clone(), new.clone());
                    }
                }
            }
            for key in base.keys() {
                if !value.contains_key(key) {
                    patch.insert(key.clone(), Value::Null);
                }
            }
            Value::Object(patch)
        }
        _ => value.clone(),
    }
}

fn service_base(defaults: &[Value], index: usize) -> &Value {
    defaults
        .get(index)
        .or(defaults.last())
        .unwrap_or(&Value::Null)
}

/// Applies a patch made by [`diff`].
fn apply(base: &Value, patch: &Value, top: bool) -> Value {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            let mut result = base.clone();
            for (key, change) in patch {
                match (result.get(key), change) {
                    (_, Value::Null) => {
                        result.remove(key);
                    }
                    (Some(Value::Array(old)), Value::Array(patches))
                        if top && key == "services" =>
                    {
                        let services = patches
                            .iter()
                            .enumerate()
                            .map(|(i, p)| apply(service_base(old, i), p, false))
                            .collect();
                        result.insert(key.clone(), Value::Array(services));
                    }
                    (Some(old @ Value::Object(_)), Value::Object(_)) => {
                        let merged = apply(old, change, false);
                        result.insert(key.clone(), merged);
                    }
                    _ => {
                        result.insert(key.clone(), change.clone());
                    }
                }
            }
            Value::Object(result)
        }
        _ => patch.clone(),
    }
}

/// Reads a design from a fragment, a `#fragment` or a whole URL.
pub fn decode(link: &str) -> Result<Config, LinkError> {
    let link = link.trim();
    let fragment = match link.find('#') {
        Some(at) => &link[at + 1..],
        None => link,
    };
    let Some((version, payload)) = fragment.split_once('=') else {
        return Err(LinkError::NoDesign);
    };
    if !version.starts_with('v') || version.len() > 8 {
        return Err(LinkError::NoDesign);
    }
    if !VERSIONS.contains(&version) {
        return Err(LinkError::UnknownVersion(version.chars().take(8).collect()));
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(LinkError::TooLong(payload.len()));
    }
    let compressed = base64url_decode(payload).ok_or(LinkError::BadBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_JSON_BYTES)
        .map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                LinkError::TooLarge
            } else {
                LinkError::BadCompression
            }
        })?;
    let text = std::str::from_utf8(&json).map_err(|_| LinkError::NotText)?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| LinkError::BadJson(e.to_string()))?;
    let base = match version {
        "v2" => Some(frozen(DEFAULTS_V2)),
        "v3" => Some(frozen(DEFAULTS_V3)),
        "v4" => Some(default_value()),
        _ => None,
    };
    let value = match base {
        Some(base) => {
            if !value.is_object() {
                return Err(LinkError::NotAnObject);
            }
            apply(&base, &value, true)
        }
        None => value,
    };
    Config::from_value(value).map_err(LinkError::BadConfig)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes unpadded (or padded) base64url; `None` for any character or length that
/// base64url cannot produce.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        buffer = buffer << 6 | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero padding, or the text was not made by an encoder.
    if buffer != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todays_defaults_are_the_frozen_defaults_of_the_current_prefix() {
        assert_eq!(
            default_value(),
            frozen(DEFAULTS_V4),
            "the default design changed: freeze the old defaults for {PREFIX} links \
             (copy defaults-v4.json to a new file decoded for that prefix), move PREFIX on, \
             and write today's defaults to a new frozen file"
        );
        assert!(frozen(DEFAULTS_V2).is_object());
        assert!(frozen(DEFAULTS_V3).is_object());
    }

    #[test]
    fn a_link_without_values_opens_to_a_design_that_asks_for_them() {
        use crate::engine::config::{EnvVar, SecretVar};
        use crate::engine::message::Message;
        let mut config = Config::default();
        config.services[1].app.environment = vec![
            EnvVar {
                name: "NODE_ENV".into(),
                value: Some("production".into()),
            },
            EnvVar {
                name: "DATABASE_URL".into(),
                value: Some("postgres://app:hunter2@db.internal/app".into()),
            },
        ];
        config.services[1].app.secrets = vec![SecretVar {
            name: "API_KEY".into(),
            value_from: "/app/api-key".into(),
        }];
        assert!(has_values(&config));
        let link = encode(&without_values(&config));
        assert!(!has_values(&decode(&link).unwrap()));
        let opened = decode(&link).unwrap();
        // Names and secret references stay; no value reaches the link.
        assert_eq!(opened.services[1].app.environment[1].name, "DATABASE_URL");
        assert_eq!(
            opened.services[1].app.secrets,
            config.services[1].app.secrets
        );
        let json = opened.to_compact_json();
        assert!(
            !json.contains("hunter2") && !json.contains("production"),
            "{json}"
        );
        let errors = crate::engine::validate::validate(&opened);
        let missing: Vec<(&str, &Message)> = errors
            .iter()
            .map(|e| (e.path.as_str(), &e.message))
            .collect();
        assert_eq!(
            missing,
            [
                (
                    "services[1].environment[0].value",
                    &Message::variable_value_missing("NODE_ENV")
                ),
                (
                    "services[1].environment[1].value",
                    &Message::variable_value_missing("DATABASE_URL")
                ),
            ]
        );
        // The full link keeps them.
        assert_eq!(decode(&encode(&config)).unwrap(), config);
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&text).unwrap(), bytes);
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
    }

    #[test]
    fn base64url_rejects_foreign_text() {
        assert!(base64url_decode("Zm9v YmFy").is_none());
        assert!(base64url_decode("Zm9v+mFy").is_none());
        assert!(base64url_decode("Z").is_none());
        assert!(base64url_decode("Zm8").is_some());
        assert!(base64url_decode("Zm8=").is_some());
        assert!(base64url_decode("Zm9").is_none(), "non-zero padding bits");
        assert!(base64url_decode("Zm_").is_none(), "non-zero padding bits");
    }
}
