//! Reading what a command is given: a design the way the page opens a file, and a link.

use std::io::{self, Read};

use stackdraft::engine::config::MAX_CONFIG_BYTES;
use stackdraft::engine::file_open;
use stackdraft::{Config, FieldError};

use crate::cli::FileArg;
use crate::Failure;

/// Longest link read from standard input. A link's design part is at most
/// `link::MAX_PAYLOAD_CHARS`, and the decoder names what is wrong with anything below
/// this; anything above is not a link at all.
const MAX_LINK_INPUT_BYTES: usize = 1024 * 1024;

/// Reads a design as the page opens a file (`src/app/open.rs`): the size first, so a
/// file over the cap is refused before it is read ([`file_open::file_size_problem`]), then
/// [`Config::from_file_bytes`] (a byte-order mark is allowed, "not text", the JSON).
/// `Ok(Err(_))` is a file that is not a design; `Err(_)` is an I/O failure.
pub fn read_design(source: &FileArg) -> Result<Result<Config, FieldError>, Failure> {
    let name = match source {
        FileArg::Std => "standard input".to_string(),
        FileArg::Path(path) => path.display().to_string(),
    };
    let io = |e: io::Error| Failure::Io(format!("cannot read {name}: {e}"));
    let (bytes, size) = match source {
        FileArg::Std => read_capped(io::stdin().lock(), MAX_CONFIG_BYTES).map_err(io)?,
        FileArg::Path(path) => {
            let file = std::fs::File::open(path).map_err(io)?;
            let metadata = file.metadata().map_err(io)?;
            // A regular file's size is known before reading, like a browser's File.
            if metadata.is_file() {
                if let Some(problem) = file_open::file_size_problem(metadata.len() as f64) {
                    return Ok(Err(FieldError::new("", problem)));
                }
            }
            read_capped(file, MAX_CONFIG_BYTES).map_err(io)?
        }
    };
    // A stream has no size until it is read: what is past the cap is counted, not kept.
    if let Some(problem) = file_open::file_size_problem(size as f64) {
        return Ok(Err(FieldError::new("", problem)));
    }
    Ok(Config::from_file_bytes(&bytes))
}

/// Reads a share link from standard input (`open -`), without the line break after it.
pub fn read_link_from_stdin() -> Result<String, Failure> {
    let (bytes, size) = read_capped(io::stdin().lock(), MAX_LINK_INPUT_BYTES)
        .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
    if size > MAX_LINK_INPUT_BYTES as u64 {
        return Err(Failure::Invalid(format!(
            "standard input holds {size} bytes, far more than a share link: a link's design \
             part is at most {} KiB",
            stackdraft::engine::link::MAX_PAYLOAD_CHARS / 1024
        )));
    }
    Ok(String::from_utf8_lossy(&bytes).trim().to_string())
}

/// The first `cap + 1` bytes of `reader` (enough to tell it is over the cap), and its
/// whole size: what is past them is read and counted, never kept.
fn read_capped(reader: impl Read, cap: usize) -> io::Result<(Vec<u8>, u64)> {
    let mut reader = reader.take(cap as u64 + 1);
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let mut size = bytes.len() as u64;
    if bytes.len() > cap {
        size += io::copy(&mut reader.into_inner(), &mut io::sink())?;
    }
    Ok((bytes, size))
}
