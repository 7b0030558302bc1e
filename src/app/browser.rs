//! Browser glue: localStorage, the URL fragment, downloads, the clipboard, focus, the
//! ready mark and the panic panel. Everything that touches web-sys lives here.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use crate::engine::config::Config;
use crate::form::line_diff::LineMark;
use leptos::prelude::{request_animation_frame, set_timeout};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlElement, HtmlTextAreaElement, Url};

/// Where the current design is kept, as its config JSON (valid or not).
pub const STORAGE_KEY: &str = "stackdraft.design.v1";
/// The design that was saved before a share link replaced it.
pub const PREVIOUS_KEY: &str = "stackdraft.previous-design.v1";
/// Saved text this build could not read, kept instead of being overwritten.
pub const UNREADABLE_KEY: &str = "stackdraft.unreadable-design";
/// The fragment the page last wrote to the address bar: a reload that finds it there
/// opens the saved design, which may be one edit newer.
pub const WRITTEN_FRAGMENT_KEY: &str = "stackdraft.written-fragment";
/// The fragment the page's last write to the address bar replaced, kept for this tab only
/// (sessionStorage): a reload that began just before that write carries it.
const REPLACED_FRAGMENT_KEY: &str = "stackdraft.replaced-fragment";

fn window() -> web_sys::Window {
    web_sys::window().expect("Stackdraft runs in a browser window")
}

