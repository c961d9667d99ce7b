//! The follow button for a petition, an agency or a topic: a plain POST form that turns
//! into "Following · Unfollow"; signed-out people get a link to log in and come back.
//! Beside it, the Atom feed of the same thing, for those who prefer a reader to mail.
use crate::api::follows::{Follow, Unfollow, load_follow_state};
use crate::domain::url::encode_query_value;
use crate::dto::follows::FollowKind;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;

/// `back` is this page's address (the form returns there); `feed` its Atom feed.
#[component]
pub fn FollowBox(kind: FollowKind, target: i64, #[prop(into)] back: String, #[prop(into)] feed: String) -> AnyView {
    let state = Resource::new(move || (kind, target), |(kind, target)| load_follow_state(kind.code().to_string(), target));
    view! {
        <div class="follow" id="follow">
            <Suspense fallback=|| ()>
                {move || {
                    let (back, feed) = (back.clone(), feed.clone());
                    Suspend::new(async move {
                        let s = state.await.ok();
                        let form = page_form(forms::FOLLOW).await;
                        let control = match s {
                            Some(s) if s.signed_in => view! { <ErrorSummary state=form level=3/><FollowForm kind target back following=s.following/> }.into_any(),
                            _ => {
                                let login = format!("/login?next={}", encode_query_value(&back));
                                view! { <a class="button" href=login>{t(Key::FollowLogin)}</a> }.into_any()
                            }
                        };
                        view! {
                            {control}
                            <p class="hint">{t(Key::FollowHint)}" "<a href=feed type="application/atom+xml">{t(Key::FollowFeed)}</a></p>
                        }
                    })
                }}
            </Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn FollowForm(kind: FollowKind, target: i64, back: String, following: bool) -> impl IntoView {
    let hidden = view! {
        <input type="hidden" name="kind" value=kind.code()/>
        <input type="hidden" name="target" value=target.to_string()/>
        <input type="hidden" name="back" value=back/>
    };
    if following {
        let action = ServerAction::<Unfollow>::new();
        view! {
            <ActionForm action attr:class="inline-form">
                {hidden}
                <button type="submit" class="button">{t(Key::FollowingUnfollow)}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        let action = ServerAction::<Follow>::new();
        view! {
            <ActionForm action attr:class="inline-form">
                {hidden}
                <button type="submit" class="button">{t(Key::FollowButton)}</button>
            </ActionForm>
        }
        .into_any()
    }
}

/// The follow box of a petition page: for petitions that are public and not rejected
/// (nothing more happens to a rejected one).
pub fn for_petition(id: i64, state: crate::domain::petition::PetitionState) -> Option<AnyView> {
    let shown = state.is_public() && state != crate::domain::petition::PetitionState::Rejected;
    shown.then(|| {
        let (back, feed) = (format!("/petitions/{id}"), crate::dto::follows::feed_url(FollowKind::Petition, id, ""));
        view! { <FollowBox kind=FollowKind::Petition target=id back feed/> }.into_any()
    })
}
