//! The deploy kit as a user runs it: the scripts parse and pass shellcheck, the test app's
//! JavaScript parses and its server answers its paths on the design's ports; the kit's
//! rules (capabilities, parameters passed between stacks, outputs read) agree with the
//! rendered templates; and deploy.sh itself runs against a stub account (tests/fixtures/kit:
//! `aws`, `curl`, `dig` answered from JSON shaped like AWS's responses), one case per branch.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use stackdraft::engine::config::{Config, EnvVar, Nat, SecretVar, Waf};
use stackdraft::engine::kit::{
    capabilities, kit_files, parameter_overrides, template_file, Update, CAPABILITY_IAM,
};
use stackdraft::engine::render::{render_stack, stack_ids, StackId};
use stackdraft::engine::update::diff::diff_designs;

fn write_kit(config: &Config, name: &str) -> PathBuf {
    write_kit_against(None, config, name)
}

/// The kit of `config`, made against `base` (the design as deployed) when there is one.
fn write_kit_against(base: Option<&Config>, config: &Config, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("kit")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let prediction = base.map(|base| diff_designs(base, config).expect("both designs are valid"));
    let update = base
        .zip(prediction.as_ref())
        .map(|(base, prediction)| Update { base, prediction });
    for file in kit_files(config, update.as_ref()) {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.text).unwrap();
    }
    dir
}

/// The design with the stub account's certificate (`*.example.com`, issued) instead of the
/// documentation account's, which the preflight refuses.
fn with_own_certificate(mut config: Config) -> Config {
    config.domain.as_mut().unwrap().certificate_arn = Some(OWN_CERTIFICATE.into());
    config
}

const OWN_CERTIFICATE: &str =
    "arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d";

fn run(program: &str, args: &[&str], dir: &Path) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); scripts/test.sh installs it"));
    assert!(
        output.status.success(),
        "{program} {args:?} in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn example(name: &str) -> Config {
    common::load_example(&common::templates_dir().join(name))
}

/// Every example design and `generated` designs from the fixed-seed generator.
fn designs(generated: usize) -> Vec<(String, Config)> {
    let mut designs: Vec<(String, Config)> = common::example_dirs()
        .iter()
        .map(|d| {
            (
                d.file_name().unwrap().to_string_lossy().into_owned(),
                common::load_example(d),
            )
        })
        .collect();
    designs.extend(
        common::sample_designs(generated)
            .into_iter()
            .enumerate()
            .map(|(i, c)| (format!("generated-{i}"), c)),
    );
    designs
}

fn check_scripts(designs: Vec<(String, Config)>) {
    for (name, config) in designs {
        let dir = write_kit(&config, &name);
        check_kit(&dir);
    }
}

fn check_kit(dir: &Path) {
    for script in ["deploy.sh", "test-app/push-image.sh"] {
        run("bash", &["-n", script], dir);
        run("shellcheck", &["--severity=style", script], dir);
    }
    for js in ["test-app/server.js", "test-app/healthcheck.js"] {
        run("node", &["--check", js], dir);
    }
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("test-app/package.json")).unwrap())
            .unwrap();
    assert_eq!(package["main"], "server.js");
}

/// Kits made against a baseline (the default design deployed, then each example; and back):
/// their plan, the refusals told before the deploy and the prune.
#[test]
fn scripts_made_against_a_baseline_pass_bash_n_and_shellcheck() {
    let default = Config::default();
    for (name, config) in designs(0) {
        check_kit(&write_kit_against(
            Some(&default),
            &config,
            &format!("from-default-{name}"),
        ));
        check_kit(&write_kit_against(
            Some(&config),
            &default,
            &format!("to-default-{name}"),
        ));
    }
}

#[test]
fn scripts_of_the_examples_pass_bash_n_and_shellcheck_and_javascript_parses() {
    check_scripts(designs(0));
}

// Apart from the examples, so the two run side by side: shellcheck takes about a second a script.
#[test]
fn scripts_of_generated_designs_pass_bash_n_and_shellcheck_and_javascript_parses() {
    check_scripts(designs(10).split_off(common::example_dirs().len()));
}

