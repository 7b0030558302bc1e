//! The download bundle: every template, the design as `stackdraft.json` and the deploy
//! kit, in one zip written byte for byte the same by the browser and the CLI.

use crate::engine::config::Config;
use crate::engine::error::FieldError;
use crate::engine::kit::{kit_files, Update, BASELINE_FILE_NAME};
use crate::engine::render::{render, stack_ids};

pub const CONFIG_FILE_NAME: &str = "stackdraft.json";

/// What a file of the bundle is, so that readers pick files by kind, not by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A CloudFormation template, one per stack.
    Template,
    /// The design itself, [`CONFIG_FILE_NAME`].
    Config,
    /// The design as deployed, [`BASELINE_FILE_NAME`], when the bundle was made against one.
    Baseline,
    /// A file of the deploy kit: `deploy.sh`, `DEPLOY.md`, the diagram, the test app,
    /// and the cost estimate `COST.md`.
    Kit,
}

/// A file of the bundle, relative to its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub executable: bool,
}

impl BundleFile {
    fn new(path: impl Into<String>, bytes: Vec<u8>, executable: bool) -> BundleFile {
        BundleFile {
            path: path.into(),
            bytes,
            executable,
        }
    }
}

/// A file of the bundle and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleEntry {
    pub kind: FileKind,
    pub file: BundleFile,
}

/// The files of a valid design's bundle, in a fixed order: templates in deployment
/// order, the config, the baseline when there is an update, then the deploy kit.
pub fn bundle_files(
    config: &Config,
    update: Option<&Update>,
) -> Result<Vec<BundleFile>, Vec<FieldError>> {
    let mut files: Vec<BundleFile> = render(config)?
        .into_iter()
        .map(|t| BundleFile::new(t.file_name, t.yaml.into_bytes(), false))
        .collect();
    files.push(BundleFile::new(
        CONFIG_FILE_NAME,
        config.to_pretty_json().into_bytes(),
        false,
    ));
    if let Some(update) = update {
        files.push(BundleFile::new(
            BASELINE_FILE_NAME,
            update.base.to_pretty_json().into_bytes(),
            false,
        ));
    }
    for file in kit_files(config, update) {
        files.push(BundleFile::new(
            file.path,
            file.text.into_bytes(),
            file.executable,
        ));
    }
    files.push(BundleFile::new(
        COST_FILE_NAME,
        cost_markdown(config).into_bytes(),
        false,
    ));
    Ok(files)
}

/// The monthly estimate of the design beside the classic design, as the page shows it.
pub const COST_FILE_NAME: &str = "COST.md";

/// COST.md: the estimate, or why there is none (a usage figure with an error).
fn cost_markdown(config: &Config) -> String {
    let problems = crate::engine::validate::usage_errors(config);
    if problems.is_empty() {
        let estimate = crate::engine::cost::estimate(&crate::engine::cost::from_config(config));
        return crate::engine::cost::report::markdown(&estimate);
    }
    let listed = problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    format!(
        "# What it costs\n\n{}\n",
        crate::engine::message::Message::no_estimate(listed)
    )
}

/// The same files, each with its kind. The kinds follow from [`bundle_files`]' order
/// (one template per stack, the config, the kit), which only this module knows; the page
/// builds no kinds, so they weigh nothing in its wasm.
pub fn bundle_entries(
    config: &Config,
    update: Option<&Update>,
) -> Result<Vec<BundleEntry>, Vec<FieldError>> {
    let templates = stack_ids(config).len();
    let kind = |index: usize| match index.cmp(&templates) {
        std::cmp::Ordering::Less => FileKind::Template,
        std::cmp::Ordering::Equal => FileKind::Config,
        std::cmp::Ordering::Greater if index == templates + 1 && update.is_some() => {
            FileKind::Baseline
        }
        std::cmp::Ordering::Greater => FileKind::Kit,
    };
    Ok(bundle_files(config, update)?
        .into_iter()
        .enumerate()
        .map(|(index, file)| BundleEntry {
            kind: kind(index),
            file,
        })
        .collect())
}

/// The zip of the bundle (see [`bundle_files`]).
pub fn bundle_zip(config: &Config, update: Option<&Update>) -> Result<Vec<u8>, Vec<FieldError>> {
    Ok(zip(&bundle_files(config, update)?))
}

