//! Every role is refused what it must not do; admins can manage roles and memberships.
use crate::db_test;
use crate::domain::role::Role;
use crate::server::db::users;
use crate::server::testing::TestApp;
use crate::server::testing::http::Reply;
use sqlx::Row;

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

/// Staff sign in with their second factor (see `staff_need_a_second_factor`).
async fn with_role(app: &TestApp, email: &str, role: Option<Role>) -> String {
    let s = app.signed_up(email, email.split('@').next().unwrap()).await;
    let Some(role) = role else { return s };
    users::grant_role(&app.state.db.pool, user_id(app, email).await, role, None, app.state.now()).await.unwrap();
    app.enrol(email).await;
    app.login(email, "quiet river lantern 42").await
}

fn denied(r: &Reply) -> bool {
    r.body.contains("Forbidden") || r.body.contains("Unauthenticated")
}

async fn permission_matrix(app: TestApp) {
    let citizen = with_role(&app, "citizen@example.tw", None).await;
    let officer = with_role(&app, "officer@example.tw", Some(Role::Officer)).await;
    let moderator = with_role(&app, "moderator@example.tw", Some(Role::Moderator)).await;
    let admin = with_role(&app, "admin@example.tw", Some(Role::Admin)).await;
    let target = user_id(&app, "citizen@example.tw").await.to_string();
    sqlx::query(
        "INSERT INTO jurisdictions (code, name_zh, name_en, signature_threshold, signing_days, response_days) VALUES ('n', '中央', 'National', 5000, 60, 60)",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO agencies (jurisdiction_id, code, name_zh, name_en) SELECT id, 'motc', '交通部', 'MOTC' FROM jurisdictions")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let agency: i64 = sqlx::query("SELECT id FROM agencies").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let agency = agency.to_string();

    let admin_calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("admin_users", vec![("q", "")]),
        ("admin_agencies", vec![]),
        ("admin_role", vec![("user_id", &target), ("role", "moderator"), ("change", "grant")]),
        ("admin_membership", vec![("user_id", &target), ("agency_id", &agency), ("change", "add")]),
        ("org_overview", vec![]),
        ("create_agency", vec![("code", "new-one"), ("jurisdiction_id", "1"), ("name_zh", "新機關"), ("name_en", "New")]),
        ("edit_agency", vec![("id", &agency), ("name_zh", "改名"), ("name_en", "Renamed")]),
        ("retire_org_item", vec![("kind", "agency"), ("id", &agency), ("change", "retire")]),
        ("merge_agency", vec![("id", &agency), ("into", &agency)]),
        ("save_topic", vec![("code", "new-topic"), ("name_zh", "新類別"), ("name_en", "New")]),
        ("edit_jurisdiction", vec![("id", "1"), ("level", "county"), ("name_zh", "改名"), ("name_en", "Renamed"), ("retention_days", "183")]),
    ];
    for (endpoint, fields) in &admin_calls {
        for session in [None, Some(&citizen), Some(&officer), Some(&moderator)] {
            let r = app.call(endpoint, fields, session.map(|s| s.as_str())).await;
            assert!(denied(&r), "{endpoint} allowed for a non-admin: {}", r.body);
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'moderator'").await, 1, "nothing changed");
    assert_eq!(app.count("SELECT COUNT(*) FROM agency_members").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM agencies WHERE retired_at IS NULL AND name_zh = '交通部'").await, 1, "organisation unchanged");

    // Staff pages' data: officers only.
    for session in [None, Some(&citizen), Some(&moderator)] {
        assert!(denied(&app.call("my_agencies", &[], session.map(|s| s.as_str())).await));
    }
    assert!(app.call("my_agencies", &[], Some(&officer)).await.body.starts_with('['));
    // Account functions need a login.
    for endpoint in ["profile", "profile_name", "profile_password", "profile_preferences", "profile_delete"] {
        assert!(
            denied(
                &app.call(endpoint, &[("display_name", "x"), ("password", "x"), ("current_password", "x"), ("password_confirm", "x"), ("locale", "en")], None)
                    .await
            ),
            "{endpoint}"
        );
    }

    // Admins can.
    let r = app.call("admin_users", &[("q", "CITIZEN@")], Some(&admin)).await;
    assert!(r.body.contains("citizen@example.tw") && !r.body.contains("officer@example.tw"), "{}", r.body);
    for (endpoint, fields) in &admin_calls {
        let r = app.call(endpoint, fields, Some(&admin)).await;
        assert!(!denied(&r), "{endpoint}: {}", r.body);
    }
    let roles = users::roles(&app.state.db.pool, target.parse().unwrap()).await.unwrap();
    assert_eq!(roles, vec![Role::Officer, Role::Moderator], "membership makes an officer");
    // The new officer's role waits for a second factor.
    assert!(denied(&app.call("my_agencies", &[], Some(&citizen)).await));
    app.enrol_via_pages(&citizen, "citizen@example.tw").await;
    assert!(app.call("my_agencies", &[], Some(&citizen)).await.body.contains("motc"));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('role.grant', 'agency.add_member')").await, 2);

    // The last administrator cannot be removed.
    let me = user_id(&app, "admin@example.tw").await.to_string();
    let r = app.call("admin_role", &[("user_id", &me), ("role", "admin"), ("change", "revoke")], Some(&admin)).await;
    assert!(r.body.contains("Forbidden"));
    let r = app.call("profile_delete", &[("password", "quiet river lantern 42")], Some(&admin)).await;
    assert!(r.body.contains("Forbidden"), "the last admin cannot delete the account: {}", r.body);
}
db_test!(permission_matrix);

async fn cli_creates_the_first_admin(app: TestApp) {
    let args: Vec<String> = ["admin", "create", "--email", "root@gov.tw", "--name", "管理員"].iter().map(|s| s.to_string()).collect();
    let weak = crate::server::cli::admin_create(&app.state, &args, Some("password".into())).await;
    assert!(weak.is_err());
    let msg = crate::server::cli::admin_create(&app.state, &args, Some("long sturdy admin passphrase".into())).await.unwrap();
    assert!(msg.contains("root@gov.tw"));
    let s = app.login("root@gov.tw", "long sturdy admin passphrase").await;
    // Staff powers wait for a second factor, set up on the first visit.
    assert!(denied(&app.call("admin_users", &[("q", "")], Some(&s)).await));
    assert_eq!(app.get("/admin/site", Some(&s)).await.location(), Some("/profile/second-factor?next=%2Fadmin%2Fsite"));
    app.enrol_via_pages(&s, "root@gov.tw").await;
    assert!(!denied(&app.call("admin_users", &[("q", "")], Some(&s)).await));
    assert!(app.get("/", Some(&s)).await.body.contains(r#"href="/admin/site""#));
}
db_test!(cli_creates_the_first_admin);
