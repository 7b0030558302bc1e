//! Replays every committed fuzz input (`fuzz/corpus/<target>/`) through the same code the
//! fuzz targets run, so each crash the fuzzers found stays fixed.

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{} panics on {}", target, path.display());
        count += 1;
    }
    assert!(count >= 5, "{target}: only {count} corpus inputs");
    println!("{target}: replayed {count} inputs");
}

#[test]
fn config_render_corpus() {
    replay("config_render", stackdraft::engine::fuzzing::config_render);
}

#[test]
fn link_decode_corpus() {
    replay("link_decode", stackdraft::engine::fuzzing::link_decode);
}

#[test]
fn file_open_corpus() {
    replay("file_open", stackdraft::engine::fuzzing::file_open);
}

use stackdraft::engine::message::Message;

#[test]
fn file_open_refuses_big_and_binary_files_with_messages() {
    let big = vec![b' '; 50 * 1024 * 1024];
    let error = stackdraft::Config::from_file_bytes(&big).unwrap_err();
    // 50 MiB = 52,428,800 bytes: 52.4 MB.
    assert_eq!(error.message, Message::file_too_large("52.4", 1024));
    let error = stackdraft::Config::from_file_bytes(&[0xff, 0xd8, 0xff, 0xe0]).unwrap_err();
    assert_eq!(error.message, Message::file_not_text());
    let with_bom = [
        b"\xEF\xBB\xBF".as_slice(),
        stackdraft::Config::default().to_pretty_json().as_bytes(),
    ]
    .concat();
    assert_eq!(
        stackdraft::Config::from_file_bytes(&with_bom).unwrap(),
        stackdraft::Config::default()
    );
}