fn document() -> web_sys::Document {
    window().document().expect("the window has a document")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn tab_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves `value` under `key`; `false` when storage is off or full.
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The URL fragment without its `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Whether this page load is a reload (`PerformanceNavigationTiming.type`).
pub fn is_reload() -> bool {
    window().performance().is_some_and(|performance| {
        let navigation = performance.get_entries_by_type("navigation").get(0);
        js_sys::Reflect::get(&navigation, &"type".into()).is_ok_and(|kind| kind == "reload")
    })
}

/// The most of this tab's replaced fragments kept, in bytes: a reload carries one of the
/// last few, and a link is a few hundred bytes.
const REPLACED_FRAGMENTS_KEPT: usize = 8 * 1024;

/// The fragments this tab's recent writes to the address bar replaced, newest first, one a
/// line.
pub fn replaced_fragments() -> String {
    tab_storage()
        .and_then(|tab| tab.get_item(REPLACED_FRAGMENT_KEY).ok().flatten())
        .unwrap_or_default()
}

/// The page's address without the fragment.
pub fn page_base() -> String {
    let location = window().location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

thread_local! {
    static FRAGMENT_GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The design as it is now, for the panic panel (`remember_design`).
    static LATEST_DESIGN: RefCell<Option<Config>> = const { RefCell::new(None) };
    /// What the template preview shows now (`show_lines`).
    static SHOWN_LINES: RefCell<String> = const { RefCell::new(String::new()) };
    /// The preview's marked lines (`mark_lines`), and how many times lines were marked.
    static MARKED_LINES: RefCell<(Vec<usize>, u32)> = const { RefCell::new((Vec::new(), 0)) };
    /// A save is waiting for the next frame (`after_paint`).
    static SAVE_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `save` once the frame that shows the edit has been painted, so the edit reaches the
/// screen first; once however many edits came before it. At once when the page is hidden
/// (a hidden page draws no frames).
pub fn after_paint(save: impl FnOnce() + 'static) {
    after_paint_in(&SAVE_PENDING, save);
}

/// [`after_paint`] for work of its own: `pending` keeps one call in flight for that work.
pub fn after_paint_in(
    pending: &'static std::thread::LocalKey<std::cell::Cell<bool>>,
    work: impl FnOnce() + 'static,
) {
    if document().hidden() {
        work();
    } else if !pending.replace(true) {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    pending.set(false);
                    work();
                },
                Duration::ZERO,
            )
        });
    }
}

/// Puts `fragment` in the address bar without a reload or a history entry. Calls within
/// 120 ms are merged, so typing does not flood the history API.
pub fn replace_fragment_soon(fragment: String) {
    let generation = FRAGMENT_GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    set_timeout(
        move || {
            if FRAGMENT_GENERATION.with(Cell::get) == generation {
                replace_fragment(&fragment);
            }
        },
        Duration::from_millis(120),
    );
}

/// Puts `fragment` in the address bar at once, dropping a pending one: a design replaced
/// whole (a file, a link, a reset) must survive a reload that follows right away.
pub fn replace_fragment_now(fragment: &str) {
    FRAGMENT_GENERATION.with(|g| g.set(g.get() + 1));
    replace_fragment(fragment);
}

fn replace_fragment(fragment: &str) {
    save(WRITTEN_FRAGMENT_KEY, fragment);
    let shown = self::fragment();
    if shown == fragment {
        return;
    }
    // A reload takes its address when it begins, and this page runs until the next one
    // commits: a write in between leaves the reload carrying `shown`.
    if let Some(tab) = tab_storage() {
        // Newest first, one a line; past the limit the list starts again.
        let earlier = replaced_fragments();
        let replaced = match earlier.len() < REPLACED_FRAGMENTS_KEPT {
            true => format!("{shown}\n{earlier}"),
            false => shown,
        };
        let _ = tab.set_item(REPLACED_FRAGMENT_KEY, &replaced);
    }
    let url = format!("{}#{fragment}", page_base());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Offers `bytes` as a file download: a Blob, an object URL and a temporary `<a download>`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str, e: JsValue| format!("{what}: {e:?}");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| fail("could not make the file", e))?;
    let url =
        Url::create_object_url_with_blob(&blob).map_err(|e| fail("could not make a URL", e))?;
    let anchor: HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|e| fail("could not make a link", e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    let _ = anchor.set_attribute("hidden", "");
    let body = document().body().ok_or("the page has no body")?;
    body.append_child(&anchor)
        .map_err(|e| fail("could not add the link", e))?;
    anchor.click();
    anchor.remove();
    // The browser has the file by the time this runs; keep memory from piling up.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}

/// A `data:` URL of an SVG document, for an `<img>`: the page's Content-Security-Policy
/// (`style-src 'self'`) would refuse the SVG's `<style>` inline, but an image is its own
/// document and `img-src` allows `data:`.
pub fn svg_data_url(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    )
}

/// The files of a file input's `files` or a drop event's `dataTransfer.files` (web-sys's
/// typed `FileList` and `DataTransfer` would add features for two property reads).
pub fn dropped_files(holder: &JsValue, via_data_transfer: bool) -> Vec<(Blob, String)> {
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let holder = if via_data_transfer {
        match get(holder, "dataTransfer") {
            Ok(t) if !t.is_null() && !t.is_undefined() => t,
            _ => return Vec::new(),
        }
    } else {
        holder.clone()
    };
    let Ok(files) = get(&holder, "files") else {
        return Vec::new();
    };
    let count = get(&files, "length")
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0) as u32;
    (0..count)
        .filter_map(|i| {
            let file = js_sys::Reflect::get_u32(&files, i).ok()?;
            let name = get(&file, "name")
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            Some((file.dyn_into::<Blob>().ok()?, name))
        })
        .collect()
}

/// Whether a drag carries files (not text or a link dragged within the page).
pub fn drag_has_files(event: &JsValue) -> bool {
    js_sys::Reflect::get(event, &JsValue::from_str("dataTransfer"))
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("types")))
        .map(|types| {
            js_sys::Array::from(&types)
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// The files a file input's `change` event chose; the input is cleared, so that choosing
/// the same file again fires `change` again.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<(Blob, String)> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = dropped_files(&input, false);
    input.set_value("");
    files
}

/// Reads the first file a file input's `change` event chose as UTF-8 text, then calls
/// `done(its name, its text)`; the text is `None` when the browser cannot read it or it is
/// not UTF-8. Nothing is called when no file was chosen.
pub fn read_chosen_text(ev: &web_sys::Event, done: impl FnOnce(String, Option<String>) + 'static) {
    let Some((blob, name)) = chosen_files(ev).into_iter().next() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let text = read_bytes(&blob)
            .await
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        done(name, text);
    });
}

/// Reads a file's bytes (the caller has checked its size).
pub async fn read_bytes(blob: &Blob) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Copies `text` to the clipboard; calls `done(true)` on success. Falls back to a hidden
/// textarea and `execCommand("copy")` where the Clipboard API is refused.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done(ok || copy_with_textarea(&text));
    });
}

fn copy_with_textarea(text: &str) -> bool {
    let Ok(element) = document().create_element("textarea") else {
        return false;
    };
    let area: HtmlTextAreaElement = element.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("class", "offscreen");
    let Some(body) = document().body() else {
        return false;
    };
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let html: web_sys::HtmlDocument = document().unchecked_into();
    let copied = html.exec_command("copy").unwrap_or(false);
    area.remove();
    copied
}

/// Moves keyboard focus to the field with this id, or to the first control inside the
/// group with this id.
pub fn focus_field(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    // A field in a folded section is unfolded to be reached.
    if let Some(section) = element.closest(".folded").ok().flatten() {
        set_folded(&section.id(), false);
    }
    let tag = element.tag_name().to_ascii_lowercase();
    let target = if matches!(tag.as_str(), "input" | "select" | "textarea" | "button") {
        Some(element)
    } else {
        element
            .query_selector("input, select, textarea, button")
            .ok()
            .flatten()
            .or(Some(element))
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

pub fn focus_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Where the sections' folds are kept (`form::folds`).
const FOLDS_KEY: &str = "stackdraft.folds.v1";

/// Folds or unfolds section `id` (its class and its fold button's state and words).
fn set_folded(id: &str, folded: bool) {
    let doc = document();
    if let Some(section) = doc.get_element_by_id(id) {
        let _ = section.class_list().toggle_with_force("folded", folded);
    }
    if let Some(button) = doc.get_element_by_id(&format!("fold-{id}")) {
        let _ = button.set_attribute("aria-expanded", if folded { "false" } else { "true" });
        button.set_text_content(Some(if folded { "Show" } else { "Hide" }));
    }
}

/// Folds each folding section as the person left it, or as a phone starts it: in the task
/// that mounts the page, so no frame shows it otherwise.
pub fn apply_folds() {
    let stored = load(FOLDS_KEY).unwrap_or_default();
    let width = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    for id in crate::form::folds::FOLDING {
        set_folded(id, crate::form::folds::starts_folded(&stored, id, width));
    }
}

/// Folds or unfolds section `id` by the person's choice, and keeps the choice.
pub fn toggle_fold(id: &str) {
    let folded = document()
        .get_element_by_id(id)
        .is_some_and(|s| !s.class_list().contains("folded"));
    set_folded(id, folded);
    let stored = load(FOLDS_KEY).unwrap_or_default();
    save(
        FOLDS_KEY,
        &crate::form::folds::remember(&stored, id, folded),
    );
}

/// The id of an event's target element.
pub fn target_id(target: Option<web_sys::EventTarget>) -> Option<String> {
    Some(target?.dyn_into::<web_sys::Element>().ok()?.id())
}

/// Whether an event's target lies inside the element matching `selector`.
pub fn inside(target: Option<web_sys::EventTarget>, selector: &str) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(selector).ok().flatten())
        .is_some()
}

/// The id of the focused element, unless it has none or lies inside `outside`.
pub fn focused_id_outside(outside: &str) -> Option<String> {
    let active = document().active_element()?;
    let id = active.id();
    (!id.is_empty() && active.closest(outside).ok().flatten().is_none()).then_some(id)
}

/// How many elements match `selector`.
pub fn count(selector: &str) -> usize {
    document()
        .query_selector_all(selector)
        .map(|l| l.length() as usize)
        .unwrap_or(0)
}

/// Attribute `name` of the first element matching `selector`.
pub fn attribute(selector: &str, name: &str) -> Option<String> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()?
        .get_attribute(name)
}

/// Whether the focus is inside the element matching `selector`.
pub fn focus_in(selector: &str) -> bool {
    document()
        .active_element()
        .and_then(|a| a.closest(selector).ok().flatten())
        .is_some()
}

/// Whether the focus or the pointer is inside the element matching `selector`.
pub fn engaged(selector: &str) -> bool {
    document()
        .query_selector(&format!("{selector}:focus-within, {selector}:hover"))
        .ok()
        .flatten()
        .is_some()
}

/// Keeps the page's bottom padding and scroll padding (`--notices-h` in the style sheet) as
/// tall as the notices, so nothing stays behind them and a control scrolled into view stops
/// above them; and scrolls the focused control clear when they came over it.
pub fn clear_of_notices() {
    let doc = document();
    let region = doc.query_selector("#notices .notice-box").ok().flatten();
    let height = region
        .as_ref()
        .and_then(|r| r.dyn_ref::<HtmlElement>().map(HtmlElement::offset_height))
        .unwrap_or(0);
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("style", &format!("--notices-h:{height}px"));
    }
    let (Some(region), Some(active)) = (region, doc.active_element()) else {
        return;
    };
    if active
        .closest("#notices, .action-bar")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let (r, n) = (
        active.get_bounding_client_rect(),
        region.get_bounding_client_rect(),
    );
    // Below their top, it is behind them or behind the bar under them.
    let covered =
        r.height() > 0.0 && r.bottom() > n.top() && r.right() > n.left() && r.left() < n.right();
    if covered {
        active.scroll_into_view_with_bool(false);
    }
}

/// What can take the focus by Tab, in the document's order (tabindex -1 and hidden ones are
/// left out by [`next_tab_stop`]).
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]";

/// The Tab stop after the element with id `origin`, outside the notices.
fn next_tab_stop(origin: &str) -> Option<HtmlElement> {
    let list = document().query_selector_all(FOCUSABLE).ok()?;
    let mut after = false;
    for i in 0..list.length() {
        let Some(e) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if !after {
            after = e.id() == origin;
        } else if e.tab_index() >= 0
            && e.offset_parent().is_some()
            && e.closest("#notices").ok().flatten().is_none()
        {
            return Some(e);
        }
    }
    None
}

/// Tab and Shift+Tab as though the notices' buttons stood right after the control with id
/// `origin` (the one whose edit raised them), wherever the notices are in the document.
/// Returns whether it moved the focus.
pub fn tab_through_notices(origin: &str, backwards: bool) -> bool {
    let doc = document();
    let (Some(active), Ok(buttons)) = (
        doc.active_element(),
        doc.query_selector_all("#notices button"),
    ) else {
        return false;
    };
    let button = |i: u32| {
        buttons
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
    };
    let (Some(first), Some(last)) = (button(0), button(buttons.length().wrapping_sub(1))) else {
        return false;
    };
    let origin_element = || {
        doc.get_element_by_id(origin)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    };
    let is = |e: &HtmlElement| e.is_same_node(Some(&active));
    let target = match backwards {
        false if active.id() == origin => Some(first),
        false if is(&last) => next_tab_stop(origin),
        true if is(&first) => origin_element(),
        true if next_tab_stop(origin).is_some_and(|n| is(&n)) => Some(last),
        _ => None,
    };
    match target {
        Some(target) => {
            let _ = target.focus();
            true
        }
        None => false,
    }
}

/// Focuses the first element matching `selector`, or else the element with id `fallback`.
pub fn focus_selector(selector: &str, fallback: &str) {
    match document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        Some(element) => {
            let _ = element.focus();
        }
        None => focus_id(fallback),
    }
}

/// `performance.mark("stackdraft-ready")` once the form and the first preview are on
/// screen: a task queued from the next animation frame runs after that frame is painted.
pub fn mark_ready() {
    mark("stackdraft-mounted");
    request_animation_frame(|| set_timeout(|| mark("stackdraft-ready"), Duration::ZERO));
}

/// Removes index.html's static shell (`#shell`), which stands in for the page until the
/// app has mounted.
pub fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
}

