//! Similar petitions, looked up while the proposer types a title (with JavaScript;
//! without it the preview step shows them). It listens to the form's own title
//! field, which stays plain server-rendered HTML.
use leptos::prelude::*;

/// `input_id` is the title field's id; `exclude` the draft being edited.
#[island]
pub fn SimilarPetitions(input_id: String, exclude: Option<i64>, heading: String) -> impl IntoView {
    let items = RwSignal::new(Vec::<(i64, String)>::new());
    Effect::new(move |_| listen(&input_id, exclude, items));
    view! {
        <div class="similar" aria-live="polite">
            {move || {
                let list = items.get();
                (!list.is_empty()).then(|| view! {
                    <h2 class="similar-title">{heading.clone()}</h2>
                    <ul class="similar-list">
                        {list.into_iter().map(|(id, title)| view! { <li><a href=format!("/petitions/{id}")>{title}</a></li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn listen(input_id: &str, exclude: Option<i64>, items: RwSignal<Vec<(i64, String)>>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(input) = document().get_element_by_id(input_id) else { return };
    let typed = RwSignal::new(String::new());
    let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        // Look up only after a short pause in typing.
        set_timeout(
            move || {
                if typed.get_untracked() != text {
                    return;
                }
                if text.trim().chars().count() < 2 {
                    items.set(Vec::new());
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(found) = crate::api::petitions::similar_petitions(text.clone(), exclude).await {
                        // A later keystroke may have started another lookup: show only the latest.
                        if typed.get_untracked() == text {
                            items.set(found.into_iter().map(|p| (p.id, p.title)).collect());
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    });
    let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    // The field lives as long as the page.
    on_input.forget();
}

#[cfg(not(feature = "hydrate"))]
fn listen(_input_id: &str, _exclude: Option<i64>, _items: RwSignal<Vec<(i64, String)>>) {}
