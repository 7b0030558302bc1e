//! A service's application settings on its card: one editor for every list of
//! `form::lists` (variables, secrets, command, data access, managed policies), with the
//! bulk tools where they help (pasted `NAME=value` lines or a `.env` file, a command line
//! split into arguments), and the KMS key of its secrets.

use leptos::either::Either;
use leptos::prelude::*;

use super::widgets::{errors_at, field, field_errors, field_notes, field_warnings, warnings_at};
use super::{browser, State};
use crate::form::fields::Field;
use crate::form::lists::{parse_pairs, split_command, List};
use crate::form::notes::field_id;

/// The settings, folded away until a service has some: most services of a first design
/// need none.
pub fn application_settings(state: State, index: usize) -> impl IntoView {
    let summary = move || {
        state
            .with_service(index, |s| {
                let parts: Vec<String> = List::ALL
                    .into_iter()
                    .filter_map(|list| {
                        let n = list.len_in(&s.app);
                        (n > 0).then(|| format!("{} {n}", list.spec().label.to_ascii_lowercase()))
                    })
                    .collect();
                if parts.is_empty() {
                    "none yet".to_string()
                } else {
                    parts.join(" · ")
                }
            })
            .unwrap_or_default()
    };
    let open = state
        .config
        .with_untracked(|c| c.services.get(index).is_some_and(|s| !s.app.is_empty()));
    view! {
        <details class="app-settings" id=format!("service-{index}-app") open=open>
            <summary>
                <span class="app-title">"Your application"</span>
                <span class="app-summary">{summary}</span>
            </summary>
            <p class="help">
                "What the container itself needs: its configuration, its secrets, its start command and the data it may use. This service gets its own IAM roles with exactly these; no other service can read them."
            </p>
            {list_editor(state, List::Environment, index)}
            {list_editor(state, List::Secrets, index)}
            {field(state, Field::SecretsKmsKeyArn.at(index))}
            {list_editor(state, List::Command, index)}
            {list_editor(state, List::Permissions, index)}
            {list_editor(state, List::PolicyArns, index)}
        </details>
    }
}

/// One list: its rows, each cell with its label and notes, Remove per row, Add, and the
/// list's own notes.
fn list_editor(state: State, list: List, index: usize) -> impl IntoView {
    let spec = list.spec();
    let path = list.path(index);
    let count = move || {
        state
            .with_service(index, |s| list.len_in(&s.app))
            .unwrap_or(0)
    };
    let add = move |_| {
        let mut added = None;
        state.update(|c| added = list.add(c, index));
        if let Some(row) = added {
            // A row just added is empty: its cells' errors wait until each is left.
            let cells = (0..list.spec().columns.len()).map(|c| list.cell_path(index, row, c));
            state.held.update(|h| h.extend(cells));
            request_animation_frame(move || {
                browser::focus_id(&field_id(&list.cell_path(index, row, 0)))
            });
        }
    };
    let add_id = format!("{}-add", field_id(&path));
    view! {
        <fieldset class="group list" id=field_id(&path) tabindex="-1">
            <legend>{spec.label}</legend>
            <p class="hint">{spec.help}</p>
            {field_errors(errors_at(state, path.clone()), &path)}
            {field_warnings(warnings_at(state, path.clone()), &path)}
            <ol class="list-rows">
                <For
                    each=move || 0..count()
                    key=|row| *row
                    children=move |row| list_row(state, list, index, row)
                />
            </ol>
            <div class="list-actions">
                <button type="button" class="secondary" id=add_id on:click=add>
                    {format!("Add a {}", spec.row)}
                </button>
            </div>
            {matches!(list, List::Environment | List::Secrets | List::Command)
                .then(|| bulk_tool(state, list, index))}
        </fieldset>
    }
}

fn list_row(state: State, list: List, index: usize, row: usize) -> impl IntoView {
    let spec = list.spec();
    let row_path = crate::engine::field_path::entry_path(&list.path(index), row, "");
    let row_name = format!("{} {}", spec.row, row + 1);
    let remove = move |_| {
        state.update(|c| list.remove(c, index, row));
        let left = state.config.with_untracked(|c| list.len(c, index));
        let next = if row < left {
            field_id(&list.cell_path(index, row, 0))
        } else {
            format!("{}-add", field_id(&list.path(index)))
        };
        request_animation_frame(move || browser::focus_id(&next));
    };
    let cells = spec
        .columns
        .iter()
        .enumerate()
        .map(|(column, _)| cell(state, list, index, row, column))
        .collect_view();
    view! {
        <li class="list-row" role="group" aria-label=row_name.clone()>
            <div class="list-cells">
                {cells}
                <button
                    type="button"
                    class="secondary"
                    aria-label=format!("Remove {row_name}")
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            {field_notes(state, &row_path)}
        </li>
    }
}

