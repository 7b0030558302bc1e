//! The cost model (issue 13): the compiled price table matches data/prices.json, and
//! estimates recomputed by hand from the table's published figures.
//! `STACKDRAFT_BLESS=1 cargo test --test cost` regenerates src/cost/prices.rs and the golden
//! estimates under tests/cost/.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn bless() -> bool {
    std::env::var_os("STACKDRAFT_BLESS").is_some()
}

/// Compares `actual` with the committed file, or writes it when blessing.
fn golden(path: &Path, actual: &str) {
    if bless() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == actual,
        "{} differs from what the code makes (run STACKDRAFT_BLESS=1 cargo test --test cost if intended)",
        path.display()
    );
}

#[test]
fn the_compiled_price_table_is_what_the_generator_makes_of_the_data() {
    let data = std::fs::read_to_string(root().join("data/prices.json")).unwrap();
    let source = stackdraft::cost::generate::price_table_source(&data)
        .unwrap_or_else(|e| panic!("data/prices.json: {e}"));
    golden(&root().join("src/cost/prices.rs"), &source);
}

#[test]
#[ignore]
fn show_default() {
    let e = stackdraft::cost::estimate(&stackdraft::cost::from_config(
        &stackdraft::Config::default(),
    ));
    println!("{}", stackdraft::cost::report::markdown(&e));
}
