//! The review's warnings in one list: what will probably fail, cost more or be less safe
//! once deployed. Downloads stay on; each item goes to its field. A warning can be accepted
//! with a reason, kept in the design (`review.accepted`): it is then listed apart, with its
//! reason, and no longer counted.
//!
//! Written for weight: the items are plain markup with one kind of click handler, and one
//! reason form serves every warning (each distinct view and closure type adds its own code
//! to the wasm).

use leptos::prelude::*;

use super::{browser, State};
use crate::engine::config::Acceptance;
use crate::form::follow::count_of;
use crate::form::notes;

thread_local! {
    /// The reason field is to get the focus once painted.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The panel's heading is to get the focus once the panel is painted.
    static PANEL_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The section's id: the action bar's count controls it.
pub(super) const SECTION_ID: &str = "sec-before-deploy";

/// Pulls the review out as a panel (a drawer on a phone) with the focus on its heading, or
/// puts it back with the focus on the count that opened it.
pub(super) fn toggle_panel(state: State) {
    if state.review_open.get_untracked() {
        close_panel(state, true);
    } else {
        state.review_open.set(true);
        browser::after_paint_in(&PANEL_PENDING, || browser::focus_id("h-before-deploy"));
    }
}

/// Takes the focus to a field from a list of messages (the review's, the error summary's):
/// the panel goes first, as the field would be under it; a folded section unfolds
/// (`browser::focus_field`).
pub(super) fn go_to_field(state: State, field_id: &str) {
    close_panel(state, false);
    browser::focus_field(field_id);
}

/// After a Tab: a drawer that the focus left would cover where it went, so it goes.
pub(super) fn close_panel_if_left(state: State) {
    if state.review_open.get_untracked()
        && !browser::focus_in("#sec-before-deploy")
        && !browser::focus_in("#bar-problems")
    {
        close_panel(state, false);
    }
}

/// Puts the panel back in the page; `focus_back` returns the focus to the action bar's
/// count (Escape, Close), otherwise it stays where the person took it.
pub(super) fn close_panel(state: State, focus_back: bool) {
    if state.review_open.get_untracked() {
        state.review_open.set(false);
        if focus_back {
            browser::focus_id("bar-problems");
        }
    }
}

/// "1 warning", "3 warnings".
fn warnings_count(n: usize) -> String {
    count_of(n, "warning", "warnings")
}

/// What a button of the section does.
#[derive(Clone)]
enum Act {
    /// Go to the warning's field.
    Go(String),
    /// Ask for the reason to accept open warning `index`.
    Ask(usize),
    /// Take back acceptance `index` of `review.accepted` (the warning is open again, or it
    /// no longer occurs).
    Drop(usize),
}

#[component]
pub fn BeforeDeploySection(state: State) -> impl IntoView {
    let count = move || state.shown_warnings.with(Vec::len);
    let errors = move || state.shown.with(Vec::len);
    let open = move || state.review_open.get();
    let accepted = move || state.settled.with(|s| s.accepted.len() + s.stale.len());
    // The open warning whose reason is asked for.
    let asking = RwSignal::new(None::<usize>);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let act = move |what: Act| {
        move |_| match what.clone() {
            Act::Go(field) => go_to_field(state, &field),
            Act::Ask(index) => {
                asking.set(Some(index));
                problem.set(false);
                // Once the form is shown.
                browser::after_paint_in(&FOCUS_PENDING, || browser::focus_id("accept-reason"));
            }
            Act::Drop(index) => {
                state.update(move |c| {
                    if index < c.review.accepted.len() {
                        c.review.accepted.remove(index);
                    }
                });
                state.commit();
                browser::focus_id("h-before-deploy");
            }
        }
    };
    let accept = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked().trim().to_string();
        let Some(index) = asking.get_untracked() else {
            return;
        };
        if text.is_empty() {
            problem.set(true);
            return;
        }
        let Some(warning) = state.warnings.with_untracked(|w| w.get(index).cloned()) else {
            return;
        };
        asking.set(None);
        reason.set(String::new());
        state.update(move |c| {
            c.review.accepted.push(Acceptance {
                code: warning.message.code().id().to_string(),
                path: warning.path,
                reason: text,
            })
        });
        state.commit();
        browser::focus_id("h-before-deploy");
    };
    let open_items = move || {
        let shown = state.shown_warnings.get();
        let warnings = state.warnings.get();
        shown
            .into_iter()
            .zip(warnings)
            .enumerate()
            .map(|(index, (message, warning))| {
                view! {
                    <li data-code=warning.message.code().id()>
                        <button type="button" class="link" data-field=message.field_id.clone() on:click=act(Act::Go(message.field_id))>
                            {message.text}
                        </button>
                        " "
                        <button type="button" class="secondary" id=format!("accept-{index}") on:click=act(Act::Ask(index))>
                            "Accept…"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let accepted_items = move || {
        let (items, stale) = state
            .settled
            .with(|s| (s.accepted.clone(), s.stale.clone()));
        let (warnings, reasons): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        state.config.with(|c| {
            let shown = notes::shown_warnings(c, &warnings);
            let listed = shown.into_iter().zip(warnings).zip(reasons).map(|((m, w), reason)| {
                let index = c
                    .review
                    .accepted
                    .iter()
                    .position(|a| a.code == w.message.code().id() && a.path == w.path)
                    .unwrap_or(usize::MAX);
                (w.message.code().id(), m.text, format!("Accepted: {reason}"), index, "Reopen")
            });
            let gone = stale.into_iter().filter_map(|index| {
                let a = c.review.accepted.get(index)?;
                Some((
                    "",
                    format!(
                        "The design {}",
                        crate::engine::message::Message::acceptance_stale(a.code.as_str(), a.path.as_str())
                    ),
                    format!("Accepted: {}", a.reason),
                    index,
                    "Remove",
                ))
            });
            listed
                .chain(gone)
                .enumerate()
                .map(|(n, (code, text, reason, index, label))| {
                    view! {
                        <li data-code=code>
                            {text}
                            <span class="accepted-reason">{reason}</span>
                            <button type="button" class="secondary" id=format!("reopen-{n}") on:click=act(Act::Drop(index))>
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let asked = move || {
        asking.get().and_then(|index| {
            state
                .shown_warnings
                .with(|w| w.get(index).map(|m| m.text.clone()))
        })
    };
    view! {
        <section
            class="card before-deploy"
            class:panel=open
            id=SECTION_ID
            role=move || open().then_some("dialog")
            aria-labelledby="h-before-deploy"
        >
            <button type="button" class="secondary panel-close" id="review-close" hidden=move || !open() on:click=move |_| close_panel(state, true)>
                    "Close"
                </button>
            <h2 id="h-before-deploy" tabindex="-1">
                    {move || match (errors(), count()) {
                        (0, 0) => "Before you deploy".to_string(),
                        (0, n) => format!("Before you deploy: {}", warnings_count(n)),
                        (e, n) => format!(
                            "Before you deploy: {}, {}",
                            count_of(e, "error", "errors"),
                            warnings_count(n)
                        ),
                    }}
                </h2>
            <p class="help" id=move || if count() == 0 { "no-warnings" } else { "warnings-help" }>
                {move || match (count(), accepted()) {
                    (0, 0) => "The review has nothing to warn about in this design.",
                    (0, _) => "Every warning of the review is accepted (below).",
                    _ => "The design renders and downloads as it is; these are what will probably fail, cost more than you may think, or be less safe once deployed. Select one to go to its field, or accept it with a reason: the design keeps the reason, and the warning is no longer counted.",
                }}
            </p>
            <ul class="error-list" id="review-errors" hidden=move || { errors() == 0 }>
                {super::output::error_links(state)}
            </ul>
            <ul class="warning-list" id="warning-list" data-testid="warning-list">
                {open_items}
            </ul>
            <form class="accept-form" id="accept-form" hidden=move || asked().is_none() on:submit=accept>
                <label for="accept-reason">
                    "Why is this warning acceptable for this design?"
                    <span class="asked">{move || asked().unwrap_or_default()}</span>
                </label>
                <input
                    type="text"
                    id="accept-reason"
                    autocomplete="off"
                    aria-invalid=move || problem.get().to_string()
                    aria-describedby="accept-reason-error"
                    prop:value=move || reason.get()
                    on:input=move |ev| {
                        reason.set(event_target_value(&ev));
                        problem.set(false);
                    }
                />
                <button type="submit">"Accept"</button>
                <button type="button" class="secondary" on:click=move |_| asking.set(None)>"Cancel"</button>
                <p class="field-errors" id="accept-reason-error">
                    {move || problem.get().then_some("Say why: the reason is kept in the design beside the warning.")}
                </p>
            </form>
            <details class="accepted" id="accepted-warnings" hidden=move || accepted() == 0>
                <summary>{move || format!("Accepted: {}", warnings_count(accepted()))}</summary>
                <ul class="accepted-list" id="accepted-list">{accepted_items}</ul>
            </details>
        </section>
    }
}
