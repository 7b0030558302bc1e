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
/// (fitted, but no label below 9 px), and what that default is computed from. The rules
/// (and why the wheel scrolls the page) are in `form::diagram_zoom`.
#[derive(Clone, Copy)]
struct Zoom {
    /// (natural width, smallest label) of the drawn SVG.
    natural: RwSignal<(f64, Option<f64>)>,
    chosen: RwSignal<Option<f64>>,
    /// The width the diagram's box has for the image.
    container: RwSignal<f64>,
    scale: Memo<f64>,
    /// Scrolls waiting for the frame in which the image has its new size: the box's
    /// scroll left, and how far down the page scrolls.
    pending: StoredValue<Option<(f64, f64)>>,
}

impl Zoom {
    fn new() -> Zoom {
        let natural = RwSignal::new((0.0f64, None::<f64>));
        let chosen = RwSignal::new(None::<f64>);
        let container = RwSignal::new(0.0f64);
        let scale = Memo::new(move |_| {
            let (width, font) = natural.get();
            match chosen.get() {
                Some(z) => diagram_zoom::clamp_zoom(z, font),
                None => diagram_zoom::readable_zoom(width, font, container.get()),
            }
        });
        Zoom {
            natural,
            chosen,
            container,
            scale,
            pending: StoredValue::new(None),
        }
    }

    fn font(self) -> Option<f64> {
        self.natural.get_untracked().1
    }

    /// Shows the diagram at `z` (or the readable default), keeping the point `pointer`
    /// (x, y into the image as drawn) where it is, or else the middle of the box's width.
    fn set(self, z: Option<f64>, pointer: Option<(f64, f64)>) {
        let to = match z {
            Some(z) => diagram_zoom::clamp_zoom(z, self.font()),
            None => {
                self.container.set(box_width());
                let (width, font) = self.natural.get_untracked();
                diagram_zoom::readable_zoom(width, font, self.container.get_untracked())
            }
        };
        self.keep_in_place(self.scale.get_untracked(), to, pointer);
        self.chosen.set(z.map(|_| to));
    }

    /// One step larger or smaller.
    fn step(self, larger: bool) {
        let z = diagram_zoom::step(self.scale.get_untracked(), larger, self.font());
        self.set(Some(z), None);
    }

    /// Shown at actual size by the person's choice.
    fn actual(self) -> bool {
        self.chosen.get().is_some_and(|z| z == 1.0)
    }

    /// Scrolls the box (and the page) in the frame that draws the image at `to`, so that
    /// the point under the pointer stays there: sideways in the box, up and down in the
    /// page, which the box never scrolls. Without a pointer (buttons, keys) the middle of
    /// the box's width stays, and the image's top: the buttons stay under the mouse.
    /// Several changes in one frame (a pinch's many small wheels) add up.
    fn keep_in_place(self, from: f64, to: f64, pointer: Option<(f64, f64)>) {
        let Some(b) = diagram_box() else {
            return;
        };
        let scrolled = f64::from(b.scroll_left());
        let (left, down) = self.pending.get_value().unwrap_or((scrolled, 0.0));
        // Offsets into the image at `from`, counting the scrolls not made yet.
        let (x, y) = match pointer {
            Some((px, py)) => (px - scrolled + left, py + down),
            None => (f64::from(b.client_width()) / 2.0 + left, 0.0),
        };
        let was_pending = self.pending.get_value().is_some();
        self.pending.set_value(Some((
            left + diagram_zoom::shift_to_keep(x, from, to),
            down + diagram_zoom::shift_to_keep(y, from, to),
        )));
        if was_pending {
            return;
        }
        request_animation_frame(move || {
            let Some((left, down)) = self.pending.get_value() else {
                return;
            };
            self.pending.set_value(None);
            if let Some(b) = diagram_box() {
                b.set_scroll_left(left.max(0.0).round() as i32);
            }
            if down != 0.0 {
                scroll_page_by(down);
            }
        });
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
                title="Fit the width, as far as no label goes below 9 px (0)"
                on:click=move |_| scaling.set(None, None)
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
                    let actual = (!scaling.actual()).then_some(1.0);
                    scaling.set(actual, None)
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
            "0" => scaling.set(None, None),
            "1" => scaling.set(Some(1.0), None),
            _ => return,
        }
        ev.prevent_default();
    };
    // Only Ctrl/⌘+wheel and a pinch are the diagram's: a plain wheel is never prevented
    // and scrolls the page. (Leptos attaches this listener to the box itself, not
    // delegated to the window, so it is not passive and can keep the browser's own zoom.)
    let wheel = move |ev: leptos::ev::WheelEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            let delta = diagram_zoom::wheel_pixels(ev.delta_y(), ev.delta_mode());
            let z = diagram_zoom::wheel_zoom(scaling.scale.get_untracked(), delta, scaling.font());
            // Over the image, not the box's scrollbar: the pointer's offsets into it.
            let over_image = ev.target() != ev.current_target();
            let pointer = over_image.then(|| (f64::from(ev.offset_x()), f64::from(ev.offset_y())));
            scaling.set(Some(z), pointer);
        }
    };
    // Dragging pans a diagram wider than its box: (pointer x, scroll left) at the press.
    let drag = StoredValue::new(None::<(i32, i32)>);
    let press = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 {
            if let Some(b) = diagram_box() {
                drag.set_value(Some((ev.client_x(), b.scroll_left())));
                ev.prevent_default();
            }
        }
    };
    let pan = move |ev: leptos::ev::MouseEvent| {
        if let (Some((x, left)), Some(b)) = (drag.get_value(), diagram_box()) {
            b.set_scroll_left(left - (ev.client_x() - x));
        }
    };
    let pans = move || {
        let width = scaling.natural.get().0;
        diagram_zoom::pans(width, scaling.scale.get(), scaling.container.get()).then_some("")
    };
    // The default fits the box's width, which a resize or a turned phone changes.
    let _ = window_event_listener(leptos::ev::resize, move |_| {
        scaling.container.set(box_width())
    });
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
                "Ctrl+wheel, a pinch or + and − zoom; 0 fits, 1 shows the actual size. A shadow at an edge means there is more: drag the diagram, scroll sideways or use the arrow keys."
            </p>
            <div class="diagram-frame">
                <div
                    class="diagram"
                    id="diagram"
                    data-state=move || if pending.get() { "pending" } else { "drawn" }
                    data-pans=pans
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

/// Scrolls what scrolls the diagram up and down: the output column from 1100 px wide
/// (style/app.css), the page below that.
fn scroll_page_by(down: f64) {
    let column = diagram_box().and_then(|b| b.closest(".output-col").ok().flatten());
    match column {
        Some(c) if c.scroll_height() > c.client_height() => {
            c.set_scroll_top(c.scroll_top() + down.round() as i32)
        }
        _ => {
            if let Some(w) = web_sys::window() {
                w.scroll_by_with_x_and_y(0.0, down);
            }
        }
    }
}
