//! The live architecture diagram and its download.

use std::time::Duration;

use leptos::prelude::*;

use super::output::{button_with_status, flash, problems_note};
use super::widgets::card_intro;
use super::{browser, State};
use crate::engine::diagram;
use crate::form::diagram_zoom;

/// How long the diagram waits after an edit before it is drawn again.
const DIAGRAM_DELAY: Duration = Duration::from_millis(150);

/// The diagram's scale: the one the person chose, or `None` for the readable default
/// (fitted unless labels would go below 9 px), and what that default is computed from.
#[derive(Clone, Copy)]
struct Zoom {
    /// (natural width, smallest label) of the drawn SVG.
    natural: RwSignal<(f64, Option<f64>)>,
    chosen: RwSignal<Option<f64>>,
    /// The width the diagram's box has for the image.
    container: RwSignal<f64>,
    scale: Memo<f64>,
}

impl Zoom {
    fn new() -> Zoom {
        let natural = RwSignal::new((0.0f64, None::<f64>));
        let chosen = RwSignal::new(None::<f64>);
        let container = RwSignal::new(0.0f64);
        let scale = Memo::new(move |_| {
            chosen.get().unwrap_or_else(|| {
                let (width, font) = natural.get();
                diagram_zoom::readable_zoom(width, font, container.get())
            })
        });
        Zoom {
            natural,
            chosen,
            container,
            scale,
        }
    }

    fn set(self, z: f64) {
        let z = z.clamp(diagram_zoom::MIN_ZOOM, diagram_zoom::MAX_ZOOM);
        keep_centre(self.scale.get_untracked(), z);
        self.chosen.set(Some(z));
    }

    /// One step larger or smaller.
    fn step(self, larger: bool) {
        self.set(diagram_zoom::step(self.scale.get_untracked(), larger));
    }

    fn fit(self) {
        self.container.set(box_width());
        let width = self.natural.get_untracked().0;
        self.set(diagram_zoom::fit_zoom(
            width,
            self.container.get_untracked(),
        ));
    }

    /// Shown at actual size by the person's choice.
    fn actual(self) -> bool {
        self.chosen.get().is_some_and(|z| z == 1.0)
    }
}

/// What the image shows: its data URL (empty until first drawn), its alt text, and
/// whether a drawing is on its way.
#[derive(Clone, Copy)]
struct Drawing {
    url: RwSignal<String>,
    alt: RwSignal<String>,
    pending: RwSignal<bool>,
}

/// Draws the diagram after the page is painted, then again 150 ms after the last edit:
/// typing never waits for it.
fn draw_after_edits(state: State, scaling: Zoom, drawing: Drawing) {
    let Drawing { url, alt, pending } = drawing;
    let generation = StoredValue::new(0u64);
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
                            diagram_zoom::svg_width(svg).unwrap_or(0.0),
                            diagram_zoom::min_font_size(svg),
                        ),
                    )
                });
                scaling.container.set(box_width());
                scaling.natural.set(size);
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
}

/// Zoom in (`larger`) or out, one step.
fn zoom_step_button(scaling: Zoom, larger: bool) -> impl IntoView {
    let (id, label, title, sign) = if larger {
        ("diagram-zoom-in", "Zoom in", "Zoom in (+)", "+")
    } else {
        ("diagram-zoom-out", "Zoom out", "Zoom out (−)", "−")
    };
    view! {
        <button
            type="button"
            id=id
            class="secondary"
            aria-label=label
            title=title
            on:click=move |_| scaling.step(larger)
        >
            {sign}
        </button>
    }
}

/// The zoom buttons and the scale between them.
fn zoom_bar(scaling: Zoom) -> impl IntoView {
    view! {
        <div class="zoom-group" role="group" aria-label="Zoom">
            {zoom_step_button(scaling, false)}
            <output id="diagram-scale" aria-live="off">
                // Empty until the diagram is drawn: a scale shown before would change (and
                // its text move) when the drawing arrives.
                {move || {
                    if scaling.natural.with(|n| n.0 > 0.0) {
                        format!("{}%", (scaling.scale.get() * 100.0).round() as i64)
                    } else {
                        String::new()
                    }
                }}
            </output>
            {zoom_step_button(scaling, true)}
            <button
                type="button"
                id="diagram-fit"
                class="secondary"
                title="Fit the whole diagram to the width (0)"
                on:click=move |_| scaling.fit()
            >
                "Fit"
            </button>
            <button
                type="button"
                id="diagram-zoom"
                class="secondary"
                aria-pressed=move || scaling.actual().to_string()
                title="Actual size (1)"
                on:click=move |_| {
                    if scaling.actual() {
                        scaling.chosen.set(None)
                    } else {
                        scaling.set(1.0)
                    }
                }
            >
                "Actual size"
            </button>
        </div>
    }
}

#[component]
pub fn DiagramSection(state: State) -> impl IntoView {
    // Shown as an image: the SVG's own <style> stays inside the image document, so the
    // page's Content-Security-Policy (no inline styles) never sees it.
    let drawing = Drawing {
        url: RwSignal::new(String::new()),
        alt: RwSignal::new(String::new()),
        pending: RwSignal::new(true),
    };
    let Drawing { url, alt, pending } = drawing;
    let scaling = Zoom::new();
    draw_after_edits(state, scaling, drawing);
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "+" | "=" => scaling.step(true),
            "-" | "_" => scaling.step(false),
            "0" => scaling.fit(),
            "1" => scaling.set(1.0),
            _ => return,
        }
        ev.prevent_default();
    };
    let wheel = move |ev: leptos::ev::WheelEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            scaling.step(ev.delta_y() < 0.0);
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
            {card_intro(
                "h-diagram",
                "Architecture",
                "The design drawn as you type: CloudFront reaches the services only through the VPC origin on the internal load balancer; tasks reach the internet through the Regional NAT Gateway."
            )}
            {problems_note(state, "stale-note", "diagram-note", |problems| format!(
                "The design has {problems} now: the diagram draws what it can of it as it is (so a wrong value shows here too). Its download is off until the design is valid again."
            ))}
            <div class="panel-bar">
                {zoom_bar(scaling)}
                {button_with_status(
                    "download-svg".to_string(),
                    "Download architecture.svg",
                    None,
                    blocked,
                    download,
                    status,
                )}
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
                        style:width=move || format!("{}px", diagram_zoom::one_decimal(scaling.natural.get().0 * scaling.scale.get()))
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