/// A zip archive of deflated files with a fixed timestamp (1980-01-01 00:00), so the
/// same files always give the same bytes.
pub fn zip(files: &[BundleFile]) -> Vec<u8> {
    const DOS_TIME: u16 = 0;
    const DOS_DATE: u16 = (1 << 5) | 1;
    const VERSION: u16 = 20;
    const UTF8_NAMES: u16 = 1 << 11;
    const DEFLATE: u16 = 8;
    // "Version made by" names Unix, so unzip applies the file modes.
    const UNIX_HOST: u16 = 3 << 8;

    let mut out = Vec::new();
    let mut central = Vec::new();
    for file in files {
        let (name, data) = (&file.path, &file.bytes);
        let compressed = miniz_oxide::deflate::compress_to_vec(data, 9);
        let crc = crc32(data);
        let offset = out.len() as u32;
        let header_fields = |buf: &mut Vec<u8>| {
            put16(buf, VERSION);
            put16(buf, UTF8_NAMES);
            put16(buf, DEFLATE);
            put16(buf, DOS_TIME);
            put16(buf, DOS_DATE);
            put32(buf, crc);
            put32(buf, compressed.len() as u32);
            put32(buf, data.len() as u32);
            put16(buf, name.len() as u16);
            put16(buf, 0);
        };
        put32(&mut out, 0x0403_4b50);
        header_fields(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&compressed);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, VERSION | UNIX_HOST);
        header_fields(&mut central);
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        let mode: u32 = if file.executable { 0o100755 } else { 0o100644 };
        put32(&mut central, mode << 16); // external attributes: Unix mode of a regular file
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, files.len() as u16);
    put16(&mut out, files.len() as u16);
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

fn put16(buf: &mut Vec<u8>, value: u16) {
    buf.extend_from_slice(&value.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, value: u32) {
    buf.extend_from_slice(&value.to_le_bytes());
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn zip_is_deterministic_and_lists_every_file() {
        let config = Config::default();
        let a = bundle_zip(&config, None).unwrap();
        let b = bundle_zip(&config, None).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"PK\x03\x04");
        let names = bundle_files(&config, None).unwrap();
        // The global, network and two service stacks' templates, then the design.
        assert_eq!(names[4].path, "stackdraft.json");
        assert!(names.iter().any(|f| f.path == "deploy.sh" && f.executable));
    }

    #[test]
    fn every_file_has_its_kind() {
        for services in [1, 2, 5] {
            let mut config = Config::default();
            config.services.truncate(1);
            for index in config.services.len()..services {
                config.services.push(crate::engine::config::Service {
                    name: format!("service-{index}"),
                    ..crate::engine::config::Service::example(3)
                });
            }
            assert_kinds(&config, None);
            let mut base = config.clone();
            base.services[0].cpu = 512;
            let prediction = crate::engine::update::diff::diff_designs(&base, &config).unwrap();
            let update = Update {
                base: &base,
                prediction: &prediction,
            };
            assert_kinds(&config, Some(&update));
        }
    }

    /// Templates are what `render` renders, the config is the design, the kit is
    /// `kit_files` and the cost estimate.
    fn assert_kinds(config: &Config, update: Option<&Update>) {
        let entries = bundle_entries(config, update).unwrap();
        let paths = |kind: FileKind| -> Vec<&str> {
            entries
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.file.path.as_str())
                .collect()
        };
        let rendered = render(config).unwrap();
        let templates: Vec<&str> = rendered.iter().map(|t| t.file_name.as_str()).collect();
        assert_eq!(paths(FileKind::Template), templates);
        assert_eq!(paths(FileKind::Config), [CONFIG_FILE_NAME]);
        let baseline: &[&str] = if update.is_some() {
            &[BASELINE_FILE_NAME]
        } else {
            &[]
        };
        assert_eq!(paths(FileKind::Baseline), baseline);
        let mut kit: Vec<String> = kit_files(config, update)
            .into_iter()
            .map(|f| f.path)
            .collect();
        kit.push(COST_FILE_NAME.into());
        assert_eq!(paths(FileKind::Kit), kit);
    }
}
