//! The live architecture diagram and its download.

use std::time::Duration;

use leptos::prelude::*;

use super::output::{flash, problems_note};
use super::{browser, State};
use crate::diagram;
use crate::zoom;

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
    // (natural width, smallest label) of the drawn SVG; the scale the person chose, or
    // `None` for the readable default (fitted unless labels would go below 9 px).
    let natural = RwSignal::new((0.0f64, None::<f64>));
    let chosen = RwSignal::new(None::<f64>);
    let container = RwSignal::new(0.0f64);
    Effect::new(move |_| {
        state.config.track();
        pending.set(true);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let draw = move || {
            if generation.get_value() == mine {
                let (data_url, size) = state.diagram.with_untracked(|svg| {
                    (
                        browser::svg_data_url(svg),
                        (
                            zoom::svg_width(svg).unwrap_or(0.0),
                            zoom::min_font_size(svg),
                        ),
                    )
                });
                container.set(box_width());
                natural.set(size);
                url.set(data_url);
                alt.set(state.config.with_untracked(diagram::diagram_alt));
                pending.set(false);
            }
        };
        if url.get_untracked().is_empty() {
            // The first drawing comes in a task of its own right after the mount's (the
            // static shell is on screen already), before the sections mounted later.
            set_timeout(draw, Duration::ZERO);
        } else {
            set_timeout(draw, DIAGRAM_DELAY);
        }
    });
    let scale = Memo::new(move |_| {
        chosen.get().unwrap_or_else(|| {
            let (width, font) = natural.get();
            zoom::readable_zoom(width, font, container.get())
        })
    });
    let set_zoom = move |z: f64| {
        let z = z.clamp(zoom::MIN_ZOOM, zoom::MAX_ZOOM);
        keep_centre(scale.get_untracked(), z);
        chosen.set(Some(z));
    };
    let fit = move || {
        container.set(box_width());
        let width = natural.get_untracked().0;
        set_zoom(zoom::fit_zoom(width, container.get_untracked()));
    };
    let actual = move || chosen.get().is_some_and(|z| z == 1.0);
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "+" | "=" => set_zoom(zoom::step(scale.get_untracked(), true)),
            "-" | "_" => set_zoom(zoom::step(scale.get_untracked(), false)),
            "0" => fit(),
            "1" => set_zoom(1.0),
            _ => return,
        }
        ev.prevent_default();
    };
    let wheel = move |ev: leptos::ev::WheelEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            set_zoom(zoom::step(scale.get_untracked(), ev.delta_y() < 0.0));
        }
    };
    // Dragging pans the diagram: (pointer x, y, scroll left, top) at the press.
    let drag = StoredValue::new(None::<(i32, i32, i32, i32)>);
    let press = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 {
            if let Some(b) = diagram_box() {
                drag.set_value(Some((
                    ev.client_x(),
                    ev.client_y(),
                    b.scroll_left(),
                    b.scroll_top(),
                )));
                ev.prevent_default();
            }
        }
    };
    let pan = move |ev: leptos::ev::MouseEvent| {
        if let (Some((x, y, left, top)), Some(b)) = (drag.get_value(), diagram_box()) {
            b.set_scroll_left(left - (ev.client_x() - x));
            b.set_scroll_top(top - (ev.client_y() - y));
        }
    };
    let release = move |_| drag.set_value(None);
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
                <div class="zoom-group" role="group" aria-label="Zoom">
                    <button
                        type="button"
                        id="diagram-zoom-out"
                        class="secondary"
                        aria-label="Zoom out"
                        title="Zoom out (−)"
                        on:click=move |_| set_zoom(zoom::step(scale.get_untracked(), false))
                    >
                        "−"
                    </button>
                    <output id="diagram-scale" aria-live="off">
                        // Empty until the diagram is drawn: a scale shown before would
                        // change (and its text move) when the drawing arrives.
                        {move || {
                            if natural.with(|n| n.0 > 0.0) {
                                format!("{}%", (scale.get() * 100.0).round() as i64)
                            } else {
                                String::new()
                            }
                        }}
                    </output>
                    <button
                        type="button"
                        id="diagram-zoom-in"
                        class="secondary"
                        aria-label="Zoom in"
                        title="Zoom in (+)"
                        on:click=move |_| set_zoom(zoom::step(scale.get_untracked(), true))
                    >
                        "+"
                    </button>
                    <button
                        type="button"
                        id="diagram-fit"
                        class="secondary"
                        title="Fit the whole diagram to the width (0)"
                        on:click=move |_| fit()
                    >
                        "Fit"
                    </button>
                    <button
                        type="button"
                        id="diagram-zoom"
                        class="secondary"
                        aria-pressed=move || actual().to_string()
                        title="Actual size (1)"
                        on:click=move |_| {
                            if actual() {
                                chosen.set(None)
                            } else {
                                set_zoom(1.0)
                            }
                        }
                    >
                        "Actual size"
                    </button>
                </div>
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
            <p class="hint" id="diagram-keys">
                "Focus the diagram to pan it with the arrow keys, zoom with + and −, fit with 0 and show it at actual size with 1; drag it with the mouse, Ctrl+wheel zooms."
            </p>
            <div
                class="diagram"
                id="diagram"
                data-state=move || if pending.get() { "pending" } else { "drawn" }
                role="region"
                aria-label="Architecture diagram"
                aria-describedby="diagram-keys"
                tabindex="0"
                on:keydown=keydown
                on:wheel=wheel
                on:mousedown=press
                on:mousemove=pan
                on:mouseup=release
                on:mouseleave=release
            >
                <Show when=move || url.with(|u| !u.is_empty())>
                    <img
                        id="diagram-img"
                        data-testid="diagram"
                        src=move || url.get()
                        alt=move || alt.get()
                        draggable="false"
                        style:width=move || format!("{}px", zoom::one_decimal(natural.get().0 * scale.get()))
                    />
                </Show>
            </div>
        </section>
    }
}

fn diagram_box() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("diagram")
}

/// The width the diagram's box has for the image, in CSS pixels.
fn box_width() -> f64 {
    diagram_box()
        .map(|b| b.client_width() as f64)
        .unwrap_or(0.0)
}

/// Scrolls the box so that the point at its centre stays there when the scale changes
/// from `from` to `to`.
fn keep_centre(from: f64, to: f64) {
    let Some(b) = diagram_box() else {
        return;
    };
    if from <= 0.0 {
        return;
    }
    let ratio = to / from;
    let (w, h) = (b.client_width() as f64, b.client_height() as f64);
    let cx = (b.scroll_left() as f64 + w / 2.0) * ratio - w / 2.0;
    let cy = (b.scroll_top() as f64 + h / 2.0) * ratio - h / 2.0;
    request_animation_frame(move || {
        if let Some(b) = diagram_box() {
            b.set_scroll_left(cx.max(0.0) as i32);
            b.set_scroll_top(cy.max(0.0) as i32);
        }
    });
}
