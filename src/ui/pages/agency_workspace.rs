//! One petition in the agency workspace: the response draft and its publication
//! (lead: the formal response; co-agency: a section), the one extension, and a transfer
//! of the lead role.
use super::PageError;
use super::petition::petition_id;
use crate::api::responses::{ExtendDeadline, RequestTransfer, SaveResponse, load_agency_workspace};
use crate::domain::petition::PetitionState;
use crate::domain::response::{POINT_ROWS, Position};
use crate::dto::forms;
use crate::dto::responses::Workspace;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::cite::CiteChoices;
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::{FormState, page_form};
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::ResponseDue;
use crate::ui::components::response_view::{ResponseBody, position_key};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

const POINT_TEXT: [&str; POINT_ROWS] = ["point_text[0]", "point_text[1]", "point_text[2]", "point_text[3]", "point_text[4]", "point_text[5]"];
const POINT_POSITION: [&str; POINT_ROWS] =
    ["point_position[0]", "point_position[1]", "point_position[2]", "point_position[3]", "point_position[4]", "point_position[5]"];
const POINT_REASON: [&str; POINT_ROWS] = ["point_reason[0]", "point_reason[1]", "point_reason[2]", "point_reason[3]", "point_reason[4]", "point_reason[5]"];

#[component]
pub fn AgencyWorkspacePage() -> impl IntoView {
    let id = petition_id();
    let query = use_query_map();
    let location = use_location();
    let agency = move || query.read().get("agency").and_then(|a| a.parse::<i64>().ok());
    let ws = Resource::new(move || (id(), agency(), location.search.get()), |(id, a, _)| load_agency_workspace(id, a));
    view! {
        <Title text=t(Key::InboxTitle)/>
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match ws.await {
                    Ok(w) => view! { <WorkspaceView w/> }.into_any(),
                    Err(e) => view! { <h1>{t(Key::InboxTitle)}</h1><PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WorkspaceView(w: Workspace) -> impl IntoView {
    let locale = use_locale();
    let save = ServerAction::<SaveResponse>::new();
    let extend = ServerAction::<ExtendDeadline>::new();
    let transfer = ServerAction::<RequestTransfer>::new();
    let role = locale.text(if w.is_lead { Key::RoleLead } else { Key::RoleCo });
    let heading = locale.workspace_agency(w.agency.name(locale), role);
    let pid = w.petition.id;
    let current = w.current.clone().map(|c| {
        view! {
            <section class="panel" aria-labelledby="current-title">
                <h2 id="current-title">{t(Key::WorkspaceCurrent)}</h2>
                <ResponseBody r=c petition_id=pid show_versions_link=true/>
            </section>
        }
        .into_any()
    });
    view! {
        <h1>{w.petition.title.clone()}</h1>
        <p>{heading}" · "<a href=format!("/petitions/{pid}")>{w.petition.title.clone()}</a></p>
        <p><ResponseDue state=w.petition.state due=w.petition.response_due_at now=w.now/></p>
        {w.extension.clone().map(|e| view! { <p>{locale.response_extension(e.days, e.reason)}</p> }.into_any())}
        {view! {
            <section aria-labelledby="proposal-title">
                <h2 id="proposal-title">{t(Key::WorkspaceProposal)}</h2>
                {w.action.split("\n\n").map(|p| view! { <p class="prose">{p.to_string()}</p> }).collect_view()}
            </section>
        }.into_any()}
        {current}
        <Suspense fallback=|| ()>
            {move || {
                let w = w.clone();
                Suspend::new(async move {
                    let save_state = page_form(forms::RESPONSE).await;
                    let extend_state = page_form(forms::EXTEND).await;
                    let transfer_state = page_form(forms::TRANSFER).await;
                    view! {
                        <ResponseForm w=w.clone() st=save_state action=save/>
                        <LeadTools w st_extend=extend_state st_transfer=transfer_state extend transfer/>
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ResponseForm(w: Workspace, st: FormState, action: ServerAction<SaveResponse>) -> impl IntoView {
    let locale = use_locale();
    let positions: Vec<(String, String)> = Position::ALL.iter().map(|p| (p.code().to_string(), locale.text(position_key(*p)).to_string())).collect();
    let title = if w.is_lead { Key::WorkspaceFormTitle } else { Key::WorkspaceSectionFormTitle };
    let publish = if w.is_lead { Key::PublishResponse } else { Key::PublishSection };
    let d = w.draft.clone();
    // An amendment starts with what the current version cites.
    let ticked: Vec<i64> = w.current.as_ref().map(|c| c.cited.iter().map(|s| s.id).collect()).unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="response-form-title">
            <h2 id="response-form-title">{t(title)}</h2>
            {d.updated_at.map(|u| view! { <p class="hint">{t(Key::DraftSaved)}" · "{u.datetime_taipei()}</p> })}
            <ErrorSummary state=st level=3/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=w.petition.id.to_string()/>
                <input type="hidden" name="agency_id" value=w.agency.id.to_string()/>
                <TextArea name="summary" label=Key::FieldSummary hint=Key::HintSummary state=st value=d.summary.clone() rows=3/>
                <TextArea name="details" label=Key::FieldDetails hint=Key::HintDetails state=st value=d.details.clone() rows=10/>
                {(0..POINT_ROWS).map(|i| {
                    let (text, pos, reason) = d.points.get(i).cloned().unwrap_or_default();
                    view! {
                        <fieldset class="point">
                            <legend>{locale.point_legend(i + 1)}</legend>
                            <Field name=POINT_TEXT[i] label=Key::FieldPointText state=st value=text/>
                            <Select name=POINT_POSITION[i] label=Key::FieldPointPosition state=st options=positions.clone() value=pos empty=Key::ChooseOne/>
                            <TextArea name=POINT_REASON[i] label=Key::FieldPointReason hint=Key::HintPointReason state=st value=reason rows=2/>
                        </fieldset>
                    }
                }).collect_view()}
                <TextArea name="links" label=Key::FieldResponseLinks hint=Key::HintResponseLinks state=st value=d.links.clone() rows=3/>
                // The petition's deliberation: the answer may cite what people agreed on.
                {(!w.citable.is_empty()).then(|| view! { <CiteChoices citable=w.citable.clone() state=st ticked=ticked.clone() hint=Key::ResponseCiteHint/> })}
                <p class="hint">{t(Key::PublishHint)}</p>
                <div class="button-row">
                    <button type="submit" name="intent" value="draft" class="button">{t(Key::SaveDraft)}</button>
                    " "
                    <button type="submit" name="intent" value="publish" class="button button-primary">{t(publish)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn LeadTools(
    w: Workspace,
    st_extend: FormState,
    st_transfer: FormState,
    extend: ServerAction<ExtendDeadline>,
    transfer: ServerAction<RequestTransfer>,
) -> impl IntoView {
    let locale = use_locale();
    let awaiting = w.petition.state == PetitionState::Established;
    // The extension stays on offer after the answer is published (an amendment may need
    // time); a transfer only while the answer is owed.
    let answered = w.petition.state == PetitionState::Answered;
    if !(awaiting || answered) || !(w.is_lead || w.is_admin) {
        return ().into_any();
    }
    let others: Vec<(String, String)> =
        w.agencies.iter().filter(|a| a.id != w.agency.id || !w.is_lead).map(|a| (a.id.to_string(), a.name(locale).to_string())).collect();
    let extension = match (&w.extension, w.may_extend) {
        (Some(_), _) => view! { <p>{t(Key::ExtendedAlready)}</p> }.into_any(),
        (None, true) => view! {
            {answered.then(|| view! { <p class="hint">{t(Key::ExtendAfterAnswerHint)}</p> })}
            <ErrorSummary state=st_extend level=3/>
            <ActionForm action=extend attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=w.petition.id.to_string()/>
                <input type="hidden" name="agency_id" value=w.agency.id.to_string()/>
                <Field name="days" label=Key::FieldExtendDays state=st_extend kind="number"/>
                <p class="hint">{locale.hint_extend_days(w.max_extension_days)}</p>
                <TextArea name="extension_reason" label=Key::FieldExtendReason state=st_extend rows=3/>
                <button type="submit" class="button">{t(Key::ExtendButton)}</button>
            </ActionForm>
        }
        .into_any(),
        // Answered after the due date: an extension would rewrite that, so none is offered.
        (None, false) if answered && w.is_lead => view! { <p>{t(Key::ExtendNotAfterLate)}</p> }.into_any(),
        (None, false) => ().into_any(),
    };
    let transfer_box = match &w.pending_transfer {
        Some(p) => view! { <p>{locale.transfer_pending(p.to.name(locale))}</p> }.into_any(),
        None => view! {
            <p class="hint">{t(Key::TransferHint)}</p>
            <ErrorSummary state=st_transfer level=3/>
            <ActionForm action=transfer attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=w.petition.id.to_string()/>
                <input type="hidden" name="agency_id" value=w.agency.id.to_string()/>
                <Select name="to_agency" label=Key::FieldTransferTo state=st_transfer options=others empty=Key::ChooseOne/>
                <TextArea name="transfer_reason" label=Key::FieldTransferReason state=st_transfer rows=3/>
                <button type="submit" class="button">{t(if w.is_lead { Key::TransferButton } else { Key::TransferAdminButton })}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="extend-title">
            <h2 id="extend-title">{t(Key::ExtendTitle)}</h2>
            {extension}
        </section>
        {awaiting.then(|| view! {
            <section class="panel" aria-labelledby="transfer-title">
                <h2 id="transfer-title">{t(Key::TransferTitle)}</h2>
                {transfer_box}
            </section>
        })}
    }
    .into_any()
}
