//! The `stackdraft` command as a user runs it: outputs, streams, exit codes, help, the
//! JSON report, completions and the man page; nothing panics.
//! Regenerate the golden JSON reports (`tests/cli-json/`) after an intended change with
//! `STACKDRAFT_BLESS=1 cargo test --test cli`.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};
use stackdraft::engine::bundle::{bundle_entries, bundle_zip, FileKind};
use stackdraft::engine::message::{Code, Message};
use stackdraft::engine::{file_open, link};
use stackdraft::{validate, Config, FieldError};

const SUBCOMMANDS: [&str; 10] = [
    "defaults",
    "check",
    "render",
    "zip",
    "link",
    "open",
    "cost",
    "diff",
    "completions",
    "man",
];

/// Runs `stackdraft` in `dir` with `stdin` on its standard input.
fn stackdraft_in(dir: &Path, args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackdraft"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.as_ref().to_vec();
    // A writer thread, so that a large input cannot block against a full output pipe.
    let writer = std::thread::spawn(move || {
        input.write_all(&stdin).ok();
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn stackdraft(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    stackdraft_in(Path::new(env!("CARGO_TARGET_TMPDIR")), args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn default_config_path() -> PathBuf {
    common::templates_dir().join("default/stackdraft.json")
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A usage error: exit 2, nothing on standard output, the error, the subcommand's usage
/// and the pointer to --help on standard error.
fn assert_usage_error(out: &Output, usage: &str, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}: {}", text(&out.stdout));
    assert!(err.starts_with("error: "), "{what}: {err}");
    assert!(err.contains(&format!("Usage: {usage}")), "{what}: {err}");
    assert!(
        err.trim_end()
            .ends_with("For more information, try '--help'."),
        "{what}: {err}"
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
}

// ---------------------------------------------------------------------------------------
// Outputs

#[test]
fn defaults_prints_the_default_design() {
    let out = stackdraft(&["defaults"], "");
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), Config::default().to_pretty_json());
    assert!(out.stderr.is_empty());
}

#[test]
fn render_writes_the_golden_templates_and_says_so_on_stderr() {
    for dir in common::example_dirs() {
        let out_dir = tmp(&format!(
            "render-{}",
            dir.file_name().unwrap().to_string_lossy()
        ));
        let config = dir.join("stackdraft.json");
        let out = stackdraft(
            &[
                "render",
                config.to_str().unwrap(),
                "--out",
                out_dir.to_str().unwrap(),
            ],
            "",
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
        let mut written = 0;
        for entry in std::fs::read_dir(&out_dir).unwrap() {
            let path = entry.unwrap().path();
            let golden = dir.join(path.file_name().unwrap());
            assert_eq!(
                std::fs::read(&path).unwrap(),
                std::fs::read(&golden).unwrap(),
                "{}",
                path.display()
            );
            assert!(text(&out.stderr).contains(&format!("wrote {}\n", path.display())));
            written += 1;
        }
        assert_eq!(
            written,
            stackdraft::stack_ids(&common::load_example(&dir)).len()
        );
    }
}

#[test]
fn check_reports_every_error_with_its_path_and_exit_1() {
    let json = Config::default()
        .to_pretty_json()
        .replace("\"192.168.0.0/18\"", "\"192.168.1.0/18\"")
        .replace("\"port\": 3000,", "\"port\": 0,");
    let out = stackdraft(&["check", "-"], &json);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("error: network.cidr: has host bits set"),
        "{err}"
    );
    assert!(err.contains("error: services[0].port: is 0"), "{err}");
    assert!(err.contains("error: services[1].port: is 0"), "{err}");
    assert!(err.contains("3 errors in the design"), "{err}");

    let ok = stackdraft(&["check", "-"], Config::default().to_pretty_json());
    assert!(ok.status.success());
    assert!(ok.stdout.is_empty(), "the ok note is a message, not data");
    let err = text(&ok.stderr);
    assert!(
        err.ends_with("ok: the design is valid (4 stacks)\n"),
        "{err}"
    );
}

#[test]
fn check_prints_the_reviews_warnings_and_strict_fails_on_them() {
    let design = Config::default().to_pretty_json();
    let expected: Vec<String> = stackdraft::engine::review::review(&Config::default())
        .iter()
        .map(|w| format!("warning: {}: {}", w.path, w.message))
        .collect();
    assert_eq!(
        expected,
        [format!(
            "warning: services[0].cloudfront.host: {}",
            stackdraft::engine::message::Message::default_certificate()
        )],
        "the default design's one warning: only the user can give it a domain"
    );
    let out = stackdraft(&["check", "-"], &design);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [expected[0].as_str(), "ok: the design is valid (4 stacks)"]
    );

    let strict = stackdraft(&["check", "--strict", "-"], &design);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).ends_with("1 warning in the design (--strict)\n"));
    let json = stackdraft(&["check", "--strict", "--format", "json", "-"], &design);
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        report["valid"], true,
        "warnings do not make a design invalid"
    );
    assert_eq!(report["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(report["warnings"][0]["path"], "services[0].cloudfront.host");
    assert_eq!(report["warnings"][0]["code"], "default-certificate");

    // A design with no warnings passes --strict.
    let mut quiet = Config::default();
    quiet.services[0].cloudfront.enabled = false;
    assert!(stackdraft::engine::review::review(&quiet).is_empty());
    let out = stackdraft(&["check", "--strict", "-"], quiet.to_pretty_json());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn cost_prints_the_estimate_as_markdown_or_json() {
    let design = Config::default().to_pretty_json();
    let estimate = stackdraft::engine::cost::estimate(&stackdraft::engine::cost::from_config(
        &Config::default(),
    ));
    let out = stackdraft(&["cost", "-"], &design);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        stackdraft::engine::cost::report::markdown(&estimate)
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let json = stackdraft(&["cost", "--format", "json", "-"], &design);
    assert!(json.status.success());
    assert_eq!(
        text(&json.stdout),
        stackdraft::engine::cost::report::json(&estimate)
    );
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["format"], 1);
    // The zip's COST.md is the same text.
    let dir = tmp("cost-zip");
    let zip = dir.join("design.zip");
    let out = stackdraft(
        &["render", "-", "--out", dir.to_str().unwrap(), "--kit"],
        &design,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join("COST.md")).unwrap(),
        stackdraft::engine::cost::report::markdown(&estimate)
    );
    let _ = zip;
    // An invalid design has no estimate.
    let bad = stackdraft(
        &["cost", "-"],
        design.replace("\"port\": 3000,", "\"port\": 0,"),
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
}

/// `diff BASE NEW`: the prediction on standard output; blockers are not an error unless
/// `--strict` (exit 3); an invalid design exits 1 and says which; both from standard input is
/// a usage error.
#[test]
fn diff_predicts_the_update_and_strict_fails_on_blockers() {
    let dir = tmp("diff");
    let base = default_config_path();
    let mut config: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    config["network"]["cidr"] = json!("10.0.0.0/18");
    config["network"]["subnets"] = json!(["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]);
    let new = dir.join("new.json");
    std::fs::write(&new, config.to_string()).unwrap();
    let (base, new) = (base.to_str().unwrap(), new.to_str().unwrap());

    let same = stackdraft(&["diff", base, base], "");
    assert_eq!(same.status.code(), Some(0));
    assert!(
        text(&same.stdout).starts_with("No changes"),
        "{}",
        text(&same.stdout)
    );

    let out = stackdraft(&["diff", base, new], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Refused as it stands:\n"), "{shown}");
    assert!(
        shown.contains("  replace  VPC (AWS::EC2::VPC): CidrBlock\n"),
        "{shown}"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    let strict = stackdraft(&["diff", "--strict", base, new], "");
    assert_eq!(strict.status.code(), Some(3));
    assert_eq!(text(&strict.stderr), "1 blocker (--strict)\n");

    let json_out = stackdraft(&["diff", "--format", "json", base, new], "");
    assert_eq!(json_out.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(document["format"], 1);
    assert_eq!(document["blockers"][0]["kind"], "export-in-use");

    // NEW from standard input.
    let piped = stackdraft(&["diff", base, "-"], config.to_string());
    assert_eq!(piped.stdout, out.stdout);

    let mut broken = config.clone();
    broken["network"]["cidr"] = json!("10.0.0.0/99");
    let invalid = stackdraft(&["diff", base, "-"], broken.to_string());
    assert_eq!(invalid.status.code(), Some(1));
    assert!(invalid.stdout.is_empty());
    let err = text(&invalid.stderr);
    assert!(
        err.starts_with("error: NEW is not a valid design:\nerror: network.cidr: "),
        "{err}"
    );

    let both = stackdraft(&["diff", "-", "-"], "");
    assert_eq!(both.status.code(), Some(2));
    assert!(text(&both.stderr).contains("both standard input"));
}

#[test]
fn render_of_an_invalid_design_writes_nothing() {
    let out_dir = tmp("invalid");
    let out = stackdraft(
        &["render", "-", "--out", out_dir.join("x").to_str().unwrap()],
        "{\"version\": 1}",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&Message::missing_field("region").to_string()),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("nothing was written"));
    assert!(!out_dir.join("x").exists());
}

#[test]
fn link_and_open_round_trip_also_through_stdin() {
    let json = Config::default()
        .to_pretty_json()
        .replace("ecs-express-vpc", "shared-network");
    let out = stackdraft(
        &["link", "-", "--base", "https://stackdraft.example/"],
        &json,
    );
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_string();
    assert!(
        link.starts_with("https://stackdraft.example/#v4="),
        "{link}"
    );
    let opened = stackdraft(&["open", &link], "");
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    assert_eq!(text(&opened.stdout), json);

    // `open -` reads the link from standard input, as `echo` or a file would give it.
    let piped = stackdraft(&["open", "-"], format!("{link}\n"));
    assert!(piped.status.success(), "{}", text(&piped.stderr));
    assert_eq!(text(&piped.stdout), json);

    let broken = stackdraft(&["open", &link[..link.len() - 7]], "");
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken.stderr).starts_with("error: the link"));
    let broken = stackdraft(&["open", "-"], &link[..link.len() - 7]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken.stderr).starts_with("error: the link"));
    let huge = stackdraft(&["open", "-"], vec![b'A'; 3 << 20]);
    assert_eq!(huge.status.code(), Some(1));
    assert!(
        text(&huge.stderr).contains("far more than a share link"),
        "{}",
        text(&huge.stderr)
    );
}

#[test]
fn open_prints_an_invalid_design_and_its_errors() {
    let mut config = Config::default();
    config.services[0].port = 0;
    let link = link::encode(&config);
    let out = stackdraft(&["open", &link], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), config.to_pretty_json());
    assert!(text(&out.stderr).contains("error: services[0].port: is 0"));
}

#[test]
fn odd_input_never_panics() {
    for input in [
        "",
        "null",
        "[]",
        "{}",
        "\u{0}\u{1}",
        &"[".repeat(100_000),
        "{\"version\": 1e400}",
        "{\"version\": -1}",
    ] {
        let out = stackdraft(&["check", "-"], input);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{input:.20}: {}",
            text(&out.stderr)
        );
        assert!(!text(&out.stderr).contains("panicked"));
    }
    let bytes = vec![0xffu8, 0xfe, 0x00];
    let out = stackdraft(&["check", "-"], &bytes);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("UTF-8"));
}

