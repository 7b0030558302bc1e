//! The browser designer (Leptos, client-side rendered). Built only for wasm32.
//!
//! Pure core, thin UI: one `RwSignal<Config>` holds the design; validation, the review,
//! each template, the diagram and the share link are `Memo`s derived from it by the
//! engine. Editing logic that is not view code lives in [`crate::form`], which is tested
//! natively.

mod actions;
mod application;
mod browser;
mod cost;
mod deploy;
mod diagram;
mod edge;
mod network;
mod open;
mod output;
mod review;
mod services;
mod update;
mod widgets;

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::engine::config::{Config, Domain, Service};
use crate::engine::diagram::architecture_svg;
use crate::engine::error::FieldError;
use crate::engine::link;
use crate::engine::render::{
    assemble, render_inputs, stack_header, stack_ids, template_inputs, RenderedTemplate, StackId,
};
use crate::engine::review::{review, settle, Settled, Warning};
use crate::engine::validate::{is_usage_path, usage_errors, validate, MAX_SERVICES};
use crate::form::follow::{self, Notice};
use crate::form::history::History;
use crate::form::notes::{self, ShownError};
use crate::form::number_drafts::{self, NumberDrafts};
use crate::form::startup::{self, Startup};
use crate::form::template_tabs::{self, DesignPart};

/// Mounts the app: the panic panel first, then the page, then the ready mark.
pub fn start() {
    browser::mark("stackdraft-start");
    browser::install_panic_hook();
    leptos::mount::mount_to_body(App);
    browser::apply_folds();
    // In the same task as the mount: no frame shows both, or neither.
    browser::remove_shell();
    browser::mark_ready();
}

/// For the browser tests: a deliberate panic, to check the panic panel.
#[wasm_bindgen]
pub fn stackdraft_test_panic() {
    panic!("a test asked Stackdraft to stop (stackdraft_test_panic)");
}

/// The app's state: the design, the UI-only bits, and what is derived from them. Every
/// part is a copyable handle.
#[derive(Clone, Copy)]
pub struct State {
    pub config: RwSignal<Config>,
    /// Number fields whose text is not a whole number, by JSON path.
    pub drafts: RwSignal<NumberDrafts>,
    /// Validation errors plus number text errors.
    pub errors: Memo<Vec<FieldError>>,
    /// The usage figures' errors: they turn off the cost estimate only.
    pub usage_problems: Memo<Vec<FieldError>>,
    /// The errors (the design's and the usage figures') placed and worded for the page.
    pub shown: Memo<Vec<ShownError>>,
    /// The design review's open warnings (those the design does not accept): the design
    /// renders, but something will probably fail, cost more or be less safe. They never
    /// block a download.
    pub warnings: Memo<Vec<Warning>>,
    /// The review with the design's acceptances applied.
    pub settled: Memo<Settled>,
    /// The warnings placed and worded for the page.
    pub shown_warnings: Memo<Vec<ShownError>>,
    /// The latest design that had no errors: what the preview shows.
    pub last_valid: Memo<Option<Config>>,
    /// One memo per template slot (the global stack, the network, then each possible
    /// service): see [`slot_stack`].
    templates: StoredValue<Vec<Memo<Option<RenderedTemplate>>>>,
    /// The URL fragment that carries the design.
    pub share: Memo<String>,
    /// A problem with the link or the saved design, shown as an alert.
    pub banner: RwSignal<Option<String>>,
    /// The design a share link or an opened file replaced, offered back.
    pub previous: RwSignal<Option<Config>>,
    /// What replaced it ("You opened a shared design.").
    pub previous_note: RwSignal<String>,
    /// The architecture diagram (SVG) of the design as it is, drawn even while it has
    /// errors: the diagram shows what is drawable.
    pub diagram: Memo<String>,
    /// The domain last turned off, restored when it is turned on again.
    pub remembered_domain: RwSignal<Option<Domain>>,
    pub selected_tab: RwSignal<usize>,
    /// Undo and redo: the committed designs of this page's life.
    history: StoredValue<History<Config>>,
    /// Bumped whenever the history changes, for the buttons' enabled state.
    history_rev: RwSignal<u64>,
    /// What the last edit changed besides its own field, for a polite live region.
    pub notices: RwSignal<Vec<Notice>>,
    /// Whether the review (the Before-you-deploy section) is pulled out as a panel by the
    /// action bar's count.
    pub review_open: RwSignal<bool>,
    /// Fields whose errors wait until the person has left them: required fields a toggle or
    /// an Add just brought in empty (the domain's zone, a new list row's cells), so the click
    /// is not answered with an error.
    pub held: RwSignal<Vec<String>>,
    /// The design as deployed, rendered once (`update.rs`).
    pub baseline: RwSignal<Option<std::sync::Arc<update::BaselineState>>>,
    /// What deploying the design over the baseline will do, a frame after each edit.
    pub impact: RwSignal<update::Impact>,
    /// The prediction's blockers at the fields whose edit caused them.
    pub update_notes: RwSignal<Vec<ShownError>>,
    /// What the fields show besides their errors: the review's warnings and the blockers.
    pub field_warnings: Memo<Vec<ShownError>>,
}

