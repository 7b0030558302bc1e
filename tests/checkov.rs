//! The field's security scanner over the rendered templates: the fully hardened examples
//! (a certificate of the user's, and one requested per alias) pass every check, and every check that fails elsewhere is one the design chose — the
//! review shows the same finding to the user (`WarningKind::scanner_check`). Skips are
//! only those of `ScannerSkip`, in the resource they concern.
//! Needs checkov (scripts/test.sh installs the pinned 3.3.30); `CHECKOV` names another.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use stackdraft::engine::config::Config;
use stackdraft::engine::render::{stack_ids, stack_name, StackId};
use stackdraft::engine::review::{review, WarningKind};

const GENERATED_DESIGNS: usize = 12;

/// One failed check: id, the file (stack) and the resource's logical id.
type Finding = (String, String, String);

fn checkov() -> String {
    std::env::var("CHECKOV").unwrap_or_else(|_| "checkov".into())
}

/// The checks the review says will fail for this design, one per resource.
fn expected_findings(dir: &str, config: &Config) -> BTreeSet<Finding> {
    let mut expected = BTreeSet::new();
    let file = |id: StackId| format!("{dir}/{}.yaml", stack_name(config, id));
    for warning in review(config) {
        let Some(check) = warning.kind.scanner_check() else {
            continue;
        };
        match warning.kind {
            WarningKind::DefaultCertificate => {
                let index: usize = warning.path["services[".len()..]
                    .split(']')
                    .next()
                    .and_then(|i| i.parse().ok())
                    .expect("the warning names its service");
                expected.insert((
                    check.into(),
                    file(StackId::Service(index)),
                    "CloudFrontDistribution".into(),
                ));
            }
            WarningKind::NoWebAcl | WarningKind::NoAccessLogs => {
                for (index, service) in config.services.iter().enumerate() {
                    if service.cloudfront.enabled {
                        expected.insert((
                            check.into(),
                            file(StackId::Service(index)),
                            "CloudFrontDistribution".into(),
                        ));
                    }
                }
            }
            other => panic!("{other:?} names a scanner check the test does not place"),
        }
    }
    expected
}

#[test]
fn checkov_finds_only_what_each_design_chose() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checkov");
    let _ = std::fs::remove_dir_all(&root);
    let mut designs: Vec<(String, Config)> = common::example_dirs()
        .iter()
        .map(|dir| {
            (
                dir.file_name().unwrap().to_string_lossy().into_owned(),
                common::load_example(dir),
            )
        })
        .collect();
    for (index, config) in common::sample_designs(GENERATED_DESIGNS)
        .into_iter()
        .enumerate()
    {
        designs.push((format!("generated-{index:02}"), config));
    }

    let mut expected = BTreeSet::new();
    for (name, config) in &designs {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for template in stackdraft::render(config).expect("valid designs") {
            std::fs::write(dir.join(&template.file_name), &template.yaml).unwrap();
        }
        assert!(stack_ids(config).len() >= 2);
        expected.extend(expected_findings(name, config));
    }

    let output = Command::new(checkov())
        .args([
            "--framework",
            "cloudformation",
            "--output",
            "json",
            "--quiet",
        ])
        .args(["--skip-download", "-d"])
        .arg(&root)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run checkov ({e}); scripts/test.sh installs checkov 3.3.30")
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "checkov printed no JSON report ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(
        report["summary"]["parsing_errors"], 0,
        "{}",
        report["summary"]
    );
    let mut found = BTreeSet::new();
    for failed in report["results"]["failed_checks"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let file = failed["file_path"].as_str().unwrap_or_default();
        let resource = failed["resource"].as_str().unwrap_or_default();
        found.insert((
            failed["check_id"].as_str().unwrap_or_default().to_string(),
            file.trim_start_matches('/').to_string(),
            resource.rsplit('.').next().unwrap_or_default().to_string(),
        ));
    }
    println!(
        "checkov {}: {} designs, {} passed, {} failed, {} skipped",
        report["summary"]["checkov_version"],
        designs.len(),
        report["summary"]["passed"],
        report["summary"]["failed"],
        report["summary"]["skipped"]
    );
    let hardened: Vec<&Finding> = found
        .iter()
        .filter(|(_, file, _)| file.starts_with("hardened-"))
        .collect();
    assert!(
        hardened.is_empty(),
        "the hardened examples fail {hardened:#?}"
    );
    let unexplained: Vec<&Finding> = found.difference(&expected).collect();
    let unreported: Vec<&Finding> = expected.difference(&found).collect();
    assert!(
        unexplained.is_empty() && unreported.is_empty(),
        "checks that fail without a review warning that explains them:\n{unexplained:#?}\n\
         review warnings whose check does not fail:\n{unreported:#?}\n(designs under {})",
        root.display()
    );
}
