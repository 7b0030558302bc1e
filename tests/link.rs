//! Share links round-trip exactly, stay short, and every broken link is an error with a
//! message.

mod common;

use proptest::prelude::*;
use stackdraft::engine::link::{self, base64url_encode, LinkError, MAX_JSON_BYTES};
use stackdraft::engine::message::Message;
use stackdraft::Config;
use stackdraft::FieldError;

fn payload(version: &str, bytes: &[u8]) -> String {
    format!("{version}={}", base64url_encode(bytes))
}

fn deflate(text: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6)
}

#[test]
fn the_default_design_round_trips() {
    let config = Config::default();
    let encoded = link::encode(&config);
    assert!(encoded.starts_with("v4="));
    assert_eq!(link::decode(&encoded).unwrap(), config);
    assert_eq!(link::decode(&format!("#{encoded}")).unwrap(), config);
    assert_eq!(
        link::decode(&format!("https://stackdraft.example/#{encoded}")).unwrap(),
        config
    );
}

#[test]
fn examples_round_trip_in_both_formats() {
    for dir in common::example_dirs() {
        let config = common::load_example(&dir);
        assert_eq!(
            link::decode(&link::encode(&config)).unwrap(),
            config,
            "{}",
            dir.display()
        );
        assert_eq!(
            link::decode(&link::encode_v1(&config)).unwrap(),
            config,
            "{}",
            dir.display()
        );
    }
}

#[test]
fn links_fit_chat_tools() {
    let default_link = link::encode(&Config::default());
    let mut ten = common::load_example(&common::templates_dir().join("six-azs-every-cpu"));
    while ten.services.len() < 10 {
        let mut copy = ten.services[1].clone();
        copy.name = format!("extra-service-{}", ten.services.len());
        copy.image = format!(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/extra-{}:2.1",
            ten.services.len()
        );
        ten.services.push(copy);
    }
    let ten_link = link::encode(&ten);
    println!(
        "link length: default design {} characters, 10 services {}",
        default_link.len(),
        ten_link.len()
    );
    assert!(default_link.len() <= 400, "{}", default_link.len());
    assert!(ten_link.len() <= 2000, "{}", ten_link.len());
    assert_eq!(link::decode(&ten_link).unwrap(), ten);
}

proptest! {
    #[test]
    fn generated_designs_round_trip(config in common::valid_design()) {
        prop_assert_eq!(link::decode(&link::encode(&config)).unwrap(), config.clone());
        prop_assert_eq!(link::decode(&link::encode_v1(&config)).unwrap(), config);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = link::decode(&text);
        let _ = link::decode(&format!("v1={text}"));
        let _ = link::decode(&format!("v2={text}"));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        prop_assert!(link::decode(&payload("v1", &bytes)).is_err());
        prop_assert!(link::decode(&payload("v2", &bytes)).is_err());
    }
}