impl State {
    fn new(config: Config) -> State {
        let config = RwSignal::new(config);
        let drafts = RwSignal::new(NumberDrafts::new());
        // The design's errors, and apart the usage figures' (they turn off only the estimate).
        let errors_of = move |usage: bool| {
            drafts.with(|drafts| {
                let found = if usage {
                    config.with(usage_errors)
                } else {
                    config.with(validate)
                };
                let mut errors: Vec<FieldError> = found
                    .into_iter()
                    // A field whose text is not a number shows that, not its old value's error.
                    .filter(|e| !number_drafts::unreadable(drafts, &e.path))
                    .collect();
                errors.extend(
                    number_drafts::draft_errors(drafts)
                        .into_iter()
                        .filter(|e| is_usage_path(&e.path) == usage),
                );
                errors
            })
        };
        let errors = Memo::new(move |_| errors_of(false));
        let usage_problems = Memo::new(move |_| errors_of(true));
        let shown = Memo::new(move |_| {
            let mut all = errors.get();
            usage_problems.with(|u| all.extend(u.iter().cloned()));
            config.with(|config| notes::shown_errors(config, &all))
        });
        let last_valid = Memo::new(move |previous: Option<&Option<Config>>| {
            if errors.with(Vec::is_empty) {
                Some(config.get())
            } else {
                previous.cloned().flatten()
            }
        });
        // Each template's body is rendered from only what it reads; its header (where it
        // stands in the deploy order) and file name come from the design's stack list.
        let stacks = Memo::new(move |_| {
            last_valid.with(|c| {
                c.as_ref()
                    .map(|c| {
                        stack_ids(c)
                            .into_iter()
                            .map(|id| (id, stack_header(c, id), assemble(c, id, "")))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        });
        let templates = (0..SLOTS)
            .map(|slot| {
                let id = slot_stack(slot);
                let inputs = Memo::new(move |_| {
                    last_valid.with(|c| {
                        c.as_ref()
                            .filter(|c| stack_ids(c).contains(&id))
                            .and_then(|c| template_inputs(c, id))
                    })
                });
                let body = Memo::new(move |_| inputs.with(|i| i.as_ref().map(render_inputs)));
                Memo::new(move |_| {
                    let body = body.get()?;
                    stacks.with(|stacks| {
                        stacks
                            .iter()
                            .find(|(i, _, _)| *i == id)
                            .map(|(_, header, empty)| {
                                let mut yaml = String::with_capacity(header.len() + body.len());
                                yaml.push_str(header);
                                yaml.push_str(&body);
                                RenderedTemplate {
                                    yaml,
                                    ..empty.clone()
                                }
                            })
                    })
                })
            })
            .collect();
        let settled = Memo::new(move |_| config.with(|c| settle(c, review(c))));
        let warnings = Memo::new(move |_| settled.with(|s| s.open.clone()));
        let shown_warnings = Memo::new(move |_| {
            warnings.with(|warnings| config.with(|config| notes::shown_warnings(config, warnings)))
        });
        let update_notes = RwSignal::new(Vec::new());
        let field_warnings = Memo::new(move |_| {
            let mut all = shown_warnings.get();
            update_notes.with(|n: &Vec<ShownError>| all.extend(n.iter().cloned()));
            all
        });
        SERVICE_REVISIONS
            .with(|r| *r.borrow_mut() = (0..MAX_SERVICES).map(|_| RwSignal::new(0)).collect());
        State {
            config,
            drafts,
            errors,
            usage_problems,
            shown,
            warnings,
            settled,
            shown_warnings,
            last_valid,
            templates: StoredValue::new(templates),
            share: Memo::new(move |_| config.with(link::encode)),
            banner: RwSignal::new(None),
            previous: RwSignal::new(None),
            previous_note: RwSignal::new(SHARED_NOTE.to_string()),
            diagram: Memo::new(move |_| config.with(architecture_svg)),
            remembered_domain: RwSignal::new(None),
            selected_tab: RwSignal::new(0),
            history: StoredValue::new(History::new(config.get_untracked())),
            history_rev: RwSignal::new(0),
            notices: RwSignal::new(Vec::new()),
            review_open: RwSignal::new(false),
            held: RwSignal::new(Vec::new()),
            baseline: RwSignal::new(None),
            impact: RwSignal::new(update::Impact::NoBaseline),
            update_notes,
            field_warnings,
        }
    }

    /// Edits the design, then applies the values that follow the edit and says what
    /// they changed. Every form control edits through this.
    pub fn update(&self, edit: impl FnOnce(&mut Config)) {
        self.record(true);
        let mut notices = Vec::new();
        let mut before = None;
        self.config.update(|c| {
            let was = c.clone();
            edit(c);
            notices = follow::follow(&was, c);
            before = Some(was);
        });
        self.after_edit(before, notices);
    }

    /// The rest of [`State::update`], apart from its generic part (one copy for all the
    /// page's edits, not one per call site).
    #[inline(never)]
    fn after_edit(&self, before: Option<Config>, mut notices: Vec<Notice>) {
        self.services_changed(before.as_ref());
        // What the notices said belonged to the edit before this one (their Undo would now
        // undo this one); an offer whose cause is still there stays.
        if self.notices.with_untracked(|n| !n.is_empty()) {
            if !notices.iter().any(|n| n.offer.is_some()) {
                let kept = self.notices.with_untracked(|n| {
                    self.config.with_untracked(|c| follow::still_offered(n, c))
                });
                notices.extend(kept);
            }
            self.notices.set(notices);
        } else if !notices.is_empty() {
            self.notices.set(notices);
        }
    }

    /// Makes the design as it is now one undo step (nothing when it did not change).
    pub fn commit(&self) {
        self.record(false);
    }

    /// Asks for a commit once the handlers of the event at hand have run; the next edit
    /// takes it first if its turn has not come by then.
    pub fn commit_soon(&self) {
        self.history.update_value(History::ask_commit);
        let state = *self;
        set_timeout(move || state.record(true), Duration::ZERO);
    }

    /// Commits the design as it is now; with `only_due`, only when a commit was asked for.
    fn record(&self, only_due: bool) {
        let changed = self
            .config
            .with_untracked(|c| {
                self.history.try_update_value(|h| {
                    if only_due {
                        h.commit_due(c)
                    } else {
                        h.commit(c)
                    }
                })
            })
            .unwrap_or(false);
        if changed {
            self.history_rev.update(|r| *r += 1);
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.config
            .with(|c| self.history.with_value(|h| h.can_undo(c)))
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.config
            .with(|c| self.history.with_value(|h| h.can_redo(c)))
    }

    /// Goes one step back (`redo` false) or forward; returns whether there was one.
    pub fn step(&self, redo: bool) -> bool {
        let current = self.config.get_untracked();
        let target = self
            .history
            .try_update_value(|h| {
                if redo {
                    h.redo(&current)
                } else {
                    h.undo(&current)
                }
            })
            .flatten();
        self.history_rev.update(|r| *r += 1);
        let Some(target) = target else {
            return false;
        };
        self.drafts.set(NumberDrafts::new());
        self.notices
            .set(vec![Notice::info(if redo { "Redone." } else { "Undone." })]);
        self.config.set(target);
        self.services_changed(None);
        true
    }

    /// What changes when service `index` does, and only then, for what shows only that
    /// service: its readers are not re-run by every edit elsewhere. (With ~500 controls
    /// all reading the design, each edit cost 15–20 ms in the reactive graph's bookkeeping
    /// of who reads what. A counter of a signal type the page already has: a memo of the service
    /// or a trigger, types the page had not used, weighed 6 KB gzip of wasm.)
    pub fn service_revision(&self, index: usize) -> Option<RwSignal<u64>> {
        SERVICE_REVISIONS.with(|r| r.borrow().get(index).copied())
    }

    /// Reads service `index`, tracking that service only.
    pub fn with_service<T>(&self, index: usize, f: impl FnOnce(&Service) -> T) -> Option<T> {
        if let Some(trigger) = self.service_revision(index) {
            trigger.track();
        }
        self.config.with_untracked(|c| c.services.get(index).map(f))
    }

    /// Notifies the services that differ between `before` and the design now (every one
    /// when `before` is `None`: the design was replaced whole).
    /// A change in the number of services notifies every card: each reads the count.
    /// Also keeps the part of the design the edit was made in, for the preview.
    fn services_changed(&self, before: Option<&Config>) {
        self.config.with_untracked(|now| {
            EDITED_PART.set(before.and_then(|b| template_tabs::edited_part(b, now)));
            let resized = before.is_none_or(|b| b.services.len() != now.services.len());
            bump_services(|i| {
                resized || before.is_some_and(|b| b.services.get(i) != now.services.get(i))
            });
        });
    }

    /// The number of services, tracking service `index` only (its card is notified
    /// when the number changes).
    pub fn service_count(&self, index: usize) -> usize {
        if let Some(trigger) = self.service_revision(index) {
            trigger.track();
        }
        self.config.with_untracked(|c| c.services.len())
    }

    /// The rendered template of stack `id` of the last valid design.
    pub fn template(&self, id: StackId) -> Option<Memo<Option<RenderedTemplate>>> {
        self.templates
            .with_value(|t| t.get(stack_slot(id)).copied())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.with(Vec::is_empty)
    }

    /// Replaces the design with one from a link or a file, keeping the current one to
    /// offer back (unless they are the same).
    pub fn replace_design(&self, config: Config, note: String) {
        let current = self.config.get_untracked();
        if current != config {
            browser::save(browser::PREVIOUS_KEY, &current.to_pretty_json());
            self.previous.set(Some(current));
            self.previous_note.set(note);
        }
        self.banner.set(None);
        self.load_design(config);
    }

    /// Replaces the whole design (reset, a link, the previous design).
    pub fn load_design(&self, config: Config) {
        self.drafts.set(NumberDrafts::new());
        self.remembered_domain.set(None);
        self.held.set(Vec::new());
        self.selected_tab.set(0);
        self.config.set(config);
        self.services_changed(None);
        self.commit();
        browser::replace_fragment_now(&self.share.get_untracked());
    }
}

const SHARED_NOTE: &str = "You opened a shared design.";

/// Template slots: the global stack, the network, then every service a design may have.
const SLOTS: usize = MAX_SERVICES + 2;

thread_local! {
    /// One revision counter per service card, bumped when that service changes (see
    /// [`State::service`]). Outside `State`: every closure of the page copies `State`, and
    /// one more field in it weighed 6 KB gzip of wasm.
    static SERVICE_REVISIONS: std::cell::RefCell<Vec<RwSignal<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The part of the design the last edit was made in, for the preview to follow
    /// (`None` after an undo, a redo or a design replaced whole: `services_changed`).
    static EDITED_PART: std::cell::Cell<Option<DesignPart>> = const { std::cell::Cell::new(None) };
    /// The errors and warnings the page showed after the last edit.
    static CARD_NOTES: std::cell::RefCell<[Vec<ShownError>; 2]> = const { std::cell::RefCell::new([Vec::new(), Vec::new()]) };
}

/// A service card's errors and warnings are read again only when its own changed.
#[inline(never)]
fn watch_card_notes(state: State) {
    Effect::new(move |_| {
        state
            .shown
            .with(|e| state.field_warnings.with(|w| notes_changed(e, w)))
    });
}

/// Notifies the service cards whose errors or warnings differ from the last call's.
fn notes_changed(errors: &[ShownError], warnings: &[ShownError]) {
    let before = CARD_NOTES.replace([errors.to_vec(), warnings.to_vec()]);
    bump_services(|i| {
        notes::card_changed(&before[0], errors, i) || notes::card_changed(&before[1], warnings, i)
    });
}

/// Bumps the revision of every service card for which `changed` holds.
fn bump_services(changed: impl Fn(usize) -> bool) {
    SERVICE_REVISIONS.with(|triggers| {
        for (i, trigger) in triggers.borrow().iter().enumerate() {
            if changed(i) {
                trigger.update(|n| *n += 1);
            }
        }
    });
}

/// The part of the design the last edit was made in, once.
fn take_edited_part() -> Option<DesignPart> {
    EDITED_PART.take()
}

/// Slot → stack.
pub fn slot_stack(slot: usize) -> StackId {
    match slot {
        0 => StackId::Global,
        1 => StackId::Network,
        n => StackId::Service(n - 2),
    }
}

/// Stack → slot.
fn stack_slot(id: StackId) -> usize {
    match id {
        StackId::Global => 0,
        StackId::Network => 1,
        StackId::Service(index) => index + 2,
    }
}

/// Saves the design, and puts its link in the address bar and (bumping `saved`) in the
/// Share section.
fn save_design(state: State, saved: RwSignal<u64>) {
    let json = state.config.with_untracked(Config::to_pretty_json);
    browser::save(browser::STORAGE_KEY, &json);
    browser::replace_fragment_soon(state.share.get_untracked());
    saved.update(|n| *n += 1);
}

/// The design the page opens with ([`startup::choose`]), keeping aside what it replaced.
fn startup() -> Startup {
    let saved = browser::load(browser::STORAGE_KEY);
    let written = browser::load(browser::WRITTEN_FRAGMENT_KEY);
    let replaced = browser::replaced_fragments();
    let start = startup::choose(&startup::Found {
        saved: saved.as_deref(),
        fragment: &browser::fragment(),
        written_fragment: written.as_deref(),
        replaced_fragments: &replaced,
        reload: browser::is_reload(),
        unreadable_key: browser::UNREADABLE_KEY,
    });
    if let Some(previous) = &start.previous {
        browser::save(browser::PREVIOUS_KEY, &previous.to_pretty_json());
    }
    if let (true, Some(text)) = (start.keep_unreadable, &saved) {
        browser::save(browser::UNREADABLE_KEY, text);
    }
    start
}

#[component]
fn App() -> impl IntoView {
    let Startup {
        config,
        banner,
        previous,
        ..
    } = startup();
    let state = State::new(config);
    state.banner.set(banner);
    state.previous.set(previous);

    // Never lose work: every edit is saved, valid or not, right after it is painted, and
    // when the page is hidden or left.
    let saved = RwSignal::new(0);
    Effect::new(move |_| {
        browser::remember_design(state.config.get());
        browser::after_paint(move || save_design(state, saved));
    });
    for event in ["visibilitychange", "pagehide"] {
        let _ = window_event_listener_untyped(event, move |_| save_design(state, saved));
    }
    watch_card_notes(state);
    update::watch(state);
    // A link pasted into the address bar of an open page.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = browser::fragment();
        if fragment.is_empty() || state.share.with_untracked(|s| *s == fragment) {
            return;
        }
        match link::decode(&fragment) {
            Ok(config) => state.replace_design(config, SHARED_NOTE.into()),
            Err(error) => state.banner.set(Some(format!(
                "This share link could not be opened: {error}. You are still seeing your design."
            ))),
        }
    });

    let open_status = RwSignal::new(String::new());
    // No question first: the reset is one undo step, and its notice offers the Undo.
    let reset = move |_| {
        state.commit();
        state.load_design(Config::default());
        state.notices.set(vec![Notice::of_edit(
            "Reset to the default design (the article's, with a NAT address in every zone, a web ACL and access logs). Undo brings your design back.",
        )]);
    };

    actions::install_history(state);

    view! {
        <actions::SkipMenu />
        <div class="page">
            <header class="top">
                <div class="top-text">
                    <h1>"Stackdraft"</h1>
                    <p class="tagline">
                        "Design an AWS network with no public subnets, run ECS Express Mode services in it behind CloudFront VPC origins, and download the CloudFormation templates. "
                        "Everything happens in this page: nothing you type is sent anywhere."
                    </p>
                    <p class="about" id="about">
                        <strong>"About. "</strong>
                        "\u{201c}The article\u{201d} is the field report Stackdraft starts from: a Japanese engineering blog post (December 2025) whose author built this network by hand, a 192.168.0.0/18 VPC with three private /20 subnets, one Regional NAT Gateway and two Express Mode services sharing one internal ALB behind CloudFront. "
                        "Stackdraft keeps that architecture and adds what the report leaves to you: templates wired to each other that deploy as downloaded, a check of every field, a review, a cost estimate and a deploy kit. "
                        "Its default design is the report's with the review's advice taken: a NAT address in every zone, a web ACL and access logs."
                    </p>
                </div>
                <div class="top-actions">
                    <open::OpenButton state=state status=open_status />
                    <button type="button" id="reset" class="secondary" on:click=reset>
                        "Reset to the default design"
                    </button>
                </div>
            </header>
            <div class="banners">
                <Banners state=state />
            </div>
            <main class="design-col" id="design">
                <ErrorSummary state=state />
                <network::NetworkSection state=state />
                <network::AddressPlanSection state=state />
                <network::DomainSection state=state />
                <edge::EdgeSection state=state />
                <services::ServicesSection state=state />
            </main>
            <aside class="output-col" id="outputs" tabindex="-1" aria-label="Outputs">
                <diagram::DiagramSection state=state />
                <output::PreviewSection state=state />
                <review::BeforeDeploySection state=state />
                <update::UpdateImpactSection state=state />
                <cost::CostSection state=state />
                <output::DownloadSection state=state />
                <deploy::DeploySection state=state />
                <output::ShareSection state=state saved=saved />
            </aside>
            <footer class="foot">
                <p>
                    "Your design is saved in this browser as you type, and the address bar always holds a link to it. "
                    "The same templates come from the command line: "
                    <code>"stackdraft render stackdraft.json --out DIR"</code>
                    "."
                </p>
                // Release builds say "Ready offline" once their service worker has cached
                // them (public/sw-register.js); a development build has no worker.
                {cfg!(debug_assertions)
                    .then(|| {
                        view! {
                            <p class="hint" id="offline-status">
                                "Not ready offline: this is a development build (trunk serve), which registers no service worker. A release build (trunk build --release) works offline once loaded."
                            </p>
                        }
                    })}
            </footer>
        </div>
        <open::DropZone state=state status=open_status />
        <actions::ActionBar state=state />
    }
}

#[component]
fn Banners(state: State) -> impl IntoView {
    let restore = move |_| {
        if let Some(previous) = state.previous.get_untracked() {
            state.previous.set(None);
            state.load_design(previous);
        }
    };
    view! {
        <Show when=move || state.banner.with(Option::is_some)>
            <div id="link-banner" class="banner error" role="alert" data-testid="link-banner">
                <p>{move || state.banner.get().unwrap_or_default()}</p>
                <button type="button" class="secondary" on:click=move |_| state.banner.set(None)>
                    "Dismiss"
                </button>
            </div>
        </Show>
        <Show when=move || state.previous.with(Option::is_some)>
            <div id="previous-notice" class="banner info" role="status">
                <p>
                    {move || state.previous_note.get()}
                    " The design you had before in this browser is kept, so you can go back to it."
                </p>
                <button type="button" id="restore-previous" on:click=restore>
                    "Restore my previous design"
                </button>
                <button type="button" class="secondary" on:click=move |_| state.previous.set(None)>
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}

#[component]
fn ErrorSummary(state: State) -> impl IntoView {
    let count = move || state.shown.with(Vec::len);
    view! {
        <Show when=move || { count() > 0 }>
            <section
                id="error-summary"
                class="error-summary"
                aria-labelledby="error-summary-title"
                data-testid="error-summary"
            >
                <h2 id="error-summary-title" tabindex="-1">
                    {move || match count() {
                        1 => "1 problem to fix".to_string(),
                        n => format!("{n} problems to fix"),
                    }}
                </h2>
                <p class="help">
                    "Downloads are off until these are fixed; the preview shows the last valid templates. Select a problem to go to its field."
                </p>
                <ul id="f-design">
                    {output::error_links(state)}
                </ul>
            </section>
        </Show>
    }
}
