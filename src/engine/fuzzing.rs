//! The bodies of the fuzz targets (`fuzz/`), shared with the corpus replay test so every
//! input the fuzzers found interesting stays a regression test.

use crate::engine::config::Config;
use crate::engine::link;
use crate::engine::render::render;
use crate::engine::validate::validate;

/// Config JSON → validate → render: invalid designs have errors, valid ones render YAML
/// that parses back.
pub fn config_render(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = Config::from_json(text) {
        check_design(&config);
    }
}

/// Share-link decode; a decoded design re-encodes to a link that decodes to it.
pub fn link_decode(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = link::decode(text) {
        let again = link::decode(&link::encode(&config)).expect("a decoded design re-encodes");
        assert_eq!(again, config);
        check_design(&config);
    }
}

/// The file-open path: bytes of a file → design → validate → render.
pub fn file_open(data: &[u8]) {
    if let Ok(config) = Config::from_file_bytes(data) {
        check_design(&config);
    }
}

fn check_design(config: &Config) {
    let errors = validate(config);
    match render(config) {
        Ok(templates) => {
            assert!(errors.is_empty());
            for template in templates {
                yaml_serde::from_str::<yaml_serde::Value>(&template.yaml)
                    .expect("rendered YAML parses");
            }
            crate::engine::bundle::bundle_zip(config, None).expect("a valid design bundles");
            // The kit made against a baseline: the default design as deployed.
            let base = Config::default();
            let prediction = crate::engine::update::diff::diff_designs(&base, config)
                .expect("two valid designs have a prediction");
            let update = crate::engine::kit::Update {
                base: &base,
                prediction: &prediction,
            };
            crate::engine::bundle::bundle_zip(config, Some(&update))
                .expect("a valid design bundles against a baseline");
        }
        Err(render_errors) => assert_eq!(render_errors, errors),
    }
    let _ = crate::engine::diagram::architecture_svg(config);
}
