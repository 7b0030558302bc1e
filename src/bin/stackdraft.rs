//! `stackdraft`: the design engine on the command line. Same core as the browser app, so
//! the same config renders the same bytes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stackdraft::{bundle, link, validate, Config, FieldError};

const USAGE: &str = "\
usage:
  stackdraft defaults                      print the default design (the field report's)
  stackdraft check CONFIG                  validate a design
  stackdraft render CONFIG --out DIR [--kit]
                                           validate, then write DIR/<stack>.yaml for every stack;
                                           --kit adds deploy.sh, DEPLOY.md, architecture.svg and test-app/
  stackdraft zip CONFIG --out FILE.zip     write the bundle the page downloads: templates, stackdraft.json, kit
  stackdraft link CONFIG [--base URL]      print the share link of a design
  stackdraft open LINK                     print the design a share link holds

CONFIG is a path to a stackdraft.json file, or - for standard input.
exit codes: 0 ok, 1 invalid design or link, 2 usage or I/O error";

/// What went wrong, and so which exit code.
enum Failure {
    Invalid(Vec<FieldError>),
    BadLink(link::LinkError),
    Usage(String),
    Io(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(errors)) => {
            for error in &errors {
                eprintln!(
                    "error: {}: {}",
                    if error.path.is_empty() {
                        "(design)"
                    } else {
                        &error.path
                    },
                    error.message
                );
            }
            eprintln!(
                "{} error{} in the design; nothing was written",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::BadLink(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    let rest = &args[1..];
    match command.as_str() {
        "defaults" => {
            no_more(rest, 0)?;
            print!("{}", Config::default().to_pretty_json());
            Ok(())
        }
        "check" => {
            no_more(rest, 1)?;
            let config = load(positional(rest, "CONFIG")?)?;
            let count = config.services.len() + 1;
            println!("ok: the design is valid ({count} stacks)");
            Ok(())
        }
        "render" => {
            let (rest, kit) = take_flag(rest, "--kit");
            let (positional_args, out) = take_option(&rest, "--out")?;
            let out = out.ok_or_else(|| Failure::Usage("render needs --out DIR".into()))?;
            no_more(&positional_args, 1)?;
            let config = load(positional(&positional_args, "CONFIG")?)?;
            let files = bundle::bundle_files(&config).map_err(Failure::Invalid)?;
            let template_count = config.services.len() + 1;
            let dir = PathBuf::from(out);
            for (index, file) in files.iter().enumerate() {
                let is_template = index < template_count;
                let wanted = is_template || (kit && file.path != bundle::CONFIG_FILE_NAME);
                if !wanted {
                    continue;
                }
                let path = dir.join(&file.path);
                write_file(&path, &file.bytes, file.executable)?;
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        "zip" => {
            let (positional_args, out) = take_option(rest, "--out")?;
            let out = out.ok_or_else(|| Failure::Usage("zip needs --out FILE.zip".into()))?;
            no_more(&positional_args, 1)?;
            let config = load(positional(&positional_args, "CONFIG")?)?;
            let bytes = bundle::bundle_zip(&config).map_err(Failure::Invalid)?;
            let path = PathBuf::from(out);
            write_file(&path, &bytes, false)?;
            println!("wrote {} ({} bytes)", path.display(), bytes.len());
            Ok(())
        }
        "link" => {
            let (positional_args, base) = take_option(rest, "--base")?;
            no_more(&positional_args, 1)?;
            let config = load(positional(&positional_args, "CONFIG")?)?;
            let base = base.unwrap_or_default();
            let base = base.split('#').next().unwrap_or_default();
            println!("{base}#{}", link::encode(&config));
            Ok(())
        }
        "open" => {
            no_more(rest, 1)?;
            let config = link::decode(positional(rest, "LINK")?).map_err(Failure::BadLink)?;
            print!("{}", config.to_pretty_json());
            let errors = validate(&config);
            if !errors.is_empty() {
                return Err(Failure::Invalid(errors));
            }
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command '{other}'"))),
    }
}

fn positional<'a>(args: &'a [String], name: &str) -> Result<&'a str, Failure> {
    args.first()
        .map(String::as_str)
        .ok_or_else(|| Failure::Usage(format!("missing {name}")))
}

fn no_more(args: &[String], allowed: usize) -> Result<(), Failure> {
    match args.get(allowed) {
        Some(extra) => Err(Failure::Usage(format!("unexpected argument '{extra}'"))),
        None => Ok(()),
    }
}

/// Removes a boolean `--flag` from the arguments.
fn take_flag(args: &[String], flag: &str) -> (Vec<String>, bool) {
    let rest: Vec<String> = args.iter().filter(|a| *a != flag).cloned().collect();
    let found = rest.len() != args.len();
    (rest, found)
}

/// Removes `--name VALUE` (or `--name=VALUE`) from the arguments.
fn take_option(args: &[String], name: &str) -> Result<(Vec<String>, Option<String>), Failure> {
    let mut rest = Vec::new();
    let mut value = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == name {
            let v = iter
                .next()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))?;
            value = Some(v.clone());
        } else if let Some(v) = arg.strip_prefix(&format!("{name}=")) {
            value = Some(v.to_string());
        } else if arg.starts_with("--") {
            return Err(Failure::Usage(format!("unknown option '{arg}'")));
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((rest, value))
}

/// Reads and validates a design.
fn load(source: &str) -> Result<Config, Failure> {
    let text = read_source(source)?;
    let config = Config::from_json(&text).map_err(|e| Failure::Invalid(vec![e]))?;
    let errors = validate(&config);
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(Failure::Invalid(errors))
    }
}

fn read_source(source: &str) -> Result<String, Failure> {
    let limit = stackdraft::config::MAX_CONFIG_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if source == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(source).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::Io(format!("cannot read {source}: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::Invalid(vec![FieldError::new(
            "",
            format!("{source} is not UTF-8 text"),
        )])
    })
}

fn write_file(path: &Path, bytes: &[u8], executable: bool) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)?;
    #[cfg(unix)]
    if executable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io)?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    Ok(())
}
