//! Admins' information and warning banners, on every page.
use crate::api::admin::site_banners;
use crate::dto::common::localized;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;

#[component]
pub fn SiteBanners() -> impl IntoView {
    let locale = use_locale();
    let banners = Resource::new(|| (), |_| site_banners());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                banners.await.unwrap_or_default().into_iter().map(|b| {
                    let class = if b.warning { "site-banner site-banner-warning" } else { "site-banner" };
                    let kind = t(if b.warning { Key::BannerWarning } else { Key::BannerInfo });
                    view! {
                        <div class=class role="note" aria-label=t(Key::BannerLabel)>
                            <div class="container">
                                <p><strong>{kind}": "</strong>{localized(locale, &b.message_zh, &b.message_en).to_string()}</p>
                            </div>
                        </div>
                    }
                }).collect_view()
            })}
        </Suspense>
    }
}
