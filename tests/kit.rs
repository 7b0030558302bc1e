//! The deploy kit as a user runs it: the scripts parse and pass shellcheck, the test app's
//! JavaScript parses, and its server answers its paths on the design's ports.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use stackdraft::config::Config;
use stackdraft::kit::kit_files;

fn write_kit(config: &Config, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("kit")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for file in kit_files(config) {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.text).unwrap();
    }
    dir
}

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

#[test]
fn scripts_pass_bash_n_and_shellcheck_and_javascript_parses() {
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
        common::sample_designs(10)
            .into_iter()
            .enumerate()
            .map(|(i, c)| (format!("generated-{i}"), c)),
    );
    for (name, config) in designs {
        let dir = write_kit(&config, &name);
        for script in ["deploy.sh", "test-app/push-image.sh"] {
            run("bash", &["-n", script], &dir);
            run("shellcheck", &["--severity=style", script], &dir);
        }
        for js in ["test-app/server.js", "test-app/healthcheck.js"] {
            run("node", &["--check", js], &dir);
        }
        let package: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("test-app/package.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(package["main"], "server.js");
    }
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
            .stdout(Stdio::null())
            .spawn()
            .expect("node is installed"),
    );
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
