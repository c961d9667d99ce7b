//! The HTML shell and the route table.
use crate::i18n::{self, use_locale};
use crate::ui::layout::Layout;
use crate::ui::pages::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_locale().tag();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="alternate" type="application/atom+xml" href="/api/v1/feeds/petitions.atom" title="minyi 民意"/>
                <HashedStylesheet id="leptos" options=options.clone()/>
                <AutoReload options=options.clone()/>
                // Islands: only the interactive parts are hydrated; every page is complete HTML.
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::detect::page_locale());
    // Pages render completely on the server (Async), so they work without JavaScript.
    let ssr = SsrMode::Async;
    view! {
        // Every page's title passes here, escaped (leptos_meta writes it as it is).
        <Title formatter=|text: String| format!("{} | minyi 民意", crate::ui::raw_text::escape(&text))/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=ssr.clone()/>
                    <Route path=path!("/register") view=RegisterPage ssr=ssr.clone()/>
                    <Route path=path!("/register/sent") view=RegisterSentPage ssr=ssr.clone()/>
                    <Route path=path!("/verify") view=VerifyPage ssr=ssr.clone()/>
                    <Route path=path!("/login") view=LoginPage ssr=ssr.clone()/>
                    <Route path=path!("/login/code") view=SecondFactorLoginPage ssr=ssr.clone()/>
                    <Route path=path!("/reset") view=ResetRequestPage ssr=ssr.clone()/>
                    <Route path=path!("/reset/sent") view=ResetSentPage ssr=ssr.clone()/>
                    <Route path=path!("/reset/confirm") view=ResetConfirmPage ssr=ssr.clone()/>
                    <Route path=path!("/profile") view=ProfilePage ssr=ssr.clone()/>
                    <Route path=path!("/profile/second-factor") view=SecondFactorPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=ssr.clone()/>
                    <Route path=path!("/agency") view=AgencyPage ssr=ssr.clone()/>
                    <Route path=path!("/agency/petitions/:id") view=AgencyWorkspacePage ssr=ssr.clone()/>
                    <Route path=path!("/agencies") view=AgenciesPage ssr=ssr.clone()/>
                    <Route path=path!("/agencies/:code") view=AgencyPublicPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/:id/deliberation") view=DeliberationPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/:id/deliberation/report") view=DeliberationReportPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/:id/responses") view=ResponseVersionsPage ssr=ssr.clone()/>
                    <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=ssr.clone()/>
                    <Route path=path!("/unsubscribe/follow/:token") view=FollowUnsubscribePage ssr=ssr.clone()/>
                    <Route path=path!("/moderation") view=ModerationPage ssr=ssr.clone()/>
                    <Route path=path!("/reports") view=ReportsPage ssr=ssr.clone()/>
                    <Route path=path!("/decisions/:id") view=DecisionPage ssr=ssr.clone()/>
                    <Route path=path!("/moderation-log") view=ModerationLogPage ssr=ssr.clone()/>
                    <Route path=path!("/developers") view=DevelopersPage ssr=ssr.clone()/>
                    <Route path=path!("/log") view=LogPage ssr=ssr.clone()/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=ssr.clone()/>
                    <Route path=path!("/moderation/:id") view=ReviewPage ssr=ssr.clone()/>
                    <Route path=path!("/moderation/petitions/:id/signatures") view=FraudPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions") view=PetitionsPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/new") view=ProposePage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/:id") view=PetitionPage ssr=ssr.clone()/>
                    <Route path=path!("/petitions/:id/edit") view=ProposePage ssr=ssr.clone()/>
                    // "new" before ":id": the first route that matches wins.
                    <Route path=path!("/consultations") view=ConsultationsPage ssr=ssr.clone()/>
                    <Route path=path!("/consultations/new") view=ConsultationNewPage ssr=ssr.clone()/>
                    <Route path=path!("/consultations/:id") view=ConsultationPage ssr=ssr.clone()/>
                    <Route path=path!("/consultations/:id/deliberation") view=ConsultationDeliberationPage ssr=ssr.clone()/>
                    <Route path=path!("/consultations/:id/deliberation/report") view=ConsultationDeliberationReportPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations") view=RegulationsPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations/new") view=RegulationNewPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations/:id") view=RegulationPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations/:id/diff") view=RegulationDiffPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations/:id/answers") view=RegulationAnswersPage ssr=ssr.clone()/>
                    <Route path=path!("/regulations/:id/summary") view=RegulationReportPage ssr=ssr.clone()/>
                    <Route path=path!("/sign/sent") view=SignSentPage ssr=ssr.clone()/>
                    <Route path=path!("/sign/confirm") view=SignConfirmPage ssr=ssr.clone()/>
                    <Route path=path!("/sponsor/:key") view=SponsorPage ssr=ssr.clone()/>
                    <Route path=path!("/me/petitions") view=MyPetitionsPage ssr=ssr.clone()/>
                    <Route path=path!("/me/signatures") view=MySignaturesPage ssr=ssr.clone()/>
                    <Route path=path!("/me/following") view=FollowingPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/organisation") view=AdminOrgPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/organisation/jurisdictions/:id") view=AdminJurisdictionPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/organisation/agencies/:id") view=AdminAgencyPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/site") view=AdminSitePage ssr=ssr/>
                </Routes>
            </Layout>
        </Router>
    }
}
