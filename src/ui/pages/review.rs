//! Reviewing one petition: read the whole proposal (and similar petitions), claim it,
//! then approve, reject with a coded reason, or reassign its agencies with a logged reason.
use super::PageError;
use super::petition::petition_id;
use crate::api::petitions::review::{ApprovePetition, ClaimPetition, ReassignAgencies, RejectPetition};
use crate::api::petitions::{get_petition, load_propose_options, similar_petitions};
use crate::domain::petition::{PetitionState, RejectReason};
use crate::dto::forms;
use crate::dto::petitions::{PetitionDetail, PetitionSummary, ProposeOptions};
use crate::i18n::labels::reject_reason_key;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::page_form;
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::PetitionList;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let id = petition_id();
    let location = use_location();
    let detail = Resource::new(move || (id(), location.search.get()), |(id, _)| get_petition(id));
    let options = Resource::new(|| (), |_| load_propose_options());
    view! {
        <Title text=t(Key::ReviewTitle)/>
        <h1>{t(Key::ReviewTitle)}</h1>
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (detail.await, options.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e/> }.into_any(),
                    (Ok(d), _) if !d.viewer.is_moderator => view! { <PageError error=crate::error::AppError::Forbidden/> }.into_any(),
                    (Ok(d), Ok(o)) => {
                        // Moderators compare with what is already on the site before deciding.
                        let similar = similar_petitions(d.summary.title.clone(), Some(d.summary.id)).await.unwrap_or_default();
                        view! { <Proposal d=d.clone() similar/><Review d o/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(d: PetitionDetail, o: ProposeOptions) -> impl IntoView {
    let locale = use_locale();
    let claim = ServerAction::<ClaimPetition>::new();
    let approve = ServerAction::<ApprovePetition>::new();
    let reject = ServerAction::<RejectPetition>::new();
    let reassign = ServerAction::<ReassignAgencies>::new();
    let pid = d.summary.id;
    let in_review = d.summary.state == PetitionState::InReview;
    let established = d.summary.state == PetitionState::Established;
    let reasons = RejectReason::ALL.iter().map(|r| (r.code().to_string(), locale.text(reject_reason_key(*r)).to_string())).collect::<Vec<_>>();
    let agencies = o.agencies.iter().map(|(_, a)| (a.id.to_string(), a.name(locale).to_string())).collect::<Vec<_>>();
    let current: Vec<String> = d.agencies.iter().map(|a| a.id.to_string()).collect();
    let slots = d.rules.max_agencies.max(1) as usize;
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (reasons, agencies, current) = (reasons.clone(), agencies.clone(), current.clone());
                Suspend::new(async move {
                    let claim_state = page_form(forms::CLAIM).await;
                    let approve_state = page_form(forms::APPROVE).await;
                    let reject_state = page_form(forms::REJECT).await;
                    let reassign_state = page_form(forms::REASSIGN).await;
                    view! {
                        {in_review.then(|| view! {
                            <section class="panel" aria-labelledby="claim-title">
                                <h2 id="claim-title">{t(Key::ReviewClaimTitle)}</h2>
                                <ErrorSummary state=claim_state level=3/>
                                <ActionForm action=claim attr:class="inline-form">
                                    <input type="hidden" name="id" value=pid.to_string()/>
                                    <button type="submit" class="button">{t(Key::ReviewClaim)}</button>
                                </ActionForm>
                            </section>
                            // Approve and reject sit apart and look different, so neither is pressed by mistake.
                            <div class="review-decisions">
                                <section class="panel panel-action review-approve" aria-labelledby="approve-title">
                                    <h2 id="approve-title">{t(Key::ReviewApproveTitle)}</h2>
                                    <p>{t(Key::ReviewApproveBody)}</p>
                                    <ErrorSummary state=approve_state level=3/>
                                    <ActionForm action=approve attr:class="inline-form">
                                        <input type="hidden" name="id" value=pid.to_string()/>
                                        <button type="submit" class="button button-primary">{t(Key::ReviewApprove)}</button>
                                    </ActionForm>
                                </section>
                                <section class="panel panel-warning review-reject" aria-labelledby="reject-title">
                                    <h2 id="reject-title">{t(Key::ReviewRejectTitle)}</h2>
                                    <ErrorSummary state=reject_state level=3/>
                                    <ActionForm action=reject attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="id" value=pid.to_string()/>
                                        <Select name="reason" label=Key::FieldRejectReason hint=Key::HintRejectReason state=reject_state options=reasons.clone() empty=Key::ChooseOne/>
                                        <Field name="duplicate_of" label=Key::FieldDuplicateOf hint=Key::HintDuplicateOf state=reject_state/>
                                        <TextArea name="explanation" label=Key::FieldExplanation hint=Key::HintExplanation state=reject_state rows=4/>
                                        <button type="submit" class="button button-danger">{t(Key::ReviewReject)}</button>
                                    </ActionForm>
                                </section>
                            </div>
                        })}
                        <section class="panel" aria-labelledby="reassign-title">
                            <h2 id="reassign-title">{t(Key::ReviewReassignTitle)}</h2>
                            {established.then(|| view! { <p class="hint">{t(Key::ReviewReassignEstablished)}</p> })}
                            <ErrorSummary state=reassign_state level=3/>
                            <ActionForm action=reassign attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="id" value=pid.to_string()/>
                                {(0..slots).map(|i| {
                                    let name = format!("agency_ids[{i}]");
                                    let select_id = format!("reassign-agency-{i}");
                                    let selected = current.get(i).cloned().unwrap_or_default();
                                    let label = locale.text(if i == 0 { Key::AgencyLead } else { Key::AgencyCo });
                                    view! {
                                        <div class="field">
                                            <label for=select_id.clone()>{label}</label>
                                            <select id=select_id name=name>
                                                <option value="">{t(Key::ChooseOne)}</option>
                                                {agencies.iter().map(|(v, text)| { let sel = *v == selected; view! { <option value=v.clone() selected=sel>{text.clone()}</option> } }).collect_view()}
                                            </select>
                                        </div>
                                    }
                                }).collect_view()}
                                <Field name="reassign_reason" label=Key::FieldReassignReason state=reassign_state/>
                                <button type="submit" class="button">{t(Key::ReviewReassign)}</button>
                            </ActionForm>
                        </section>
                    }
                })
            }}
        </Suspense>
    }
}