/// Every `aws` command the kits run or print (examples, generated designs, and the edge
/// choices the examples do not make: an existing web ACL, a certificate of the user's)
/// against the AWS CLI's own command tables and botocore's models: operations, waiters,
/// options, the fields a `--query` reads and the filter names. awscli v1 from PyPI in its
/// own virtualenv (scripts/test.sh installs the pinned version); `AWSCLI_PYTHON` names it.
#[test]
fn every_aws_command_the_kits_run_or_print_is_one_the_cli_takes() {
    let python = std::env::var("AWSCLI_PYTHON").unwrap_or_else(|_| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/awscli-venv/bin/python")
            .to_string_lossy()
            .into_owned()
    });
    let mut all = designs(20);
    let mut existing = Config::default();
    existing.edge.waf = Waf::Existing {
        web_acl_arn: "arn:aws:wafv2:us-east-1:210987654321:global/webacl/shared-acl/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".into(),
    };
    all.push(("existing-web-acl".into(), existing));
    all.push((
        "own-certificate".into(),
        with_own_certificate(example("hardened-custom-domain")),
    ));
    let mut files = Vec::new();
    for (name, config) in all {
        let dir = write_kit(&config, &format!("aws-calls-{name}"));
        files.push(dir.join("deploy.sh"));
        files.push(dir.join("test-app/push-image.sh"));
    }
    // Made against a baseline: the plan's comparison, the prune of the baseline's stacks.
    let mut moved = Config::default();
    moved.network.name = "moved-vpc".into();
    for (name, base) in [
        ("default", Config::default()),
        ("hardened", example("hardened-custom-domain")),
    ] {
        let dir = write_kit_against(Some(&base), &moved, &format!("aws-calls-from-{name}"));
        files.push(dir.join("deploy.sh"));
    }
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kit/aws_calls.py");
    let output = Command::new(&python)
        .arg(checker)
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e}); scripts/test.sh installs awscli"));
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn user_text_cannot_escape_the_scripts() {
    let mut config = Config::default();
    config.services[0].health_check_path = "/a'$(touch${IFS}pwned)'`id`;b".into();
    let dir = write_kit(&config, "hostile");
    run("bash", &["-n", "deploy.sh"], &dir);
    run("shellcheck", &["deploy.sh"], &dir);
    run("node", &["--check", "test-app/server.js"], &dir);
    let deploy = std::fs::read_to_string(dir.join("deploy.sh")).unwrap();
    assert!(
        deploy.contains(r"'/a'\''$(touch${IFS}pwned)'\''`id`;b'"),
        "the path is one single-quoted word"
    );
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stream = loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => break stream,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("test app not listening on {port}: {e}"),
        }
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn test_app_answers_its_paths_on_the_designs_ports() {
    let mut config = Config::default();
    config.services[0].port = 38_211;
    config.services[0].health_check_path = "/api/health/".into();
    config.services[1].port = 38_212;
    config.services[1].health_check_path = "/healthz".into();
    let dir = write_kit(&config, "server");
    let _server = Server(
        Command::new("node")
            .arg("server.js")
            .current_dir(dir.join("test-app"))
            .env("APP_SECRET_VALUE", "s3cr3t-not-to-show")
            .stdout(Stdio::null())
            .spawn()
            .expect("node is installed"),
    );
    // The names of the task's variables, never a value.
    let (status, body) = get(38_211, "/api/config/");
    assert_eq!(status, 200, "{body}");
    let names = serde_json::from_str::<serde_json::Value>(&body).unwrap()["variables"].clone();
    assert!(names
        .as_array()
        .unwrap()
        .contains(&json!("APP_SECRET_VALUE")));
    assert!(!body.contains("s3cr3t-not-to-show"), "{body}");
    for port in [38_211, 38_212] {
        let (status, body) = get(port, "/");
        assert_eq!(status, 200, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(json["message"]
            .as_str()
            .unwrap()
            .contains("ecs-express-vpc"));
        assert!(json["hostname"].is_string() && json["timestamp"].is_string());
        for health in ["/api/health/", "/healthz"] {
            let (status, body) = get(port, health);
            assert_eq!(status, 200, "{health}: {body}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&body).unwrap()["status"],
                "healthy"
            );
        }
        let (status, body) = get(port, "/robots.txt");
        assert_eq!(
            (status, body.as_str()),
            (200, "User-agent: *\nDisallow: /\n")
        );
        let (status, body) = get(port, "/no/such/path");
        assert_eq!(status, 404);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"],
            "not found"
        );
    }
    // The Docker HEALTHCHECK script exits 0 against the running app.
    let status = Command::new("node")
        .arg("healthcheck.js")
        .current_dir(dir.join("test-app"))
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn healthcheck_fails_when_the_app_is_down() {
    let mut config = Config::default();
    config.services[0].port = 38_219;
    let dir = write_kit(&config, "down");
    let status = Command::new("node")
        .arg("healthcheck.js")
        .current_dir(dir.join("test-app"))
        .status()
        .unwrap();
    assert!(!status.success());
}

// ---- The kit's rules against the rendered templates ----

/// Every stack of a design with its file name and parsed template, rendered once.
fn rendered(config: &Config) -> Vec<(StackId, String, yaml_serde::Value)> {
    stack_ids(config)
        .into_iter()
        .map(|id| {
            let template = render_stack(config, id);
            let yaml = yaml_serde::from_str(&template.yaml).expect("templates parse");
            (id, template.file_name, yaml)
        })
        .collect()
}

fn keys(template: &yaml_serde::Value, section: &str) -> BTreeSet<String> {
    template
        .get(section)
        .and_then(|v| v.as_mapping())
        .map(|m| {
            m.keys()
                .filter_map(|k| k.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The parameters a template declares without a default: the deploy must pass them.
fn required_parameters(template: &yaml_serde::Value) -> BTreeSet<String> {
    template
        .get("Parameters")
        .and_then(|v| v.as_mapping())
        .map(|m| {
            m.iter()
                .filter(|(_, p)| p.get("Default").is_none())
                .filter_map(|(k, _)| k.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn creates_iam(template: &yaml_serde::Value) -> bool {
    template["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .any(|r| r["Type"].as_str().unwrap().starts_with("AWS::IAM::"))
}

#[test]
fn capabilities_and_parameters_match_what_each_template_declares() {
    for (name, config) in designs(50) {
        let stacks = rendered(&config);
        let global = stacks
            .iter()
            .find(|(id, _, _)| *id == StackId::Global)
            .map(|(_, _, yaml)| yaml);
        for (id, file_name, yaml) in &stacks {
            let (id, yaml) = (*id, yaml);
            assert_eq!(
                capabilities(&config, id) == Some(CAPABILITY_IAM),
                creates_iam(yaml),
                "{name} {id:?}: CAPABILITY_IAM exactly when the template creates IAM resources"
            );
            let passed = parameter_overrides(&config, id);
            let passed_names: BTreeSet<String> =
                passed.iter().map(|o| o.parameter().to_string()).collect();
            assert_eq!(
                passed_names,
                required_parameters(yaml),
                "{name} {id:?}: deploy.sh passes exactly the parameters without a default"
            );
            for output in passed {
                let global = global.unwrap_or_else(|| {
                    panic!("{name} {id:?}: {output:?} passed without a global stack")
                });
                assert!(
                    keys(global, "Outputs").contains(&output.key()),
                    "{name}: the global stack outputs {}",
                    output.key()
                );
            }
            assert_eq!(&template_file(&config, id), file_name, "{name} {id:?}");
        }
    }
}

/// Every `stack_output REGION 'STACK' KEY` in a script: (region variable, stack, key).
fn output_reads(script: &str) -> Vec<(String, String, String)> {
    let mut reads = Vec::new();
    for (at, _) in script.match_indices("stack_output ") {
        let rest = &script[at + "stack_output ".len()..];
        let mut words = rest.splitn(4, ' ');
        let (region, stack, key) = (
            words.next().unwrap(),
            words.next().unwrap(),
            words.next().unwrap(),
        );
        let key: String = key
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        reads.push((region.to_string(), stack.to_string(), key));
    }
    reads
}

#[test]
fn every_output_deploy_sh_reads_exists_in_the_stack_it_reads_it_from() {
    for (name, config) in designs(50) {
        let stacks = rendered(&config);
        let script = stackdraft::engine::kit::deploy_script(&config, None);
        let reads = output_reads(&script);
        assert!(reads.len() >= 4, "{name}: the script reads outputs");
        for (region, stack, key) in reads {
            if region == "\"$region\"" {
                // The function's own body.
                continue;
            }
            let (id, _, yaml) = stacks
                .iter()
                .find(|(id, _, _)| {
                    format!("'{}'", stackdraft::engine::render::stack_name(&config, *id)) == stack
                })
                .unwrap_or_else(|| panic!("{name}: stack_output names an unknown stack {stack}"));
            let id = *id;
            let expected_region = if id == StackId::Global {
                "\"$GLOBAL_REGION\""
            } else {
                "\"$REGION\""
            };
            assert_eq!(
                region, expected_region,
                "{name}: {stack} is read in its region"
            );
            assert!(
                keys(yaml, "Outputs").contains(&key),
                "{name}: deploy.sh reads {key} from {stack}, whose template has no such output"
            );
        }
    }
}

#[test]
fn the_default_kit_holds_no_account_id_and_no_ecs_exec() {
    for file in kit_files(&Config::default(), None) {
        let digits = file
            .text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|word| word.len() == 12 && word.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(digits, None, "{}: an account id", file.path);
    }
    for (name, config) in designs(10) {
        let script = stackdraft::engine::kit::deploy_script(&config, None);
        for exec in ["ECS Exec", "execute-command", "ssmmessages"] {
            assert!(!script.contains(exec), "{name}: deploy.sh mentions {exec}");
        }
    }
}

// ---- deploy.sh against a stub account ----

const STUB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kit/stub.py");
const ACCOUNT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/kit/account.json"
);

/// What the scripts may use from the machine. `aws`, `curl`, `dig`, `docker` and `sleep` are the stub,
/// and PATH holds nothing else, so no real AWS call can happen whatever is installed.
const REAL_TOOLS: [&str; 8] = [
    "bash", "dirname", "grep", "sed", "awk", "tr", "sort", "head",
];

fn find_on_path(program: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{program} is not installed"))
}

/// The Python that runs the stub: it needs `jmespath`, which cfn-lint brings (through
/// aws-sam-translator and boto3), and scripts/test.sh installs cfn-lint.
fn python() -> &'static (PathBuf, PathBuf) {
    static PYTHON: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let output = Command::new("python3")
            .args([
                "-c",
                "import jmespath, os, sys; print(sys.executable); print(os.path.dirname(os.path.dirname(jmespath.__file__)))",
            ])
            .output()
            .expect("python3 is installed");
        assert!(
            output.status.success(),
            "the stub account needs Python's jmespath; install cfn-lint (scripts/test.sh does), which brings it:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        let mut lines = text.lines().map(PathBuf::from);
        (lines.next().unwrap(), lines.next().unwrap())
    })
}

fn account() -> Value {
    serde_json::from_str(&std::fs::read_to_string(ACCOUNT).unwrap()).unwrap()
}

/// A JSON merge patch (RFC 7386): objects merge, `null` removes, anything else replaces.
fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    base.remove(key);
                } else {
                    merge(base.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        (base, patch) => *base = patch.clone(),
    }
}

struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
    calls: Vec<String>,
}

impl Outcome {
    fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The calls that start with `prefix`, in order.
    fn calls(&self, prefix: &str) -> Vec<&str> {
        self.calls
            .iter()
            .map(String::as_str)
            .filter(|c| c.starts_with(prefix))
            .collect()
    }

    fn position(&self, call: &str) -> usize {
        self.calls
            .iter()
            .position(|c| c == call)
            .unwrap_or_else(|| panic!("no call `{call}` in:\n{}", self.calls.join("\n")))
    }

    fn assert_ok(&self) {
        assert_eq!(self.status, 0, "{}", self.text());
    }

    fn assert_failed_with(&self, expected: &[&str]) {
        assert_ne!(self.status, 0, "{}", self.text());
        self.assert_says(expected);
    }

    fn assert_says(&self, expected: &[&str]) {
        let text = self.text();
        for part in expected {
            assert!(text.contains(part), "expected `{part}` in:\n{text}");
        }
    }
}

/// Runs `deploy.sh ARGS` for the design in the stub account (account.json with `patch`),
/// with `answers` on standard input.
fn deploy_sh(config: &Config, name: &str, patch: Value, args: &[&str], answers: &str) -> Outcome {
    run_stubbed(None, config, name, patch, "deploy.sh", args, answers, true)
}

/// `deploy_sh` with the kit made against `base`, the design as deployed.
fn deploy_sh_against(
    base: &Config,
    config: &Config,
    name: &str,
    patch: Value,
    args: &[&str],
    answers: &str,
) -> Outcome {
    run_stubbed(
        Some(base),
        config,
        name,
        patch,
        "deploy.sh",
        args,
        answers,
        true,
    )
}

#[allow(clippy::too_many_arguments)]
fn run_stubbed(
    base: Option<&Config>,
    config: &Config,
    name: &str,
    patch: Value,
    script: &str,
    args: &[&str],
    answers: &str,
    dig: bool,
) -> Outcome {
    let dir = write_kit_against(base, config, &format!("stub-{name}"));
    let state = dir.join(".stub");
    let bin = dir.join(".bin");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let mut fixture = account();
    merge(&mut fixture, &patch);
    std::fs::write(state.join("fixture.json"), fixture.to_string()).unwrap();
    let mut stubs = vec!["aws", "curl", "docker", "sleep"];
    if dig {
        stubs.push("dig");
    }
    for tool in stubs {
        let path = bin.join(tool);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nexec '{}' -S '{STUB}' {tool} \"$@\"\n",
                python().0.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for tool in REAL_TOOLS {
        std::os::unix::fs::symlink(find_on_path(tool), bin.join(tool)).unwrap();
    }
    let mut child = Command::new(bin.join("bash"))
        .arg(script)
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", &bin)
        .env("HOME", &dir)
        .env("STUB_FIXTURE", state.join("fixture.json"))
        .env("STUB_STATE", &state)
        .env("STUB_SITE", &python().1)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let calls = std::fs::read_to_string(state.join("calls.log")).unwrap_or_default();
    Outcome {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls: calls.lines().map(String::from).collect(),
    }
}

const NO_DEPLOY: &str = "aws cloudformation deploy";

/// The `--parameter-overrides` a deploy of stack `id` passes, read from its template: the
/// global stack's outputs (`globals`, as the stub's account holds them), every parameter
/// that has a default with it (by name: awscli's deploy keeps a previous value otherwise),
/// then the shared roles' switch when `legacy` is given; "" when there are none.
fn overrides(config: &Config, id: StackId, globals: &[&str], legacy: Option<&str>) -> String {
    let template: yaml_serde::Value = yaml_serde::from_str(&render_stack(config, id).yaml).unwrap();
    let mut words: Vec<String> = globals.iter().map(|g| g.to_string()).collect();
    let mut defaults = std::collections::BTreeMap::new();
    if let Some(parameters) = template["Parameters"].as_mapping() {
        for (name, spec) in parameters {
            let name = name.as_str().unwrap();
            if name == "LegacySharedRoles" {
                continue;
            }
            let value = match &spec["Default"] {
                yaml_serde::Value::String(text) => text.clone(),
                yaml_serde::Value::Number(n) => n.to_string(),
                yaml_serde::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            defaults.insert(name.to_string(), value);
        }
    }
    words.extend(defaults.into_iter().map(|(k, v)| format!("{k}={v}")));
    if let Some(legacy) = legacy {
        words.push(format!("LegacySharedRoles={legacy}"));
    }
    if words.is_empty() {
        String::new()
    } else {
        format!(" --parameter-overrides {}", words.join(" "))
    }
}

#[test]
fn preflight_passes_in_an_account_that_is_ready() {
    let run = deploy_sh(
        &Config::default(),
        "preflight-ok",
        json!({}),
        &["preflight"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "ok: account 210987654321, as arn:aws:iam::210987654321:user/deployer",
        "ok: zones apne1-az4 apne1-az1 apne1-az2 are available in ap-northeast-1",
        "ok: the Fargate vCPU quota in ap-northeast-1 (this account's: 6.0) covers the services' 6 vCPUs",
        "ok: image 210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-express-test:latest exists",
        "preflight: ok",
    ]);
    assert_eq!(
        run.calls("aws ec2 describe-availability-zones"),
        ["aws ec2 describe-availability-zones --region ap-northeast-1 --zone-ids apne1-az4 apne1-az1 apne1-az2 --query 'AvailabilityZones[].[ZoneId,State]' --output text"]
    );
    assert!(run.calls(NO_DEPLOY).is_empty());
}

#[test]
fn without_credentials_the_preflight_stops_at_once() {
    let run = deploy_sh(
        &Config::default(),
        "no-credentials",
        json!({"identity": null}),
        &[],
        "",
    );
    run.assert_failed_with(&["FAIL: no usable AWS credentials", "aws sso login"]);
    assert_eq!(
        run.calls.len(),
        1,
        "nothing after the identity: {:?}",
        run.calls
    );
}

#[test]
fn a_fargate_quota_below_the_peak_stops_the_deployment() {
    let run = deploy_sh(
        &Config::default(),
        "quota-low",
        json!({"fargate_quota": 4.0}),
        &[],
        "",
    );
    run.assert_failed_with(&[
        "FAIL: the services need 6 vCPUs at their maximum task counts, above this account's Fargate On-Demand vCPU quota in ap-northeast-1 (4.0)",
        "aws service-quotas request-service-quota-increase --region ap-northeast-1 --service-code fargate --quota-code L-3032A538 --desired-value 6",
        "preflight: 1 check(s) failed; nothing was deployed",
    ]);
    assert!(run.calls(NO_DEPLOY).is_empty(), "{:?}", run.calls);

    // An account that never changed the quota answers with AWS's default instead.
    let mut config = Config::default();
    config.services[1].cpu = 2048;
    config.services[1].memory = 4096;
    let run = deploy_sh(
        &config,
        "quota-default",
        json!({"fargate_quota": null, "fargate_default_quota": 6.0}),
        &["preflight"],
        "",
    );
    run.assert_failed_with(&[
        "need 9 vCPUs",
        "above AWS's default Fargate On-Demand vCPU quota in ap-northeast-1 (6.0)",
        "--desired-value 9",
    ]);
    assert_eq!(
        run.calls("aws service-quotas get-aws-default-service-quota")
            .len(),
        1
    );
}

#[test]
fn a_missing_image_is_reported_with_the_commands_that_push_it() {
    for (name, ecr) in [
        (
            "image-missing",
            json!({"ap-northeast-1": {"ecs-express-test": ["v2"]}}),
        ),
        (
            "repository-missing",
            json!({"ap-northeast-1": {"ecs-express-test": null}}),
        ),
    ] {
        let run = deploy_sh(&Config::default(), name, json!({ "ecr": ecr }), &[], "");
        run.assert_failed_with(&[
            "FAIL: image 210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-express-test:latest is not in ECR",
            "push the test app there: test-app/push-image.sh",
            "docker push 210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-express-test:latest",
        ]);
        assert!(run.calls(NO_DEPLOY).is_empty());
    }
}

#[test]
fn images_in_another_accounts_ecr_or_another_registry_are_named_not_checked() {
    let mut config = Config::default();
    config.services[0].image =
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1".into();
    config.services[1].image = "public.ecr.aws/nginx/nginx:1.27".into();
    let run = deploy_sh(&config, "foreign-images", json!({}), &["preflight"], "");
    run.assert_ok();
    run.assert_says(&[
        "skip: 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1 is in another account's ECR: not checked",
        "skip: public.ecr.aws/nginx/nginx:1.27 is not in ECR: not checked",
    ]);
    assert!(run.calls("aws ecr").is_empty());

    // The same literal ECR image, deployed from its own account, is checked.
    let run = deploy_sh(
        &config,
        "own-literal-image",
        json!({"identity": {"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:role/admin"}}),
        &["preflight"],
        "",
    );
    run.assert_failed_with(&[
        "FAIL: image 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1 is not in ECR",
    ]);
}

#[test]
fn a_pinned_zone_the_account_cannot_use_fails() {
    let mut config = Config::default();
    config.network.az_ids = Some(vec![
        "apne1-az4".into(),
        "apne1-az3".into(),
        "apne1-az1".into(),
    ]);
    let run = deploy_sh(&config, "zone-missing", json!({}), &[], "");
    run.assert_failed_with(&[
        "FAIL: this account cannot use every zone ID of network.az_ids (apne1-az4 apne1-az3 apne1-az1) in ap-northeast-1",
        "Invalid availability zone: [apne1-az3]",
        "pin the subnets to zone IDs from that list (network.az_ids)",
    ]);
    assert!(run.calls(NO_DEPLOY).is_empty());

    let mut zones = account()["zones"].clone();
    zones[2]["State"] = json!("impaired");
    let run = deploy_sh(
        &Config::default(),
        "zone-impaired",
        json!({ "zones": zones }),
        &["preflight"],
        "",
    );
    run.assert_failed_with(&["FAIL: zone ID(s) apne1-az2 of network.az_ids are not available to this account in ap-northeast-1"]);
}

#[test]
fn getazs_needs_a_default_subnet_in_as_many_zones_as_there_are_subnets() {
    let mut config = Config::default();
    config.network.az_ids = None;
    let run = deploy_sh(&config, "getazs-ok", json!({}), &["preflight"], "");
    run.assert_ok();
    run.assert_says(&["ok: !GetAZs gives the 3 subnets a zone each in ap-northeast-1"]);

    let subnets = account()["subnets"].as_array().unwrap()[..2].to_vec();
    let run = deploy_sh(
        &config,
        "getazs-short",
        json!({ "subnets": subnets }),
        &[],
        "",
    );
    run.assert_failed_with(&[
        "FAIL: !GetAZs lists only the 2 zone(s) where the default VPC has a subnet (ap-northeast-1a ap-northeast-1c), and the design places 3 subnets by zone index",
        "aws ec2 create-default-subnet --region ap-northeast-1 --availability-zone ZONE",
    ]);
    assert!(run.calls(NO_DEPLOY).is_empty());

    // Without a default VPC, Fn::GetAZs lists every zone.
    let run = deploy_sh(
        &config,
        "getazs-no-default-vpc",
        json!({ "subnets": [] }),
        &["preflight"],
        "",
    );
    run.assert_ok();
}

#[test]
fn the_hosted_zone_must_be_public_in_this_account_and_delegated() {
    let config = with_own_certificate(example("hardened-custom-domain"));
    let run = deploy_sh(&config, "zone-ok", json!({}), &["preflight"], "");
    run.assert_ok();
    run.assert_says(&[
        "ok: hosted zone Z0123456789ABCDEFGHIJ is a public zone of example.com in this account",
        "ok: example.com is delegated to the hosted zone's name servers",
    ]);

    let zone = "Z0123456789ABCDEFGHIJ";
    let private =
        json!({"hosted_zones": {zone: {"HostedZone": {"Config": {"PrivateZone": true}}}}});
    deploy_sh(&config, "zone-private", private, &["preflight"], "")
        .assert_failed_with(&["FAIL: hosted zone Z0123456789ABCDEFGHIJ is private"]);

    let elsewhere = json!({"hosted_zones": {zone: null}});
    deploy_sh(&config, "zone-elsewhere", elsewhere, &["preflight"], "").assert_failed_with(&[
        "FAIL: hosted zone Z0123456789ABCDEFGHIJ (domain.hosted_zone_id) cannot be read in account 210987654321",
        "No hosted zone found with ID: Z0123456789ABCDEFGHIJ",
    ]);

    let other = json!({"hosted_zones": {zone: {"HostedZone": {"Name": "example.net."}}}});
    deploy_sh(&config, "zone-other-name", other, &["preflight"], "").assert_failed_with(&[
        "FAIL: hosted zone Z0123456789ABCDEFGHIJ holds example.net, not domain.zone example.com",
    ]);

    let undelegated =
        json!({"dns_ns": {"example.com": ["a.iana-servers.net.", "b.iana-servers.net."]}});
    let run = deploy_sh(&config, "zone-undelegated", undelegated, &[], "");
    run.assert_failed_with(&[
        "FAIL: example.com is delegated to [a.iana-servers.net b.iana-servers.net], not to hosted zone Z0123456789ABCDEFGHIJ's name servers",
        "set the NS records of example.com, at its registrar or in its parent zone, to: ns-0.awsdns-00.com ns-1024.awsdns-00.org ns-1536.awsdns-00.co.uk ns-512.awsdns-00.net",
    ]);
    assert!(run.calls(NO_DEPLOY).is_empty());

    let run = run_stubbed(
        None,
        &config,
        "zone-no-dig",
        json!({}),
        "deploy.sh",
        &["preflight"],
        "",
        false,
    );
    run.assert_ok();
    run.assert_says(&[
        "skip: dig is not installed, so the delegation of example.com is not checked",
    ]);
}

#[test]
fn the_global_stacks_outputs_reach_the_service_stacks() {
    // A managed web ACL and a certificate for each alias: the global stack outputs them,
    // and each service stack takes the web ACL and its own alias's certificate.
    let mut config = example("hardened-custom-domain");
    config.edge.waf = Waf::Managed {
        rate_limit: 1000,
        allow_large_bodies: false,
    };
    let domain = config.domain.as_mut().unwrap();
    domain.certificate_arn = None;
    domain.hosted_zone_id = Some("Z0123456789ABCDEFGHIJ".into());
    let run = deploy_sh(
        &config,
        "deploy-global",
        json!({}),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    let outputs = &account()["stacks"]["hardened-vpc-ap-northeast-1-global"]["outputs"];
    let (acl, app, static_) = (
        outputs["WebAclArn"].as_str().unwrap(),
        outputs["AppCertificateArn"].as_str().unwrap(),
        outputs["StaticCertificateArn"].as_str().unwrap(),
    );
    assert_eq!(
        run.calls(NO_DEPLOY),
        [
            format!("aws cloudformation deploy --region us-east-1 --stack-name hardened-vpc-ap-northeast-1-global --template-file hardened-vpc-ap-northeast-1-global.yaml --no-fail-on-empty-changeset{}", overrides(&config, StackId::Global, &[], None)),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name hardened-vpc --template-file hardened-vpc.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Network, &[], None)),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name hardened-web --template-file hardened-web.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(0), &[&format!("WebAclArn={acl}"), &format!("CertificateArn={app}")], Some("false"))),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name hardened-static --template-file hardened-static.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(1), &[&format!("WebAclArn={acl}"), &format!("CertificateArn={static_}")], None)),
        ]
    );
    // The outputs are read after the global stack is deployed, from us-east-1.
    let read = run.position("aws cloudformation describe-stacks --region us-east-1 --stack-name hardened-vpc-ap-northeast-1-global --query 'Stacks[0].Outputs[?OutputKey=='\"'\"'WebAclArn'\"'\"'].OutputValue | [0]' --output text");
    assert!(run.position(run.calls(NO_DEPLOY)[0]) < read);

    // A global stack without the output stops before the service stacks.
    let run = deploy_sh(
        &config,
        "deploy-global-missing",
        json!({"stacks": {"hardened-vpc-ap-northeast-1-global": {"outputs": {"StaticCertificateArn": null}}}}),
        &[],
        "",
    );
    run.assert_failed_with(&["FAIL: the global stack has no StaticCertificateArn output"]);
    assert_eq!(run.calls(NO_DEPLOY).len(), 1);

    // With a certificate of the user's, only the web ACL comes from the global stack.
    config.domain.as_mut().unwrap().certificate_arn = Some(
        "arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d"
            .into(),
    );
    let run = deploy_sh(
        &config,
        "deploy-global-acl-only",
        json!({}),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    assert_eq!(
        run.calls(NO_DEPLOY)[2..],
        [
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name hardened-web --template-file hardened-web.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(0), &[&format!("WebAclArn={acl}")], Some("false"))),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name hardened-static --template-file hardened-static.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(1), &[&format!("WebAclArn={acl}")], None)),
        ]
    );
    assert!(run
        .calls("aws cloudformation describe-stacks --region us-east-1")
        .iter()
        .all(|call| !call.contains("CertificateArn")));
}

