//! A petition's count, kept live while the page is open: the server's event stream
//! pushes each change, and a slow poll covers a dropped stream.
use crate::ui::components::petition_card::{ProgressBar, grouped, progress_percent};
use leptos::prelude::*;

/// `template` is the progress text with `{count}` and `{threshold}` left in.
#[island]
pub fn LiveCount(id: i64, initial: i64, threshold: i64, template: String) -> impl IntoView {
    let count = RwSignal::new(initial);
    Effect::new(move |_| {
        crate::ui::live::follow(id, move |n| count.set(n));
        if let Ok(handle) = set_interval_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    if let Ok(n) = crate::api::petitions::petition_count(id).await {
                        count.set(n);
                    }
                });
            },
            std::time::Duration::from_secs(15),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <div aria-live="polite">
            {move || {
                let n = count.get();
                let text = template.replace("{count}", &grouped(n)).replace("{threshold}", &grouped(threshold));
                view! { <ProgressBar text pct=progress_percent(n, threshold)/> }
            }}
        </div>
    }
}
