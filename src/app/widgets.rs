//! Form fields bound to a part of the design by getter and setter closures. Each field
//! sits in one shell ([`field_shell`]): a `<label>`, an id derived from its JSON path, its
//! hint, and its errors and warnings right below it.

use std::sync::Arc;

use leptos::either::EitherOf4;
use leptos::prelude::*;

use super::State;
use crate::engine::config::Config;
use crate::form::edits;
use crate::form::fields::{Access, FieldAt};
use crate::form::notes::{field_id, service_of, ShownError};
use crate::form::number_drafts;

/// The sentences of `notes` shown next to the field or group at `path`, and with
/// `causes` of those it caused elsewhere.
/// A service card's notes are re-read when that card's notes change ([`State::service`]),
/// not on every edit.
fn notes_at(
    state: State,
    notes: Memo<Vec<ShownError>>,
    path: String,
    causes: bool,
) -> Memo<Vec<String>> {
    let slot = service_of(&path).and_then(|index| state.service_revision(index));
    Memo::new(move |_| {
        // A required field a toggle just brought in empty: its error waits until it is left.
        if causes && state.held.with(|h| h.contains(&path)) {
            return Vec::new();
        }
        let at = |notes: &Vec<ShownError>| {
            notes
                .iter()
                .filter(|n| n.anchor == path || causes && n.also.contains(&path))
                .map(|n| n.text.clone())
                .collect()
        };
        match slot {
            Some(slot) => {
                slot.track();
                notes.with_untracked(at)
            }
            None => notes.with(at),
        }
    })
}

/// The fold button of a section that folds (`form::folds::FOLDING`), first in the section:
/// named by its words and the section's heading ("Hide What it costs"). Its state and words
/// are set by `browser::apply_folds` and `browser::toggle_fold`.
pub fn fold_button(section: &'static str, heading: &'static str) -> impl IntoView {
    let id = format!("fold-{section}");
    view! {
        <button
            type="button"
            class="fold link"
            id=id.clone()
            aria-expanded="true"
            aria-controls=section
            aria-labelledby=format!("{id} {heading}")
            on:click=move |_| super::browser::toggle_fold(section)
        >
            "Hide"
        </button>
    }
}

/// A card's heading and the help under it.
pub fn card_intro(
    heading_id: &'static str,
    title: &'static str,
    help: &'static str,
) -> impl IntoView {
    view! {
        <h2 id=heading_id>{title}</h2>
        <p class="help">{help}</p>
    }
}

/// The error sentences shown next to the field or group at `path`.
pub fn errors_at(state: State, path: String) -> Memo<Vec<String>> {
    notes_at(state, state.shown, path, true)
}

/// The review's warnings shown next to the field or group at `path`.
pub fn warnings_at(state: State, path: String) -> Memo<Vec<String>> {
    notes_at(state, state.field_warnings, path, false)
}

