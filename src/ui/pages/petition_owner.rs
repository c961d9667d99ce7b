//! The proposer's controls on their own petition: edit and submit a draft, the
//! sponsor link, withdrawal before signing opens, and similar petitions (the preview).
use crate::api::petitions::{SubmitProposal, WithdrawPetition, similar_petitions};
use crate::domain::petition::PetitionState;
use crate::dto::forms;
use crate::dto::petitions::PetitionDetail;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use crate::ui::components::petition_card::PetitionList;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `?confirm=` value of the proposal withdrawal's second step.
pub const CONFIRM_WITHDRAW_PROPOSAL: &str = "withdraw-proposal";

#[component]
pub fn OwnerBox(d: PetitionDetail) -> impl IntoView {
    let locale = use_locale();
    if !d.viewer.is_proposer {
        return None;
    }
    let s = d.summary.clone();
    let submit = ServerAction::<SubmitProposal>::new();
    let withdraw = ServerAction::<WithdrawPetition>::new();
    let draft = s.state == PetitionState::Draft;
    let confirming = use_query_map().with_untracked(|q| q.get("confirm").as_deref() == Some(CONFIRM_WITHDRAW_PROPOSAL));
    let can_withdraw = matches!(s.state, PetitionState::Draft | PetitionState::AwaitingSponsors | PetitionState::InReview);
    let sponsors = (s.state == PetitionState::AwaitingSponsors).then(|| {
        let link = format!("/sponsor/{}", d.sponsor_key.clone().unwrap_or_default());
        view! {
            <p>{locale.sponsor_progress(d.sponsor_count, d.rules.sponsors_needed)}</p>
            <p>{t(Key::SponsorShare)}" "<a href=link.clone()>{link.clone()}</a></p>
        }
    });
    let review = (s.state == PetitionState::InReview).then(|| {
        view! { <p>{locale.review_expected(d.review_due_at.map(|t| t.date_taipei()).unwrap_or_default())}</p> }
    });
    let title = s.title.clone();
    let similar = Resource::new(move || title.clone(), move |t| similar_petitions(t, Some(s.id)));
    Some(view! {
        <section class="panel" aria-labelledby="owner-title">
            <h2 id="owner-title">{t(Key::OwnerTitle)}</h2>
            {sponsors}
            {review}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let submit_state = page_form(forms::SUBMIT).await;
                    let withdraw_state = page_form(forms::WITHDRAW).await;
                    let similar = if draft { similar.await.unwrap_or_default() } else { Vec::new() };
                    view! {
                        <ErrorSummary state=submit_state level=3/>
                        <ErrorSummary state=withdraw_state level=3/>
                        {draft.then(|| view! {
                            <p>{t(Key::DraftPreviewBody)}</p>
                            <h3>{t(Key::SimilarTitle)}</h3>
                            <PetitionList items=similar now=d.now empty=Key::SimilarNone/>
                            <p><a class="button" href=format!("/petitions/{}/edit", s.id)>{t(Key::DraftEdit)}</a></p>
                            <ActionForm action=submit attr:class="inline-form">
                                <input type="hidden" name="id" value=s.id.to_string()/>
                                <button type="submit" class="button button-primary">{t(Key::ProposeSubmit)}</button>
                            </ActionForm>
                        })}
                        {(can_withdraw && !confirming).then(|| view! {
                            // Withdrawing asks again on a second step, with or without JavaScript.
                            <p class="danger-zone"><a class="link-danger" href=format!("/petitions/{}?confirm={CONFIRM_WITHDRAW_PROPOSAL}#withdraw-proposal", s.id)>{t(Key::PetitionWithdraw)}</a></p>
                        })}
                        {(can_withdraw && confirming).then(|| view! {
                            <div class="confirm-box" id="withdraw-proposal" role="group" aria-labelledby="withdraw-proposal-title">
                                <h3 id="withdraw-proposal-title">{t(Key::PetitionWithdrawConfirmTitle)}</h3>
                                <p>{t(Key::PetitionWithdrawConfirmBody)}</p>
                                <div class="button-row button-row-apart">
                                    <a class="button" href=format!("/petitions/{}", s.id)>{t(Key::ConfirmCancel)}</a>
                                    <ActionForm action=withdraw attr:class="inline-form">
                                        <input type="hidden" name="id" value=s.id.to_string()/>
                                        <button type="submit" class="button button-danger">{t(Key::PetitionWithdrawConfirm)}</button>
                                    </ActionForm>
                                </div>
                            </div>
                        })}
                    }
                })}
            </Suspense>
        </section>
    })
}
