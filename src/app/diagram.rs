//! The live architecture diagram and its download.

use std::time::Duration;

use leptos::prelude::*;

use super::output::{flash, problems_note};
use super::{browser, State};
use crate::edit;

/// How long the diagram waits after an edit before it is drawn again.
const DIAGRAM_DELAY: Duration = Duration::from_millis(150);

#[component]
pub fn DiagramSection(state: State) -> impl IntoView {
    // Shown as an image: the SVG's own <style> stays inside the image document, so the
    // page's Content-Security-Policy (no inline styles) never sees it. Drawn after the
    // page is painted, then again 150 ms after the last edit: typing never waits for it.
    let url = RwSignal::new(String::new());
    let alt = RwSignal::new(String::new());
    let pending = RwSignal::new(true);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        state.config.track();
        pending.set(true);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let draw = move || {
            if generation.get_value() == mine {
                url.set(
                    state
                        .diagram
                        .with_untracked(|svg| browser::svg_data_url(svg)),
                );
                alt.set(state.config.with_untracked(edit::diagram_alt));
                pending.set(false);
            }
        };
        if url.get_untracked().is_empty() {
            // The first drawing waits until the form and the preview are painted.
            request_animation_frame(move || set_timeout(draw, Duration::ZERO));
        } else {
            set_timeout(draw, DIAGRAM_DELAY);
        }
    });
    let fit = RwSignal::new(true);
    let blocked = move || state.has_errors();
    let status = RwSignal::new(String::new());
    let download = move |_| {
        if state.has_errors() {
            return;
        }
        let svg = state.diagram.get_untracked();
        match browser::download(svg.as_bytes(), "architecture.svg", "image/svg+xml") {
            Ok(()) => flash(status, "Saved architecture.svg."),
            Err(message) => status.set(format!("The download failed: {message}")),
        }
    };
    view! {
        <section class="card" id="sec-diagram" aria-labelledby="h-diagram">
            <h2 id="h-diagram">"Architecture"</h2>
            <p class="help">
                "The design drawn as you type: CloudFront reaches the services only through the VPC origin on the internal load balancer; tasks reach the internet through the Regional NAT Gateway."
            </p>
            {problems_note(state, "stale-note", "diagram-note", |problems| format!(
                "The design has {problems} now: the diagram draws what it can of it as it is (so a wrong value shows here too). Its download is off until the design is valid again."
            ))}
            <div class="panel-bar">
                <button
                    type="button"
                    id="diagram-zoom"
                    class="secondary"
                    aria-pressed=move || (!fit.get()).to_string()
                    on:click=move |_| fit.update(|f| *f = !*f)
                >
                    {move || if fit.get() { "Show actual size" } else { "Fit to width" }}
                </button>
                <button
                    type="button"
                    id="download-svg"
                    class="secondary"
                    disabled=blocked
                    on:click=download
                >
                    "Download architecture.svg"
                </button>
                <span class="status" role="status">{move || status.get()}</span>
            </div>
            <div
                class="diagram"
                class:fit=move || fit.get()
                id="diagram"
                data-state=move || if pending.get() { "pending" } else { "drawn" }
                role="region"
                aria-label="Architecture diagram"
                tabindex="0"
            >
                <Show when=move || url.with(|u| !u.is_empty())>
                    <img
                        id="diagram-img"
                        data-testid="diagram"
                        src=move || url.get()
                        alt=move || alt.get()
                    />
                </Show>
            </div>
        </section>
    }
}
