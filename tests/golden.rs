//! The committed templates under `templates/<example>/` are exactly what rendering gives.
//! Regenerate them after an intended change with `STACKDRAFT_BLESS=1 cargo test --test golden`.

mod common;

use std::collections::BTreeSet;

#[test]
fn rendered_templates_match_the_golden_files() {
    let bless = std::env::var_os("STACKDRAFT_BLESS").is_some();
    let dirs = common::example_dirs();
    assert!(
        dirs.len() >= 4,
        "expected the example designs under templates/"
    );
    let mut mismatches = Vec::new();
    for dir in &dirs {
        let config = common::load_example(dir);
        let templates =
            stackdraft::render(&config).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        let expected: BTreeSet<String> = templates.iter().map(|t| t.file_name.clone()).collect();
        let present: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        for template in &templates {
            let path = dir.join(&template.file_name);
            if bless {
                std::fs::write(&path, &template.yaml).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(template.yaml.as_str())
            {
                mismatches.push(path.display().to_string());
            }
        }
        for stale in present.difference(&expected) {
            if bless {
                std::fs::remove_file(dir.join(stale)).unwrap();
            } else {
                mismatches.push(format!(
                    "{} (no longer rendered)",
                    dir.join(stale).display()
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "rendering differs from the golden files (run STACKDRAFT_BLESS=1 cargo test --test golden if intended):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn default_example_is_the_default_design() {
    let dir = common::templates_dir().join("default");
    assert_eq!(common::load_example(&dir), stackdraft::Config::default());
    let text = std::fs::read_to_string(dir.join("stackdraft.json")).unwrap();
    assert_eq!(text, stackdraft::Config::default().to_pretty_json());
}

#[test]
fn rendering_is_deterministic() {
    for config in common::sample_designs(10) {
        assert_eq!(
            stackdraft::render(&config),
            stackdraft::render(&config.clone())
        );
    }
}

#[test]
fn gateway_endpoints_render_in_one_order_whatever_the_designs_order() {
    use stackdraft::engine::config::GatewayEndpoint::{Dynamodb, S3};
    let render_with = |endpoints| {
        let mut config = stackdraft::Config::default();
        config.network.gateway_endpoints = endpoints;
        stackdraft::render(&config)
            .expect("valid design")
            .into_iter()
            .find(|t| t.kind == stackdraft::StackKind::Network)
            .expect("a network stack")
            .yaml
    };
    let listed_first = render_with(vec![S3, Dynamodb]);
    assert_eq!(listed_first, render_with(vec![Dynamodb, S3]));
    let s3 = listed_first
        .find("S3GatewayEndpoint:")
        .expect("S3 endpoint");
    let dynamodb = listed_first
        .find("DynamoDBGatewayEndpoint:")
        .expect("DynamoDB endpoint");
    assert!(s3 < dynamodb);
}

/// A run of exactly twelve digits, as `\b\d{12}\b` finds it: an AWS account id.
fn twelve_digit_run(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let mut start = 0;
    while start < bytes.len() {
        if bytes[start].is_ascii_digit() && (start == 0 || !word(start - 1)) {
            let end = (start..bytes.len())
                .find(|&i| !bytes[i].is_ascii_digit())
                .unwrap_or(bytes.len());
            if end - start == 12 && !word(end) {
                return Some(&text[start..end]);
            }
            start = end;
        } else {
            start += 1;
        }
    }
    None
}

#[test]
fn the_default_designs_bundle_names_no_account() {
    assert_eq!(
        twelve_digit_run("arn:aws:acm:us-east-1:123456789012:x"),
        Some("123456789012")
    );
    assert_eq!(twelve_digit_run("1234567890123 and x123456789012"), None);
    for file in
        stackdraft::engine::bundle::bundle_files(&stackdraft::Config::default(), None).unwrap()
    {
        let text = String::from_utf8_lossy(&file.bytes);
        assert_eq!(
            twelve_digit_run(&text),
            None,
            "{} holds an account id: deployable in any account means none",
            file.path
        );
    }
}