#[test]
fn zip_writes_the_pages_bundle_and_render_kit_writes_its_files() {
    let dir = tmp("zip");
    let config_path = default_config_path();
    let zip_path = dir.join("design.zip");
    let out = stackdraft(
        &[
            "zip",
            config_path.to_str().unwrap(),
            "--out",
            zip_path.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&zip_path).unwrap();
    assert_eq!(bytes, bundle_zip(&Config::default(), None).unwrap());
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "wrote {} ({} bytes)\n",
            zip_path.display(),
            bytes.len()
        )),
        "{err}"
    );
    assert!(
        err.lines().skip(1).all(|l| l.starts_with("warning: ")),
        "after the note only the review's warnings: {err}"
    );

    // Python's zipfile reads it back: every template, the config and the kit, with modes.
    let listing = Command::new("python3")
        .args(["-c", "import sys,zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, oct(i.external_attr >> 16), zipfile.ZipFile(sys.argv[1]).read(i).__len__())", zip_path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(listing.status.success(), "{}", text(&listing.stderr));
    let listing = text(&listing.stdout);
    for (name, mode) in [
        ("ecs-express-vpc.yaml", "0o100644"),
        ("ecs-express-initial.yaml", "0o100644"),
        ("ecs-express-secondary.yaml", "0o100644"),
        ("stackdraft.json", "0o100644"),
        ("deploy.sh", "0o100755"),
        ("DEPLOY.md", "0o100644"),
        ("architecture.svg", "0o100644"),
        ("test-app/server.js", "0o100644"),
        ("test-app/push-image.sh", "0o100755"),
    ] {
        assert!(
            listing
                .lines()
                .any(|l| l.starts_with(&format!("{name} {mode} "))),
            "{name} {mode} missing:\n{listing}"
        );
    }

    let kit_dir = dir.join("kit");
    let out = stackdraft(
        &[
            "render",
            config_path.to_str().unwrap(),
            "--out",
            kit_dir.to_str().unwrap(),
            "--kit",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let entries = bundle_entries(&Config::default(), None).unwrap();
    for entry in &entries {
        let file = &entry.file;
        let written = kit_dir.join(&file.path);
        if entry.kind == FileKind::Config {
            assert!(!written.exists(), "render --kit writes no {}", file.path);
            continue;
        }
        assert_eq!(
            std::fs::read(&written).unwrap(),
            file.bytes,
            "{}",
            file.path
        );
    }
    let mut expected: Vec<String> = entries
        .iter()
        .filter(|e| e.kind != FileKind::Config)
        .map(|e| e.file.path.split('/').next().unwrap().to_string())
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(dir_entries(&kit_dir), expected);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(kit_dir.join("deploy.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0o111, "deploy.sh is executable");
}

/// `--base`: the zip and `render --kit` made against the design as deployed hold it as
/// baseline.json and the prediction as UPDATE.md, byte for byte the bundle the page makes
/// with that baseline; a base with errors stops with them, and two standard inputs are a
/// usage error.
#[test]
fn zip_and_render_kit_with_a_base_hold_the_baseline_and_the_prediction() {
    let dir = tmp("zip-base");
    let config = Config::default();
    let mut base = config.clone();
    base.services[0].cpu = 512;
    let base_path = dir.join("deployed.json");
    std::fs::write(&base_path, base.to_pretty_json()).unwrap();
    let config_path = default_config_path();
    let zip_path = dir.join("design.zip");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = vec![config_path.to_str().unwrap().into()];
        args.extend(extra.iter().map(|a| a.to_string()));
        args.extend(["--base".into(), base_path.to_str().unwrap().into()]);
        args
    };
    let zip_args = [
        vec!["zip".to_string()],
        args(&["--out", zip_path.to_str().unwrap()]),
    ]
    .concat();
    let out = stackdraft(&zip_args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let prediction = stackdraft::engine::update::diff::diff_designs(&base, &config).unwrap();
    let update = stackdraft::engine::kit::Update {
        base: &base,
        prediction: &prediction,
    };
    assert_eq!(
        std::fs::read(&zip_path).unwrap(),
        bundle_zip(&config, Some(&update)).unwrap()
    );
    let entries = bundle_entries(&config, Some(&update)).unwrap();
    let baseline = entries
        .iter()
        .find(|e| e.kind == FileKind::Baseline)
        .expect("the bundle holds the baseline");
    assert_eq!(baseline.file.path, "baseline.json");
    assert_eq!(
        Config::from_json(&text(&baseline.file.bytes)).unwrap(),
        base
    );
    let update_md = entries
        .iter()
        .find(|e| e.file.path == "UPDATE.md")
        .expect("the bundle holds the prediction");
    assert!(text(&update_md.file.bytes)
        .contains("  modify   ExpressModeService (AWS::ECS::ExpressGatewayService): Cpu"));

    let kit_dir = dir.join("kit");
    let render_args = [
        vec!["render".to_string()],
        args(&["--out", kit_dir.to_str().unwrap(), "--kit"]),
    ]
    .concat();
    let out = stackdraft(
        &render_args.iter().map(String::as_str).collect::<Vec<_>>(),
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    for name in ["baseline.json", "UPDATE.md", "deploy.sh"] {
        let file = &entries.iter().find(|e| e.file.path == name).unwrap().file;
        assert_eq!(
            std::fs::read(kit_dir.join(name)).unwrap(),
            file.bytes,
            "{name}"
        );
    }

    // A base with an error: reported as the base's, nothing written.
    let mut broken = base.clone();
    broken.network.cidr = "10.0.0.0/33".into();
    std::fs::write(&base_path, broken.to_pretty_json()).unwrap();
    std::fs::remove_file(&zip_path).unwrap();
    let out = stackdraft(&zip_args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: --base is not a valid design:\n"),
        "{err}"
    );
    assert!(err.contains("network.cidr"), "{err}");
    assert!(!zip_path.exists());

    let out = stackdraft(
        &[
            "zip",
            "-",
            "--out",
            zip_path.to_str().unwrap(),
            "--base",
            "-",
        ],
        "{}",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("CONFIG and --base are both standard input"));
}

/// Issue 30: a warning the design accepts is a `note:` with its reason, not a warning:
/// `check --strict` passes on it, and the JSON lists it under `accepted`. An acceptance
/// whose warning no longer occurs is a note too; the open warning still fails --strict.
#[test]
fn check_lists_accepted_warnings_apart_and_strict_fails_only_on_open_ones() {
    let dir = tmp("accepted");
    let mut config = Config::default();
    config
        .review
        .accepted
        .push(stackdraft::engine::config::Acceptance {
            code: "default-certificate".into(),
            path: "services[0].cloudfront.host".into(),
            reason: "an internal tool".into(),
        });
    let path = dir.join("accepted.json");
    std::fs::write(&path, config.to_pretty_json()).unwrap();
    let out = stackdraft(&["check", path.to_str().unwrap(), "--strict"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "note: accepted: services[0].cloudfront.host: {} (reason: an internal tool)\n",
            Message::default_certificate()
        )),
        "{err}"
    );
    assert!(!err.contains("warning: "), "{err}");
    let out = stackdraft(&["check", path.to_str().unwrap(), "--format", "json"], "");
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(document["warnings"], json!([]));
    assert_eq!(
        document["accepted"],
        json!([{
            "path": "services[0].cloudfront.host",
            "code": "default-certificate",
            "message": Message::default_certificate().to_string(),
            "reason": "an internal tool"
        }])
    );

    config.review.accepted[0].code = "no-access-logs".into();
    config.review.accepted[0].path = "edge.access_logs".into();
    std::fs::write(&path, config.to_pretty_json()).unwrap();
    let out = stackdraft(&["check", path.to_str().unwrap(), "--strict"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("warning: services[0].cloudfront.host: "),
        "{err}"
    );
    assert!(
        err.contains("note: review.accepted[0]: accepts no-access-logs at edge.access_logs, which the review no longer raises: the acceptance can go"),
        "{err}"
    );
}

/// Issue 30 §5: a usage figure out of range turns off only the estimate: `check` and `zip`
/// warn (exit 0, the zip written), `cost` refuses with the error.
#[test]
fn a_usage_figure_out_of_range_is_a_warning_except_for_cost() {
    let dir = tmp("usage-figure");
    let mut config = Config::default();
    config.usage.requests_per_month = -1;
    let path = dir.join("usage.json");
    std::fs::write(&path, config.to_pretty_json()).unwrap();
    let expected = format!(
        "usage.requests_per_month: {}",
        Message::usage_out_of_range(-1, stackdraft::engine::validate::MAX_USAGE)
    );
    let out = stackdraft(&["check", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&format!("warning: {expected}")));
    let zip_path = dir.join("usage.zip");
    let out = stackdraft(
        &[
            "zip",
            path.to_str().unwrap(),
            "--out",
            zip_path.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(zip_path.exists());
    let out = stackdraft(&["cost", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&format!("error: {expected}")),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn zip_to_stdout_writes_the_bundle_and_no_file() {
    let dir = tmp("zip-stdout");
    let config = default_config_path();
    let out = stackdraft_in(&dir, &["zip", config.to_str().unwrap(), "--out", "-"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, bundle_zip(&Config::default(), None).unwrap());
    assert!(
        text(&out.stderr)
            .lines()
            .all(|l| l.starts_with("warning: ")),
        "only the review's warnings on stderr: {}",
        text(&out.stderr)
    );
    assert!(
        dir_entries(&dir).is_empty(),
        "no file named '-': {:?}",
        dir_entries(&dir)
    );

    // From standard input to standard output, as in a pipeline.
    let piped = stackdraft_in(
        &dir,
        &["zip", "-", "--out", "-"],
        Config::default().to_pretty_json(),
    );
    assert!(piped.status.success(), "{}", text(&piped.stderr));
    assert_eq!(piped.stdout, out.stdout);
}

#[test]
fn zip_to_stdout_refuses_a_terminal() {
    // python3's pty gives the command a terminal as its standard output.
    let config = default_config_path();
    let out = Command::new("python3")
        .args([
            "-c",
            "import os, pty, sys\nsys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))",
            env!("CARGO_BIN_EXE_stackdraft"),
            "zip",
            config.to_str().unwrap(),
            "--out",
            "-",
        ])
        .current_dir(tmp("zip-terminal"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("would write the zip to the terminal"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "{shown}");
}

#[test]
fn render_refuses_stdout_with_a_reason() {
    let dir = tmp("render-stdout");
    let config = default_config_path();
    let out = stackdraft_in(
        &dir,
        &["render", config.to_str().unwrap(), "--out", "-"],
        "",
    );
    assert_usage_error(&out, "stackdraft render", "render --out -");
    assert!(
        text(&out.stderr).contains("one template per stack"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("zip --out -"));
    assert!(dir_entries(&dir).is_empty());
}

// ---------------------------------------------------------------------------------------
// Reading files: the CLI and the page give the same result

/// What the page makes of a file (`src/app/open.rs`): the size is checked before it is
/// read, then `Config::from_file_bytes`, then the design is validated.
fn page_opens(bytes: &[u8]) -> Result<(Config, Vec<FieldError>), FieldError> {
    if let Some(problem) = file_open::file_size_problem(bytes.len() as f64) {
        return Err(FieldError::new("", problem));
    }
    let config = Config::from_file_bytes(bytes)?;
    let errors = validate(&config);
    Ok((config, errors))
}

/// Each error of a JSON report as (path, code, message).
fn json_errors(report: &Value) -> Vec<(String, String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |key: &str| e[key].as_str().unwrap().to_string();
            (field("path"), field("code"), field("message"))
        })
        .collect()
}

/// A field error as a JSON report holds it.
fn as_reported(error: &FieldError) -> (String, String, String) {
    (
        error.path.clone(),
        error.message.code().id().to_string(),
        error.message.to_string(),
    )
}

fn cli_and_page_agree(name: &str, path: &Path, bytes: &[u8]) {
    let page = page_opens(bytes);
    let expected_errors: Vec<_> = match &page {
        Ok((_, errors)) => errors.iter().map(as_reported).collect(),
        Err(error) => vec![as_reported(error)],
    };
    let by_path = stackdraft(&["check", "--format", "json", path.to_str().unwrap()], "");
    let by_stdin = stackdraft(&["check", "--format", "json", "-"], bytes);
    for (how, out) in [("file", &by_path), ("stdin", &by_stdin)] {
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{name} ({how}): {e}: {}", text(&out.stderr)));
        assert_eq!(json_errors(&report), expected_errors, "{name} ({how})");
        assert_eq!(
            report["valid"],
            expected_errors.is_empty(),
            "{name} ({how})"
        );
        let code = if expected_errors.is_empty() { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(code), "{name} ({how})");
    }
    // A design that opens is the same design: its link decodes to what the page read.
    if let Ok((config, errors)) = page {
        if errors.is_empty() {
            let out = stackdraft(&["link", path.to_str().unwrap()], "");
            assert!(out.status.success(), "{name}: {}", text(&out.stderr));
            assert_eq!(link::decode(&text(&out.stdout)).unwrap(), config, "{name}");
        }
    }
}

#[test]
fn every_file_open_fixture_reads_the_same_in_the_cli_and_the_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/file_open");
    let mut outcomes = (0, 0, 0);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        cli_and_page_agree(&name, &path, &bytes);
        match page_opens(&bytes) {
            Ok((_, errors)) if errors.is_empty() => outcomes.0 += 1,
            Ok(_) => outcomes.1 += 1,
            Err(_) => outcomes.2 += 1,
        }
    }
    // The corpus has valid designs, invalid ones and files that are not designs.
    assert!(
        outcomes.0 >= 3 && outcomes.1 >= 3 && outcomes.2 >= 3,
        "{outcomes:?}"
    );

    // And past the size cap, which no committed fixture reaches.
    let big_dir = tmp("big");
    let big = big_dir.join("big.json");
    let bytes = vec![b' '; 3 * 1024 * 1024];
    std::fs::write(&big, &bytes).unwrap();
    cli_and_page_agree("3 MiB of spaces", &big, &bytes);
}

#[test]
fn a_file_saved_with_a_byte_order_mark_opens() {
    let dir = tmp("bom");
    let path = dir.join("stackdraft.json");
    let bytes = [
        b"\xEF\xBB\xBF".as_slice(),
        Config::default().to_pretty_json().as_bytes(),
    ]
    .concat();
    std::fs::write(&path, bytes).unwrap();
    let out = stackdraft(&["check", path.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn a_big_or_binary_file_is_refused_with_the_pages_message() {
    let dir = tmp("refused");
    let big = dir.join("video.mp4");
    std::fs::write(&big, vec![0u8; 3_000_000]).unwrap();
    let out = stackdraft(&["check", big.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let problem = file_open::file_size_problem(3_000_000.0).unwrap();
    assert_eq!(problem, Message::file_too_large("3.0", 1024));
    assert!(
        text(&out.stderr).contains(&problem.to_string()),
        "{}",
        text(&out.stderr)
    );
    let image = dir.join("photo.jpg");
    std::fs::write(&image, [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    let out = stackdraft(&["check", image.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the file is not text"));
}

// ---------------------------------------------------------------------------------------
// The JSON report

/// Compares a report with its golden file, `tests/cli-json/<name>.json`.
fn assert_golden(name: &str, report: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli-json")
        .join(format!("{name}.json"));
    if std::env::var_os("STACKDRAFT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, report).unwrap();
        return;
    }
    let golden = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        text(report),
        text(&golden),
        "{} differs (run STACKDRAFT_BLESS=1 cargo test --test cli if intended)",
        path.display()
    );
}

/// The document's shape, as the README documents it.
fn assert_schema(report: &Value) {
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["accepted", "errors", "files", "format", "notes", "valid", "warnings"]
    );
    assert_eq!(report["format"], 1);
    assert!(report["valid"].is_boolean());
    for accepted in report["accepted"].as_array().unwrap() {
        let mut keys: Vec<&String> = accepted.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["code", "message", "path", "reason"], "{accepted}");
    }
    for list in ["errors", "warnings", "notes"] {
        for problem in report[list].as_array().unwrap() {
            let mut keys: Vec<&String> = problem.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["code", "message", "path"], "{problem}");
            let code = problem["code"].as_str().unwrap();
            assert!(Code::from_id(code).is_some(), "{code} is not a code");
        }
    }
    for file in report["files"].as_array().unwrap() {
        let mut keys: Vec<&String> = file.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["bytes", "kind", "path"], "{file}");
        assert!(["template", "config", "kit"].contains(&file["kind"].as_str().unwrap()));
    }
    assert_eq!(
        report["valid"],
        report["errors"].as_array().unwrap().is_empty()
    );
}

fn json_report(out: &Output) -> Value {
    assert!(
        out.stderr.is_empty(),
        "JSON mode says it all on stdout: {}",
        text(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema(&report);
    report
}

#[test]
fn check_json_is_one_versioned_document() {
    let config = default_config_path();
    let out = stackdraft(&["check", "--format", "json", config.to_str().unwrap()], "");
    assert!(out.status.success());
    let report = json_report(&out);
    assert_eq!(report["valid"], true);
    assert_eq!(report["errors"], Value::Array(vec![]));
    assert_eq!(
        report["warnings"].as_array().map(Vec::len),
        Some(stackdraft::engine::review::review(&Config::default()).len())
    );
    assert_eq!(report["files"], Value::Array(vec![]));
    assert_golden("check-valid", &out.stdout);

    let mut invalid = Config::default();
    invalid.network.cidr = "192.168.1.0/18".into();
    invalid.services[1].memory = 3;
    let out = stackdraft(
        &["check", "--format", "json", "-"],
        invalid.to_pretty_json(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit codes are the same in JSON"
    );
    let report = json_report(&out);
    assert_eq!(report["valid"], false);
    let expected: Vec<_> = validate(&invalid).iter().map(as_reported).collect();
    assert_eq!(json_errors(&report), expected);
    assert_golden("check-invalid", &out.stdout);

    let out = stackdraft(&["check", "--format", "json", "-"], "{\"version\": 2}");
    assert_eq!(out.status.code(), Some(1));
    let report = json_report(&out);
    assert_eq!(
        json_errors(&report)[0],
        (
            "version".to_string(),
            "version-unsupported".to_string(),
            "is 2; this build of Stackdraft reads config version 1 only".to_string()
        )
    );
    assert_golden("check-unreadable", &out.stdout);
}

#[test]
fn render_and_zip_json_list_the_files_by_kind() {
    let config = default_config_path();
    let entries = bundle_entries(&Config::default(), None).unwrap();
    let kind = |k: FileKind| serde_json::to_value(k).unwrap();

    for (name, kit) in [("render", false), ("render-kit", true)] {
        let dir = tmp(name);
        let mut args = vec!["render", config.to_str().unwrap(), "--out", "out"];
        args.extend(["--format", "json"]);
        if kit {
            args.push("--kit");
        }
        let out = stackdraft_in(&dir, &args, "");
        assert!(out.status.success());
        let report = json_report(&out);
        let listed = report["files"].as_array().unwrap();
        let expected: Vec<_> = entries
            .iter()
            .filter(|e| e.kind == FileKind::Template || (kit && e.kind == FileKind::Kit))
            .collect();
        assert_eq!(listed.len(), expected.len(), "{name}");
        for (entry, expected) in listed.iter().zip(&expected) {
            let file = &expected.file;
            let path = entry["path"].as_str().unwrap();
            assert_eq!(path, format!("out/{}", file.path));
            assert_eq!(entry["kind"], kind(expected.kind));
            assert_eq!(entry["bytes"], file.bytes.len());
            assert_eq!(std::fs::read(dir.join(path)).unwrap(), file.bytes);
        }
        assert_golden(name, &out.stdout);
    }

    let dir = tmp("zip-json");
    let out = stackdraft_in(
        &dir,
        &[
            "zip",
            config.to_str().unwrap(),
            "--out",
            "design.zip",
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success());
    let report = json_report(&out);
    let listed = report["files"].as_array().unwrap();
    assert_eq!(listed.len(), entries.len());
    for (entry, expected) in listed.iter().zip(&entries) {
        assert_eq!(entry["path"], expected.file.path.as_str());
        assert_eq!(entry["kind"], kind(expected.kind));
        assert_eq!(entry["bytes"], expected.file.bytes.len());
    }
    assert_eq!(
        std::fs::read(dir.join("design.zip")).unwrap(),
        bundle_zip(&Config::default(), None).unwrap()
    );
    assert_golden("zip", &out.stdout);

    // An invalid design: the report, nothing written.
    let out = stackdraft_in(
        &dir,
        &["render", "-", "--out", "out", "--format", "json"],
        "{\"version\": 1}",
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json_report(&out);
    assert_eq!(report["files"], Value::Array(vec![]));
    assert!(!dir.join("out").exists());
}

#[test]
fn json_with_zip_to_stdout_is_a_usage_error() {
    let dir = tmp("zip-json-stdout");
    let config = default_config_path();
    let out = stackdraft_in(
        &dir,
        &[
            "zip",
            config.to_str().unwrap(),
            "--out",
            "-",
            "--format",
            "json",
        ],
        "",
    );
    assert_usage_error(&out, "stackdraft zip", "zip --out - --format json");
    assert!(text(&out.stderr).contains("both write to standard output"));
    assert!(dir_entries(&dir).is_empty());
}

#[test]
fn io_errors_exit_2_without_a_report() {
    let out = stackdraft(
        &["check", "--format", "json", "/nonexistent/stackdraft.json"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("cannot read /nonexistent/stackdraft.json"));

    // The output directory is a file.
    let dir = tmp("io");
    std::fs::write(dir.join("out"), "").unwrap();
    let config = default_config_path();
    let out = stackdraft_in(
        &dir,
        &["render", config.to_str().unwrap(), "--out", "out"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot write out/"),
        "{}",
        text(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Arguments, help and usage errors

#[test]
fn version_is_printed_with_either_flag() {
    for flag in ["--version", "-V"] {
        let out = stackdraft(&[flag], "");
        assert!(out.status.success(), "{flag}: {}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            format!("stackdraft {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn help_lists_every_subcommand_and_the_exit_codes() {
    let out = stackdraft(&["--help"], "");
    assert!(out.status.success());
    let help = text(&out.stdout);
    let listed: Vec<&str> = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let mut expected = SUBCOMMANDS.to_vec();
    expected.push("help");
    assert_eq!(listed, expected);
    let codes = help.split("Exit codes:\n").nth(1).unwrap();
    assert!(codes.contains("0  ok\n"), "{codes}");
    assert!(codes.contains("1  invalid design or link"), "{codes}");
    assert!(codes.contains("2  usage or I/O error"), "{codes}");
    assert!(
        codes.contains("3  diff --strict: the update would be refused"),
        "{codes}"
    );
    // -h gives the same summary.
    let short = stackdraft(&["-h"], "");
    assert!(text(&short.stdout).contains("Exit codes:\n"));
}

#[test]
fn the_readme_shows_the_help_as_it_is() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let shown = readme
        .split("`stackdraft --help`:\n\n```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows `stackdraft --help`");
    let out = stackdraft(&["--help"], "");
    assert_eq!(shown, text(&out.stdout), "update the README's CLI section");
}

/// Every value the README's config example shows is the default design's; `"…"` stands for
/// the fields it leaves out.
#[test]
fn the_readmes_config_example_is_the_default_design() {
    fn shown_values_agree(shown: &Value, actual: &Value, path: &str, wrong: &mut Vec<String>) {
        match (shown, actual) {
            (Value::Object(shown), Value::Object(actual)) => {
                for (key, value) in shown.iter().filter(|(key, _)| key.as_str() != "…") {
                    match actual.get(key) {
                        Some(actual) => {
                            shown_values_agree(value, actual, &format!("{path}.{key}"), wrong)
                        }
                        None => wrong.push(format!("{path}.{key} is not in the defaults")),
                    }
                }
            }
            (Value::Array(shown), Value::Array(actual)) if shown.len() == actual.len() => {
                for (i, (shown, actual)) in shown.iter().zip(actual).enumerate() {
                    shown_values_agree(shown, actual, &format!("{path}[{i}]"), wrong);
                }
            }
            _ if shown == actual => {}
            _ => wrong.push(format!(
                "{path}: the README shows {shown}, the defaults {actual}"
            )),
        }
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let shown = readme
        .split("## Config format v1")
        .nth(1)
        .and_then(|rest| rest.split("```json\n").nth(1))
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows the default design");
    let shown: Value = serde_json::from_str(shown).expect("the README's example is JSON");
    let defaults: Value = serde_json::from_slice(&stackdraft(&["defaults"], "").stdout).unwrap();
    let mut wrong = Vec::new();
    shown_values_agree(&shown, &defaults, "", &mut wrong);
    assert!(
        wrong.is_empty(),
        "update the README's config example:\n{wrong:#?}"
    );
}

#[test]
fn every_subcommand_has_help_and_help_subcommand_shows_it() {
    let dir = tmp("help");
    for sub in SUBCOMMANDS {
        let out = stackdraft_in(&dir, &[sub, "--help"], "");
        assert!(out.status.success(), "{sub}: {}", text(&out.stderr));
        let help = text(&out.stdout);
        assert!(help.contains(&format!("Usage: stackdraft {sub}")), "{help}");
        let via_help = stackdraft_in(&dir, &["help", sub], "");
        assert!(via_help.status.success());
        assert_eq!(text(&via_help.stdout), help, "help {sub}");
    }
    // `check --help` shows help; it does not try to open a file named --help.
    let out = stackdraft_in(&dir, &["check", "--help"], "");
    assert!(text(&out.stdout).contains("<CONFIG>"));
    assert!(!text(&out.stderr).contains("cannot read"));
    assert!(dir_entries(&dir).is_empty());
}

#[test]
fn double_dash_ends_the_options() {
    let dir = tmp("double-dash");
    std::fs::write(dir.join("-x"), Config::default().to_pretty_json()).unwrap();
    let out = stackdraft_in(&dir, &["check", "--", "-x"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = stackdraft_in(&dir, &["check", "-x"], "");
    assert_usage_error(&out, "stackdraft check", "-x");
    assert!(text(&out.stderr).contains("unexpected argument '-x'"));
}

#[test]
fn usage_errors_exit_2_with_a_short_usage_and_a_pointer_to_help() {
    let dir = tmp("usage");
    for (args, usage) in [
        (vec!["frobnicate"], "stackdraft <COMMAND>"),
        (vec!["render", "-"], "stackdraft render"),
        (vec!["check"], "stackdraft check"),
        (vec!["check", "a", "b"], "stackdraft check"),
        (vec!["check", "-x"], "stackdraft check"),
        (vec!["check", ""], "stackdraft check"),
        (vec!["check", "-", "--format", "yaml"], "stackdraft check"),
        (vec!["render", "-", "--out"], "stackdraft render"),
        (vec!["render", "-", "--out="], "stackdraft render"),
        (vec!["render", "-", "--out", ""], "stackdraft render"),
        (
            vec!["render", "-", "--out", "a", "--out", "b"],
            "stackdraft render",
        ),
        (
            vec!["render", "-", "--out", "a", "--colour", "x"],
            "stackdraft render",
        ),
        (vec!["zip", "-", "--out="], "stackdraft zip"),
        (vec!["link", "-", "--base="], "stackdraft link"),
        (vec!["open", ""], "stackdraft open"),
        (vec!["completions", "tcsh"], "stackdraft completions"),
        (vec!["defaults", "extra"], "stackdraft defaults"),
        (vec!["man", "nope"], "stackdraft man"),
    ] {
        let out = stackdraft_in(&dir, &args, Config::default().to_pretty_json());
        assert_usage_error(&out, usage, &format!("{args:?}"));
    }
    // Nothing was written: not into the current directory (--out=), not to a or b.
    assert!(dir_entries(&dir).is_empty(), "{:?}", dir_entries(&dir));

    let repeated = stackdraft_in(&dir, &["render", "-", "--out", "a", "--out", "b"], "");
    assert!(text(&repeated.stderr).contains("cannot be used multiple times"));

    // No subcommand at all: the summary help, as a usage error.
    let out = stackdraft(&[], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("Usage: stackdraft <COMMAND>"));
}

#[test]
fn a_misspelled_subcommand_gets_a_suggestion() {
    for (typo, meant) in [
        ("chek", "check"),
        ("rendr", "render"),
        ("completion", "completions"),
    ] {
        let out = stackdraft(&[typo], "");
        assert_usage_error(&out, "stackdraft <COMMAND>", typo);
        assert!(
            text(&out.stderr).contains(&format!("a similar subcommand exists: '{meant}'")),
            "{}",
            text(&out.stderr)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Completions and the man page

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stackdraft(&["completions", shell], "");
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        assert!(script.contains("format"), "{shell} completes --format");
    }
    // bash reads the bash script without a syntax error.
    let dir = tmp("completions");
    let script = dir.join("stackdraft.bash");
    std::fs::write(&script, stackdraft(&["completions", "bash"], "").stdout).unwrap();
    let syntax = Command::new("bash")
        .args(["-n", script.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{}", text(&syntax.stderr));
}

/// A man page as groff shows it; groff must not warn about it.
fn groff(page: &[u8], name: &str) -> String {
    let path = tmp("man").join(name);
    std::fs::write(&path, page).unwrap();
    let rendered = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-cbou", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    assert!(
        rendered.stderr.is_empty(),
        "{name}: {}",
        text(&rendered.stderr)
    );
    text(&rendered.stdout)
}

#[test]
fn man_prints_the_page_and_each_subcommands_page() {
    let out = stackdraft(&["man"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).contains(".TH stackdraft 1"));
    let rendered = groff(&out.stdout, "stackdraft.1");
    for sub in SUBCOMMANDS {
        assert!(
            rendered.contains(&format!("stackdraft-{sub}(1)")),
            "the man page lists {sub}"
        );
    }
    assert!(rendered.contains("Exit codes"), "{rendered}");
    for sub in SUBCOMMANDS {
        let out = stackdraft(&["man", sub], "");
        assert!(out.status.success(), "{sub}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(&format!(".TH stackdraft-{sub} 1")));
        let rendered = groff(&out.stdout, &format!("stackdraft-{sub}.1"));
        assert!(
            rendered.contains(&format!("stackdraft {sub}")),
            "{sub}: {rendered}"
        );
    }
    let render = text(&stackdraft(&["man", "render"], "").stdout);
    assert!(
        render.contains("\\-\\-kit"),
        "render's page has its options"
    );
}