/// Shows `text` in the element `id` (the template preview's) as one block per line, each
/// followed by its newline (which the style collapses: copied text has one newline a line):
/// only the lines that differ from what it shows are set, and the browser lays out only
/// those again (a 6 KB template as one text node costs 2–3 ms of layout an edit, as one
/// inline text node per line 1–2 ms).
pub fn show_lines(id: &str, text: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    SHOWN_LINES.with(|shown| {
        let mut shown = shown.borrow_mut();
        if element.first_child().is_none() {
            // A new element (its section was hidden and shown again) shows nothing yet.
            shown.clear();
        }
        let mut old_lines = shown.split_inclusive('\n');
        let mut node = element.first_child();
        for line in text.split_inclusive('\n') {
            let old = old_lines.next();
            let (content, end) = line.strip_suffix('\n').map_or((line, ""), |c| (c, "\n"));
            match node {
                Some(block) => {
                    let newline = block.next_sibling();
                    if old != Some(line) {
                        block.set_text_content(Some(content));
                        if let Some(newline) = &newline {
                            if old.is_none_or(|o| o.ends_with('\n') != line.ends_with('\n')) {
                                newline.set_node_value(Some(end));
                            }
                        }
                    }
                    node = newline.and_then(|n| n.next_sibling());
                }
                None => {
                    if let Ok(block) = document().create_element("span") {
                        block.set_text_content(Some(content));
                        let _ = element.append_child(&block);
                        let _ = element.append_child(&document().create_text_node(end));
                    }
                }
            }
        }
        while let Some(n) = node {
            node = n.next_sibling();
            let _ = element.remove_child(&n);
        }
        shown.clear();
        shown.push_str(text);
    });
}

