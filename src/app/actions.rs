//! Always at hand: the action bar (undo, redo, the count of problems, the templates, the
//! link and the zip) fixed at the bottom of every screen, the skip menu to each section,
//! the notices that say what an edit changed besides its own field, and the points at
//! which an edit becomes an undo step (a field's change or blur, any button).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;

use super::output::{copy_link, download_zip};
use super::{browser, State};
use crate::form::edits;
use crate::form::follow::{count_of, Notice, Offer};

fn say(state: State, text: impl Into<String>) {
    state.notices.set(vec![Notice::info(text)]);
}

/// Makes every committed edit an undo step, and binds Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and
/// Ctrl+Y. An edit is committed after the control's own handler ran: a `change` (a text
/// field left or Enter pressed, a select or checkbox changed) or a click on anything.
pub fn install_history(state: State) {
    let _ = window_event_listener(leptos::ev::change, move |_| state.commit_soon());
    let _ = window_event_listener(leptos::ev::click, move |_| state.commit_soon());
    // A held field's error shows once the field is left.
    let _ = window_event_listener(leptos::ev::focusout, move |ev| {
        if state.held.with_untracked(Vec::is_empty) {
            return;
        }
        if let Some(id) = browser::target_id(ev.target()) {
            state
                .held
                .update(|h| h.retain(|path| crate::form::notes::field_id(path) != id));
        }
    });
    // A notice covers the bottom of the screen: pressing anywhere else, or Escape, puts it
    // away (pointerdown comes before the click that may bring a new one).
    let _ = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !browser::inside(ev.target(), "#notices") {
            state.notices.set(Vec::new());
        }
        if !browser::inside(ev.target(), "#sec-before-deploy")
            && !browser::inside(ev.target(), "#bar-problems")
        {
            super::review::close_panel(state, false);
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && state.review_open.get_untracked() {
            super::review::close_panel(state, true);
            return;
        }
        if ev.key() == "Escape" && state.notices.with_untracked(|n| !n.is_empty()) {
            dismiss(state);
            return;
        }
        tab_through_notices(state, &ev);
        if ev.key() == "Tab" {
            // Once the focus has moved.
            set_timeout(
                move || super::review::close_panel_if_left(state),
                Duration::ZERO,
            );
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

/// Which entry of the skip menu the focus is on.
fn skip_entry() -> Option<usize> {
    browser::focused_id_outside("#action-bar")?
        .strip_prefix("skip-")?
        .parse()
        .ok()
}

/// Follows a skip menu entry (its `href`, "#id"): the focus goes to that element.
fn follow_skip(href: Option<String>) {
    let Some(target) = href.as_deref().and_then(|h| h.strip_prefix('#')) else {
        return;
    };
    browser::focus_id(target);
    // The download button is off while the design has errors: its section says why.
    if target == "bar-download-zip" && !browser::focus_in("#bar-download-zip") {
        browser::focus_id("h-download");
    }
}

/// The first Tab stop: one stop for the whole menu (the arrow keys move in it, Enter
/// follows an entry), and each entry's letter follows it at once: from the page's top,
/// any section is two keys away (Tab, then its letter). The markup is the menu's one
/// source: the entries' targets are their `href`s, their letters `aria-keyshortcuts`.
#[component]
pub fn SkipMenu() -> impl IntoView {
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(at) = skip_entry() else {
            return;
        };
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let n = browser::count(".skip-menu a");
        let key = ev.key();
        let next = match key.as_str() {
            "ArrowRight" | "ArrowDown" => (at + 1) % n,
            "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => {
                let letter = key.to_ascii_uppercase();
                let href = browser::attribute(
                    &format!(".skip-menu a[aria-keyshortcuts=\"{letter}\"]"),
                    "href",
                );
                if href.is_some() {
                    ev.prevent_default();
                    follow_skip(href);
                }
                return;
            }
        };
        ev.prevent_default();
        browser::focus_id(&format!("skip-{next}"));
    };
    // Enter or a click on an entry: the fragment holds the design, so the link must not
    // change it.
    let click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(at) = skip_entry() {
            follow_skip(browser::attribute(&format!("#skip-{at}"), "href"));
        }
    };
    // Only the first entry is a Tab stop: the menu is one stop, the arrows move in it.
    view! {
        <nav class="skip-menu" aria-label="Skip to a section" on:keydown=keydown on:click=click>
            <span class="skip-hint" aria-hidden="true">"Skip to (arrow keys, or the letter):"</span>
            <ul>
                <li><a id="skip-0" href="#sec-network" aria-keyshortcuts="N">"Network"<kbd aria-hidden="true">"N"</kbd></a></li>
                <li><a id="skip-1" href="#f-services" tabindex="-1" aria-keyshortcuts="S">"Services"<kbd aria-hidden="true">"S"</kbd></a></li>
                <li><a id="skip-2" href="#sec-edge" tabindex="-1" aria-keyshortcuts="E">"Edge"<kbd aria-hidden="true">"E"</kbd></a></li>
                <li><a id="skip-3" href="#h-before-deploy" tabindex="-1" aria-keyshortcuts="R">"Review"<kbd aria-hidden="true">"R"</kbd></a></li>
                <li><a id="skip-4" href="#outputs" tabindex="-1" aria-keyshortcuts="O">"Outputs"<kbd aria-hidden="true">"O"</kbd></a></li>
                <li><a id="skip-5" href="#bar-download-zip" tabindex="-1" aria-keyshortcuts="D">"Download"<kbd aria-hidden="true">"D"</kbd></a></li>
            </ul>
        </nav>
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
    let go_problems = move |_| super::review::toggle_panel(state);
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
                class:warned=move || { errors() == 0 && warnings() > 0 }
                aria-controls=super::review::SECTION_ID
                aria-expanded=move || state.review_open.get().to_string()
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
                    "Copy link"
                </button>
                <button
                    type="button"
                    id="bar-download-zip"
                    disabled=move || state.has_errors()
                    title="Download all templates, the design and the deploy kit"
                    on:click=zip
                >
                    "Download .zip"
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

thread_local! {
    /// The id of the control whose edit raised the notices: Tab goes from it into them.
    static NOTICE_ORIGIN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Bumped whenever the notices change, so a timer set for older ones does nothing.
    static NOTICE_GENERATION: Cell<u64> = const { Cell::new(0) };
    static NOTICE_PAINT_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// How long a notice that undoes nothing (a copied link, a download) stays while neither the
/// pointer nor the focus is on it.
const INFO_NOTICE_STAYS: Duration = Duration::from_secs(8);

/// Puts the notices away; the focus, if it was in them, goes back to the control that
/// raised them.
fn dismiss(state: State) {
    let inside = browser::focus_in("#notices");
    state.notices.set(Vec::new());
    if inside {
        if let Some(origin) = NOTICE_ORIGIN.with_borrow(Clone::clone) {
            browser::focus_id(&origin);
        }
    }
}

/// Tab from the control that raised the notices into them, and on out of them to what
/// follows that control.
fn tab_through_notices(state: State, ev: &leptos::ev::KeyboardEvent) {
    if ev.key() != "Tab" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    if state.notices.with_untracked(Vec::is_empty) {
        return;
    }
    let moved = NOTICE_ORIGIN.with_borrow(|origin| {
        origin
            .as_deref()
            .is_some_and(|o| browser::tab_through_notices(o, ev.shift_key()))
    });
    if moved {
        ev.prevent_default();
    }
}

/// What the last edit changed besides its own field, with Undo when it undoes that edit,
/// and any offer. They stand in one region above the action bar (over the design, never
/// the outputs), the page's padding keeps everything scrollable clear of them, and they
/// leave with the edit they are about: the next edit replaces them. A notice about no edit
/// leaves by itself after a few seconds.
#[component]
pub fn Notices(state: State) -> impl IntoView {
    Effect::new(move |_| {
        let (showing, info_only) = state.notices.with(|n| {
            (
                !n.is_empty(),
                n.iter().all(|n| !n.undoable && n.offer.is_none()),
            )
        });
        let generation = NOTICE_GENERATION.with(|g| {
            g.set(g.get() + 1);
            g.get()
        });
        if showing {
            if let Some(id) = browser::focused_id_outside("#notices") {
                NOTICE_ORIGIN.set(Some(id));
            }
        }
        browser::after_paint_in(&NOTICE_PAINT_PENDING, browser::clear_of_notices);
        if showing && info_only {
            set_timeout(
                move || {
                    if NOTICE_GENERATION.get() == generation && !browser::engaged("#notices") {
                        state.notices.set(Vec::new());
                    }
                },
                INFO_NOTICE_STAYS,
            );
        }
    });
    let apply = move |offer: Offer| match offer {
        Offer::Resplit { subnets, .. } => {
            let shown = subnets.join(", ");
            state.update(|c| edits::apply_subnets(c, subnets));
            state.commit();
            state.notices.set(vec![Notice::of_edit(format!(
                "Re-split the subnets: {shown}."
            ))]);
            // The offer's button is gone with its notice.
            if let Some(origin) = NOTICE_ORIGIN.with_borrow(Clone::clone) {
                browser::focus_id(&origin);
            }
        }
    };
    view! {
        <div class="notices" id="notices" role="status" aria-live="polite" data-testid="notices">
            {move || {
                let notices = state.notices.get();
                let shown = !notices.is_empty();
                let undoable = notices.iter().any(|n| n.undoable);
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
                                        hidden=!undoable
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
                                        on:click=move |_| dismiss(state)
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
