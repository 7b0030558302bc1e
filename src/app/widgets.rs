//! Form fields bound to a part of the design by getter and setter closures. Each field
//! has a `<label>`, an id derived from its JSON path, and its errors right below it.

use std::sync::Arc;

use leptos::prelude::*;

use super::State;
use crate::config::Config;
use crate::drafts;
use crate::fields::{Access, FieldAt};
use crate::shown::field_id;

/// The error sentences shown next to the field or group at `path`.
pub fn errors_at(state: State, path: String) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        state.shown.with(|shown| {
            shown
                .iter()
                .filter(|e| e.anchor == path || e.also.contains(&path))
                .map(|e| e.text.clone())
                .collect()
        })
    })
}

/// The review's warnings shown next to the field or group at `path`.
pub fn warnings_at(state: State, path: String) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        state.shown_warnings.with(|shown| {
            shown
                .iter()
                .filter(|w| w.anchor == path)
                .map(|w| w.text.clone())
                .collect()
        })
    })
}

/// The warnings for `path`, with id `<field id>-warn`; they never block anything.
pub fn field_warnings(messages: Memo<Vec<String>>, path: &str) -> impl IntoView {
    let id = format!("{}-warn", field_id(path));
    view! {
        <Show when=move || messages.with(|m| !m.is_empty())>
            <ul class="field-warnings" id=id.clone() data-testid="field-warning">
                {move || {
                    messages
                        .get()
                        .into_iter()
                        .map(|m| view! { <li>{m}</li> })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}

/// Errors, then warnings, below a field.
pub fn field_notes(state: State, path: &str) -> impl IntoView {
    let errors = errors_at(state, path.to_string());
    let warnings = warnings_at(state, path.to_string());
    (field_errors(errors, path), field_warnings(warnings, path))
}

/// The list of errors for `path`, with id `<field id>-err` for `aria-describedby`.
pub fn field_errors(messages: Memo<Vec<String>>, path: &str) -> impl IntoView {
    let id = format!("{}-err", field_id(path));
    view! {
        <Show when=move || messages.with(|m| !m.is_empty())>
            <ul class="field-errors" id=id.clone()>
                {move || {
                    messages
                        .get()
                        .into_iter()
                        .map(|m| view! { <li>{m}</li> })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}

/// The ids of the field's hint and of its errors and warnings while it has any.
fn described_by(
    state: State,
    messages: Memo<Vec<String>>,
    path: &str,
) -> impl Fn() -> Option<String> {
    let id = field_id(path);
    let warnings = warnings_at(state, path.to_string());
    move || {
        let mut ids = Vec::new();
        if messages.with(|m| !m.is_empty()) {
            ids.push(format!("{id}-err"));
        }
        if warnings.with(|w| !w.is_empty()) {
            ids.push(format!("{id}-warn"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

fn invalid(messages: Memo<Vec<String>>) -> impl Fn() -> Option<&'static str> {
    move || messages.with(|m| !m.is_empty()).then_some("true")
}

/// Reads a field of the design (`None` while the part it belongs to is gone).
type Getter<T> = Arc<dyn Fn(&Config) -> T + Send + Sync>;
/// Writes a field of the design.
type Setter<T> = Arc<dyn Fn(&mut Config, T) + Send + Sync>;

/// The control for a field of the table, bound by the table's getter and setter: a text
/// input, a number input or a checkbox with the table's label and help.
pub fn field(state: State, at: FieldAt) -> AnyView {
    let spec = at.spec();
    let index = at.index;
    let path = at.path();
    let label = spec.label.to_string();
    match spec.access {
        Access::Text(get, set) => text_field_view(
            state,
            path,
            label,
            spec.help,
            Arc::new(move |c| get(c, index)),
            Arc::new(move |c, v| set(c, index, v)),
        )
        .into_any(),
        Access::Number(get, set) => number_field_view(
            state,
            path,
            label,
            spec.help,
            Arc::new(move |c| get(c, index)),
            Arc::new(move |c, v| set(c, index, v)),
        )
        .into_any(),
        Access::Check(get, set) => checkbox_field_view(
            state,
            path,
            spec.check.unwrap_or(spec.label).to_string(),
            spec.help,
            Arc::new(move |c| get(c, index)),
            Arc::new(move |c, v| set(c, index, v)),
        )
        .into_any(),
        Access::Group => ().into_any(),
    }
}

/// A `<select>` for a text field of the table; `options` as for [`select_field`].
pub fn select<O>(state: State, at: FieldAt, options: O) -> impl IntoView
where
    O: Fn(&Config) -> Vec<(String, String)> + Send + Sync + 'static,
{
    let spec = at.spec();
    let index = at.index;
    let Access::Text(get, set) = spec.access else {
        unreachable!("a select holds text");
    };
    select_field_view(
        state,
        at.path(),
        spec.label.to_string(),
        spec.help,
        Arc::new(options),
        Arc::new(move |c| get(c, index)),
        Arc::new(move |c, v| set(c, index, v)),
    )
}

// Each public field function is a thin wrapper around one non-generic builder, so the
// view code is compiled once per kind of field rather than once per field.

fn text_field_view(
    state: State,
    path: String,
    label: String,
    help: Option<&'static str>,
    get: Getter<Option<String>>,
    set: Setter<String>,
) -> impl IntoView {
    let id = field_id(&path);
    let messages = errors_at(state, path.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                prop:value=move || state.config.with(|c| get(c)).unwrap_or_default()
                aria-invalid=invalid(messages)
                aria-describedby=described_by(state, messages, &path)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.update(|c| set(c, value));
                }
            />
            {help.map(|h| view! { <p class="hint">{h}</p> })}
            {field_errors(messages, &path)}
            {field_warnings(warnings_at(state, path.clone()), &path)}
        </div>
    }
}

fn number_field_view(
    state: State,
    path: String,
    label: String,
    help: Option<&'static str>,
    get: Getter<Option<i64>>,
    set: Setter<i64>,
) -> impl IntoView {
    let id = field_id(&path);
    let messages = errors_at(state, path.clone());
    let shown_path = path.clone();
    let value = move || {
        state
            .drafts
            .with(|d| d.get(&shown_path).cloned())
            .or_else(|| state.config.with(|c| get(c)).map(|n| n.to_string()))
            .unwrap_or_default()
    };
    let input_path = path.clone();
    view! {
        <div class="field number">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                inputmode="numeric"
                id=id
                autocomplete="off"
                prop:value=value
                aria-invalid=invalid(messages)
                aria-describedby=described_by(state, messages, &path)
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let mut parsed = None;
                    state.drafts.update(|d| parsed = drafts::apply_number_text(d, &input_path, &text));
                    if let Some(n) = parsed {
                        state.update(|c| set(c, n));
                    }
                }
            />
            {help.map(|h| view! { <p class="hint">{h}</p> })}
            {field_errors(messages, &path)}
            {field_warnings(warnings_at(state, path.clone()), &path)}
        </div>
    }
}

/// A `<select>`: `options` gives (value, label) pairs; a current value that is not among
/// them is shown as an extra, marked option so the field tells the truth.
pub fn select_field<O, G, S>(
    state: State,
    path: String,
    label: String,
    help: Option<&'static str>,
    options: O,
    get: G,
    set: S,
) -> impl IntoView
where
    O: Fn(&Config) -> Vec<(String, String)> + Send + Sync + 'static,
    G: Fn(&Config) -> Option<String> + Send + Sync + 'static,
    S: Fn(&mut Config, String) + Send + Sync + 'static,
{
    select_field_view(
        state,
        path,
        label,
        help,
        Arc::new(options),
        Arc::new(get),
        Arc::new(set),
    )
}

fn select_field_view(
    state: State,
    path: String,
    label: String,
    help: Option<&'static str>,
    options: Getter<Vec<(String, String)>>,
    get: Getter<Option<String>>,
    set: Setter<String>,
) -> impl IntoView {
    let id = field_id(&path);
    let messages = errors_at(state, path.clone());
    let model = Memo::new(move |_| {
        state.config.with(|c| {
            let current = get(c).unwrap_or_default();
            let mut list = options(c);
            if !list.iter().any(|(v, _)| *v == current) {
                list.insert(0, (current.clone(), format!("{current} (not valid)")));
            }
            (list, current)
        })
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                aria-invalid=invalid(messages)
                aria-describedby=described_by(state, messages, &path)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.update(|c| set(c, value));
                }
            >
                {move || {
                    let (list, current) = model.get();
                    list.into_iter()
                        .map(|(value, text)| {
                            let selected = value == current;
                            view! {
                                <option value=value prop:selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {help.map(|h| view! { <p class="hint">{h}</p> })}
            {field_errors(messages, &path)}
            {field_warnings(warnings_at(state, path.clone()), &path)}
        </div>
    }
}

fn checkbox_field_view(
    state: State,
    path: String,
    label: String,
    help: Option<&'static str>,
    get: Getter<bool>,
    set: Setter<bool>,
) -> impl IntoView {
    let id = field_id(&path);
    let messages = errors_at(state, path.clone());
    view! {
        <div class="field check">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || state.config.with(|c| get(c))
                aria-describedby=described_by(state, messages, &path)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.update(|c| set(c, on));
                }
            />
            <label for=id>{label}</label>
            {help.map(|h| view! { <p class="hint">{h}</p> })}
            {field_errors(messages, &path)}
            {field_warnings(warnings_at(state, path.clone()), &path)}
        </div>
    }
}
