//! Share links round-trip exactly, and every broken link is an error with a message.

mod common;

use proptest::prelude::*;
use stackdraft::link::{self, base64url_encode, LinkError, MAX_JSON_BYTES};
use stackdraft::Config;

#[test]
fn the_default_design_round_trips() {
    let config = Config::default();
    let encoded = link::encode(&config);
    assert!(encoded.starts_with("v1="));
    assert_eq!(link::decode(&encoded).unwrap(), config);
    assert_eq!(link::decode(&format!("#{encoded}")).unwrap(), config);
    assert_eq!(
        link::decode(&format!("https://stackdraft.example/#{encoded}")).unwrap(),
        config
    );
    println!("default design link: {} characters", encoded.len());
}

#[test]
fn examples_round_trip() {
    for dir in common::example_dirs() {
        let config = common::load_example(&dir);
        assert_eq!(
            link::decode(&link::encode(&config)).unwrap(),
            config,
            "{}",
            dir.display()
        );
    }
}

proptest! {
    #[test]
    fn generated_designs_round_trip(config in common::valid_design()) {
        prop_assert_eq!(link::decode(&link::encode(&config)).unwrap(), config);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = link::decode(&text);
        let _ = link::decode(&format!("v1={text}"));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let result = link::decode(&format!("v1={}", base64url_encode(&bytes)));
        prop_assert!(result.is_err());
    }
}

fn payload(bytes: &[u8]) -> String {
    format!("v1={}", base64url_encode(bytes))
}

#[test]
fn truncated_links_are_errors() {
    let encoded = link::encode(&Config::default());
    for cut in [encoded.len() - 1, encoded.len() - 5, encoded.len() / 2, 4] {
        let error = link::decode(&encoded[..cut]).unwrap_err();
        assert!(
            matches!(
                error,
                LinkError::BadBase64 | LinkError::BadCompression | LinkError::BadJson(_)
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
        matches!(link::decode("v2=abc").unwrap_err(), LinkError::UnknownVersion(v) if v == "v2")
    );
    assert!(link::decode("v9=abc")
        .unwrap_err()
        .to_string()
        .contains("newer Stackdraft"));
    assert_eq!(
        link::decode("v1=not base64!").unwrap_err(),
        LinkError::BadBase64
    );
    assert_eq!(
        link::decode(&payload(b"garbage that is not deflate")).unwrap_err(),
        LinkError::BadCompression
    );
    let not_json = miniz_oxide::deflate::compress_to_vec(b"hello", 6);
    assert!(matches!(
        link::decode(&payload(&not_json)).unwrap_err(),
        LinkError::BadJson(_)
    ));
    let wrong_shape = miniz_oxide::deflate::compress_to_vec(br#"{"version":1}"#, 6);
    let error = link::decode(&payload(&wrong_shape)).unwrap_err();
    assert!(
        matches!(&error, LinkError::BadConfig(m) if m.contains("missing field")),
        "{error:?}"
    );
    let newer = miniz_oxide::deflate::compress_to_vec(br#"{"version":2}"#, 6);
    assert!(link::decode(&payload(&newer))
        .unwrap_err()
        .to_string()
        .contains("version 1"));
}

#[test]
fn tampered_links_are_errors_or_other_designs_never_panics() {
    let encoded = link::encode(&Config::default());
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
    let encoded = payload(&bomb);
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
    let small_bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_JSON_BYTES + 1], 10);
    assert_eq!(
        link::decode(&payload(&small_bomb)).unwrap_err(),
        LinkError::TooLarge
    );
}
