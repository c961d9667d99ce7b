//! While an opinion map's page is open, a slow poll asks when the map was last computed;
//! when new votes have moved it, a polite note offers the new map (a reload, so nobody's
//! reading or voting is interrupted by the page changing under them).
use leptos::prelude::*;

#[island]
pub fn MapUpdates(kind: String, id: i64, computed_at: i64, text: String, link: String, href: String) -> impl IntoView {
    let newer = RwSignal::new(false);
    Effect::new(move |_| {
        let kind = kind.clone();
        if let Ok(handle) = set_interval_with_handle(
            move || {
                let kind = kind.clone();
                leptos::task::spawn_local(async move {
                    if let Ok(at) = crate::api::deliberation::map_version(kind, id).await {
                        newer.set(at > computed_at);
                    }
                });
            },
            std::time::Duration::from_secs(15),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <p class="map-updates" aria-live="polite">
            {move || newer.get().then(|| view! { {text.clone()}" "<a href=href.clone()>{link.clone()}</a> })}
        </p>
    }
}
