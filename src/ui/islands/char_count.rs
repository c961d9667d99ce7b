//! A live character count under a title or text field (with JavaScript; without it the
//! field's hint states the limits). It listens to the field, which stays plain
//! server-rendered HTML, and counts characters as the server does (Unicode scalar values).
use leptos::prelude::*;

/// `template` has `{count}` and `{max}` left in; `over` has `{count}` (characters too many).
#[island]
pub fn CharCount(input_id: String, max: usize, template: String, over: String) -> impl IntoView {
    let count = RwSignal::new(None::<usize>);
    // What a screen reader hears: updated after a pause in typing, not at every key.
    let spoken = RwSignal::new(String::new());
    let text = move |n: usize| match n.checked_sub(max) {
        Some(extra) if extra > 0 => over.replace("{count}", &extra.to_string()),
        _ => template.replace("{count}", &n.to_string()).replace("{max}", &max.to_string()),
    };
    let text = std::sync::Arc::new(text);
    let t2 = text.clone();
    Effect::new(move |_| listen(&input_id, count, spoken, t2.clone()));
    view! {
        <p class="char-count" aria-hidden="true" class:char-count-over=move || count.get().is_some_and(|n| n > max)>
            {move || count.get().map(|n| text(n))}
        </p>
        <p class="visually-hidden" aria-live="polite">{move || spoken.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
fn listen(input_id: &str, count: RwSignal<Option<usize>>, spoken: RwSignal<String>, text: std::sync::Arc<dyn Fn(usize) -> String + Send + Sync>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(field) = document().get_element_by_id(input_id) else { return };
    let value = |el: &web_sys::Element| {
        el.dyn_ref::<web_sys::HtmlTextAreaElement>()
            .map(|t| t.value())
            .or_else(|| el.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()))
            .unwrap_or_default()
    };
    count.set(Some(value(&field).chars().count()));
    let el = field.clone();
    let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let n = value(&el).chars().count();
        count.set(Some(n));
        let text = text.clone();
        set_timeout(
            move || {
                if count.get_untracked() == Some(n) {
                    spoken.set(text(n));
                }
            },
            std::time::Duration::from_millis(1000),
        );
    });
    let _ = field.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    // The field lives as long as the page.
    on_input.forget();
}

#[cfg(not(feature = "hydrate"))]
fn listen(_: &str, _: RwSignal<Option<usize>>, _: RwSignal<String>, _: std::sync::Arc<dyn Fn(usize) -> String + Send + Sync>) {}
