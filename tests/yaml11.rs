//! YAML 1.1 readers (CloudFormation, PyYAML) read every string of every template as a
//! string: this loads the golden templates with PyYAML and compares every scalar's type
//! with what yaml_serde (YAML 1.2) reads.

mod common;

use std::process::Command;

const CHECK: &str = r#"
import sys, yaml, json
class Loader(yaml.SafeLoader):
    pass
def tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {"!" + suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {"!" + suffix: loader.construct_sequence(node, deep=True)}
    return {"!" + suffix: loader.construct_mapping(node, deep=True)}
Loader.add_multi_constructor("!", tagged)
def kinds(value):
    if isinstance(value, dict):
        return {k: kinds(v) for k, v in value.items()}
    if isinstance(value, list):
        return [kinds(v) for v in value]
    return type(value).__name__
for path in sys.argv[1:]:
    with open(path) as f:
        print(json.dumps(kinds(yaml.load(f, Loader=Loader)), sort_keys=True))
"#;

fn kinds(value: &yaml_serde::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use yaml_serde::Value as Y;
    match value {
        Y::Mapping(m) => J::Object(
            m.iter()
                .map(|(k, v)| (k.as_str().unwrap_or("?").to_string(), kinds(v)))
                .collect(),
        ),
        Y::Sequence(items) => J::Array(items.iter().map(kinds).collect()),
        Y::Tagged(t) => {
            let inner = match &t.value {
                Y::String(_) => J::String("str".into()),
                other => kinds(other),
            };
            J::Object(
                [(
                    format!("!{}", t.tag.to_string().trim_start_matches('!')),
                    inner,
                )]
                .into_iter()
                .collect(),
            )
        }
        Y::String(_) => J::String("str".into()),
        Y::Bool(_) => J::String("bool".into()),
        Y::Number(n) if n.is_f64() => J::String("float".into()),
        Y::Number(_) => J::String("int".into()),
        Y::Null => J::String("NoneType".into()),
    }
}

#[test]
fn pyyaml_reads_every_scalar_with_the_intended_type() {
    let mut files = Vec::new();
    for dir in common::example_dirs() {
        let config = common::load_example(&dir);
        for template in stackdraft::render(&config).unwrap() {
            files.push(dir.join(template.file_name));
        }
    }
    let output = Command::new("python3")
        .arg("-c")
        .arg(CHECK)
        .args(&files)
        .output()
        .expect("python3 with PyYAML (cfn-lint brings it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = std::str::from_utf8(&output.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(lines.len(), files.len());
    for (file, line) in files.iter().zip(lines) {
        let from_pyyaml: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let intended = kinds(&yaml_serde::from_str(&text).unwrap());
        assert_eq!(
            from_pyyaml,
            intended,
            "{} reads differently in YAML 1.1",
            file.display()
        );
    }
}
