//! Opening a saved stackdraft.json: the "Open…" button and dropping a file on the page.

use leptos::prelude::*;
use web_sys::Blob;

use super::{browser, State};
use crate::engine::config::Config;
use crate::engine::file_open;
use crate::engine::message::Message;

/// Opens one file as the design. The size is checked before anything is read, so a huge
/// file is refused at once; a file that is not a design leaves the design as it was.
fn open_file(state: State, blob: Blob, name: String, status: RwSignal<String>) {
    if let Some(problem) = file_open::file_size_problem(blob.size()) {
        state
            .banner
            .set(Some(file_open::file_problem(&name, problem).to_string()));
        return;
    }
    let quoted = file_open::shown_file_name(&name).map_or_else(
        || "the file".into(),
        |name| format!("\u{201c}{name}\u{201d}"),
    );
    status.set(format!("Opening {quoted}…"));
    leptos::task::spawn_local(async move {
        let result = match browser::read_bytes(&blob).await {
            Ok(bytes) => Config::from_file_bytes(&bytes).map_err(|e| e.to_message()),
            Err(_) => Err(Message::file_unreadable()),
        };
        match result {
            Ok(config) => {
                state.replace_design(config, file_open::opened_file_note(&name));
                // Said once: the notice of the replaced design stays, this does not pile up.
                super::output::flash(status, &format!("Opened {quoted}."));
            }
            Err(problem) => {
                status.set(String::new());
                state
                    .banner
                    .set(Some(file_open::file_problem(&name, problem).to_string()));
            }
        }
    });
}

fn open_files(state: State, files: Vec<(Blob, String)>, status: RwSignal<String>) {
    let mut files = files.into_iter();
    match (files.next(), files.next()) {
        (Some((blob, name)), None) => open_file(state, blob, name, status),
        (Some(_), Some(_)) => state.banner.set(Some(
            "Open one file at a time: a design is a single stackdraft.json. You are still seeing your design."
                .into(),
        )),
        (None, _) => {}
    }
}

/// The "Open…" button: a label around a visually hidden file input, so it works from
/// the keyboard and needs no script to open the picker.
#[component]
pub fn OpenButton(state: State, status: RwSignal<String>) -> impl IntoView {
    let change = move |ev: leptos::ev::Event| {
        open_files(state, browser::chosen_files(&ev), status);
    };
    view! {
        <div class="open">
            <label class="button secondary" id="open-label" title="Open a saved stackdraft.json (or drop it on the page)">
                <input
                    type="file"
                    id="open-file"
                    class="visually-hidden"
                    accept=".json,application/json"
                    aria-describedby="open-status"
                    on:change=change
                />
                "Open a design…"
            </label>
            <span class="status" id="open-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// Dropping a file anywhere on the page opens it; an outline shows while a file is
/// dragged over the page.
#[component]
pub fn DropZone(state: State, status: RwSignal<String>) -> impl IntoView {
    let depth = RwSignal::new(0i32);
    let _ = window_event_listener(leptos::ev::dragenter, move |ev| {
        if browser::drag_has_files(&ev) {
            ev.prevent_default();
            depth.update(|d| *d += 1);
        }
    });
    let _ = window_event_listener(leptos::ev::dragleave, move |ev| {
        if browser::drag_has_files(&ev) {
            depth.update(|d| *d = (*d - 1).max(0));
        }
    });
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        if browser::drag_has_files(&ev) {
            // Without this the browser would open the file in place of the page.
            ev.prevent_default();
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        depth.set(0);
        if !browser::drag_has_files(&ev) {
            return;
        }
        ev.prevent_default();
        open_files(state, browser::dropped_files(&ev, true), status);
    });
    view! {
        <Show when=move || { depth.get() > 0 }>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop a stackdraft.json to open it"</p>
            </div>
        </Show>
    }
}
