//! Every template for every valid design passes cfn-lint with no errors and no warnings,
//! in every region Stackdraft offers: the golden examples plus a batch of generated designs.

mod common;

use std::path::PathBuf;
use std::process::Command;

use stackdraft::engine::regions::REGIONS;

const GENERATED_DESIGNS: usize = 50;

fn cfn_lint() -> String {
    std::env::var("CFN_LINT").unwrap_or_else(|_| "cfn-lint".into())
}

#[test]
fn every_template_passes_cfn_lint_in_every_region() {
    let sweep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cfn-lint-sweep");
    let _ = std::fs::remove_dir_all(&sweep);
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in common::example_dirs() {
        let config = common::load_example(&dir);
        for template in stackdraft::render(&config).expect("examples are valid") {
            files.push(dir.join(template.file_name));
        }
    }
    for (index, config) in common::sample_designs(GENERATED_DESIGNS).iter().enumerate() {
        let templates = stackdraft::render(config)
            .unwrap_or_else(|e| panic!("generated design {index} invalid: {e:?}"));
        let dir = sweep.join(format!("design-{index:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("stackdraft.json"), config.to_pretty_json()).unwrap();
        for template in templates {
            let path = dir.join(&template.file_name);
            std::fs::write(&path, &template.yaml).unwrap();
            files.push(path);
        }
    }
    let regions: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
    let output = Command::new(cfn_lint())
        // Informational findings (such as a data resource without a DeletionPolicy) too.
        .args(["--include-checks", "I"])
        .arg("--regions")
        .args(&regions)
        .arg("--")
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run cfn-lint ({e}); install it with `pip install cfn-lint`")
        });
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!(
        "cfn-lint checked {} templates in {} regions",
        files.len(),
        regions.len()
    );
    assert!(
        output.status.success() && report.trim().is_empty(),
        "cfn-lint found problems (designs kept under {}):\n{report}",
        sweep.display()
    );
}
