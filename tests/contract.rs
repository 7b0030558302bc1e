//! What no linter sees, because cfn-lint reads one template at a time: the stacks of a
//! design fit together, and no distribution caches what depends on who asks.
//! - every `Fn::ImportValue` names an export that another stack of the same design
//!   declares (with the stack-name parameters at their defaults, as deploy.sh deploys);
//! - a distribution that forwards viewer cookies or headers (an origin request policy)
//!   caches nothing, and one that caches forwards only what is in its cache key.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use stackdraft::engine::render::{StackId, CACHING_DISABLED};
use stackdraft::Config;
use yaml_serde::Value;

fn designs() -> Vec<(String, Config)> {
    let mut designs: Vec<(String, Config)> = common::example_dirs()
        .iter()
        .map(|dir| (dir.display().to_string(), common::load_example(dir)))
        .collect();
    for (index, config) in common::sample_designs(50).into_iter().enumerate() {
        designs.push((format!("generated design {index}"), config));
    }
    designs
}

/// `!Sub 'text'` or a plain string, as text.
fn sub_text(value: &Value) -> Option<String> {
    match value {
        Value::Tagged(tagged) if tagged.tag == "!Sub" => tagged.value.as_str().map(String::from),
        Value::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// Fills `${Name}` with the template's parameter defaults and `${AWS::StackName}`.
fn fill(text: &str, stack: &str, parameters: &BTreeMap<String, String>) -> String {
    let mut filled = text.replace("${AWS::StackName}", stack);
    for (name, default) in parameters {
        filled = filled.replace(&format!("${{{name}}}"), default);
    }
    filled
}

fn parameter_defaults(template: &Value) -> BTreeMap<String, String> {
    let mut defaults = BTreeMap::new();
    if let Some(Value::Mapping(parameters)) = template.get("Parameters") {
        for (name, parameter) in parameters {
            if let (Some(name), Some(default)) = (
                name.as_str(),
                parameter.get("Default").and_then(Value::as_str),
            ) {
                defaults.insert(name.to_string(), default.to_string());
            }
        }
    }
    defaults
}

fn imports(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, inner) in map {
                if key.as_str() == Some("Fn::ImportValue") {
                    found.push(sub_text(inner).expect("an import names its export with !Sub"));
                } else {
                    imports(inner, found);
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|i| imports(i, found)),
        Value::Tagged(tagged) => imports(&tagged.value, found),
        _ => {}
    }
}

#[test]
fn every_import_names_an_export_of_another_stack_of_the_design() {
    let mut checked = 0;
    for (name, config) in designs() {
        let templates = stackdraft::render(&config).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let mut exports: BTreeMap<String, String> = BTreeMap::new();
        let mut wanted: Vec<(String, String)> = Vec::new();
        for template in &templates {
            let parsed: Value = yaml_serde::from_str(&template.yaml).unwrap();
            let defaults = parameter_defaults(&parsed);
            if let Some(Value::Mapping(outputs)) = parsed.get("Outputs") {
                for output in outputs.values() {
                    if let Some(export) = output.get("Export").and_then(|e| e.get("Name")) {
                        let export =
                            fill(&sub_text(export).unwrap(), &template.stack_name, &defaults);
                        let previous = exports.insert(export.clone(), template.stack_name.clone());
                        assert!(previous.is_none(), "{name}: {export} is exported twice");
                    }
                }
            }
            let mut found = Vec::new();
            imports(&parsed, &mut found);
            for import in found {
                wanted.push((
                    template.stack_name.clone(),
                    fill(&import, &template.stack_name, &defaults),
                ));
            }
        }
        for (importer, export) in wanted {
            let producer = exports.get(&export).unwrap_or_else(|| {
                panic!("{name}: {importer} imports {export}, which no stack exports")
            });
            assert_ne!(
                producer, &importer,
                "{name}: {importer} imports its own export"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} imports checked");
}

fn cache_policies(template: &Value) -> BTreeMap<String, Value> {
    let mut policies = BTreeMap::new();
    if let Some(Value::Mapping(resources)) = template.get("Resources") {
        for (logical, resource) in resources {
            if resource.get("Type").and_then(Value::as_str) == Some("AWS::CloudFront::CachePolicy")
            {
                policies.insert(logical.as_str().unwrap().to_string(), resource.clone());
            }
        }
    }
    policies
}

#[test]
fn no_distribution_caches_what_it_forwards_outside_its_cache_key() {
    let mut distributions = 0;
    for (name, config) in designs() {
        let templates = stackdraft::render(&config).unwrap();
        // The short-TTL policy lives in the initial stack; the others import it.
        let initial = templates
            .iter()
            .zip(stackdraft::stack_ids(&config))
            .find(|(_, id)| *id == StackId::Service(0))
            .map(|(t, _)| yaml_serde::from_str::<Value>(&t.yaml).unwrap())
            .unwrap();
        let policies = cache_policies(&initial);
        for template in &templates {
            let parsed: Value = yaml_serde::from_str(&template.yaml).unwrap();
            let Some(Value::Mapping(resources)) = parsed.get("Resources") else {
                continue;
            };
            for resource in resources.values() {
                if resource.get("Type").and_then(Value::as_str)
                    != Some("AWS::CloudFront::Distribution")
                {
                    continue;
                }
                distributions += 1;
                let behavior =
                    &resource["Properties"]["DistributionConfig"]["DefaultCacheBehavior"];
                let cache = &behavior["CachePolicyId"];
                let forwards_viewer_values = behavior.get("OriginRequestPolicyId").is_some();
                if cache.as_str() == Some(CACHING_DISABLED) {
                    continue;
                }
                assert!(
                    !forwards_viewer_values,
                    "{name}: {} caches and forwards viewer cookies and headers outside its key",
                    template.file_name
                );
                // A cache policy of ours: nothing but the query string in the key.
                let policy = policies.values().next().unwrap_or_else(|| {
                    panic!("{name}: {} caches with no cache policy", template.file_name)
                });
                let key = &policy["Properties"]["CachePolicyConfig"]
                    ["ParametersInCacheKeyAndForwardedToOrigin"];
                assert_eq!(
                    key["CookiesConfig"]["CookieBehavior"].as_str(),
                    Some("none"),
                    "{name}"
                );
                assert_eq!(
                    key["HeadersConfig"]["HeaderBehavior"].as_str(),
                    Some("none"),
                    "{name}"
                );
            }
        }
    }
    assert!(
        distributions > 50,
        "only {distributions} distributions checked"
    );
}

#[test]
fn every_stack_has_a_distinct_file() {
    for (name, config) in designs() {
        let templates = stackdraft::render(&config).unwrap();
        let files: BTreeSet<&str> = templates.iter().map(|t| t.file_name.as_str()).collect();
        assert_eq!(files.len(), templates.len(), "{name}");
    }
}