/// A new image tag reaches a deployed stack: `aws cloudformation deploy` would keep the
/// previous `ContainerTag` of a stack it updates unless it is passed (awscli's deploy sets
/// `UsePreviousValue` for every parameter it is not given), so deploy.sh passes it.
#[test]
fn a_new_image_tag_is_passed_not_left_to_the_previous_value() {
    let mut config = Config::default();
    let image = config.services[1].image.clone();
    let (repository, _) = image.rsplit_once(':').unwrap();
    config.services[1].image = format!("{repository}:release-2");
    let pushed = json!({"ecr": {"ap-northeast-1": {"ecs-express-test": ["latest", "release-2"]}}});
    let run = deploy_sh(&config, "deploy-new-tag", pushed, &["deploy", "--yes"], "");
    run.assert_ok();
    let secondary = run
        .calls(NO_DEPLOY)
        .into_iter()
        .find(|c| c.contains("--stack-name ecs-express-secondary"))
        .unwrap();
    assert!(secondary.contains(" ContainerTag=release-2"), "{secondary}");
    assert!(secondary.contains(" ContainerPort=3000"), "{secondary}");
}

/// The lines of `./deploy.sh plan` that name a stack (`==`) or say what changes in it.
fn plan_lines(run: &Outcome) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with("==") || l.starts_with("   "))
        .collect()
}

