//! Administrators verify that an account speaks for an organisation, and withdraw that: only
//! administrators, names checked, each decision in the audit trail with its note; the account
//! then comments on a draft regulation in the organisation's name. The admin users page does
//! it without JavaScript. On both engines.
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use super::regulations::notice;
use crate::db_test;
use crate::domain::role::Role;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::admin::organisation;
use crate::server::regulations::comment::{Comment, comment};
use crate::server::regulations::{self, draft};
use crate::server::testing::TestApp;
use crate::server::testing::http::{Reply, Via};
use sqlx::Row;

const ZH: Locale = Locale::ZhTw;
const IP: &str = "10.0.0.9";
const NGO: &str = "台灣公共運輸促進會";
const NOTE: &str = "2026-11-03 來函存檔";

fn invalid(field: &str, e: FieldError) -> AppError {
    AppError::Invalid(FieldErrors::one(field, e))
}

async fn organisation_of(app: &TestApp, user_id: i64) -> Option<String> {
    crate::server::db::regulation_comments::organisation_of(&app.state.db.pool, user_id).await.unwrap()
}

/// (actor, target, detail) of each audit entry with `action`, oldest first.
async fn audited(app: &TestApp, action: &str) -> Vec<(i64, String, String)> {
    let rows = sqlx::query("SELECT actor_user_id, target, detail FROM audit_log WHERE action = $1 ORDER BY id")
        .bind(action)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    rows.iter().map(|r| (r.get::<i64, _>("actor_user_id"), r.get("target"), r.get("detail"))).collect()
}

/// The admin users page, searched for the account.
const AT: &str = "/admin/users?q=ngo";

/// The row's organisation form, posted without JavaScript from the page.
async fn post(app: &TestApp, session: &str, uid: &str, name: &str, note: &str) -> Reply {
    let fields = [("user_id", uid), ("organisation_name", name), ("verification_note", note), ("back", AT)];
    app.post("/api/admin_organisation", &fields, Some(session), Via::Html, AT).await
}

fn denied(r: &Reply) -> bool {
    r.body.contains("Forbidden") || r.body.contains("Unauthenticated")
}

async fn admins_verify_an_organisation_that_then_comments_in_its_name(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let s = &app.state;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let ngo = person(&app, "ngo@example.tw", None).await;

    // Only administrators, and not even an account for itself.
    assert_eq!(organisation::set(s, &moderator, ngo.user_id, NGO, NOTE).await, Err(AppError::Forbidden));
    assert_eq!(organisation::set(s, &ngo, ngo.user_id, NGO, NOTE).await, Err(AppError::Forbidden));
    assert_eq!(crate::server::admin::users::list(s, &moderator, "").await.err(), Some(AppError::Forbidden));

    // Names and notes are checked; a refusal changes nothing.
    assert_eq!(organisation::set(s, &admin, ngo.user_id, "會", NOTE).await, Err(invalid("organisation_name", FieldError::TooShort { min: 2 })));
    assert_eq!(organisation::set(s, &admin, ngo.user_id, &"會".repeat(101), NOTE).await, Err(invalid("organisation_name", FieldError::TooLong { max: 100 })));
    assert_eq!(organisation::set(s, &admin, ngo.user_id, "台灣\n促進會", NOTE).await, Err(invalid("organisation_name", FieldError::InvalidCharacters)));
    assert_eq!(organisation::set(s, &admin, ngo.user_id, "台灣\u{202E}促進會", NOTE).await, Err(invalid("organisation_name", FieldError::HiddenCharacters)));
    assert_eq!(organisation::set(s, &admin, ngo.user_id, NGO, "  ").await, Err(invalid("verification_note", FieldError::Required)));
    assert_eq!(organisation::set(s, &admin, 999_999, NGO, NOTE).await, Err(AppError::NotFound));
    assert_eq!(organisation_of(&app, ngo.user_id).await, None);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'user.organisation%'").await, 0);

    // Set: trimmed, listed with the account, and on record with the note.
    organisation::set(s, &admin, ngo.user_id, &format!("  {NGO} "), NOTE).await.unwrap();
    assert_eq!(organisation_of(&app, ngo.user_id).await.as_deref(), Some(NGO));
    let admin_ref = &admin;
    let listed = move |q: &'static str| async move {
        crate::server::admin::users::list(s, admin_ref, q).await.unwrap().into_iter().map(|u| u.organisation).collect::<Vec<_>>()
    };
    assert_eq!(listed("ngo@").await, vec![Some(NGO.to_string())]);
    let target = format!("user:{}", ngo.user_id);
    assert_eq!(audited(&app, "user.organisation_set").await, vec![(admin.user_id, target.clone(), format!("{NGO}|{NOTE}"))]);

    // The account comments on a draft regulation in the organisation's name.
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let id = draft::save(s, &officer, None, &notice(motc, s.now(), 60)).await.unwrap();
    draft::publish(s, &officer, id).await.unwrap();
    let as_org = || Comment { regulation_id: id, article: "1", stance: "support", body: "本會支持修正。", wording: "", speak_as: "organisation" };
    comment(s, &ngo, IP, as_org()).await.unwrap();
    let page = regulations::page(s, None, id, 0).await.unwrap();
    assert_eq!(page.articles[0].comments[0].organisation.as_deref(), Some(NGO));

    // Withdrawn (an empty name): the trail names what was withdrawn; earlier comments keep their name.
    organisation::set(s, &admin, ngo.user_id, " ", "協會來函，代表人已離職").await.unwrap();
    assert_eq!(organisation_of(&app, ngo.user_id).await, None);
    assert_eq!(listed("ngo@").await, vec![None]);
    assert_eq!(audited(&app, "user.organisation_clear").await, vec![(admin.user_id, target, format!("{NGO}|協會來函，代表人已離職"))]);
    assert_eq!(comment(s, &ngo, IP, as_org()).await.err(), Some(AppError::Forbidden), "no longer in its name");
    let page = regulations::page(s, None, id, 0).await.unwrap();
    assert_eq!(page.articles[0].comments[0].organisation.as_deref(), Some(NGO), "made in its name, kept so");
}
db_test!(admins_verify_an_organisation_that_then_comments_in_its_name);

