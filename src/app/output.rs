//! The template preview, the downloads and the share link.

use std::time::Duration;

use leptos::prelude::*;

use super::widgets::card_intro;
use super::{browser, State};
use crate::engine::bundle::{bundle_zip, CONFIG_FILE_NAME};
use crate::engine::config::Config;
use crate::engine::link;
use crate::engine::render::{self, render_stack, stack_ids, StackId};
use crate::form::line_diff::line_marks;
use crate::form::template_tabs::{self, TabChoice};

thread_local! {
    /// The valid design the preview last showed, and its stack.
    static SHOWN_DESIGN: std::cell::RefCell<Option<Config>> = const { std::cell::RefCell::new(None) };
    static SHOWN_STACK: std::cell::Cell<Option<StackId>> = const { std::cell::Cell::new(None) };
    /// The person's own choice of tab (`template_tabs::TabChoice`).
    static TAB_CHOICE: std::cell::RefCell<TabChoice> = const { std::cell::RefCell::new(TabChoice::NONE) };
}

/// (tab position, stack, stack name, role) for each template of the last valid design,
/// in deployment order.
type TemplateTab = (usize, StackId, String, &'static str);

fn template_list(state: State) -> Memo<Vec<TemplateTab>> {
    Memo::new(move |_| {
        state.last_valid.with(|c| {
            c.as_ref()
                .map(|c| {
                    stack_ids(c)
                        .into_iter()
                        .enumerate()
                        .map(|(tab, id)| {
                            (
                                tab,
                                id,
                                render::stack_name(c, id),
                                template_tabs::stack_role(id),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

/// A short-lived status message ("Copied.") for a live region.
pub(super) fn flash(signal: RwSignal<String>, message: &str) {
    signal.set(message.to_string());
    let shown = message.to_string();
    set_timeout(
        move || {
            if signal.get_untracked() == shown {
                signal.set(String::new());
            }
        },
        Duration::from_secs(4),
    );
}

pub(super) fn problems(state: State) -> String {
    match state.errors.with(Vec::len) {
        1 => "1 problem".into(),
        n => format!("{n} problems"),
    }
}

/// A note shown while the design has errors; `sentence` words it around their count
/// ("3 problems"). `id` is also its test id.
pub(super) fn problems_note(
    state: State,
    class: &'static str,
    id: &'static str,
    sentence: fn(&str) -> String,
) -> impl IntoView {
    view! {
        <Show when=move || state.has_errors()>
            <p class=class id=id data-testid=id>
                {move || sentence(&problems(state))}
            </p>
        </Show>
    }
}

/// Template `id`'s text in the design `before` the edit: the text shown when it is the
/// `shown` one, none when that design had no such stack.
#[inline(never)]
fn text_before(before: &Config, id: StackId, shown: Option<StackId>) -> String {
    if Some(id) == shown {
        browser::shown_lines()
    } else if stack_ids(before).contains(&id) {
        render_stack(before, id).yaml
    } else {
        String::new()
    }
}

#[component]
pub fn PreviewSection(state: State) -> impl IntoView {
    let tabs = template_list(state);
    let selected = move || {
        let n = tabs.with(Vec::len);
        state.selected_tab.get().min(n.saturating_sub(1))
    };
    let selected_stack = move || tabs.with(|t| t.get(selected()).map(|(_, id, _, _)| *id));
    let current = move || {
        selected_stack()
            .and_then(|id| state.template(id))
            .and_then(|m| m.get())
    };
    let stale = move || state.has_errors() && state.last_valid.with(Option::is_some);
    // The template's text goes in line by line, so an edit lays out again only the lines
    // it changed; they are marked for a moment. An edit elsewhere brings the template it
    // changed into view (`template_tabs`): the tab changes, the focus stays.
    Effect::new(move |_| {
        let part = super::take_edited_part();
        let shown = SHOWN_STACK.get();
        // The valid design shown before, when it changed since.
        let before = state.last_valid.with(|now| {
            SHOWN_DESIGN
                .with_borrow_mut(|was| (was != now).then(|| std::mem::replace(was, now.clone())))
        });
        let before = before.as_ref().map(Option::as_ref);
        let mut followed = false;
        if let (Some(Some(before)), Some(part)) = (before, part) {
            let target = TAB_CHOICE.with_borrow_mut(|choice| {
                choice.edited(part, shown, |id| {
                    state
                        .template(id)
                        .and_then(|m| m.get_untracked())
                        .is_some_and(|now| now.yaml != text_before(before, id, shown))
                })
            });
            if let Some(tab) =
                target.and_then(|id| tabs.with_untracked(|t| t.iter().position(|t| t.1 == id)))
            {
                state.selected_tab.set(tab);
                followed = true;
            }
        }
        let stack = selected_stack();
        if before.is_none() && stack == shown {
            return;
        }
        SHOWN_STACK.set(stack);
        let yaml = current().map(|t| t.yaml).unwrap_or_default();
        let marks = match (before, stack) {
            (Some(Some(before)), Some(id)) if followed || stack == shown => {
                line_marks(&text_before(before, id, shown), &yaml)
            }
            _ => Vec::new(),
        };
        browser::show_lines("preview-text", &yaml);
        browser::mark_lines("preview-text", &marks);
    });
    let copy_status = RwSignal::new(String::new());
    let copy = move |_| {
        let id = tabs.with_untracked(|t| {
            t.get(
                state
                    .selected_tab
                    .get_untracked()
                    .min(t.len().saturating_sub(1)),
            )
            .map(|(_, id, _, _)| *id)
        });
        if let Some(t) = id
            .and_then(|id| state.template(id))
            .and_then(|m| m.get_untracked())
        {
            browser::copy_text(t.yaml, move |ok| {
                flash(
                    copy_status,
                    if ok {
                        "Copied the template."
                    } else {
                        "Could not copy: select the text and copy it."
                    },
                )
            });
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = tabs.with_untracked(Vec::len);
        if n == 0 {
            return;
        }
        let now = state.selected_tab.get_untracked().min(n - 1);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (now + 1) % n,
            "ArrowLeft" | "ArrowUp" => (now + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        TAB_CHOICE.with_borrow_mut(TabChoice::chose);
        state.selected_tab.set(next);
        browser::focus_id(&format!("tab-{next}"));
    };
    view! {
        <section class="card preview" id="sec-preview" aria-labelledby="h-preview">
            {card_intro(
                "h-preview",
                "Templates",
                "One CloudFormation template per stack, updated as you type. Deploy them in tab order: the global stack in us-east-1 when the design has one (its web ACL, its certificates), then the network, then the initial service, then the others."
            )}
            <Show
                when=move || tabs.with(|t| !t.is_empty())
                fallback=|| {
                    view! {
                        <p class="empty" id="preview-empty">
                            "No valid design yet: fix the problems listed at the top to see the templates."
                        </p>
                    }
                }
            >
                <div class="tabs" role="tablist" aria-label="Templates" on:keydown=keydown>
                    // Keyed by the stack, so a rename changes the tab's text, not the tab.
                    <For
                        each=move || tabs.get()
                        key=|t| (t.0, t.1)
                        children=move |(slot, _, _, role)| {
                            let is = move || selected() == slot;
                            let name = move || tabs.with(|t| t.get(slot).map(|t| t.2.clone()));
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    class="tab"
                                    id=format!("tab-{slot}")
                                    data-testid="template-tab"
                                    aria-selected=move || is().to_string()
                                    aria-controls="template-panel"
                                    tabindex=move || if is() { "0" } else { "-1" }
                                    on:click=move |_| {
                                        TAB_CHOICE.with_borrow_mut(TabChoice::chose);
                                        state.selected_tab.set(slot)
                                    }
                                >
                                    <span class="tab-name">{name}</span>
                                    <span class="tab-role">{role}</span>
                                </button>
                            }
                        }
                    />
                </div>
                <div
                    role="tabpanel"
                    id="template-panel"
                    aria-labelledby=move || format!("tab-{}", selected())
                >
                    <div class="panel-bar">
                        <code class="file-name" id="preview-file">
                            {move || current().map(|t| t.file_name).unwrap_or_default()}
                        </code>
                        <button type="button" id="copy-yaml" class="secondary" on:click=copy>
                            "Copy to clipboard"
                        </button>
                        <span class="status" role="status">{move || copy_status.get()}</span>
                    </div>
                    <Show when=stale>
                        <p class="stale-note" id="stale-note" data-testid="stale-note">
                            {move || {
                                format!(
                                    "Out of date: this is the last valid version. The design has {} now.",
                                    problems(state),
                                )
                            }}
                        </p>
                    </Show>
                    <pre
                        id="preview-yaml"
                        data-testid="preview-yaml"
                        class:stale=stale
                        tabindex="0"
                        aria-label="Template text"
                    >
                        <code id="preview-text"></code>
                    </pre>
                </div>
            </Show>
        </section>
    }
}

/// A secondary button that is off while `blocked`, and the status line its click reports to.
pub(super) fn button_with_status(
    id: String,
    label: &'static str,
    aria_label: Option<String>,
    blocked: impl Fn() -> bool + Send + Sync + 'static,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
    status: RwSignal<String>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="secondary"
            id=id
            aria-label=aria_label
            disabled=blocked
            on:click=on_click
        >
            {label}
        </button>
        <span class="status" role="status">{move || status.get()}</span>
    }
}

/// The errors, each a link that takes the user to its field.
pub(super) fn error_links(state: State) -> impl IntoView {
    move || {
        state
            .shown
            .get()
            .into_iter()
            .map(|message| {
                let id = message.field_id.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            class="link"
                            data-field=message.field_id
                            on:click=move |_| super::review::go_to_field(state, &id)
                        >
                            {message.text}
                        </button>
                    </li>
                }
            })
            .collect_view()
    }
}

/// Downloads the zip of the design; `Err` says why nothing was downloaded.
pub(super) fn download_zip(state: State) -> Result<(), String> {
    let config = state.config.get_untracked();
    if state.has_errors() {
        return Err(format!(
            "Downloads are off while the design has {}.",
            problems(state)
        ));
    }
    let base = state.baseline.get_untracked();
    match super::update::with_update(base.as_deref(), &config, |update| {
        bundle_zip(&config, update)
    }) {
        Ok(bytes) => {
            browser::download(&bytes, &zip_name(&config), "application/zip")
                .map_err(|message| format!("The download failed: {message}"))?;
            super::update::downloaded(state);
            Ok(())
        }
        Err(errors) => Err(format!(
            "The design has {} problem(s); nothing was downloaded.",
            errors.len()
        )),
    }
}

/// Copies the share link; `done` gets the sentence to show.
pub(super) fn copy_link(state: State, done: impl FnOnce(&'static str) + 'static) {
    let link = format!("{}#{}", browser::page_base(), state.share.get_untracked());
    browser::copy_text(link, move |ok| {
        done(if ok {
            "Link copied."
        } else {
            "Could not copy: select the link and copy it."
        })
    });
}

fn zip_name(config: &Config) -> String {
    format!("{}-stackdraft.zip", config.network.name)
}

#[component]
pub fn DownloadSection(state: State) -> impl IntoView {
    let tabs = template_list(state);
    let blocked = move || state.has_errors();
    let status = RwSignal::new(String::new());
    let report = move |result: Result<(), String>| {
        if let Err(message) = result {
            status.set(format!("The download failed: {message}"));
        }
    };
    let download_zip = move |_| {
        if let Err(message) = download_zip(state) {
            status.set(message);
        }
    };
    let download_json = move |_| {
        let json = state.config.with_untracked(Config::to_pretty_json);
        report(browser::download(
            json.as_bytes(),
            CONFIG_FILE_NAME,
            "application/json",
        ));
    };
    view! {
        <section class="card" id="sec-download" aria-labelledby="h-download">
            <h2 id="h-download" tabindex="-1">"Download"</h2>
            <p class="help">
                "The zip holds every template and the design as "
                <code>{CONFIG_FILE_NAME}</code>
                " (plus the deploy kit), byte for byte what "
                <code>"stackdraft zip"</code>
                " writes. Keep the design in git next to the templates."
            </p>
            {problems_note(state, "blocked", "download-blocked", |problems| format!(
                "Downloads are off while the design has {problems}: fix them (listed at the top) to download the templates."
            ))}
            <div class="actions">
                <button
                    type="button"
                    id="download-zip"
                    disabled=blocked
                    aria-describedby="download-blocked"
                    on:click=download_zip
                >
                    "Download all (.zip)"
                </button>
                <button
                    type="button"
                    id="download-json"
                    class="secondary"
                    on:click=download_json
                >
                    {format!("Save the design ({CONFIG_FILE_NAME})")}
                </button>
            </div>
            <ul class="files" aria-label="Templates one by one">
                <For
                    each=move || tabs.get()
                    key=|t| (t.0, t.1)
                    children=move |(slot, id, _, _)| {
                        let file = move || {
                            tabs.with(|t| t.get(slot).map(|t| format!("{}.yaml", t.2)))
                        };
                        let download = move |_| {
                            let config = state.config.get_untracked();
                            if state.has_errors() {
                                return;
                            }
                            if stack_ids(&config).contains(&id) {
                                let t = render_stack(&config, id);
                                let done = browser::download(t.yaml.as_bytes(), &t.file_name, "application/yaml");
                                if done.is_ok() {
                                    super::update::downloaded(state);
                                }
                                report(done);
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="secondary file"
                                    data-testid="download-template"
                                    data-file=file
                                    disabled=blocked
                                    on:click=download
                                >
                                    {file}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <p class="status" role="status">{move || status.get()}</p>
        </section>
    }
}

#[component]
pub fn ShareSection(state: State, saved: RwSignal<u64>) -> impl IntoView {
    let base = browser::page_base();
    let url = move || {
        saved.track();
        format!("{base}#{}", state.share.get_untracked())
    };
    let status = RwSignal::new(String::new());
    let copy = move |_| copy_link(state, move |m| flash(status, m));
    let has_values = move || state.config.with(link::has_values);
    let copy_without = move |_| {
        let fragment = state
            .config
            .with_untracked(|c| link::encode(&link::without_values(c)));
        browser::copy_text(format!("{}#{fragment}", browser::page_base()), move |ok| {
            flash(
                status,
                if ok {
                    "Link without values copied: whoever opens it fills each value in."
                } else {
                    "Could not copy: select the link and copy it."
                },
            )
        });
    };
    view! {
        <section class="card" id="sec-share" aria-labelledby="h-share">
            <h2 id="h-share">"Share"</h2>
            <p class="warn" id="share-warning">
                "The link carries your whole design, including the account ids in image URIs and the certificate ARN. Share it only with people who may see those."
            </p>
            <div class="field">
                <label for="share-url">"Link to this design"</label>
                <div class="share-line">
                    <input
                        type="text"
                        id="share-url"
                        readonly
                        aria-describedby="share-warning"
                        prop:value=url
                        on:focus=move |ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                input.select();
                            }
                        }
                    />
                    <button type="button" id="copy-link" on:click=copy>
                        "Copy link"
                    </button>
                </div>
                <p class="status" role="status" id="share-status">{move || status.get()}</p>
            </div>
            <Show when=has_values>
                <div class="field" id="share-values">
                    <p class="warn">
                        "The link also holds the values of your services' environment variables. A link without them carries the rest of the design; whoever opens it sees each blank value as an error to fill."
                    </p>
                    <button type="button" class="secondary" id="copy-link-without-values" on:click=copy_without>
                        "Copy link without values"
                    </button>
                </div>
            </Show>
            <p class="hint">
                "The address bar always holds this link, so a bookmark keeps the design too. The design sits after the #, which browsers never send to a server."
            </p>
        </section>
    }
}