#[test]
fn truncated_links_are_errors() {
    let mut config = Config::default();
    config.network.name = "a-network-of-our-own".into();
    config.services[0].image = "public.ecr.aws/docker/library/httpd:2.4".into();
    let encoded = link::encode(&config);
    for cut in [encoded.len() - 1, encoded.len() - 5, encoded.len() / 2, 4] {
        let error = link::decode(&encoded[..cut]).unwrap_err();
        assert!(
            matches!(
                error,
                LinkError::BadBase64
                    | LinkError::BadCompression
                    | LinkError::BadJson(_)
                    | LinkError::NotText
            ),
            "cut at {cut}: {error:?}"
        );
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn malformed_links_say_what_is_wrong() {
    assert_eq!(link::decode("").unwrap_err(), LinkError::NoDesign);
    assert_eq!(
        link::decode("https://example.com/#section-2").unwrap_err(),
        LinkError::NoDesign
    );
    assert!(
        matches!(link::decode("v5=abc").unwrap_err(), LinkError::UnknownVersion(v) if v == "v5")
    );
    assert_eq!(
        link::decode("v9=abc").unwrap_err().message(),
        Message::link_unknown_version(
            "v9",
            vec!["v1".into(), "v2".into(), "v3".into(), "v4".into()]
        )
    );
    assert_eq!(
        link::decode("v1=not base64!").unwrap_err(),
        LinkError::BadBase64
    );
    assert_eq!(
        link::decode(&payload("v2", b"garbage that is not deflate")).unwrap_err(),
        LinkError::BadCompression
    );
    assert!(matches!(
        link::decode(&payload("v1", &deflate("hello"))).unwrap_err(),
        LinkError::BadJson(_)
    ));
    let error = link::decode(&payload("v1", &deflate(r#"{"version":1}"#))).unwrap_err();
    assert_eq!(
        error,
        LinkError::BadConfig(FieldError::new("", Message::missing_field("region")))
    );
    let newer = link::decode(&payload("v1", &deflate(r#"{"version":2}"#))).unwrap_err();
    assert_eq!(
        newer.message(),
        Message::link_bad_design(Message::at_path(
            "version",
            Message::version_unsupported("2")
        ))
    );
}

#[test]
fn v2_patches_that_do_not_make_a_design_are_errors() {
    for patch in [
        "[]",
        "7",
        r#"{"services": 5}"#,
        r#"{"services": [1]}"#,
        r#"{"network": {"cidr": 7}}"#,
        r#"{"version": 3}"#,
        r#"{"colour": "red"}"#,
    ] {
        let error = link::decode(&payload("v2", &deflate(patch))).unwrap_err();
        assert!(
            matches!(error, LinkError::NotAnObject | LinkError::BadConfig(_)),
            "{patch}: {error:?}"
        );
    }
    let removed = r#"{"domain": null, "services": [{"cloudfront": {"host": null}}]}"#;
    let config = link::decode(&payload("v2", &deflate(removed))).unwrap();
    assert!(config.domain.is_none());
    assert_eq!(config.services.len(), 1);
    assert!(config.services[0].cloudfront.host.is_none());
}

#[test]
fn tampered_links_are_errors_or_other_designs_never_panics() {
    let mut config = Config::default();
    config.services.push(Config::default().services[1].clone());
    config.services[2].name = "third".into();
    let encoded = link::encode(&config);
    let bytes = encoded.as_bytes();
    for position in 3..bytes.len() {
        let mut tampered = bytes.to_vec();
        tampered[position] = if tampered[position] == b'A' {
            b'B'
        } else {
            b'A'
        };
        let _ = link::decode(std::str::from_utf8(&tampered).unwrap());
    }
}

#[test]
fn a_zip_bomb_link_is_refused() {
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 50 * 1024 * 1024], 10);
    for version in ["v1", "v2"] {
        let encoded = payload(version, &bomb);
        assert!(
            encoded.len() < 100_000,
            "the bomb link is {} characters",
            encoded.len()
        );
        let error = link::decode(&encoded).unwrap_err();
        assert!(
            matches!(error, LinkError::TooLarge | LinkError::TooLong(_)),
            "{error:?}"
        );
    }
    let small_bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_JSON_BYTES + 1], 10);
    assert_eq!(
        link::decode(&payload("v2", &small_bomb)).unwrap_err(),
        LinkError::TooLarge
    );
}

/// Links written by the build before the defaults changed (`tests/fixtures/links/`: each
/// `.link` was printed by that build's `stackdraft link` for the `.json` beside it) open
/// to exactly the designs they were made from.
#[test]
fn v2_links_made_before_the_defaults_changed_open_to_their_old_designs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    for name in ["v2-default", "v2-custom"] {
        let link = std::fs::read_to_string(dir.join(format!("{name}.link"))).unwrap();
        assert!(link.starts_with("#v2="), "{name}: {link}");
        let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let expected = Config::from_json(&json).unwrap();
        assert_eq!(link::decode(&link).unwrap(), expected, "{name}");
    }
    // The old default had the field report's domain; today's has none.
    let old_default = link::decode("#v2=q64FAA").unwrap();
    assert_eq!(old_default.domain.unwrap().zone, "example.com");
    assert_eq!(old_default.services[1].scaling.max, 20);
}

/// `v3=` links, made against the defaults before issue 27 changed them (the NAT in one
/// zone, no web ACL, no access logs), open to exactly their designs: each `.link` was
/// printed by that build's `stackdraft link` for the `.json` beside it.
#[test]
fn v3_links_made_before_the_defaults_changed_open_to_their_old_designs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    for name in ["v3-default", "v3-custom"] {
        let link = std::fs::read_to_string(dir.join(format!("{name}.link"))).unwrap();
        assert!(link.starts_with("#v3="), "{name}: {link}");
        let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let expected = Config::from_json(&json).unwrap();
        assert_eq!(link::decode(&link).unwrap(), expected, "{name}");
    }
    let old_default = link::decode("#v3=q64FAA").unwrap();
    assert_eq!(
        old_default.network.nat,
        stackdraft::engine::config::Nat::Manual { azs: vec![0] }
    );
    assert_eq!(
        old_default.edge,
        stackdraft::engine::config::Edge::default()
    );
    // The field report's example is that old default.
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/field-report/stackdraft.json");
    assert_eq!(
        Config::from_json(&std::fs::read_to_string(example).unwrap()).unwrap(),
        old_default
    );
    assert_eq!(link::encode(&Config::default()), "v4=q64FAA");
    assert_eq!(link::decode("#v4=q64FAA").unwrap(), Config::default());
}
