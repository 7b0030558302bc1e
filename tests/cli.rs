//! The `stackdraft` command as a user runs it: outputs, exit codes, stdin, no panics.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn stackdraft(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackdraft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_ref()).ok();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn defaults_prints_the_default_design() {
    let out = stackdraft(&["defaults"], "");
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        stackdraft::Config::default().to_pretty_json()
    );
}

#[test]
fn render_writes_the_golden_templates() {
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
            assert!(text(&out.stdout).contains(&format!("wrote {}", path.display())));
            written += 1;
        }
        assert_eq!(written, common::load_example(&dir).services.len() + 1);
    }
}

#[test]
fn check_reports_every_error_with_its_path_and_exit_1() {
    let json = stackdraft::Config::default()
        .to_pretty_json()
        .replace("\"192.168.0.0/18\"", "\"192.168.1.0/18\"")
        .replace("\"port\": 3000,", "\"port\": 0,");
    let out = stackdraft(&["check", "-"], &json);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error: network.cidr: has host bits set"),
        "{err}"
    );
    assert!(err.contains("error: services[0].port: is 0"), "{err}");
    assert!(err.contains("error: services[1].port: is 0"), "{err}");
    let ok = stackdraft(
        &["check", "-"],
        stackdraft::Config::default().to_pretty_json(),
    );
    assert!(ok.status.success());
    assert!(text(&ok.stdout).contains("valid"));
}

#[test]
fn render_of_an_invalid_design_writes_nothing() {
    let out_dir = tmp("invalid");
    let out = stackdraft(
        &["render", "-", "--out", out_dir.join("x").to_str().unwrap()],
        "{\"version\": 1}",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing field"));
    assert!(!out_dir.join("x").exists());
}

#[test]
fn link_and_open_round_trip() {
    let json = stackdraft::Config::default()
        .to_pretty_json()
        .replace("ecs-express-vpc", "shared-network");
    let out = stackdraft(
        &["link", "-", "--base", "https://stackdraft.example/"],
        &json,
    );
    assert!(out.status.success());
    let link = text(&out.stdout).trim().to_string();
    assert!(
        link.starts_with("https://stackdraft.example/#v3="),
        "{link}"
    );
    let opened = stackdraft(&["open", &link], "");
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    assert_eq!(text(&opened.stdout), json);
    let broken = stackdraft(&["open", &link[..link.len() - 7]], "");
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken.stderr).starts_with("error: the link"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["render", "-"],
        vec!["check"],
        vec!["check", "a", "b"],
        vec!["render", "-", "--out"],
        vec!["render", "-", "--colour", "x"],
    ] {
        let out = stackdraft(&args, "");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains("usage:"));
    }
    let out = stackdraft(&["check", "/nonexistent/stackdraft.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/stackdraft.json"));
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
    let config_path = common::templates_dir().join("default/stackdraft.json");
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
    let bytes = std::fs::read(&zip_path).unwrap();
    assert_eq!(
        bytes,
        stackdraft::bundle::bundle_zip(&stackdraft::Config::default()).unwrap()
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
    for file in stackdraft::bundle::bundle_files(&stackdraft::Config::default()).unwrap() {
        if file.path == "stackdraft.json" {
            continue;
        }
        assert_eq!(
            std::fs::read(kit_dir.join(&file.path)).unwrap(),
            file.bytes,
            "{}",
            file.path
        );
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(kit_dir.join("deploy.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0o111, "deploy.sh is executable");
}