/// The text the template preview shows now (`show_lines`).
pub fn shown_lines() -> String {
    SHOWN_LINES.with_borrow(Clone::clone)
}

/// How long the lines an edit changed stay marked.
const LINE_MARK_TIME: Duration = Duration::from_secs(3);

/// Marks lines of the text `show_lines` put in element `id` for [`LINE_MARK_TIME`] (the
/// marks before go), and brings the first into sight ([`scroll_to_mark`]).
pub fn mark_lines(id: &'static str, marks: &[(usize, LineMark)]) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let lines = element.children();
    let generation = MARKED_LINES.with_borrow_mut(|(marked, generation)| {
        for line in marked.drain(..).filter_map(|i| lines.item(i as u32)) {
            let _ = line.remove_attribute("class");
        }
        for &(i, mark) in marks {
            if let Some(line) = lines.item(i as u32) {
                let class = match mark {
                    LineMark::Changed => "changed",
                    LineMark::RemovedAbove => "cut-above",
                    LineMark::RemovedBelow => "cut-below",
                };
                let _ = line.set_attribute("class", class);
                marked.push(i);
            }
        }
        *generation += 1;
        *generation
    });
    if marks.is_empty() {
        return;
    }
    // In the next frame, once the page's other changes are made: reading where the line
    // is lays the page out.
    request_animation_frame(move || scroll_to_mark(id));
    set_timeout(
        move || {
            if MARKED_LINES.with_borrow(|m| m.1) == generation {
                mark_lines(id, &[]);
            }
        },
        LINE_MARK_TIME,
    );
}

