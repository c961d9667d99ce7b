//! "Things I follow" (/me/following), and the page behind the unfollow link in a
//! follower's mail (/unsubscribe/follow/:token, no sign-in needed): its button posts to
//! the same address, which also takes mail clients' one-click posts (RFC 8058).
use super::PageError;
use crate::api::follows::{Unfollow, my_follows};
use crate::dto::follows::FollowKind;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_key(kind: FollowKind) -> Key {
    match kind {
        FollowKind::Petition => Key::FollowKindPetition,
        FollowKind::Agency => Key::FollowKindAgency,
        FollowKind::Topic => Key::FollowKindTopic,
        FollowKind::Consultation => Key::FollowKindConsultation,
    }
}

#[component]
pub fn FollowingPage() -> impl IntoView {
    let locale = use_locale();
    let list = Resource::new(|| (), |_| my_follows());
    view! {
        <Title text=t(Key::FollowingTitle)/>
        <Notice/>
        <h1>{t(Key::FollowingTitle)}</h1>
        <p><a href="/profile#follow-mail-title">{t(Key::FollowMailTitle)}</a></p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(items) if items.is_empty() => view! { <p>{t(Key::FollowingEmpty)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="cards">
                            {items.into_iter().map(|f| {
                                let action = ServerAction::<Unfollow>::new();
                                let name = f.name(locale).to_string();
                                view! {
                                    <li class="card">
                                        <h2 class="card-title"><a href=f.href.clone()>{name.clone()}</a></h2>
                                        <p class="card-meta">
                                            {locale.text(kind_key(f.kind))}" · "{f.since.date_taipei()}" · "
                                            <a href=f.feed.clone() type="application/atom+xml">{t(Key::FollowFeed)}</a>
                                        </p>
                                        <ActionForm action attr:class="inline-form">
                                            <input type="hidden" name="kind" value=f.kind.code()/>
                                            <input type="hidden" name="target" value=f.target.to_string()/>
                                            <input type="hidden" name="back" value="/me/following#main"/>
                                            <button type="submit" class="link-button link-dark" aria-label=format!("{}: {name}", locale.text(Key::FollowUnfollowButton))>
                                                {locale.text(Key::FollowUnfollowButton)}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn FollowUnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done");
    view! {
        <Title text=t(Key::FollowUnsubTitle)/>
        <h1>{t(Key::FollowUnsubTitle)}</h1>
        {move || match done().as_deref() {
            Some("1") => view! {
                <div class="notice" role="status"><p>{t(Key::FollowUnsubDone)}</p></div>
                <p><a href="/me/following">{t(Key::FollowManageLink)}</a></p>
            }
            .into_any(),
            Some(_) => view! { <p role="alert">{t(Key::UnsubscribeInvalid)}</p> }.into_any(),
            None => view! {
                <p>{t(Key::FollowUnsubBody)}</p>
                <form method="post" action=format!("/unsubscribe/follow/{}", token())>
                    <button type="submit" class="button button-primary">{t(Key::FollowUnfollowButton)}</button>
                </form>
            }
            .into_any(),
        }}
    }
}
