//! Admins invite a staff member by email: name, role and (for officers) agency.
use crate::api::admin::AdminInvite;
use crate::domain::role::Role;
use crate::dto::common::AgencyView;
use crate::dto::forms;
use crate::i18n::labels::role_key;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select};
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;

#[component]
pub fn InviteForm(agencies: Vec<AgencyView>) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<AdminInvite>::new();
    let roles: Vec<(String, String)> = Role::ALL.into_iter().map(|r| (r.code().to_string(), locale.text(role_key(r)).to_string())).collect();
    let agencies: Vec<(String, String)> = agencies.iter().map(|a| (a.id.to_string(), a.name(locale).to_string())).collect();
    view! {
        <section class="panel" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(Key::InviteTitle)}</h2>
            <p>{t(Key::InviteBody)}</p>
            <Suspense fallback=|| ()>
                {move || {
                    let (roles, agencies) = (roles.clone(), agencies.clone());
                    Suspend::new(async move {
                        let state = page_form(forms::INVITE).await;
                        view! {
                            <ErrorSummary state level=3/>
                            <ActionForm action attr:class="form" attr:novalidate=true>
                                <Field name="email" label=Key::FieldEmail state kind="email" form="invite"/>
                                <Field name="name" label=Key::FieldInviteName state form="invite"/>
                                <Select name="role" label=Key::FieldRole state options=roles value="officer" form="invite"/>
                                <Select name="agency_id" label=Key::FieldInviteAgency hint=Key::HintInviteAgency state options=agencies empty=Key::ChooseOne form="invite"/>
                                <button type="submit" class="button">{t(Key::InviteButton)}</button>
                            </ActionForm>
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
