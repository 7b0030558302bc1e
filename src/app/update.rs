//! The Update impact section: the design as deployed (the baseline: the design last
//! downloaded in this browser, or a stackdraft.json opened as the baseline), and what
//! deploying the design as it is now over it will replace or refuse.

use std::sync::Arc;

use leptos::prelude::*;

use super::widgets::fold_button;
use super::{browser, State};
use crate::engine::config::Config;
use crate::engine::kit::Update as KitUpdate;
use crate::engine::message::Message;
use crate::engine::update::diff::{predict, Baseline, Prediction};
use crate::form::notes::{self, ShownError};
use crate::form::update_impact::{self, blocker_notes};

/// Where the baseline is kept in this browser: its design, then what it is.
const BASELINE_KEY: &str = "stackdraft.baseline.v1";
const BASELINE_SOURCE_KEY: &str = "stackdraft.baseline-source.v1";

thread_local! {
    /// A prediction is asked for and not made yet.
    static REFRESH_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A baseline and where it came from.
pub struct BaselineState {
    pub config: Config,
    pub baseline: Baseline,
    pub source: String,
}

/// What the section shows.
#[derive(Clone, Default)]
pub enum Impact {
    /// No baseline yet.
    #[default]
    NoBaseline,
    /// The design as it is has errors: nothing to predict until they are fixed.
    Invalid,
    Ready(Arc<Prediction>),
}

/// Makes `config` the baseline, kept in this browser; its errors when it is not valid.
pub fn set_baseline(state: State, config: Config, source: String) -> Result<(), usize> {
    let baseline = Baseline::new(&config).map_err(|errors| errors.len())?;
    browser::save(BASELINE_KEY, &config.to_compact_json());
    browser::save(BASELINE_SOURCE_KEY, &source);
    state.baseline.set(Some(Arc::new(BaselineState {
        config,
        baseline,
        source,
    })));
    Ok(())
}

/// Calls `f` with the update from the baseline to `config` (valid), as the zip's kit is
/// made; with `None` when there is no baseline.
pub fn with_update<R>(
    base: Option<&BaselineState>,
    config: &Config,
    f: impl FnOnce(Option<&KitUpdate>) -> R,
) -> R {
    let prediction = base.and_then(|b| predict(&b.baseline, config).ok());
    match (base, &prediction) {
        (Some(base), Some(prediction)) => f(Some(&KitUpdate {
            base: &base.config,
            prediction,
        })),
        _ => f(None),
    }
}

/// The design just downloaded becomes the baseline.
pub fn downloaded(state: State) {
    let config = state.config.get_untracked();
    let when = String::from(js_sys::Date::new_0().to_iso_string());
    let when = when.get(..16).unwrap_or(&when).replace('T', " ");
    let _ = set_baseline(state, config, format!("the design downloaded {when} UTC"));
}

/// The baseline kept in this browser, read once the page has painted; then the prediction
/// follows every edit, a frame after it.
pub fn watch(state: State) {
    browser::after_paint_in(&REFRESH_PENDING, move || {
        restore(state);
        refresh(state);
    });
    Effect::new(move |_| {
        state.config.track();
        state.baseline.track();
        browser::after_paint_in(&REFRESH_PENDING, move || refresh(state));
    });
}

/// The baseline kept in this browser, if it is still a valid design.
fn restore(state: State) {
    let Some(text) = browser::load(BASELINE_KEY) else {
        return;
    };
    let source =
        browser::load(BASELINE_SOURCE_KEY).unwrap_or_else(|| "the design last downloaded".into());
    if let Ok(config) = Config::from_json(&text) {
        if let Ok(baseline) = Baseline::new(&config) {
            state.baseline.set(Some(Arc::new(BaselineState {
                config,
                baseline,
                source,
            })));
        }
    }
}

fn refresh(state: State) {
    let Some(base) = state.baseline.get_untracked() else {
        state.impact.set(Impact::NoBaseline);
        state.update_notes.set(Vec::new());
        return;
    };
    let (impact, shown) =
        state
            .config
            .with_untracked(|config| match predict(&base.baseline, config) {
                Ok(prediction) => {
                    let at = blocker_notes(&base.config, config, &prediction);
                    let shown: Vec<ShownError> = notes::shown_notes(
                        config,
                        at.iter().map(|(path, message)| (path.as_str(), message)),
                    );
                    (Impact::Ready(Arc::new(prediction)), shown)
                }
                Err(_) => (Impact::Invalid, Vec::new()),
            });
    state.impact.set(impact);
    if state.update_notes.with_untracked(|now| *now != shown) {
        state.update_notes.set(shown);
    }
}

/// "3 replacements · 1 blocker", or `None` when nothing is replaced or refused.
pub fn counts(impact: &Impact) -> Option<String> {
    let Impact::Ready(prediction) = impact else {
        return None;
    };
    let (r, b) = (prediction.replacements(), prediction.blockers.len());
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (r, b) {
        (0, 0) => None,
        (r, 0) => Some(count(r, "replacement", "replacements")),
        (0, b) => Some(count(b, "blocker", "blockers")),
        (r, b) => Some(format!(
            "{} · {}",
            count(r, "replacement", "replacements"),
            count(b, "blocker", "blockers")
        )),
    }
}

#[component]
pub fn UpdateImpactSection(state: State) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::Event| {
        browser::read_chosen_text(&ev, move |name, text| {
            let outcome = match text.as_deref().map(Config::from_json) {
                Some(Ok(config)) => match set_baseline(state, config, format!("{name}, opened")) {
                    Ok(()) => format!("{name} is the baseline."),
                    Err(n) => format!(
                        "{name} has {n} error{} and cannot be the baseline.",
                        if n == 1 { "" } else { "s" }
                    ),
                },
                Some(Err(error)) => format!("{name} is not a design: {}", error.to_message()),
                None => format!("{name} could not be read as UTF-8 text."),
            };
            status.set(outcome);
        });
    };
    let use_current = move |_| {
        let config = state.config.get_untracked();
        match set_baseline(state, config, "the design as it was when you set it".into()) {
            Ok(()) => status.set("This design is the baseline now.".into()),
            Err(_) => status.set("Fix the design's errors first: a baseline must be valid.".into()),
        }
    };
    let source = move || {
        state
            .baseline
            .with(|b| b.as_ref().map(|b| b.source.clone()))
    };
    view! {
        <section class="card" id="sec-update" aria-labelledby="h-update">
            {fold_button("sec-update", "h-update")}
            <h2 id="h-update" tabindex="-1">"Update impact"</h2>
            <p class="help">
                "What deploying this design over the stacks of the baseline (the design as deployed) will replace or refuse, before anything is uploaded."
            </p>
            <p class="hint" id="update-baseline">
                {move || match source() {
                    Some(source) => format!("Baseline: {source}. The zip made against it holds it (baseline.json) and this prediction (UPDATE.md): its ./deploy.sh plan compares them with CloudFormation's change sets, and ./deploy.sh offers to delete the stacks the design no longer has."),
                    None => "No baseline yet: the design you download next becomes it, or open the stackdraft.json of what you deployed (the zip holds one).".to_string(),
                }}
            </p>
            <div class="list-actions">
                <label class="button secondary">
                    <input
                        type="file"
                        id="open-baseline"
                        class="visually-hidden"
                        accept=".json,application/json"
                        on:change=open
                    />
                    "Open a baseline…"
                </label>
                <button type="button" class="secondary" id="baseline-current" on:click=use_current>
                    "Use this design as the baseline"
                </button>
            </div>
            <p class="status" role="status" id="update-status">{move || status.get()}</p>
            <div id="update-impact" aria-live="polite">{move || impact_view(state.impact.get())}</div>
            <p class="hint">{Message::update_drift().to_string()}</p>
        </section>
    }
}

/// The summary and the lines of an impact (`form::update_impact`), or why there are none.
fn impact_view(impact: Impact) -> impl IntoView {
    let (summary, lines) = match impact {
        Impact::NoBaseline => (String::new(), Vec::new()),
        Impact::Invalid => (
            "Fix the design's errors to see what the update will do.".to_string(),
            Vec::new(),
        ),
        Impact::Ready(prediction) => (
            update_impact::summary(&prediction),
            update_impact::impact_lines(&prediction),
        ),
    };
    let lines = lines
        .into_iter()
        .map(|l| view! { <li class=l.kind data-change=l.change>{l.text}</li> })
        .collect_view();
    view! {
        <p id="update-summary">{summary}</p>
        <ul id="update-lines">{lines}</ul>
    }
}