/// `./deploy.sh plan`: for each stack that exists, the change set the deploy would make
/// (the same parameters, `--no-execute-changeset`), printed from DescribeChangeSet's output
/// (botocore's shape: a modify in place, a replacement, a removal, no changes), then deleted;
/// a stack that does not exist is to be created, with no change set; nothing is deployed.
#[test]
fn plan_prints_each_change_set_and_deletes_it() {
    let config = Config::default();
    let acl = account()["stacks"]["ecs-express-vpc-ap-northeast-1-global"]["outputs"]["WebAclArn"]
        .as_str()
        .unwrap()
        .to_string();
    let changes = json!({
        "change_sets": {
            "ecs-express-vpc-ap-northeast-1-global": [],
            "ecs-express-vpc": [],
            "ecs-express-initial": [
                {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
                 "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "False",
                 "Scope": ["Properties"]}
            ],
            "ecs-express-secondary": [
                {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
                 "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "True",
                 "Scope": ["Tags"]},
                {"Action": "Remove", "LogicalResourceId": "ECSLogGroup",
                 "ResourceType": "AWS::Logs::LogGroup"}
            ]
        }
    });
    let run = deploy_sh(&config, "plan", changes.clone(), &["plan"], "");
    run.assert_ok();
    assert_eq!(
        plan_lines(&run),
        [
            "== ecs-express-vpc-ap-northeast-1-global (us-east-1)",
            "   no changes",
            "== ecs-express-vpc (ap-northeast-1)",
            "   no changes",
            "== ecs-express-initial (ap-northeast-1)",
            "   Action  LogicalResourceId  ResourceType  Replacement",
            "   Modify\tExpressModeService\tAWS::ECS::ExpressGatewayService\tFalse",
            "== ecs-express-secondary (ap-northeast-1)",
            "   Action  LogicalResourceId  ResourceType  Replacement",
            "   Modify\tExpressModeService\tAWS::ECS::ExpressGatewayService\tTrue",
            "   Remove\tECSLogGroup\tAWS::Logs::LogGroup\tNone",
        ]
    );
    run.assert_says(&["note: a change set does not report an export another stack imports"]);
    // Made as the deploy makes it: the same parameters, never executed.
    assert_eq!(
        run.calls("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-initial"),
        [format!(
            "aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-initial --template-file ecs-express-initial.yaml --no-execute-changeset --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}",
            overrides(&config, StackId::Service(0), &[&format!("WebAclArn={acl}")], Some("false"))
        )]
    );
    assert!(run
        .calls(NO_DEPLOY)
        .iter()
        .all(|c| c.contains("--no-execute-changeset")));
    // Each change set read is deleted.
    let deleted = run.calls("aws cloudformation delete-change-set");
    assert_eq!(deleted.len(), 2, "{deleted:?}");
    assert!(deleted[1].ends_with("/ecs-express-secondary"));

    // A stack that does not exist yet: listed, no change set.
    let mut missing = changes;
    missing["stacks"] = json!({"ecs-express-secondary": null});
    let run = deploy_sh(&config, "plan-new-stack", missing, &["plan"], "");
    run.assert_ok();
    run.assert_says(&[
        "== ecs-express-secondary (ap-northeast-1): to be created (no change set before it exists)",
    ]);
    assert!(run
        .calls(NO_DEPLOY)
        .iter()
        .all(|c| !c.contains("--stack-name ecs-express-secondary ")));
}

