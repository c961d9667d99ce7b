//! Admins post and take down site banners (on the site settings page).
use crate::api::admin::{PostBanner, RemoveBanner, site_banners};
use crate::dto::common::localized;
use crate::dto::forms;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The notice after posting or taking down a banner (other notices are the layout's).
#[component]
pub fn BannerNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let key = match query.read().get("notice").as_deref() {
            Some("banner_posted") => Key::AdminNoticeBannerPosted,
            Some("banner_removed") => Key::AdminNoticeBannerRemoved,
            _ => return None,
        };
        Some(view! { <div class="notice" role="status"><p>{t(key)}</p></div> })
    }
}

#[component]
pub fn BannerSection() -> impl IntoView {
    let locale = use_locale();
    let post = ServerAction::<PostBanner>::new();
    let remove = ServerAction::<RemoveBanner>::new();
    let live = Resource::new(move || (post.version().get(), remove.version().get()), |_| site_banners());
    let levels = vec![("info".to_string(), locale.text(Key::BannerInfo).to_string()), ("warning".to_string(), locale.text(Key::BannerWarning).to_string())];
    view! {
        <section class="panel" aria-labelledby="banners-title" id="banners">
            <h2 id="banners-title">{t(Key::BannerTitle)}</h2>
            <p>{t(Key::BannerBody)}</p>
            <Suspense fallback=|| ()>
                {move || {
                    let levels = levels.clone();
                    Suspend::new(async move {
                        let state = page_form(forms::BANNER).await;
                        let current = live.await.unwrap_or_default();
                        view! {
                            {(!current.is_empty()).then(|| view! {
                                <h3>{t(Key::BannerCurrent)}</h3>
                                <ul class="plain-list">
                                    {current.into_iter().map(|b| {
                                        let until = b.ends_at.map(|e| format!(" ({})", locale.banner_until(e.datetime_taipei())));
                                        let kind = locale.text(if b.warning { Key::BannerWarning } else { Key::BannerInfo });
                                        view! {
                                            <li>
                                                <ActionForm action=remove attr:class="inline-form">
                                                    <input type="hidden" name="id" value=b.id.to_string()/>
                                                    <strong>{kind}": "</strong>{localized(locale, &b.message_zh, &b.message_en).to_string()}{until}" "
                                                    <button type="submit" class="small-button">{t(Key::BannerRemove)}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })}
                            <ErrorSummary state level=3/>
                            <ActionForm action=post attr:class="form" attr:novalidate=true>
                                <Select name="level" label=Key::FieldBannerLevel state options=levels value="info" form="banner"/>
                                <TextArea name="message_zh" label=Key::FieldBannerZh state rows=2 form="banner"/>
                                <TextArea name="message_en" label=Key::FieldBannerEn state rows=2 form="banner"/>
                                <Field name="ends_at" label=Key::FieldBannerEnds hint=Key::HintBannerEnds state kind="datetime-local" form="banner"/>
                                <button type="submit" class="button">{t(Key::BannerPost)}</button>
                            </ActionForm>
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
