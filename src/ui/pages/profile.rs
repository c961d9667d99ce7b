use super::PageError;
use crate::api::follows::{SetFollowMail, load_follow_mail};
use crate::api::profile::{ChangePassword, DeleteAccount, UpdateDisplayName, UpdatePreferences, get_profile};
use crate::dto::common::FormFlash;
use crate::dto::common::ProfileView;
use crate::dto::follows::FollowMail;
use crate::dto::forms;
use crate::i18n::labels::role_key;
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    let mail = Resource::new(|| (), |_| load_follow_mail());
    let flash = use_flash();
    view! {
        <Title text=t(Key::ProfileTitle)/>
        <Notice/>
        <h1>{t(Key::ProfileTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let _ = flash.await;
                match profile.await {
                    Ok(p) => {
                        let mail = mail.await.unwrap_or_default();
                        view! { <ProfileForms profile=p flash mail/> }.into_any()
                    }
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForms(profile: ProfileView, flash: Resource<Option<FormFlash>>, mail: FollowMail) -> impl IntoView {
    let locale = use_locale();
    let name = ServerAction::<UpdateDisplayName>::new();
    let password = ServerAction::<ChangePassword>::new();
    let prefs = ServerAction::<UpdatePreferences>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let name_state = form_state(forms::PROFILE_NAME, flash);
    let password_state = form_state(forms::PROFILE_PASSWORD, flash);
    let prefs_state = form_state(forms::PROFILE_PREFERENCES, flash);
    let delete_state = form_state(forms::PROFILE_DELETE, flash);
    let roles = std::iter::once(t(Key::RoleCitizen).to_string())
        .chain(profile.roles.iter().map(|r| locale.text(role_key(*r)).to_string()))
        .collect::<Vec<_>>()
        .join(", ");
    let agencies = profile.agencies.iter().map(|a| a.name(locale).to_string()).collect::<Vec<_>>().join(", ");
    let current_locale = Locale::from_tag(&profile.locale).unwrap_or_default();
    view! {
        <dl class="summary-list">
            <dt>{t(Key::ProfileEmail)}</dt>
            <dd>{profile.email.clone()}</dd>
            <dt>{t(Key::ProfileRoles)}</dt>
            <dd>{roles}</dd>
            {(!agencies.is_empty()).then(|| view! { <dt>{t(Key::AdminColAgencies)}</dt><dd>{agencies}</dd> })}
        </dl>

        <section aria-labelledby="name-title" class="panel">
            <h2 id="name-title">{t(Key::ProfileNameTitle)}</h2>
            <ErrorSummary state=name_state level=3/>
            <ActionForm action=name attr:class="form" attr:novalidate=true>
                <Field name="display_name" form="profile" label=Key::FieldDisplayName hint=Key::HintDisplayName
                    autocomplete="nickname" value=profile.display_name.clone() state=name_state/>
                <button type="submit" class="button">{t(Key::SaveButton)}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="password-title" class="panel">
            <h2 id="password-title">{t(Key::ProfilePasswordTitle)}</h2>
            <ErrorSummary state=password_state level=3/>
            <ActionForm action=password attr:class="form" attr:novalidate=true>
                <Field name="current_password" label=Key::FieldCurrentPassword kind="password" autocomplete="current-password" state=password_state/>
                <Field name="password" form="change" label=Key::FieldNewPassword hint=Key::HintPassword kind="password" autocomplete="new-password" state=password_state/>
                <Field name="password_confirm" label=Key::FieldConfirmPassword kind="password" autocomplete="new-password" state=password_state/>
                <button type="submit" class="button">{t(Key::ProfilePasswordSubmit)}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="factor-title" class="panel">
            <h2 id="factor-title">{t(Key::SfTitle)}</h2>
            <p><a href="/profile/second-factor">{t(Key::SfProfileLink)}</a></p>
        </section>

        <section aria-labelledby="prefs-title" class="panel">
            <h2 id="prefs-title">{t(Key::ProfileLanguageTitle)}" · "{t(Key::ProfileNotifyTitle)}</h2>
            <ErrorSummary state=prefs_state level=3/>
            <ActionForm action=prefs attr:class="form">
                <div class="field">
                    <label for="pref-locale">{t(Key::FieldLanguage)}</label>
                    <select id="pref-locale" name="locale">
                        {Locale::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.tag() selected=l == current_locale lang=l.tag()>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <fieldset class="checkboxes">
                    <legend>{t(Key::ProfileNotifyTitle)}</legend>
                    <div class="checkbox">
                        <input type="checkbox" id="notify_signed" name="notify_signed" value="on" checked=profile.notify_signed/>
                        <label for="notify_signed">{t(Key::NotifySigned)}</label>
                    </div>
                    <div class="checkbox">
                        <input type="checkbox" id="notify_proposed" name="notify_proposed" value="on" checked=profile.notify_proposed/>
                        <label for="notify_proposed">{t(Key::NotifyProposed)}</label>
                    </div>
                </fieldset>
                <button type="submit" class="button">{t(Key::SaveButton)}</button>
            </ActionForm>
        </section>

        <FollowMailForm mail flash/>

        <section aria-labelledby="data-title" class="panel">
            <h2 id="data-title">{t(Key::DataTitle)}</h2>
            <p>{t(Key::DataBody)}</p>
            <p><a class="button" href="/profile/data.zip" download rel="external">{t(Key::DataButton)}</a></p>
        </section>

        <section aria-labelledby="delete-title" class="panel danger">
            <h2 id="delete-title">{t(Key::ProfileDeleteTitle)}</h2>
            <p>{t(Key::ProfileDeleteBody)}</p>
            <ErrorSummary state=delete_state level=3/>
            <ActionForm action=delete attr:class="form" attr:novalidate=true>
                <Field name="password" form="delete" label=Key::FieldConfirmDelete kind="password" autocomplete="current-password" state=delete_state/>
                <button type="submit" class="button button-danger">{t(Key::ProfileDeleteSubmit)}</button>
            </ActionForm>
        </section>
    }
}

/// How mail about followed petitions, agencies and topics comes: instantly, as a daily
/// digest, or not at all (the follows stay, for the page and the feeds).
#[component]
fn FollowMailForm(mail: FollowMail, flash: Resource<Option<FormFlash>>) -> impl IntoView {
    let action = ServerAction::<SetFollowMail>::new();
    let state = form_state(forms::FOLLOW_MAIL, flash);
    let options = [(FollowMail::Instant, Key::FollowMailInstant), (FollowMail::Digest, Key::FollowMailDigest), (FollowMail::Never, Key::FollowMailNever)];
    view! {
        <section aria-labelledby="follow-mail-title" class="panel">
            <h2 id="follow-mail-title">{t(Key::FollowMailTitle)}</h2>
            <ErrorSummary state level=3/>
            <ActionForm action attr:class="form">
                <fieldset class="checkboxes">
                    <legend>{t(Key::FollowMailTitle)}</legend>
                    {options
                        .into_iter()
                        .map(|(m, key)| {
                            let id = format!("follow_mail_{}", m.code());
                            view! {
                                <div class="checkbox">
                                    <input type="radio" id=id.clone() name="follow_mail" value=m.code() checked=m == mail/>
                                    <label for=id>{t(key)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <button type="submit" class="button">{t(Key::SaveButton)}</button>
            </ActionForm>
            <p><a href="/me/following">{t(Key::FollowManageLink)}</a></p>
        </section>
    }
}