async fn the_admin_users_page_verifies_without_javascript(app: TestApp) {
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let ngo = person(&app, "ngo@example.tw", None).await;
    let uid = ngo.user_id.to_string();

    // Refused to anyone but an administrator.
    let citizen = app.staff_session(ngo.user_id).await;
    let mod_session = app.staff_session(moderator.user_id).await;
    for session in [None, Some(citizen.as_str()), Some(mod_session.as_str())] {
        let r = app.call("admin_organisation", &[("user_id", &uid), ("organisation_name", NGO), ("verification_note", NOTE)], session).await;
        assert!(denied(&r), "set by a non-admin: {}", r.body);
    }
    assert_eq!(organisation_of(&app, ngo.user_id).await, None);

    // Set: back to the page, with a notice naming it and the organisation in the row.
    let session = app.staff_session(admin.user_id).await;
    let r = post(&app, &session, &uid, NGO, NOTE).await;
    assert!(r.status.is_redirection(), "{}", r.body);
    let page = app.follow(&r, Some(&session)).await.body;
    assert!(page.contains(&ZH.admin_notice_org_verified("ngo".to_string(), NGO.to_string())), "{}", r.location().unwrap_or_default());
    assert!(page.contains(&format!(r#"value="{NGO}""#)), "the row's form shows the organisation");
    assert_eq!(organisation_of(&app, ngo.user_id).await.as_deref(), Some(NGO));

    // Refused: the errors come back next to this row's fields, with what was typed.
    let r = post(&app, &session, &uid, "會", "").await;
    let back = r.location().expect("back to the form").to_string();
    assert!(back.contains("flash="), "{back}");
    let page = app.follow(&r, Some(&session)).await.body;
    assert!(page.contains(&format!(r#"id="org-{uid}-organisation_name-error""#)), "the error next to the row's field");
    assert!(page.contains(&format!(r#"id="org-{uid}-verification_note-error""#)));
    assert!(page.contains(&ZH.field_error(&FieldError::TooShort { min: 2 })) && page.contains(&ZH.field_error(&FieldError::Required)));
    assert!(page.contains(r#"value="會""#), "what was typed is kept");
    assert_eq!(organisation_of(&app, ngo.user_id).await.as_deref(), Some(NGO), "unchanged");

    // Cleared with an empty name.
    let r = post(&app, &session, &uid, "", "協會來函撤回").await;
    let page = app.follow(&r, Some(&session)).await.body;
    assert!(page.contains(&ZH.admin_notice_org_cleared("ngo".to_string())));
    assert_eq!(organisation_of(&app, ngo.user_id).await, None);
    assert_eq!(audited(&app, "user.organisation_clear").await.len(), 1);
}
db_test!(the_admin_users_page_verifies_without_javascript);