/// One cell: a text input, or a `<select>` for a choice, with its label and its notes.
fn cell(state: State, list: List, index: usize, row: usize, column: usize) -> impl IntoView {
    let spec = list.spec();
    let c = &spec.columns[column];
    let path = list.cell_path(index, row, column);
    let id = field_id(&path);
    let errors = errors_at(state, path.clone());
    let warnings = warnings_at(state, path.clone());
    let value = move || {
        state
            .with_service(index, |s| list.get_in(&s.app, row, column))
            .flatten()
            .unwrap_or_default()
    };
    let set = move |text: String| state.update(|cfg| list.set(cfg, index, row, column, text));
    let invalid = move || errors.with(|m| !m.is_empty()).then_some("true");
    let described = {
        let id = id.clone();
        move || {
            let mut ids = Vec::new();
            if errors.with(|m| !m.is_empty()) {
                ids.push(format!("{id}-err"));
            }
            if warnings.with(|m| !m.is_empty()) {
                ids.push(format!("{id}-warn"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let label = format!(
        "{} {} {}",
        capitalized(spec.row),
        row + 1,
        c.label.to_ascii_lowercase()
    );
    let control = match c.choices {
        Some(choices) => Either::Left(view! {
            <select
                id=id.clone()
                aria-invalid=invalid
                aria-describedby=described
                on:change=move |ev| set(event_target_value(&ev))
            >
                {choices
                    .iter()
                    .map(|(code, text)| {
                        let code = *code;
                        view! {
                            <option value=code prop:selected=move || value() == code>
                                {*text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }),
        None => Either::Right(view! {
            <input
                type="text"
                id=id.clone()
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder=c.placeholder
                prop:value=value
                aria-invalid=invalid
                aria-describedby=described
                on:input=move |ev| set(event_target_value(&ev))
            />
        }),
    };
    view! {
        <div class="cell">
            <label for=id.clone() class="visually-hidden">{label}</label>
            {control}
            {field_errors(errors, &path)}
            {field_warnings(warnings, &path)}
        </div>
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The list's bulk tool: `NAME=value` lines pasted or a `.env` file opened, added as rows
/// at the end, or a command line split into arguments as a shell splits words (the split
/// shown as it is typed) that replaces the arguments. Either is one undo step.
fn bulk_tool(state: State, list: List, index: usize) -> impl IntoView {
    let command = list == List::Command;
    let base = field_id(&list.path(index));
    let (area_id, status_id) = (format!("{base}-bulk"), format!("{base}-bulk-status"));
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let bad = RwSignal::new(false);
    let take = move |typed: &str| {
        let outcome = if command {
            split_command(typed).map(|words| {
                let n = words.len();
                state.update(|c| List::set_arguments(c, index, words));
                format!("The command is now {n} argument{}.", plural(n))
            })
        } else {
            parse_pairs(typed).map(|pairs| {
                let n = pairs.len();
                if n == 0 {
                    return "Nothing to add: no NAME=value line.".to_string();
                }
                state.update(|c| list.add_pairs(c, index, pairs));
                format!("Added {n} {}{}.", list.spec().row, plural(n))
            })
        };
        bad.set(outcome.is_err());
        match outcome {
            Ok(done) => {
                state.commit();
                text.set(String::new());
                status.set(done);
            }
            Err(message) => status.set(message.to_string()),
        }
    };
    // The command's split, shown before it is used.
    let shown = move || {
        let typed = text.get();
        if !command || typed.trim().is_empty() {
            return status.get();
        }
        match split_command(&typed) {
            Ok(words) => format!(
                "{} argument{}: {}",
                words.len(),
                plural(words.len()),
                words
                    .iter()
                    .map(|w| format!("\u{27e8}{w}\u{27e9}"))
                    .collect::<String>()
            ),
            Err(message) => message.to_string(),
        }
    };
    let is_bad = move || {
        if command && !text.with(|t| t.trim().is_empty()) {
            text.with(|t| split_command(t).is_err())
        } else {
            bad.get()
        }
    };
    let open = move |ev: leptos::ev::Event| {
        browser::read_chosen_text(&ev, move |_, text| match text {
            Some(read) => take(&read),
            None => {
                bad.set(true);
                status.set("The browser could not read the file as UTF-8 text.".into());
            }
        });
    };
    let (summary, label, button) = if command {
        (
            "Type the command as one line",
            "Command line (quotes and \\ as in a shell; no $ expansion, no globbing)",
            "Use these arguments",
        )
    } else {
        (
            "Paste NAME=value lines, or open a .env file",
            "NAME=value, one a line",
            "Add these lines",
        )
    };
    view! {
        <details class="paste">
            <summary>{summary}</summary>
            <label for=area_id.clone()>{label}</label>
            <textarea
                id=area_id
                rows=if command { "1" } else { "3" }
                spellcheck="false"
                aria-describedby=status_id.clone()
                aria-invalid=move || is_bad().then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="list-actions">
                <button type="button" class="secondary" on:click=move |_| take(&text.get_untracked())>
                    {button}
                </button>
                {(!command)
                    .then(|| {
                        view! {
                            <label class="button secondary">
                                <input
                                    type="file"
                                    id=format!("{base}-env-file")
                                    class="visually-hidden"
                                    accept=".env,text/plain"
                                    on:change=open
                                />
                                "Open a .env file…"
                            </label>
                        }
                    })}
            </div>
            <p class="status" class:bad=is_bad role="status" id=status_id>
                {shown}
            </p>
        </details>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
