//! The page-weight floor of the engine (issue 5): the smallest Leptos page that validates,
//! renders every template and encodes the share link. `scripts/size-floor.sh` builds it
//! for wasm32 and prints its weight beside a bare Leptos page (`perf/size-floor/leptos.rs`) and the
//! real app, so the budget can be compared with what the chosen stack costs.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use stackdraft::engine::link;
    use stackdraft::{render, Config};

    leptos::mount::mount_to_body(|| {
        let config = RwSignal::new(Config::default());
        let templates = move || {
            config.with(|config| match render(config) {
                Ok(templates) => templates.into_iter().map(|t| t.yaml).collect::<String>(),
                Err(errors) => errors
                    .into_iter()
                    .map(|e| e.to_string())
                    .collect::<String>(),
            })
        };
        view! {
            <input on:input=move |ev| {
                if let Ok(design) = link::decode(&event_target_value(&ev)) {
                    config.set(design);
                }
            } />
            <p>{move || config.with(link::encode)}</p>
            <pre>{templates}</pre>
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a wasm32 size probe: run scripts/size-floor.sh");
}