/// Scrolls the box around element `id` (its parent, the preview; never the page) to its
/// first marked line when that is out of sight.
fn scroll_to_mark(id: &str) {
    let Some(line) = document()
        .query_selector(&format!("#{id} > [class]"))
        .ok()
        .flatten()
        .and_then(|line| line.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let Some(preview) = line.parent_element().and_then(|e| e.parent_element()) else {
        return;
    };
    // The preview is the lines' offset parent (it is positioned).
    let (top, seen) = (line.offset_top(), preview.scroll_top());
    let height = preview.client_height();
    if top < seen || top + line.offset_height() > seen + height {
        preview.set_scroll_top(top - height / 3);
    }
}

/// A `performance.mark`, for the browser benchmark's breakdown of the load.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Keeps a copy of the design for the panic panel: after every edit, before it is saved.
pub fn remember_design(config: Config) {
    let _ = LATEST_DESIGN.try_with(|latest| {
        if let Ok(mut latest) = latest.try_borrow_mut() {
            *latest = Some(config);
        }
    });
}

/// On a panic, shows a panel with the design's JSON and a "Copy design as JSON" button
/// instead of leaving a page that no longer responds. The panel's buttons are handled by
/// `public/panic.js`, plain JavaScript: the WebAssembly module is stopped by then.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "Stackdraft stopped: {message}"
        )));
        let mut json = LATEST_DESIGN
            .try_with(|l| {
                l.try_borrow()
                    .ok()
                    .and_then(|c| c.as_ref().map(Config::to_pretty_json))
            })
            .ok()
            .flatten()
            .unwrap_or_default();
        if json.is_empty() {
            json = load(STORAGE_KEY).unwrap_or_default();
        }
        let _ = show_panic_panel(&message, &json);
    }));
}