/// A field's list of notes, with id `<field id>-<suffix>` for `aria-describedby`.
fn note_list(
    messages: Memo<Vec<String>>,
    path: &str,
    suffix: &str,
    class: &'static str,
    testid: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{}-{suffix}", field_id(path));
    view! {
        <Show when=move || messages.with(|m| !m.is_empty())>
            <ul class=class id=id.clone() data-testid=testid>
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

/// The warnings for `path`, with id `<field id>-warn`; they never block anything.
pub fn field_warnings(messages: Memo<Vec<String>>, path: &str) -> impl IntoView {
    note_list(
        messages,
        path,
        "warn",
        "field-warnings",
        Some("field-warning"),
    )
}

/// Errors, then warnings, below a field.
pub fn field_notes(state: State, path: &str) -> impl IntoView {
    let errors = errors_at(state, path.to_string());
    let warnings = warnings_at(state, path.to_string());
    (field_errors(errors, path), field_warnings(warnings, path))
}

/// The list of errors for `path`, with id `<field id>-err` for `aria-describedby`.
pub fn field_errors(messages: Memo<Vec<String>>, path: &str) -> impl IntoView {
    note_list(messages, path, "err", "field-errors", None)
}

/// The shell of a field ([`Control::wrap`]) and what it hands the control it wraps: its id, and its errors and
/// warnings for `aria-invalid` and `aria-describedby`.
pub struct Control {
    pub id: String,
    errors: Memo<Vec<String>>,
    warnings: Memo<Vec<String>>,
}

impl Control {
    /// `aria-invalid`: "true" while the field has errors.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let errors = self.errors;
        move || errors.with(|m| !m.is_empty()).then_some("true")
    }

    /// `aria-describedby`: the ids of its errors and warnings while it has any.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (errors, warnings, id) = (self.errors, self.warnings, self.id.clone());
        move || {
            let mut ids = Vec::new();
            if errors.with(|m| !m.is_empty()) {
                ids.push(format!("{id}-err"));
            }
            if warnings.with(|w| !w.is_empty()) {
                ids.push(format!("{id}-warn"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// What the shell says about a field: its JSON path, label and hint.
pub struct About {
    pub path: String,
    pub label: String,
    pub help: Option<&'static str>,
}

impl Control {
    /// The shell of the field at `path`: its id, errors and warnings.
    fn new(state: State, path: &str) -> Control {
        Control {
            id: field_id(path),
            errors: errors_at(state, path.to_string()),
            warnings: warnings_at(state, path.to_string()),
        }
    }

    /// The field's `<label>`.
    fn label(&self, text: String) -> impl IntoView {
        view! { <label for=self.id.clone()>{text}</label> }
    }

    /// [`Control::wrap`] with the label above the control.
    fn labelled(self, about: About, class: &'static str, input: impl IntoView) -> impl IntoView {
        let label = self.label(about.label);
        self.wrap(&about.path, about.help, class, label, input)
    }

    /// The shell around any control, as thaw's `Field`: the label and the control made
    /// with this shell's id and `aria-*` (in `first` and `second`, in the order they
    /// show), then the hint and the errors and warnings below them.
    fn wrap(
        self,
        path: &str,
        help: Option<&'static str>,
        class: &'static str,
        first: impl IntoView,
        second: impl IntoView,
    ) -> impl IntoView {
        view! {
            <div class=class>
                {first}
                {second}
                {help.map(|h| view! { <p class="hint">{h}</p> })}
                {field_errors(self.errors, path)}
                {field_warnings(self.warnings, path)}
            </div>
        }
    }
}

/// Reads a field of the design (`None` while the part it belongs to is gone).
type Getter<T> = Arc<dyn Fn(&Config) -> T + Send + Sync>;
/// Writes a field of the design.
type Setter<T> = Arc<dyn Fn(&mut Config, T) + Send + Sync>;

/// A control's getter and setter, as closures: the getter may read only the part of the
/// design it needs.
struct Binding<G, S> {
    get: Getter<G>,
    set: Setter<S>,
    /// For a service's field, its service's revision ([`State::service`]): the control
    /// then re-reads its value only when its service changes, not on every edit.
    slot: Option<RwSignal<u64>>,
}

/// Reads the design for a control: tracking only its service when it has one.
fn read<T>(state: State, slot: Option<RwSignal<u64>>, f: impl FnOnce(&Config) -> T) -> T {
    track(state, slot);
    state.config.with_untracked(f)
}

#[inline(never)]
fn track(state: State, slot: Option<RwSignal<u64>>) {
    match slot {
        Some(slot) => slot.track(),
        None => state.config.track(),
    }
}

/// The table's accessors of the field at `at` (design-wide fields ignore its index).
fn bind<G: 'static, S: 'static>(
    state: State,
    at: FieldAt,
    get: fn(&Config, usize) -> G,
    set: fn(&mut Config, usize, S),
) -> Binding<G, S> {
    let index = at.index;
    Binding {
        get: Arc::new(move |c| get(c, index)),
        set: Arc::new(move |c, v| set(c, index, v)),
        slot: at
            .field
            .per_service()
            .then(|| state.service_revision(index))
            .flatten(),
    }
}

/// The control for a field of the table, bound by the table's getter and setter: a text
/// input, a number input or a checkbox with the table's label and help.
pub fn field(state: State, at: FieldAt) -> impl IntoView {
    let spec = at.spec();
    let label = match spec.access {
        Access::Check(..) => spec.check.unwrap_or(spec.label),
        _ => spec.label,
    };
    let about = About {
        path: at.path(),
        label: label.to_string(),
        help: spec.help,
    };
    if let Access::Group = spec.access {
        return EitherOf4::D(());
    }
    let shell = Control::new(state, &about.path);
    match spec.access {
        Access::Text(get, set) => {
            let input = text_input(state, &shell, &about.path, bind(state, at, get, set));
            EitherOf4::A(shell.labelled(about, "field", input))
        }
        Access::Number(get, set) => {
            let input = number_input(state, &shell, &about.path, bind(state, at, get, set));
            EitherOf4::B(shell.labelled(about, "field number", input))
        }
        Access::Check(get, set) => {
            let input = checkbox_input(state, &shell, bind(state, at, get, set));
            let label = shell.label(about.label);
            EitherOf4::C(shell.wrap(&about.path, about.help, "field check", input, label))
        }
        Access::Group => EitherOf4::D(()),
    }
}

/// A `<select>` for a text field of the table; `options` as for [`select_field`].
pub fn select<O>(state: State, at: FieldAt, options: O) -> impl IntoView
where
    O: Fn(&Config) -> Vec<(String, String)> + Send + Sync + 'static,
{
    let spec = at.spec();
    let Access::Text(get, set) = spec.access else {
        unreachable!("a select holds text");
    };
    select_field_view(
        state,
        About {
            path: at.path(),
            label: spec.label.to_string(),
            help: spec.help,
        },
        Arc::new(options),
        bind(state, at, get, set),
    )
}

// Each public field function wraps one non-generic builder of its control in the shell,
// so the view code is compiled once per kind of field rather than once per field.

fn text_input(
    state: State,
    shell: &Control,
    path: &str,
    bound: Binding<Option<String>, String>,
) -> impl IntoView {
    let Binding { get, set, slot } = bound;
    let path = path.to_string();
    let tidy_set = set.clone();
    view! {
        <input
            type="text"
            id=shell.id.clone()
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            prop:value=move || read(state, slot, |c| get(c)).unwrap_or_default()
            aria-invalid=shell.invalid()
            aria-describedby=shell.described_by()
            on:input=move |ev| state.update(|c| set(c, event_target_value(&ev)))
            // Left (or Enter): tidied where the field tidies, in the same undo step.
            on:change=move |ev| {
                if let Some(tidy) = edits::tidied(&path, &event_target_value(&ev)) {
                    state.update(|c| tidy_set(c, tidy));
                }
            }
        />
    }
}

/// A text input for a whole number. Text that is not a whole number stays in the field
/// as typed, is reported there, and keeps the design invalid until it is fixed.
fn number_input(
    state: State,
    shell: &Control,
    path: &str,
    bound: Binding<Option<i64>, i64>,
) -> impl IntoView {
    let Binding { get, set, slot } = bound;
    let (shown_path, input_path) = (path.to_string(), path.to_string());
    let value = move || {
        state
            .drafts
            .with(|d| d.get(&shown_path).cloned())
            .or_else(|| read(state, slot, |c| get(c)).map(|n| n.to_string()))
            .unwrap_or_default()
    };
    view! {
        <input
            type="text"
            inputmode="numeric"
            id=shell.id.clone()
            autocomplete="off"
            prop:value=value
            aria-invalid=shell.invalid()
            aria-describedby=shell.described_by()
            on:input=move |ev| {
                let text = event_target_value(&ev);
                let mut parsed = None;
                state.drafts.update(|d| parsed = number_drafts::apply_number_text(d, &input_path, &text));
                if let Some(n) = parsed {
                    state.update(|c| set(c, n));
                }
            }
        />
    }
}

/// A `<select>`: `options` gives (value, label) pairs; a current value that is not among
/// them is shown as an extra, marked option so the field tells the truth.
pub fn select_field<O, G, S>(
    state: State,
    about: About,
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
        about,
        Arc::new(options),
        Binding {
            get: Arc::new(get),
            set: Arc::new(set),
            slot: None,
        },
    )
}

fn select_input(
    state: State,
    shell: &Control,
    options: Getter<Vec<(String, String)>>,
    bound: Binding<Option<String>, String>,
) -> impl IntoView {
    let Binding { get, set, slot } = bound;
    let model = Memo::new(move |_| {
        read(state, slot, |c| {
            let current = get(c).unwrap_or_default();
            let mut list = options(c);
            if !list.iter().any(|(v, _)| *v == current) {
                list.insert(0, (current.clone(), format!("{current} (not valid)")));
            }
            (list, current)
        })
    });
    view! {
        <select
            id=shell.id.clone()
            aria-invalid=shell.invalid()
            aria-describedby=shell.described_by()
            on:change=move |ev| state.update(|c| set(c, event_target_value(&ev)))
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
    }
}

/// A `<select>` in its shell.
fn select_field_view(
    state: State,
    about: About,
    options: Getter<Vec<(String, String)>>,
    bound: Binding<Option<String>, String>,
) -> impl IntoView {
    let shell = Control::new(state, &about.path);
    let input = select_input(state, &shell, options, bound);
    shell.labelled(about, "field", input)
}

/// A checkbox with its label beside it.
fn checkbox_input(state: State, shell: &Control, bound: Binding<bool, bool>) -> impl IntoView {
    let Binding { get, set, slot } = bound;
    view! {
        <input
            type="checkbox"
            id=shell.id.clone()
            prop:checked=move || read(state, slot, |c| get(c))
            aria-describedby=shell.described_by()
            on:change=move |ev| state.update(|c| set(c, event_target_checked(&ev)))
        />
    }
}
