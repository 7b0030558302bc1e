//! Always at hand: the action bar (undo, redo, the count of problems, the templates, the
//! link and the zip) fixed at the bottom of every screen, the skip link to the outputs,
//! the notices that say what an edit changed besides its own field, and the points at
//! which an edit becomes an undo step (a field's change or blur, any button).

use leptos::prelude::*;

use super::output::{copy_link, download_zip};
use super::{browser, State};
use crate::form::edits;
use crate::form::follow::{count_of, Notice, Offer};

fn say(state: State, text: impl Into<String>) {
    state.notices.set(vec![Notice {
        text: text.into(),
        offer: None,
    }]);
}

/// Makes every committed edit an undo step, and binds Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and
/// Ctrl+Y. An edit is committed after the control's own handler ran: a `change` (a text
/// field left or Enter pressed, a select or checkbox changed) or a click on anything.
pub fn install_history(state: State) {
    let _ = window_event_listener(leptos::ev::change, move |_| state.commit_soon());
    let _ = window_event_listener(leptos::ev::click, move |_| state.commit_soon());
    // A notice covers the bottom of the screen: pressing anywhere else, or Escape, puts it
    // away (pointerdown comes before the click that may bring a new one).
    let _ = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !browser::inside(ev.target(), "#notices") {
            state.notices.set(Vec::new());
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && state.notices.with_untracked(|n| !n.is_empty()) {
            state.notices.set(Vec::new());
            return;
        }
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let redo = match ev.key().as_str() {
            "z" | "Z" => ev.shift_key(),
            "y" | "Y" if ev.ctrl_key() => true,
            _ => return,
        };
        ev.prevent_default();
        if !state.step(redo) {
            say(
                state,
                if redo {
                    "Nothing to redo."
                } else {
                    "Nothing to undo."
                },
            );
        }
    });
}

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#outputs"
            on:click=move |ev| {
                // The fragment holds the design: the link must not change it.
                ev.prevent_default();
                browser::focus_id("outputs");
            }
        >
            "Skip to the outputs (templates, download, share)"
        </a>
    }
}

#[component]
pub fn ActionBar(state: State) -> impl IntoView {
    let errors = move || state.errors.with(Vec::len);
    let warnings = move || state.warnings.with(Vec::len);
    let summary = move || {
        let (e, w) = (errors(), warnings());
        match (e, w) {
            (0, 0) => "No problems".to_string(),
            (0, w) => count_of(w, "warning", "warnings"),
            (e, 0) => count_of(e, "error", "errors"),
            (e, w) => format!(
                "{} · {}",
                count_of(e, "error", "errors"),
                count_of(w, "warning", "warnings")
            ),
        }
    };
    let go_problems = move |_| {
        if state.has_errors() {
            browser::focus_id("error-summary-title");
        } else {
            browser::focus_id("h-before-deploy");
        }
    };
    let zip = move |_| match download_zip(state) {
        Ok(()) => say(state, "Downloading the zip."),
        Err(message) => say(state, message),
    };
    let link = move |_| copy_link(state, move |m| say(state, m));
    let templates =
        move |_| browser::focus_selector("#sec-preview [aria-selected=\"true\"]", "h-preview");
    view! {
        <nav class="action-bar" id="action-bar" aria-label="Design actions">
            <div class="bar-group">
                {history_button(state, false)}
                {history_button(state, true)}
            </div>
            <button
                type="button"
                id="bar-problems"
                class="link bar-problems"
                class:bad=move || { errors() > 0 }
                class:warn=move || { errors() == 0 && warnings() > 0 }
                on:click=go_problems
            >
                {summary}
            </button>
            <Show when=move || state.impact.with(|i| super::update::counts(i).is_some())>
                <button
                    type="button"
                    id="bar-update"
                    class="link bar-update"
                    title="What the update will replace or refuse: the Update impact section"
                    on:click=move |_| browser::focus_id("h-update")
                >
                    {move || state.impact.with(super::update::counts).unwrap_or_default()}
                </button>
            </Show>
            <div class="bar-group end">
                <button type="button" id="bar-templates" class="secondary" on:click=templates>
                    "Templates"
                </button>
                <button type="button" id="bar-copy-link" class="secondary" on:click=link>
                    <span class="wide-only">"Copy "</span>
                    "link"
                </button>
                <button
                    type="button"
                    id="bar-download-zip"
                    disabled=move || state.has_errors()
                    title="Download all templates, the design and the deploy kit"
                    on:click=zip
                >
                    <span class="wide-only">"Download "</span>
                    ".zip"
                </button>
            </div>
            // Inside the bar's landmark, though drawn above it.
            <Notices state=state />
        </nav>
    }
}

/// Undo (`redo` false) or redo, with its shortcuts.
fn history_button(state: State, redo: bool) -> impl IntoView {
    let (id, label, keys, title) = if redo {
        (
            "redo",
            "Redo",
            "Control+Shift+Z Meta+Shift+Z Control+Y",
            "Redo (Shift+Ctrl+Z or ⇧⌘Z)",
        )
    } else {
        ("undo", "Undo", "Control+Z Meta+Z", "Undo (Ctrl+Z or ⌘Z)")
    };
    let possible = move || {
        if redo {
            state.can_redo()
        } else {
            state.can_undo()
        }
    };
    view! {
        <button
            type="button"
            id=id
            class="secondary"
            aria-keyshortcuts=keys
            title=title
            disabled=move || !possible()
            on:click=move |_| {
                state.step(redo);
            }
        >
            {label}
        </button>
    }
}

/// What the last edit changed besides its own field, with undo and any offer.
#[component]
pub fn Notices(state: State) -> impl IntoView {
    let apply = move |offer: Offer| match offer {
        Offer::Resplit { subnets, .. } => {
            let shown = subnets.join(", ");
            state.update(|c| edits::apply_subnets(c, subnets));
            state.commit();
            say(state, format!("Re-split the subnets: {shown}."));
        }
    };
    view! {
        <div class="notices" id="notices" role="status" aria-live="polite" data-testid="notices">
            {move || {
                let notices = state.notices.get();
                let shown = !notices.is_empty();
                let items = notices
                    .into_iter()
                    .map(|n| {
                        let offer = n.offer.clone();
                        view! {
                            <li>
                                <span>{n.text}</span>
                                {offer
                                    .map(|o| {
                                        let label = match &o {
                                            Offer::Resplit { label, .. } => label.clone(),
                                        };
                                        view! {
                                            <button
                                                type="button"
                                                class="secondary offer"
                                                data-testid="notice-offer"
                                                on:click=move |_| apply(o.clone())
                                            >
                                                {label}
                                            </button>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view();
                shown
                    .then(|| {
                        view! {
                            <div class="notice-box">
                                <ul>{items}</ul>
                                <div class="notice-actions">
                                    <button
                                        type="button"
                                        class="secondary"
                                        id="notice-undo"
                                        on:click=move |_| {
                                            state.step(false);
                                        }
                                    >
                                        "Undo"
                                    </button>
                                    <button
                                        type="button"
                                        class="secondary"
                                        id="notice-dismiss"
                                        on:click=move |_| state.notices.set(Vec::new())
                                    >
                                        "Dismiss"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
