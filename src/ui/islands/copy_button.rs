//! "Copy" next to an address (with JavaScript; without it the address is in a
//! read-only field, ready to select). Nothing is drawn until the browser can copy.
use leptos::prelude::*;

#[island]
pub fn CopyButton(text: String, label: String, done: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let copy = move |_| copy_text(&text, copied);
    view! {
        {move || ready.get().then(|| view! {
            <button type="button" class="button button-small" on:click=copy.clone()>{label.clone()}</button>
        })}
        <span class="copy-done" role="status">{move || copied.get().then(|| done.clone())}</span>
    }
}

/// Says "copied" only once the browser has copied (it may refuse: no permission).
#[cfg(feature = "hydrate")]
fn copy_text(text: &str, copied: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    let done = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |_| copied.set(true));
    let _ = window().navigator().clipboard().write_text(text).then(&done);
    done.forget();
}

#[cfg(not(feature = "hydrate"))]
fn copy_text(_: &str, _: RwSignal<bool>) {}
