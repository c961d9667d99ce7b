//! One module per route.
mod admin_banners;
mod admin_org;
mod admin_org_edit;
mod admin_site;
mod admin_users;
mod agencies;
mod agency;
mod agency_public;
mod agency_workspace;
mod consultation;
mod consultation_new;
mod consultations;
mod decision;
mod deliberation;
mod deliberation_report;
mod developers;
mod following;
mod fraud;
mod home;
mod log;
mod login;
mod mine;
mod moderation;
mod moderation_log;
mod not_found;
mod petition;
mod petition_owner;
mod petition_sign;
mod petitions_list;
mod privacy;
mod profile;
mod propose;
mod register;
mod regulation;
mod regulation_answers;
mod regulation_diff;
mod regulation_new;
mod regulation_report;
mod regulations;
mod reports;
mod reset;
mod response_versions;
mod review;
mod second_factor;
mod second_factor_login;
mod sign_confirm;
mod sponsor;
mod unsubscribe;
mod verify;

pub use admin_org::AdminOrgPage;
pub use admin_org_edit::{AdminAgencyPage, AdminJurisdictionPage};
pub use admin_site::AdminSitePage;
pub use log::LogPage;
pub use mine::{MyPetitionsPage, MySignaturesPage};
pub use petition::PetitionPage;
pub use petitions_list::PetitionsPage;
pub use propose::ProposePage;
pub use review::ReviewPage;
pub use sign_confirm::{SignConfirmPage, SignSentPage};
pub use sponsor::SponsorPage;

pub use admin_users::AdminUsersPage;
pub use agencies::AgenciesPage;
pub use agency::AgencyPage;
pub use agency_public::AgencyPublicPage;
pub use agency_workspace::AgencyWorkspacePage;
pub use consultation::ConsultationPage;
pub use consultation_new::ConsultationNewPage;
pub use consultations::ConsultationsPage;
pub use decision::DecisionPage;
pub use deliberation::{ConsultationDeliberationPage, DeliberationPage};
pub use deliberation_report::{ConsultationDeliberationReportPage, DeliberationReportPage};
pub use developers::DevelopersPage;
pub use following::{FollowUnsubscribePage, FollowingPage};
pub use fraud::FraudPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use moderation::ModerationPage;
pub use moderation_log::ModerationLogPage;
pub use not_found::NotFound;
pub use privacy::PrivacyPage;
pub use profile::ProfilePage;
pub use register::{RegisterPage, RegisterSentPage};
pub use regulation::RegulationPage;
pub use regulation_answers::RegulationAnswersPage;
pub use regulation_diff::RegulationDiffPage;
pub use regulation_new::RegulationNewPage;
pub use regulation_report::RegulationReportPage;
pub use regulations::RegulationsPage;
pub use reports::ReportsPage;
pub use reset::{ResetConfirmPage, ResetRequestPage, ResetSentPage};
pub use response_versions::ResponseVersionsPage;
pub use second_factor::SecondFactorPage;
pub use second_factor_login::SecondFactorLoginPage;
pub use unsubscribe::UnsubscribePage;
pub use verify::VerifyPage;

use crate::error::AppError;
use crate::i18n::{Key, use_locale};
use leptos::prelude::*;

/// A page-level error (e.g. not logged in, not allowed), with a way forward.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    let locale = use_locale();
    if let AppError::Unavailable { retry_after_secs } = error {
        crate::ui::components::status::unavailable(retry_after_secs);
    }
    // Log in, then come back here.
    let here = leptos_router::hooks::use_location().pathname.get_untracked();
    let login = matches!(error, AppError::Unauthenticated)
        .then(|| view! { <p><a href=format!("/login?next={}", crate::domain::url::encode_query_value(&here))>{locale.text(Key::NavLogin)}</a></p> });
    view! {
        <div class="error-summary" role="alert">
            <p>{locale.app_error(&error)}</p>
            {login}
        </div>
    }
}
