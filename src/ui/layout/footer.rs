use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The footer holds the language switch: a plain form, so it works without JavaScript.
#[component]
pub fn Footer() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    // Come back to the same page, without a one-time form result.
    let next = move || {
        let query: Vec<String> = location.search.get().split('&').filter(|p| !p.is_empty() && !p.starts_with("flash=")).map(str::to_string).collect();
        let path = location.pathname.get();
        if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) }
    };
    view! {
        <footer class="site-footer">
            <div class="container">
                <form method="post" action="/lang" class="lang-switch">
                    <input type="hidden" name="next" value=next/>
                    <label for="lang-select">{t(Key::LanguageLabel)}</label>
                    <select id="lang-select" name="lang">
                        {Locale::ALL
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <option value=l.tag() selected=l == current lang=l.tag()>
                                        {l.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit">{t(Key::LanguageSwitch)}</button>
                </form>
                <p>{t(Key::FooterAbout)}</p>
                <p>{t(Key::FooterSource)}" "<a href="/moderation-log">{t(Key::NavModLog)}</a>" "<a href="/developers">{t(Key::NavDevelopers)}</a>" "<a href="/log">{t(Key::NavLog)}</a>" "<a href="/privacy">{t(Key::NavPrivacy)}</a></p>
            </div>
        </footer>
    }
}