/// The proposal as submitted, in full: what the moderator approves or rejects.
#[component]
fn Proposal(d: PetitionDetail, similar: Vec<PetitionSummary>) -> impl IntoView {
    let locale = use_locale();
    let s = &d.summary;
    let agencies = d
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let role = locale.text(if i == 0 { Key::AgencyLead } else { Key::AgencyCo });
            view! { <li>{a.name(locale).to_string()}" ("{role}")"</li> }
        })
        .collect_view();
    let evidence = if d.evidence.is_empty() {
        view! { <p class="hint">{t(Key::ReviewNoEvidence)}</p> }.into_any()
    } else {
        view! { <ul>{d.evidence.iter().map(|l| view! { <li><a href=l.clone() rel="nofollow ugc noopener noreferrer">{l.clone()}</a></li> }).collect_view()}</ul> }
            .into_any()
    };
    let part = |key: Key, text: &str| {
        view! {
            <h3>{locale.text(key)}</h3>
            {text.split("\n\n").map(|p| view! { <p class="prose">{p.to_string()}</p> }).collect_view()}
        }
    };
    view! {
        <article class="review-proposal" aria-labelledby="proposal-title">
            <h2 id="proposal-title"><a href=format!("/petitions/{}", s.id)>{s.title.clone()}</a></h2>
            <dl class="review-meta">
                <dt>{t(Key::FieldJurisdiction)}</dt><dd>{s.jurisdiction(locale).to_string()}</dd>
                <dt>{t(Key::FieldCategory)}</dt><dd>{d.category.as_ref().map(|c| c.name(locale).to_string()).unwrap_or_default()}</dd>
                <dt>{t(Key::PetitionAgencies)}</dt><dd><ul class="plain-list">{agencies}</ul></dd>
                <dt>{t(Key::QueueDue)}</dt><dd>{d.review_due_at.map(|t| t.date_taipei()).unwrap_or_default()}</dd>
            </dl>
            <p>{locale.petition_proposed_by(d.proposer_name.clone())}</p>
            {part(Key::FieldProblem, &d.problem)}
            {part(Key::FieldAction, &d.action)}
            {part(Key::FieldBenefits, &d.benefits)}
            <h3>{t(Key::FieldEvidence)}</h3>
            {evidence}
        </article>
        <section class="panel" aria-labelledby="similar-title">
            <h2 id="similar-title">{t(Key::SimilarTitle)}</h2>
            <PetitionList items=similar now=d.now empty=Key::SimilarNone/>
        </section>
    }
}
