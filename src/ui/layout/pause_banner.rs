//! The public notice shown on every page while proposing or signing is paused.
use crate::api::petitions::site_pause;
use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;

#[component]
pub fn PauseBanner() -> impl IntoView {
    let locale = use_locale();
    let pause = Resource::new(|| (), |_| site_pause());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                pause.await.ok().flatten().map(|p| {
                    let msg = if locale == Locale::En { p.message_en.clone() } else { p.message_zh.clone() };
                    view! {
                        <div class="pause-banner" role="region" aria-label=t(Key::PauseBannerLabel)>
                            <div class="container">
                                <p><strong>{t(Key::PauseBannerLabel)}</strong>" "{msg}</p>
                                // Said publicly, so nobody reads a pause as stopping the agencies' clock.
                                <p class="pause-clocks">{t(Key::PauseBannerClocks)}</p>
                            </div>
                        </div>
                    }
                })
            })}
        </Suspense>
    }
}
