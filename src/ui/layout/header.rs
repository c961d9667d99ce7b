use crate::api::auth::Logout;
use crate::api::session::get_session;
use crate::domain::role::Role;
use crate::dto::common::SessionView;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
fn NavLink(href: &'static str, label: Key) -> impl IntoView {
    let location = use_location();
    let current = move || (location.pathname.get() == href).then_some("page");
    view! { <li><a href=href aria-current=current>{t(label)}</a></li> }
}

fn staff_links(s: &SessionView) -> impl IntoView + use<> {
    // Admins decide transfers on the agency page too, so they reach it from here.
    let officer = (s.has(Role::Officer) || s.has(Role::Admin)).then(|| view! { <NavLink href="/agency" label=Key::NavAgency/> });
    let moderator = s.has(Role::Moderator).then(|| view! { <NavLink href="/moderation" label=Key::NavModeration/> });
    let reports = (s.has(Role::Moderator) || s.has(Role::Admin)).then(|| view! { <NavLink href="/reports" label=Key::NavReports/> });
    let admin = s.has(Role::Admin).then(|| view! { <NavLink href="/admin/site" label=Key::NavAdmin/> });
    let enrol = s.enrol_second_factor.then(|| view! { <NavLink href="/profile/second-factor" label=Key::SfNavNeeded/> });
    (officer, moderator, reports, admin, enrol)
}

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    // Re-read on navigation, so logging in or out shows at once.
    let session = Resource::new(move || (location.pathname.get(), location.search.get()), |_| get_session());
    let logout = ServerAction::<Logout>::new();
    view! {
        <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    <span class="brand-name">{t(Key::SiteName)}</span>
                    <span class="brand-tagline">{t(Key::SiteTagline)}</span>
                </a>
                <nav aria-label=t(Key::NavMainLabel)>
                    <ul class="nav-list main-links">
                        <NavLink href="/" label=Key::NavHome/>
                        <NavLink href="/petitions" label=Key::NavPetitions/>
                        <NavLink href="/consultations" label=Key::NavConsultations/>
                        <NavLink href="/regulations" label=Key::NavRegulations/>
                        <NavLink href="/agencies" label=Key::NavAgencies/>
                        <NavLink href="/petitions/new" label=Key::NavPropose/>
                    </ul>
                </nav>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match session.await {
                            Ok(Some(s)) => view! { <AccountMenu s logout/> }.into_any(),
                            _ => {
                                view! {
                                    <ul class="nav-list account-links">
                                        <NavLink href="/login" label=Key::NavLogin/>
                                        <NavLink href="/register" label=Key::NavRegister/>
                                    </ul>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

/// The signed-in person's links: in a row on wide screens; on narrow ones folded under
/// their name in a native disclosure (opens without JavaScript), so the header stays
/// one line on a 320 px phone. Only one of the two is displayed at a time.
#[component]
fn AccountMenu(s: SessionView, logout: ServerAction<Logout>) -> impl IntoView {
    let name = s.display_name.clone();
    let links = move || {
        view! {
            {staff_links(&s)}
            <NavLink href="/me/petitions" label=Key::NavMyPetitions/>
            <NavLink href="/me/signatures" label=Key::NavMySignatures/>
            <NavLink href="/me/following" label=Key::FollowingTitle/>
            <NavLink href="/profile" label=Key::NavProfile/>
            <li>
                <ActionForm action=logout attr:class="inline-form">
                    <button type="submit" class="link-button">{t(Key::NavLogout)}</button>
                </ActionForm>
            </li>
        }
    };
    view! {
        <nav class="account-wide" aria-label=t(Key::NavAccountLabel)>
            <ul class="nav-list">
                {links.clone()()}
                <li class="signed-in">
                    <span class="visually-hidden">{t(Key::SignedInAs)}" "</span>
                    <span class="user-name">{name.clone()}</span>
                </li>
            </ul>
        </nav>
        <details class="account-menu">
            <summary>
                <span class="visually-hidden">{t(Key::SignedInAs)}" "</span>
                <span class="user-name">{name}</span>
            </summary>
            <nav aria-label=t(Key::NavAccountLabel)>
                <ul class="account-list">{links()}</ul>
            </nav>
        </details>
    }
}
