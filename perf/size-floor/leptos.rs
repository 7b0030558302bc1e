//! The page-weight floor of Leptos itself (issue 5): one signal, one input, one text.
//! `scripts/size-floor.sh` builds it for wasm32 and prints its weight.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;

    leptos::mount::mount_to_body(|| {
        let text = RwSignal::new(String::new());
        view! {
            <input on:input=move |ev| text.set(event_target_value(&ev)) />
            <p>{move || text.get()}</p>
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a wasm32 size probe: run scripts/size-floor.sh");
}