/// An update that replaces or removes a resource is listed and asked for before it runs;
/// anything but "yes" stops there (the change set deleted, nothing after it deployed).
/// Changes in place run without a question, and `--yes` never asks.
#[test]
fn deploy_asks_before_an_update_that_replaces_a_resource() {
    let config = Config::default();
    let replacing = json!({"change_sets": {"ecs-express-initial": [
        {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
         "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "True"},
        {"Action": "Modify", "LogicalResourceId": "ServiceTaskRole",
         "ResourceType": "AWS::IAM::Role", "Replacement": "False"}
    ]}});
    let run = deploy_sh(&config, "deploy-asks-no", replacing.clone(), &[], "no\n");
    run.assert_failed_with(&[
        "This update of ecs-express-initial replaces or removes (Action LogicalResourceId ResourceType Replacement):",
        "   Modify\tExpressModeService\tAWS::ECS::ExpressGatewayService\tTrue",
        "FAIL: ecs-express-initial was not updated; nothing after it was deployed",
    ]);
    assert!(
        !run.text().contains("ServiceTaskRole"),
        "only what is replaced or removed is listed"
    );
    assert!(run
        .calls("aws cloudformation execute-change-set")
        .is_empty());
    assert_eq!(run.calls("aws cloudformation delete-change-set").len(), 1);
    assert!(run
        .calls(NO_DEPLOY)
        .iter()
        .all(|c| !c.contains("ecs-express-secondary")));

    let run = deploy_sh(&config, "deploy-asks-yes", replacing.clone(), &[], "yes\n");
    run.assert_ok();
    assert_eq!(
        run.calls("aws cloudformation execute-change-set"),
        ["aws cloudformation execute-change-set --region ap-northeast-1 --change-set-name arn:aws:cloudformation:ap-northeast-1:210987654321:changeSet/awscli-cloudformation-package-deploy-1765000000/ecs-express-initial"]
    );
    run.position("aws cloudformation wait stack-update-complete --region ap-northeast-1 --stack-name ecs-express-initial");
    // The other stacks have no changes: nothing to execute.
    run.assert_says(&[
        "==> deploying ecs-express-secondary in ap-northeast-1",
        "   no changes",
    ]);

    // A change in place runs without a question.
    let in_place = json!({"change_sets": {"ecs-express-secondary": [
        {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
         "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "False"}
    ]}});
    let run = deploy_sh(&config, "deploy-in-place", in_place, &[], "");
    run.assert_ok();
    assert!(!run.text().contains("replaces or removes"));
    assert_eq!(run.calls("aws cloudformation execute-change-set").len(), 1);

    // --yes deploys at once, with no change set of its own.
    let run = deploy_sh(&config, "deploy-yes", replacing, &["deploy", "--yes"], "");
    run.assert_ok();
    assert!(run
        .calls("aws cloudformation execute-change-set")
        .is_empty());
    assert!(run
        .calls(NO_DEPLOY)
        .iter()
        .all(|c| !c.contains("--no-execute-changeset")));
}

/// The default design as deployed with a third service, `old-worker`, that the design no
/// longer has, and the initial service's CPU since raised (512 to the default 1024): by the
/// ExpressGatewayService schema `Cpu` is not create-only, so the one predicted change is
/// `ExpressModeService modify` in the initial stack, and `old-worker` is the stack to delete.
fn deployed_with_an_old_worker() -> (Config, Config) {
    let config = Config::default();
    let mut base = config.clone();
    base.services[0].cpu = 512;
    let mut worker = base.services[1].clone();
    worker.name = "old-worker".into();
    base.services.push(worker);
    (base, config)
}

/// The stub account with `old-worker` deployed beside the design's stacks.
fn with_old_worker(mut patch: Value) -> Value {
    merge(
        &mut patch,
        &json!({"stacks": {"old-worker": {"region": "ap-northeast-1", "outputs": {}}}}),
    );
    patch
}

/// `./deploy.sh plan` of a kit made against a baseline: each change set beside the
/// prediction, where they agree and where they differ; the baseline's stack that the design
/// no longer has; and that the prediction finds no refusal.
#[test]
fn plan_compares_each_change_set_with_the_prediction() {
    let (base, config) = deployed_with_an_old_worker();
    let changes = with_old_worker(json!({"change_sets": {
        "ecs-express-initial": [
            {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
             "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "False"}
        ],
        "ecs-express-secondary": [
            {"Action": "Modify", "LogicalResourceId": "ExpressModeService",
             "ResourceType": "AWS::ECS::ExpressGatewayService", "Replacement": "True"}
        ]
    }}));
    let run = deploy_sh_against(&base, &config, "plan-compare", changes, &["plan"], "");
    run.assert_ok();
    assert_eq!(
        plan_lines(&run),
        [
            "== ecs-express-vpc-ap-northeast-1-global (us-east-1)",
            "   no changes",
            "   as Stackdraft predicted",
            "== ecs-express-vpc (ap-northeast-1)",
            "   no changes",
            "   as Stackdraft predicted",
            "== ecs-express-initial (ap-northeast-1)",
            "   Action  LogicalResourceId  ResourceType  Replacement",
            "   Modify\tExpressModeService\tAWS::ECS::ExpressGatewayService\tFalse",
            "   as Stackdraft predicted",
            "== ecs-express-secondary (ap-northeast-1)",
            "   Action  LogicalResourceId  ResourceType  Replacement",
            "   Modify\tExpressModeService\tAWS::ECS::ExpressGatewayService\tTrue",
            "   differs: CloudFormation: Modify ExpressModeService (Replacement True); Stackdraft predicted no change",
            "   (they differ when baseline.json is not what is deployed here; CloudFormation's answer is the one that runs)",
            "== old-worker: in baseline.json, not in this design: ./deploy.sh deletes it once the rest is deployed, if you agree (./deploy.sh prune on its own)",
        ]
    );
    run.assert_says(&["Stackdraft predicts no refusal that a change set cannot show"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());

    // A predicted change CloudFormation does not make, and a stack of the baseline that is
    // not in the account.
    let mut gone = json!({"change_sets": {}, "stacks": {"ecs-express-secondary": null}});
    merge(&mut gone, &with_old_worker(json!({})));
    let run = deploy_sh_against(&base, &config, "plan-differs", gone, &["plan"], "");
    run.assert_ok();
    run.assert_says(&[
        "== ecs-express-initial (ap-northeast-1)\n   no changes\n   differs: Stackdraft predicted modify ExpressModeService; CloudFormation reports no change to it",
        "== ecs-express-secondary (ap-northeast-1): to be created (no change set before it exists)\n   differs: baseline.json has ecs-express-secondary, but it does not exist here",
    ]);
}

/// After the rest is deployed, `./deploy.sh` lists the baseline's stacks that the design no
/// longer has and that exist, and deletes them only when the user types delete; `--yes`
/// deletes none and says so; `./deploy.sh prune` deletes them on its own.
#[test]
fn deploy_offers_to_delete_the_stacks_the_design_no_longer_has() {
    let (base, config) = deployed_with_an_old_worker();
    let run = deploy_sh_against(
        &base,
        &config,
        "prune-yes",
        with_old_worker(json!({})),
        &[],
        "delete\n",
    );
    run.assert_ok();
    run.assert_says(&[
        "In baseline.json (the design as deployed) and not in this design; deleting a stack deletes what it created:\n   old-worker",
    ]);
    assert_eq!(
        run.calls("aws cloudformation delete-stack"),
        ["aws cloudformation delete-stack --region ap-northeast-1 --stack-name old-worker"]
    );
    // Deleted after every stack of the design is deployed.
    let last_deploy = run
        .calls
        .iter()
        .rposition(|c| c.starts_with(NO_DEPLOY))
        .unwrap();
    assert!(
        run.position(
            "aws cloudformation delete-stack --region ap-northeast-1 --stack-name old-worker"
        ) > last_deploy
    );
    run.position("aws cloudformation wait stack-delete-complete --region ap-northeast-1 --stack-name old-worker");

    let run = deploy_sh_against(
        &base,
        &config,
        "prune-no",
        with_old_worker(json!({})),
        &[],
        "no\n",
    );
    run.assert_ok();
    run.assert_says(&["left in place: ./deploy.sh prune deletes them later"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());

    let run = deploy_sh_against(
        &base,
        &config,
        "prune-ci",
        with_old_worker(json!({})),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    run.assert_says(&["note: --yes deletes no stack; these of baseline.json are not in this design: old-worker (./deploy.sh prune deletes them, asking first)"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());

    // Not in the account: nothing to ask.
    let run = deploy_sh_against(&base, &config, "prune-none", json!({}), &[], "");
    run.assert_ok();
    run.assert_says(&["no stack that baseline.json has and this design does not exists here"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());

    let run = deploy_sh_against(
        &base,
        &config,
        "prune-alone",
        with_old_worker(json!({})),
        &["prune", "--yes"],
        "",
    );
    run.assert_ok();
    assert_eq!(run.calls("aws cloudformation delete-stack").len(), 1);
    assert!(run.calls(NO_DEPLOY).is_empty(), "prune deploys nothing");

    // A kit made without a baseline knows no such stack.
    let run = deploy_sh(
        &config,
        "prune-no-baseline",
        with_old_worker(json!({})),
        &["prune"],
        "",
    );
    run.assert_ok();
    run.assert_says(&["this kit was made without a baseline"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());
}

/// A new VPC block changes the network stack's exports while the service stacks import them:
/// CloudFormation refuses the network stack's update (export-in-use). `./deploy.sh` says so
/// before it deploys anything and goes on only on yes (or with --yes).
#[test]
fn deploy_tells_a_predicted_refusal_before_it_deploys_anything() {
    let base = Config::default();
    let config = common::in_a_new_vpc_block(&base);
    let run = deploy_sh_against(&base, &config, "refused-no", json!({}), &[], "no\n");
    run.assert_failed_with(&[
        "Stackdraft predicts that CloudFormation refuses this update as it stands",
        "   ecs-express-vpc (export-in-use): ",
        "nothing deployed",
    ]);
    assert!(run.calls(NO_DEPLOY).is_empty());

    // Told, and gone on with: CloudFormation refuses as predicted (it rolls the network stack
    // back); the script says so, with where to read why, and deploys nothing after it.
    let refusing = json!({
        "change_sets": {"ecs-express-vpc": [
            {"Action": "Modify", "LogicalResourceId": "VPC",
             "ResourceType": "AWS::EC2::VPC", "Replacement": "True"}
        ]},
        "rolled_back": ["ecs-express-vpc"]
    });
    let run = deploy_sh_against(
        &base,
        &config,
        "refused-rolled-back",
        refusing,
        &[],
        "yes\nyes\n",
    );
    run.assert_failed_with(&[
        "This update of ecs-express-vpc replaces or removes",
        "FAIL: CloudFormation did not update ecs-express-vpc (it rolled back; nothing after it was deployed); its events say why: aws cloudformation describe-stack-events --region ap-northeast-1 --stack-name ecs-express-vpc --max-items 10",
    ]);
    run.position("aws cloudformation execute-change-set --region ap-northeast-1 --change-set-name arn:aws:cloudformation:ap-northeast-1:210987654321:changeSet/awscli-cloudformation-package-deploy-1765000000/ecs-express-vpc");
    assert!(run
        .calls(NO_DEPLOY)
        .iter()
        .all(|c| !c.contains("ecs-express-initial") && !c.contains("ecs-express-secondary")));

    let run = deploy_sh_against(
        &base,
        &config,
        "refused-yes",
        json!({}),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    run.assert_says(&["   ecs-express-vpc (export-in-use): "]);
    assert!(!run.calls(NO_DEPLOY).is_empty());
}

#[test]
fn the_network_stack_gets_capability_iam_only_with_flow_logs() {
    let mut config = Config::default();
    let run = deploy_sh(
        &config,
        "deploy-no-flow-logs",
        json!({}),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    let acl = account()["stacks"]["ecs-express-vpc-ap-northeast-1-global"]["outputs"]["WebAclArn"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        run.calls(NO_DEPLOY),
        [
            format!("aws cloudformation deploy --region us-east-1 --stack-name ecs-express-vpc-ap-northeast-1-global --template-file ecs-express-vpc-ap-northeast-1-global.yaml --no-fail-on-empty-changeset{}", overrides(&config, StackId::Global, &[], None)),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-vpc --template-file ecs-express-vpc.yaml --no-fail-on-empty-changeset{}", overrides(&config, StackId::Network, &[], None)),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-initial --template-file ecs-express-initial.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(0), &[&format!("WebAclArn={acl}")], Some("false"))),
            format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-secondary --template-file ecs-express-secondary.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(1), &[], None)),
        ]
    );
    config.network.flow_logs = true;
    let run = deploy_sh(
        &config,
        "deploy-flow-logs",
        json!({}),
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    assert_eq!(
        run.calls(NO_DEPLOY)[1],
        format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-vpc --template-file ecs-express-vpc.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Network, &[], None))
    );
}

/// A design deployed by an earlier build, whose secondary stacks import the roles every
/// service shared: the initial stack keeps them (`LegacySharedRoles=true`) until the
/// secondary stacks, rendered by this build with roles of their own, stop importing them;
/// then it drops them. A stack outside the design that still imports them keeps them.
#[test]
fn an_update_from_shared_roles_keeps_them_until_no_stack_imports_them() {
    let config = Config::default();
    let exports = json!([
        {"Name": "ecs-express-initial-TaskRoleArn", "Value": "arn:aws:iam::210987654321:role/shared-task"},
        {"Name": "ecs-express-initial-TaskExecutionRoleArn", "Value": "arn:aws:iam::210987654321:role/shared-execution"},
    ]);
    let initial = |legacy: &str| {
        let acl = account()["stacks"]["ecs-express-vpc-ap-northeast-1-global"]["outputs"]
            ["WebAclArn"]
            .as_str()
            .unwrap()
            .to_string();
        format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-initial --template-file ecs-express-initial.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}",
            overrides(&config, StackId::Service(0), &[&format!("WebAclArn={acl}")], Some(legacy)))
    };
    let secondary = &format!("aws cloudformation deploy --region ap-northeast-1 --stack-name ecs-express-secondary --template-file ecs-express-secondary.yaml --no-fail-on-empty-changeset --capabilities CAPABILITY_IAM{}", overrides(&config, StackId::Service(1), &[], None));

    // The earlier build's secondary stack imports both roles.
    let imported = json!({"exports": exports, "imports": {
        "ecs-express-initial-TaskRoleArn": ["ecs-express-secondary"],
        "ecs-express-initial-TaskExecutionRoleArn": ["ecs-express-secondary"],
    }});
    let run = deploy_sh(
        &config,
        "legacy-roles-update",
        imported,
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "note: ecs-express-initial-TaskRoleArn of an earlier build is imported by: ecs-express-secondary",
        "==> no stack imports the shared roles of an earlier build any more: removing them",
    ]);
    assert_eq!(
        run.calls(NO_DEPLOY)[2..],
        [initial("true"), secondary.to_string(), initial("false")]
    );

    // A stack the design no longer has (a renamed service) still imports them: kept.
    let outside = json!({"exports": exports, "imports": {
        "ecs-express-initial-TaskRoleArn": ["ecs-express-secondary", "old-service"],
    }});
    let run = deploy_sh(
        &config,
        "legacy-roles-outside",
        outside,
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "note: a stack outside this design still imports the shared roles of ecs-express-initial",
    ]);
    assert_eq!(
        run.calls(NO_DEPLOY)[2..],
        [initial("true"), secondary.to_string()]
    );

    // Exported but imported by no stack (a design of one service): dropped at once.
    let unused = json!({"exports": exports});
    let run = deploy_sh(
        &config,
        "legacy-roles-unused",
        unused,
        &["deploy", "--yes"],
        "",
    );
    run.assert_ok();
    assert_eq!(
        run.calls(NO_DEPLOY)[2..],
        [initial("false"), secondary.to_string()]
    );
}

/// A certificate of the user's is checked before anything is created: in this account, in
/// us-east-1, issued, with a key CloudFront accepts, covering every alias (a wildcard covers
/// one label). Otherwise the distribution fails after the service and VPC origin are built.
#[test]
fn the_preflight_checks_the_users_certificate() {
    let config = with_own_certificate(example("hardened-custom-domain"));
    let run = deploy_sh(&config, "certificate-ok", json!({}), &["preflight"], "");
    run.assert_ok();
    run.assert_says(&[&format!(
        "ok: certificate {OWN_CERTIFICATE} is issued, RSA_2048, and covers app.example.com static.example.com"
    )]);
    let certificate = |patch: Value| json!({"certificates": {OWN_CERTIFICATE: patch}});
    for (name, patch, says) in [
        (
            "certificate-pending",
            certificate(json!({"Status": "PENDING_VALIDATION"})),
            format!("FAIL: certificate {OWN_CERTIFICATE} is PENDING_VALIDATION, not ISSUED"),
        ),
        (
            "certificate-p384",
            certificate(json!({"KeyAlgorithm": "EC_secp384r1"})),
            format!("FAIL: certificate {OWN_CERTIFICATE} has a EC_secp384r1 key: CloudFront takes RSA keys of 1024 to 4096 bits and ECDSA P-256 (prime256v1) only"),
        ),
        (
            "certificate-narrow",
            certificate(json!({"SubjectAlternativeNames": ["app.example.com"]})),
            format!("FAIL: certificate {OWN_CERTIFICATE} does not cover static.example.com"),
        ),
        (
            "certificate-two-labels",
            certificate(json!({"SubjectAlternativeNames": ["*.com"]})),
            format!("FAIL: certificate {OWN_CERTIFICATE} does not cover app.example.com static.example.com"),
        ),
        (
            "certificate-missing",
            json!({"certificates": {OWN_CERTIFICATE: null}}),
            format!("FAIL: certificate {OWN_CERTIFICATE} (domain.certificate_arn) cannot be read in us-east-1"),
        ),
    ] {
        let run = deploy_sh(&config, name, patch, &["preflight"], "");
        run.assert_failed_with(&[&says, "nothing was deployed"]);
    }
    // Another account's certificate is refused without asking ACM.
    let run = deploy_sh(
        &example("hardened-custom-domain"),
        "certificate-elsewhere",
        json!({}),
        &["preflight"],
        "",
    );
    run.assert_failed_with(&[
        "is in account 123456789012, not in 210987654321 where the stacks deploy",
    ]);
    assert!(run.calls("aws acm").is_empty());
}

#[test]
fn the_preflight_checks_an_existing_web_acl() {
    let mut config = Config::default();
    config.edge.waf = Waf::Existing {
        web_acl_arn: "arn:aws:wafv2:us-east-1:210987654321:global/webacl/shared-acl/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".into(),
    };
    let run = deploy_sh(&config, "web-acl-ok", json!({}), &["preflight"], "");
    run.assert_ok();
    run.assert_says(&["ok: web ACL shared-acl (scope CLOUDFRONT) is readable in us-east-1"]);
    assert_eq!(
        run.calls("aws wafv2"),
        ["aws wafv2 get-web-acl --region us-east-1 --scope CLOUDFRONT --name shared-acl --id 0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d --query WebACL.ARN --output text"]
    );
    let run = deploy_sh(
        &config,
        "web-acl-missing",
        json!({"web_acls": null}),
        &["preflight"],
        "",
    );
    run.assert_failed_with(&[
        "FAIL: web ACL arn:aws:wafv2:us-east-1:210987654321:global/webacl/shared-acl/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d (edge.waf.web_acl_arn) cannot be read from account 210987654321 in us-east-1",
        "aws wafv2 list-web-acls --region us-east-1 --scope CLOUDFRONT",
    ]);
}

/// With a manual NAT, the smoke test compares the zones the tasks run in (by name, mapped to
/// zone IDs in this account) with the zones the NAT gateway lists (its subnets' zone IDs).
#[test]
fn smoke_flags_tasks_in_zones_the_manual_nat_does_not_list() {
    let mut config = Config::default();
    config.network.nat = Nat::Manual { azs: vec![0, 1] };
    let run = deploy_sh(&config, "smoke-nat-zones", json!({}), &["smoke"], "");
    // The secondary service's task runs in ap-northeast-1d, which is apne1-az2: subnet 3's.
    run.assert_failed_with(&[
        "FAIL: tasks run in zones the NAT gateway does not list (service:zone ecs-express-secondary-service:apne1-az2; it serves apne1-az4 apne1-az1)",
    ]);
    assert!(run
        .calls("aws ec2 describe-subnets")
        .contains(&"aws ec2 describe-subnets --region ap-northeast-1 --subnet-ids subnet-01 subnet-02 --query 'Subnets[].AvailabilityZoneId' --output text"));
    let run = deploy_sh(
        &Config::default(),
        "smoke-nat-every-zone",
        json!({}),
        &["smoke"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "ok: every task runs in a zone the NAT gateway lists (apne1-az4 apne1-az1 apne1-az2)",
    ]);
}

#[test]
fn smoke_checks_flow_log_delivery_and_says_when_access_logs_are_not_there_yet() {
    let mut config = example("hardened-custom-domain");
    config.network.nat = Nat::Auto;
    let run = deploy_sh(&config, "smoke-flow-logs", json!({}), &["smoke"], "");
    run.assert_says(&[
        "ok: the VPC's flow log delivers to CloudWatch Logs",
        "skip: no access log in s3://hardened-web-accesslogbucket-1a2b3c4d5e6f/hardened-web/ yet: CloudFront delivers standard logs usually within an hour",
    ]);
    let failed = json!({"flow_logs": [{"FlowLogId": "fl-0a1b2c3d4e5f60718", "ResourceId": "vpc-0c0ffee0c0ffee000", "DeliverLogsStatus": "FAILED"}]});
    let run = deploy_sh(&config, "smoke-flow-logs-failed", failed, &["smoke"], "");
    run.assert_failed_with(&["FAIL: the VPC's flow log delivery status is FAILED, not SUCCESS"]);
    let run = deploy_sh(
        &Config::default(),
        "smoke-access-logs",
        json!({}),
        &["smoke"],
        "",
    );
    run.assert_says(&["ok: access logs arrive in s3://ecs-express-initial-accesslogbucket-0a1b2c3d4e5f/ecs-express-initial/"]);
}

#[test]
fn smoke_passes_through_cloudfront_and_the_nat_gateway() {
    let run = deploy_sh(&Config::default(), "smoke-ok", json!({}), &["smoke"], "");
    run.assert_ok();
    run.assert_says(&[
        "NAT gateway public IPs: 198.51.100.7",
        "ok: 200 through CloudFront",
        "ok: egress through the NAT gateway (198.51.100.7)",
        "ok: ecs-express-secondary shares the initial service's load balancer",
        "curl -sv https://ec-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.ecs.ap-northeast-1.on.aws/api/health/",
        "smoke: all checks passed",
    ]);

    // An alias that does not resolve yet is skipped, one that answers is checked.
    let run = deploy_sh(
        &example("hardened-custom-domain"),
        "smoke-aliases",
        json!({}),
        &["smoke"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "--> https://app.example.com/api/health/",
        "skip: static.example.com does not resolve yet (its DNS record must point at https://d333333abcdef8.cloudfront.net)",
    ]);
}

#[test]
fn a_service_on_another_load_balancer_fails_smoke_with_the_fix() {
    let elsewhere = "arn:aws:elasticloadbalancing:ap-northeast-1:210987654321:loadbalancer/app/ecs-express-gateway-alb-99999999/9a8b7c6d5e4f3021";
    let run = deploy_sh(
        &example("hardened-custom-domain"),
        "smoke-other-alb",
        json!({"stacks": {"hardened-static": {"outputs": {"LoadBalancerArn": elsewhere}}}}),
        &["smoke"],
        "",
    );
    run.assert_failed_with(&[
        &format!("FAIL: hardened-static is on load balancer {elsewhere}, not on the initial service's (arn:aws:elasticloadbalancing:ap-northeast-1:210987654321:loadbalancer/app/ecs-express-gateway-alb-c0ffee00/1b2c3d4e5f607182)"),
        "its distribution reaches it through the initial stack's VPC origin",
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name hardened-static && aws cloudformation wait stack-delete-complete --region ap-northeast-1 --stack-name hardened-static && ./deploy.sh",
        "smoke: 1 check(s) failed",
    ]);

    // Without a distribution, another load balancer breaks nothing: a warning.
    let run = deploy_sh(
        &Config::default(),
        "smoke-other-alb-no-distribution",
        json!({"stacks": {"ecs-express-secondary": {"outputs": {"LoadBalancerArn": elsewhere}}}}),
        &["smoke"],
        "",
    );
    run.assert_ok();
    run.assert_says(&["warn: ecs-express-secondary is on load balancer"]);
}

#[test]
fn a_504_from_cloudfront_names_the_load_balancers_security_groups() {
    let url = "https://d111111abcdef8.cloudfront.net/api/health/";
    let answer = json!({"status": 504, "headers": {"via": "1.1 0a1b2c3d4e5f.cloudfront.net (CloudFront)", "x-cache": "Error from cloudfront"}});
    let run = deploy_sh(
        &Config::default(),
        "smoke-504",
        json!({"http": { url: answer }}),
        &["smoke"],
        "",
    );
    run.assert_failed_with(&[
        &format!("FAIL: {url}: CloudFront answered 504"),
        "the load balancer's security groups (sg-0a1b2c3d4e5f60718,sg-0f1e2d3c4b5a69788) do not admit HTTPS from CloudFront's VPC origin",
        "aws ec2 describe-security-groups --region ap-northeast-1 --group-ids sg-0a1b2c3d4e5f60718 sg-0f1e2d3c4b5a69788",
        "--filters Name=vpc-id,Values=vpc-0e1f2a3b4c5d6e7f8",
    ]);
    // It retried before concluding: a new distribution answers 5xx for a while.
    assert_eq!(
        run.calls(&format!("curl -sS --max-time 15 -o /dev/null -D - {url}"))
            .len(),
        10
    );

    // A 5xx that clears up is not a failure.
    let answers = json!([{"status": 503}, {"status": 200, "headers": {"via": "1.1 x.cloudfront.net (CloudFront)"}}]);
    deploy_sh(
        &Config::default(),
        "smoke-503-then-200",
        json!({"http": { url: answers }}),
        &["smoke"],
        "",
    )
    .assert_ok();
}

fn eni(id: &str, status: &str, description: &str) -> Value {
    json!({"NetworkInterfaceId": id, "Status": status, "InterfaceType": "interface", "Description": description, "VpcId": "vpc-0e1f2a3b4c5d6e7f8"})
}

fn leftovers() -> Value {
    let origin = eni("eni-0cf0000000000001", "in-use", "CloudFront VPC origin");
    let detached = eni("eni-0cf0000000000002", "available", "CloudFront VPC origin");
    let mut groups = account()["security_groups"].clone();
    groups.as_array_mut().unwrap().push(json!({
        "GroupId": "sg-0cf0000000000009", "GroupName": "CloudFront-VPCOrigins-Service-SG",
        "Description": "CloudFront VPC origins", "VpcId": "vpc-0e1f2a3b4c5d6e7f8"
    }));
    json!({"network_interfaces": [[origin.clone(), detached.clone()], [origin, detached.clone()], [detached]], "security_groups": groups})
}

#[test]
fn teardown_waits_for_leftover_interfaces_and_deletes_them_only_when_asked() {
    let config = Config::default();
    let run = deploy_sh(
        &config,
        "teardown-leftovers",
        leftovers(),
        &["teardown"],
        "delete\nempty\ndelete\n",
    );
    run.assert_ok();
    run.assert_says(&[
        "not created by this design's stacks",
        "eni-0cf0000000000002\tavailable\tinterface\tCloudFront VPC origin",
        "sg-0cf0000000000009\tCloudFront-VPCOrigins-Service-SG",
        "aws ec2 delete-network-interface --region ap-northeast-1 --network-interface-id ID",
        "teardown complete",
    ]);
    let secondary = run.position("aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-express-secondary");
    let initial = run.position(
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-express-initial",
    );
    let detached = run.position("aws ec2 delete-network-interface --region ap-northeast-1 --network-interface-id eni-0cf0000000000002");
    let group = run.position(
        "aws ec2 delete-security-group --region ap-northeast-1 --group-id sg-0cf0000000000009",
    );
    let network = run.position(
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-express-vpc",
    );
    assert!(
        secondary < initial && initial < detached && detached < group && group < network,
        "{:?}",
        run.calls
    );
    assert_eq!(
        run.calls("aws ec2 describe-network-interfaces").len(),
        3,
        "it waited"
    );
    assert_eq!(
        run.calls("aws ec2 delete-").len(),
        2,
        "only what was listed and agreed to"
    );

    for (name, args, answers, says) in [
        (
            "teardown-leftovers-declined",
            &["teardown"][..],
            "delete\nempty\nno\n",
            "left in place; the network stack is not deleted",
        ),
        (
            "teardown-leftovers-yes",
            &["teardown", "--yes"][..],
            "",
            "not deleted: --yes does not cover what the stacks did not create",
        ),
    ] {
        let run = deploy_sh(&config, name, leftovers(), args, answers);
        run.assert_failed_with(&[says]);
        assert!(
            run.calls("aws ec2 delete-").is_empty(),
            "{name}: {:?}",
            run.calls
        );
        assert!(run.calls("aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-express-vpc").is_empty());
    }

    // Interfaces still in use after the wait: nothing to delete, run again later.
    let in_use = json!({"network_interfaces": [[eni("eni-0cf0000000000001", "in-use", "CloudFront VPC origin")]]});
    let run = deploy_sh(
        &config,
        "teardown-in-use",
        in_use,
        &["teardown"],
        "delete\nempty\n",
    );
    run.assert_failed_with(&["FAIL: interface(s) eni-0cf0000000000001 are still in use"]);
    assert_eq!(run.calls("aws ec2 describe-network-interfaces").len(), 20);
    assert!(run.calls("aws ec2 delete-").is_empty());
}

/// The NAT gateway's own interfaces (in use until the network stack deletes the gateway)
/// are told apart from leftovers by the gateway's id in their description: teardown does
/// not wait for them, list them or delete them. A load balancer's interface is requester-
/// managed too, so that flag cannot tell them apart.
#[test]
fn teardown_leaves_the_nat_gateways_own_interfaces_to_the_network_stack() {
    let nat = json!({
        "NetworkInterfaceId": "eni-0a7000000000000a", "Status": "in-use", "InterfaceType": "nat_gateway",
        "Description": "Interface for NAT Gateway nat-0a1b2c3d4e5f60718", "RequesterManaged": true,
        "VpcId": "vpc-0e1f2a3b4c5d6e7f8"
    });
    let run = deploy_sh(
        &Config::default(),
        "teardown-nat-interfaces",
        json!({"network_interfaces": [[nat.clone()]]}),
        &["teardown"],
        "delete\nempty\n",
    );
    run.assert_ok();
    assert_eq!(
        run.calls("aws ec2 describe-network-interfaces").len(),
        1,
        "no wait"
    );
    assert!(!run.text().contains("eni-0a7000000000000a"), "not listed");
    assert!(run.calls("aws ec2 delete-").is_empty());
    run.assert_says(&["ok: vpc-0e1f2a3b4c5d6e7f8 holds only the network stack's resources"]);
    // A load balancer's interface, requester-managed like the NAT's, is still waited for.
    let mut alb = eni(
        "eni-0a1b000000000001",
        "in-use",
        "ELB app/ecs-express-gateway-alb-1a2b3c4d/0a1b2c3d4e5f6071",
    );
    alb["RequesterManaged"] = json!(true);
    let run = deploy_sh(
        &Config::default(),
        "teardown-nat-and-alb-interfaces",
        json!({"network_interfaces": [[nat.clone(), alb.clone()], [nat]]}),
        &["teardown"],
        "delete\nempty\n",
    );
    run.assert_ok();
    assert_eq!(
        run.calls("aws ec2 describe-network-interfaces").len(),
        2,
        "it waited for the load balancer's"
    );
}

#[test]
fn teardown_deletes_nothing_without_confirmation() {
    let run = deploy_sh(
        &Config::default(),
        "teardown-unconfirmed",
        json!({}),
        &["teardown"],
        "yes\n",
    );
    run.assert_failed_with(&["nothing deleted"]);
    assert!(run.calls("aws cloudformation delete-stack").is_empty());
}

#[test]
fn teardown_empties_the_access_log_bucket_only_after_confirmation() {
    let config = example("hardened-custom-domain");
    let bucket = account()["stacks"]["hardened-web"]["outputs"]["AccessLogBucketName"]
        .as_str()
        .unwrap()
        .to_string();
    let run = deploy_sh(
        &config,
        "teardown-bucket",
        json!({}),
        &["teardown"],
        "delete\nempty\n",
    );
    run.assert_ok();
    run.assert_says(&[&format!(
        "aws s3 sync s3://{bucket} ./access-logs --region ap-northeast-1"
    )]);
    let read = run.position("aws cloudformation describe-stacks --region ap-northeast-1 --stack-name hardened-web --query 'Stacks[0].Outputs[?OutputKey=='\"'\"'AccessLogBucketName'\"'\"'].OutputValue | [0]' --output text");
    let static_stack = run.position(
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name hardened-static",
    );
    let empty = run.position(&format!(
        "aws s3 rm s3://{bucket} --recursive --region ap-northeast-1 --only-show-errors"
    ));
    let initial = run.position(
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name hardened-web",
    );
    let network = run.position(
        "aws cloudformation delete-stack --region ap-northeast-1 --stack-name hardened-vpc",
    );
    let global = run.position("aws cloudformation delete-stack --region us-east-1 --stack-name hardened-vpc-ap-northeast-1-global");
    assert!(
        read < static_stack
            && static_stack < empty
            && empty < initial
            && initial < network
            && network < global,
        "{:?}",
        run.calls
    );
    assert_eq!(
        run.calls("aws ec2 describe-network-interfaces").len(),
        1,
        "nothing was left in the VPC: no waiting"
    );

    let run = deploy_sh(
        &config,
        "teardown-bucket-kept",
        json!({}),
        &["teardown"],
        "delete\nno\n",
    );
    run.assert_failed_with(&["nothing deleted: the bucket keeps its logs"]);
    assert!(run.calls("aws s3 rm").is_empty());
    assert!(run.calls("aws cloudformation delete-stack").is_empty());
}

#[test]
fn push_image_pushes_the_test_app_to_the_callers_ecr_only() {
    let mut config = Config::default();
    let mut third = config.services[0].clone();
    third.name = "third".into();
    third.image = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/team/api:v2".into();
    let mut fourth = third.clone();
    fourth.name = "fourth".into();
    fourth.image = "111122223333.dkr.ecr.us-west-2.amazonaws.com/shared/app:1".into();
    let mut fifth = third.clone();
    fifth.name = "fifth".into();
    fifth.image = "210987654321.dkr.ecr.us-west-2.amazonaws.com/mine/app:3".into();
    config.services.extend([third, fourth, fifth]);
    let run = run_stubbed(
        None,
        &config,
        "push-image",
        json!({}),
        "test-app/push-image.sh",
        &[],
        "",
        true,
    );
    run.assert_ok();
    assert_eq!(run.calls("aws sts get-caller-identity").len(), 1);
    assert_eq!(
        run.calls("docker push"),
        [
            "docker push 210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-express-test:latest",
            "docker push 210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/team/api:v2",
            "docker push 210987654321.dkr.ecr.us-west-2.amazonaws.com/mine/app:3",
        ]
    );
    // The repository that exists is reused, the others are created.
    assert_eq!(
        run.calls("aws ecr create-repository"),
        [
            "aws ecr create-repository --region ap-northeast-1 --repository-name team/api --image-scanning-configuration scanOnPush=true",
            "aws ecr create-repository --region us-west-2 --repository-name mine/app --image-scanning-configuration scanOnPush=true",
        ]
    );
    run.assert_says(&["skip: 111122223333.dkr.ecr.us-west-2.amazonaws.com/shared/app:1 is in account 111122223333's ECR, and these credentials are account 210987654321's"]);
}

/// The design's secrets, parameters, buckets and tables are checked before anything is
/// deployed, without reading any value: describe-secret, describe-parameters (by name),
/// head-bucket with the expected owner, describe-table.
#[test]
fn the_preflight_finds_each_secret_parameter_bucket_and_table() {
    let config = example("application-settings");
    let ready = json!({
        "secrets": ["arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:shop/db-Xy12Ab"],
        "parameters": {"ap-northeast-1": ["/shop/api-key", "/shop/sentry-dsn"]},
        "buckets": {"shop-uploads-210987654321": "210987654321"},
        "tables": ["arn:aws:dynamodb:ap-northeast-1:210987654321:table/Orders"],
    });
    let run = deploy_sh(
        &config,
        "application-ready",
        ready.clone(),
        &["preflight"],
        "",
    );
    run.assert_ok();
    run.assert_says(&[
        "ok: secret arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:shop/db-Xy12Ab (services[0].secrets[0], DB_PASSWORD) exists",
        "ok: parameter /shop/api-key (services[0].secrets[1], API_KEY) exists in ap-northeast-1",
        "ok: parameter /shop/sentry-dsn (services[0].secrets[2], SENTRY_DSN) exists in ap-northeast-1",
        "ok: bucket shop-uploads-210987654321 exists in account 210987654321",
        "ok: table arn:aws:dynamodb:ap-northeast-1:210987654321:table/Orders exists",
    ]);
    // The table of the second service is the same one: checked once.
    assert_eq!(run.calls("aws dynamodb describe-table").len(), 1);
    // No call may read a value.
    assert!(run.calls("aws secretsmanager get-secret-value").is_empty());
    assert!(run.calls("aws ssm get-parameter").is_empty());
    for (name, patch, says) in [
        (
            "application-no-secret",
            json!({"secrets": []}),
            "FAIL: secret arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:shop/db-Xy12Ab (services[0].secrets[0], DB_PASSWORD) cannot be found in ap-northeast-1",
        ),
        (
            "application-no-parameter",
            json!({"parameters": {"ap-northeast-1": ["/shop/api-key"]}}),
            "FAIL: parameter /shop/sentry-dsn (services[0].secrets[2], SENTRY_DSN) does not exist in ap-northeast-1",
        ),
        (
            "application-foreign-bucket",
            json!({"buckets": {"shop-uploads-210987654321": "111111111111"}}),
            "FAIL: bucket shop-uploads-210987654321 (services[].permissions) is not a bucket of account 210987654321",
        ),
        (
            "application-no-table",
            json!({"tables": []}),
            "FAIL: table arn:aws:dynamodb:ap-northeast-1:210987654321:table/Orders (services[].permissions) cannot be found in ap-northeast-1",
        ),
    ] {
        let mut patch_all = ready.clone();
        merge(&mut patch_all, &patch);
        let run = deploy_sh(&config, name, patch_all, &["preflight"], "");
        run.assert_failed_with(&[says, "nothing was deployed"]);
    }
}

/// The test app lists the names of the variables its task got (never a value); the smoke
/// test checks that every variable and secret of the service is among them.
#[test]
fn smoke_checks_that_each_variable_and_secret_reached_the_task() {
    let mut config = Config::default();
    config.services[0].app.environment = vec![EnvVar {
        name: "NODE_ENV".into(),
        value: Some("production".into()),
    }];
    config.services[0].app.secrets = vec![SecretVar {
        name: "DB_PASSWORD".into(),
        value_from: "/app/db-password".into(),
    }];
    let config_url = "https://d111111abcdef8.cloudfront.net/api/config/";
    let answer = |names: &[&str]| {
        json!({"http": {config_url: {"status": 200, "headers": {},
            "body": json!({"variables": names}).to_string()}}})
    };
    let run = deploy_sh(
        &config,
        "smoke-config",
        answer(&["DB_PASSWORD", "HOSTNAME", "NODE_ENV", "PATH"]),
        &["smoke"],
        "",
    );
    run.assert_says(&["ok: the task got its variables and secrets (NODE_ENV DB_PASSWORD)"]);
    let run = deploy_sh(
        &config,
        "smoke-config-missing",
        answer(&["HOSTNAME", "NODE_ENV", "PATH"]),
        &["smoke"],
        "",
    );
    run.assert_failed_with(&["FAIL: the task did not get DB_PASSWORD"]);
}

/// A variable's value is in the templates (and the design) only: not in DEPLOY.md, COST.md,
/// architecture.svg, deploy.sh or the test app. Nor is a command argument.
#[test]
fn values_appear_nowhere_but_the_templates() {
    use stackdraft::engine::bundle::{bundle_entries, FileKind};
    let mut config = example("application-settings");
    let values = ["v4lue-zeta-0001", "v4lue-zeta-0002"];
    config.services[0].app.environment[0].value = Some(values[0].into());
    config.services[0].app.command = vec!["--token".into(), values[1].into()];
    let entries = bundle_entries(&config, None).expect("the example is valid");
    let mut templates_with_values = 0;
    for entry in entries {
        let text = String::from_utf8_lossy(&entry.file.bytes).to_string();
        let holds = values.iter().any(|v| text.contains(v));
        match entry.kind {
            FileKind::Template | FileKind::Config | FileKind::Baseline => {
                templates_with_values += usize::from(holds)
            }
            FileKind::Kit => assert!(!holds, "{} holds a value", entry.file.path),
        }
    }
    // The initial service's template and the design hold them.
    assert_eq!(templates_with_values, 2);
}