fn show_panic_panel(message: &str, json: &str) -> Result<(), JsValue> {
    let document = document();
    if document.get_element_by_id("panic-panel").is_some() {
        return Ok(());
    }
    let body = document.body().ok_or("no body")?;
    let element = |tag: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let e = document.create_element(tag)?;
        e.set_text_content(Some(text));
        Ok(e)
    };
    let panel = document.create_element("section")?;
    panel.set_id("panic-panel");
    panel.set_attribute("role", "alert")?;
    panel.set_attribute("class", "panic-panel")?;
    let title = element("h2", "Stackdraft stopped working")?;
    panel.append_child(&title)?;
    let explanation = element(
        "p",
        "Something went wrong inside the page and it can no longer respond. Your design is \
         below: copy it and keep it, then reload the page. It is also saved in this browser.",
    )?;
    panel.append_child(&explanation)?;
    let label = element("label", "Your design (stackdraft.json)")?;
    label.set_attribute("for", "panic-json")?;
    panel.append_child(&label)?;
    let area: HtmlTextAreaElement = document.create_element("textarea")?.unchecked_into();
    area.set_id("panic-json");
    area.set_read_only(true);
    area.set_rows(10);
    area.set_value(json);
    panel.append_child(&area)?;
    let actions = document.create_element("div")?;
    actions.set_attribute("class", "actions")?;
    let copy: HtmlElement = element("button", "Copy design as JSON")?.unchecked_into();
    copy.set_id("panic-copy");
    copy.set_attribute("type", "button")?;
    actions.append_child(&copy)?;
    let reload: HtmlElement = element("button", "Reload the page")?.unchecked_into();
    reload.set_id("panic-reload");
    reload.set_attribute("type", "button")?;
    actions.append_child(&reload)?;
    panel.append_child(&actions)?;
    let status = element("p", "")?;
    status.set_id("panic-status");
    status.set_attribute("role", "status")?;
    panel.append_child(&status)?;
    let details = element("p", &format!("Technical detail: {message}"))?;
    details.set_attribute("class", "panic-detail")?;
    panel.append_child(&details)?;
    body.set_attribute("class", "crashed")?;
    body.insert_before(&panel, body.first_child().as_ref())?;
    copy.focus()?;
    Ok(())
}
