//! `stackdraft-web`: the browser designer's entry point. Trunk builds it for wasm32
//! (`trunk build --release`); on other targets it only says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    stackdraft::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "stackdraft-web is the browser app: build it with `trunk build --release` \
         (or run scripts/serve.sh); the command-line tool is `stackdraft`."
    );
}
