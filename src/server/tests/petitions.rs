//! Petitions end to end at the service level, on both engines, with the fake clock.
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::petition::proposal::ProposalInput;
use crate::domain::role::Role;
use crate::domain::time::{DAY, SECOND};
use crate::dto::petitions::{ListQuery, SignOutcome};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::session::SessionUser;
use crate::server::db::{petitions, users};
use crate::server::petitions::{counting, lifecycle, pause, propose, queries, review, sign};
use crate::server::testing::{TestApp, app_on};
use sqlx::Row;

const TAIPEI: &str = "63000";

/// A verified user made directly (no password hashing), with optional role.
pub async fn person(app: &TestApp, email: &str, role: Option<Role>) -> SessionUser {
    let now = app.state.now();
    let norm = crate::domain::email::EmailAddress::parse(email).unwrap().normalized();
    let id = users::insert(
        &app.state.db.pool,
        users::NewUser {
            email,
            email_norm: &norm,
            display_name: email.split('@').next().unwrap(),
            password_hash: "!",
            locale: "zh-TW",
            verified_at: Some(now),
            now,
        },
    )
    .await
    .unwrap();
    let mut roles = Vec::new();
    if let Some(r) = role {
        users::grant_role(&app.state.db.pool, id, r, None, now).await.unwrap();
        roles.push(r);
    }
    SessionUser {
        user_id: id,
        display_name: email.into(),
        email: email.into(),
        locale: "zh-TW".into(),
        county: None,
        held_roles: roles.clone(),
        roles,
        session_hash: String::new(),
        suspended_until: None,
        factor: crate::domain::second_factor::Factor::Passed,
    }
}

pub async fn national(app: &TestApp) -> (i64, i64) {
    crate::server::seed::base(&app.state).await.unwrap();
    let j: i64 = sqlx::query("SELECT id FROM jurisdictions WHERE code = 'national'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let a: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    (j, a)
}

pub fn input(title: &str, jurisdiction: i64, agency: i64) -> ProposalInput {
    ProposalInput {
        title: title.into(),
        problem: "捷運站出口附近沒有公共自行車站點，通勤族轉乘很不方便。".into(),
        action: "在每個捷運站出口增設公共自行車站點。".into(),
        benefits: "減少短程汽機車使用，改善空氣品質與交通安全。".into(),
        evidence: "https://data.gov.tw/dataset/1".into(),
        category_id: "1".into(),
        jurisdiction_id: jurisdiction.to_string(),
        agency_ids: vec![agency.to_string()],
    }
}

pub async fn set_threshold(app: &TestApp, threshold: i64) {
    sqlx::query("UPDATE jurisdictions SET signature_threshold = $1").bind(threshold).execute(&app.state.db.pool).await.unwrap();
}

/// Propose, submit, claim and approve: an open petition.
pub async fn open_petition(app: &TestApp, title: &str) -> (i64, SessionUser, SessionUser) {
    let (j, a) = national(app).await;
    open_with(app, input(title, j, a)).await
}

async fn open_with(app: &TestApp, input: ProposalInput) -> (i64, SessionUser, SessionUser) {
    let proposer = person(app, &format!("p{}@example.tw", rand_suffix()), None).await;
    let moderator = person(app, &format!("m{}@example.tw", rand_suffix()), Some(Role::Moderator)).await;
    let id = propose::save(&app.state, &proposer, None, &input, true).await.unwrap();
    review::claim(&app.state, &moderator, id).await.unwrap();
    review::approve(&app.state, &moderator, id).await.unwrap();
    (id, proposer, moderator)
}

fn rand_suffix() -> String {
    crate::server::auth::tokens::generate(4).0
}

pub async fn state_of(app: &TestApp, id: i64) -> PetitionState {
    petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().petition.state
}

pub async fn drain(app: &TestApp) {
    while counting::roll_up(&app.state).await.unwrap() > 0 {}
}

async fn propose_review_sign_and_establish(app: TestApp) {
    let (j, a) = national(&app).await;
    set_threshold(&app, 3).await;
    let proposer = person(&app, "proposer@example.tw", None).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;

    // A draft may be incomplete; submitting needs everything.
    let draft = ProposalInput { title: "增設公共自行車站點".into(), jurisdiction_id: j.to_string(), ..Default::default() };
    let id = propose::save(&app.state, &proposer, None, &draft, false).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Draft);
    let err = propose::save(&app.state, &proposer, Some(id), &draft, true).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("problem").is_some()), "{err:?}");
    // Someone else cannot touch the draft.
    let other = person(&app, "other@example.tw", None).await;
    assert_eq!(propose::save(&app.state, &other, Some(id), &input("別人的草稿", j, a), true).await, Err(AppError::NotFound));
    // Nor read it: not a stranger, not a moderator, not an admin, on the page or the API.
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    for who in [&other, &moderator, &admin] {
        assert_eq!(queries::detail(&app.state, Some(who), id).await.map(|_| ()), Err(AppError::NotFound));
    }
    assert!(queries::detail(&app.state, Some(&proposer), id).await.is_ok());
    assert_eq!(app.get(&format!("/api/v1/petitions/{id}"), None).await.status, 404);
    propose::save(&app.state, &proposer, Some(id), &input("增設公共自行車站點", j, a), true).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::InReview);

    // Review: claim first; a second moderator sees the lock.
    let second = person(&app, "mod2@example.tw", Some(Role::Moderator)).await;
    app.clock.advance_millis(DAY);
    assert_eq!(review::approve(&app.state, &moderator, id).await, Err(AppError::NotClaimed));
    review::claim(&app.state, &moderator, id).await.unwrap();
    assert_eq!(review::claim(&app.state, &second, id).await, Err(AppError::Conflict));
    let queue = review::queue(&app.state, &second).await.unwrap();
    assert_eq!(queue[0].claimed_by.as_deref(), Some("mod"));
    assert_eq!(review::queue(&app.state, &proposer).await, Err(AppError::Forbidden));
    review::approve(&app.state, &moderator, id).await.unwrap();
    let row = petitions::get(&app.state.db.pool, id).await.unwrap().unwrap();
    assert_eq!(row.petition.state, PetitionState::Open);
    assert_eq!(row.petition.closes_at, Some(app.state.now().plus_millis(60 * DAY)));
    assert!(app.emails_to("proposer@example.tw").await.iter().any(|m| m.0.contains("增設公共自行車站點")));

    // A logged-in citizen signs with one click; twice is harmless.
    let citizen = person(&app, "citizen@example.tw", None).await;
    assert_eq!(sign::as_user(&app.state, &citizen, "10.0.0.1", id, TAIPEI, true).await, Ok(SignOutcome::Signed));
    assert_eq!(sign::as_user(&app.state, &citizen, "10.0.0.1", id, TAIPEI, true).await, Ok(SignOutcome::AlreadySigned));
    // A visitor signs; nothing counts until the emailed confirmation.
    let guest = sign::Guest { name: "訪客", email: "Guest.Person+news@gmail.com", county: "64000", notify: true };
    assert_eq!(sign::as_guest(&app.state, "10.0.0.2", Locale::ZhTw, id, guest).await, Ok(SignOutcome::CheckEmail));
    drain(&app).await;
    assert_eq!(petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().signature_count, 1);
    let token = app.last_link_token("Guest.Person+news@gmail.com", "/sign/confirm").await;
    assert_eq!(sign::confirm(&app.state, "10.0.0.2", &token).await, Ok((id, SignOutcome::Signed)));
    assert_eq!(sign::confirm(&app.state, "10.0.0.2", &token).await, Ok((id, SignOutcome::AlreadySigned)), "safe to press twice");
    // The same person with dots and another tag is one person: told by email, not counted.
    let again = sign::Guest { name: "訪客", email: "guestperson+x@gmail.com", county: "64000", notify: false };
    assert_eq!(sign::as_guest(&app.state, "10.0.0.2", Locale::ZhTw, id, again).await, Ok(SignOutcome::CheckEmail));
    assert_eq!(app.count("SELECT COUNT(*) FROM signatures").await, 2);
    // Confirming verified the address: an account exists, to which a password can be set later.
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email_norm = 'guestperson@gmail.com' AND email_verified_at IS NOT NULL").await, 1);
    drain(&app).await;
    assert_eq!(petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().signature_count, 2);
    assert_eq!(state_of(&app, id).await, PetitionState::Open);

    // The third signature crosses the threshold: recorded once, with that signature's time.
    app.clock.advance_millis(5 * DAY);
    let crossing = app.state.now();
    let third = person(&app, "third@example.tw", None).await;
    sign::as_user(&app.state, &third, "10.0.0.3", id, TAIPEI, false).await.unwrap();
    app.clock.advance_millis(2 * SECOND);
    let fourth = person(&app, "fourth@example.tw", None).await;
    sign::as_user(&app.state, &fourth, "10.0.0.4", id, "abroad", false).await.unwrap();
    drain(&app).await;
    let row = petitions::get(&app.state.db.pool, id).await.unwrap().unwrap();
    assert_eq!(row.petition.state, PetitionState::Established);
    assert_eq!(row.petition.established_at, Some(crossing));
    assert_eq!(row.signature_count, 4);
    let due: i64 =
        sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap().get("response_due_at");
    assert_eq!(due, crossing.plus_millis(60 * DAY).0);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_events WHERE kind = 'established'").await, 1);
    // Signers who opted in hear about it (the citizen and the visitor), the others do not.
    while crate::server::responses::jobs::notify_signers(&app.state, 500).await.unwrap() > 0 {}
    assert!(app.emails_to("citizen@example.tw").await.iter().any(|m| m.1.contains("增設公共自行車站點")));
    assert!(app.emails_to("third@example.tw").await.is_empty());
    // Counts by county, never names.
    let detail = queries::detail(&app.state, None, id).await.unwrap();
    assert_eq!(detail.summary.state, PetitionState::Established);
    assert!(detail.counties.contains(&(TAIPEI.to_string(), 2)) && detail.counties.contains(&("64000".to_string(), 1)));
    let timeline: Vec<&str> = detail.timeline.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(timeline, ["created", "in_review", "open", "established"]);
    // Established petitions keep collecting until the window ends; then signing is refused.
    app.clock.advance_millis(60 * DAY);
    let late = person(&app, "late@example.tw", None).await;
    assert_eq!(sign::as_user(&app.state, &late, "10.0.0.9", id, TAIPEI, false).await, Err(AppError::SigningClosed));
}
db_test!(propose_review_sign_and_establish);

async fn concurrent_signing_counts_exactly(app: TestApp) {
    let (id, _, _) = open_petition(&app, "兩千人同時附議").await;
    // 1,600 people; 400 of them try a second time at the same moment.
    let now = app.state.now();
    let mut people = Vec::new();
    let mut tx = app.state.db.begin().await.unwrap();
    for i in 0..1600 {
        let email = format!("signer{i}@example.tw");
        let uid = users::insert(
            &mut **tx,
            users::NewUser { email: &email, email_norm: &email, display_name: "s", password_hash: "!", locale: "en", verified_at: Some(now), now },
        )
        .await
        .unwrap();
        people.push(SessionUser {
            user_id: uid,
            display_name: "s".into(),
            email,
            locale: "en".into(),
            county: None,
            roles: vec![],
            session_hash: String::new(),
            suspended_until: None,
            factor: crate::domain::second_factor::Factor::Off,
            held_roles: vec![],
        });
    }
    tx.commit().await.unwrap();
    let mut attempts: Vec<(usize, SessionUser)> = people.iter().cloned().enumerate().collect();
    attempts.extend(people.iter().take(400).cloned().enumerate());
    let mut set = tokio::task::JoinSet::new();
    for (n, (i, who)) in attempts.into_iter().enumerate() {
        let state = app.state.clone();
        set.spawn(async move {
            let ip = format!("10.{}.{}.{}", n % 200, i / 200, i % 200);
            sign::as_user(&state, &who, &ip, id, TAIPEI, false).await
        });
    }
    let (mut signed, mut already) = (0, 0);
    // Roll-ups run while signatures arrive, as in production.
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Ok(SignOutcome::Signed) => signed += 1,
            Ok(SignOutcome::AlreadySigned) => already += 1,
            other => panic!("{other:?}"),
        }
        if (signed + already) % 250 == 0 {
            counting::roll_up(&app.state).await.unwrap();
        }
    }
    assert_eq!((signed, already), (1600, 400));
    drain(&app).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM signatures").await, 1600);
    let row = petitions::get(&app.state.db.pool, id).await.unwrap().unwrap();
    assert_eq!(row.signature_count, 1600);
    assert_eq!(app.count("SELECT CAST(SUM(count) AS BIGINT) FROM petition_county_counts").await, 1600);
    assert_eq!(app.count("SELECT CAST(SUM(count) AS BIGINT) FROM petition_hourly_counts").await, 1600);
    assert_eq!(counting::reconcile(&app.state).await.unwrap(), 0, "nothing to repair");
}
db_test!(concurrent_signing_counts_exactly);

async fn reconciliation_repairs_drift(app: TestApp) {
    let (id, _, _) = open_petition(&app, "校正計數").await;
    for i in 0..3 {
        let p = person(&app, &format!("r{i}@example.tw"), None).await;
        sign::as_user(&app.state, &p, "10.0.0.1", id, TAIPEI, false).await.unwrap();
    }
    drain(&app).await;
    sqlx::query("UPDATE petitions SET signature_count = 7 WHERE id = $1").bind(id).execute(&app.state.db.pool).await.unwrap();
    assert_eq!(counting::reconcile(&app.state).await.unwrap(), 1);
    assert_eq!(petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().signature_count, 3);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'count.repair'").await, 1);
}
db_test!(reconciliation_repairs_drift);

async fn deadlines_apply_once_across_instances_and_restarts(app: TestApp) {
    let (first, proposer, _) = open_petition(&app, "第一份提議").await;
    app.clock.advance_millis(10 * DAY);
    let (second, _, _) = open_petition(&app, "第二份提議").await;
    let signer = person(&app, "s@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", first, TAIPEI, true).await.unwrap();

    // Reads show the clock's state before any job ran.
    app.clock.advance_millis(50 * DAY);
    assert_eq!(queries::detail(&app.state, None, first).await.unwrap().summary.state, PetitionState::Closed);
    assert_eq!(state_of(&app, first).await, PetitionState::Open, "not yet recorded");

    // Downtime: a fresh instance starts long after both deadlines, beside another one.
    let url = app.state.config.database_url.clone();
    let a = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let b = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    for i in [&a, &b] {
        i.clock.set(app.state.now().plus_millis(30 * DAY));
    }
    let (ra, rb) = tokio::join!(lifecycle::close_due(&a.state), lifecycle::close_due(&b.state));
    assert_eq!(ra.unwrap() + rb.unwrap(), 2, "each petition handled by one instance");
    assert_eq!(state_of(&app, first).await, PetitionState::Closed);
    assert_eq!(state_of(&app, second).await, PetitionState::Closed);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_events WHERE kind = 'closed'").await, 2, "once each");
    // The proposer and the opted-in signer were told once (signers by the paced notice,
    // whichever instance runs it).
    let (na, nb) = tokio::join!(crate::server::responses::jobs::notify_signers(&a.state, 500), crate::server::responses::jobs::notify_signers(&b.state, 500));
    na.unwrap();
    nb.unwrap();
    while crate::server::responses::jobs::notify_signers(&a.state, 500).await.unwrap() > 0 {}
    let to_signer = a.emails_to("s@example.tw").await;
    assert_eq!(to_signer.iter().filter(|m| m.1.contains("第一份提議") && m.0.contains("結束")).count(), 1);
    assert_eq!(app.emails_to(&proposer.email).await.iter().filter(|m| m.0.contains("結束")).count(), 1);
    // Running again changes nothing.
    assert_eq!(lifecycle::close_due(&b.state).await.unwrap(), 0);
    // The recorded close time is the deadline, not the moment the job ran.
    let closed_at: i64 = sqlx::query("SELECT closed_at FROM petitions WHERE id = $1").bind(first).fetch_one(&app.state.db.pool).await.unwrap().get("closed_at");
    let closes_at: i64 = sqlx::query("SELECT closes_at FROM petitions WHERE id = $1").bind(first).fetch_one(&app.state.db.pool).await.unwrap().get("closes_at");
    assert_eq!(closed_at, closes_at);
}
db_test!(deadlines_apply_once_across_instances_and_restarts);

async fn late_counted_signatures_establish_instead_of_closing(app: TestApp) {
    national(&app).await;
    set_threshold(&app, 2).await;
    let (id, _, _) = open_petition(&app, "最後一刻").await;
    for i in 0..2 {
        let p = person(&app, &format!("last{i}@example.tw"), None).await;
        sign::as_user(&app.state, &p, "10.0.0.1", id, TAIPEI, false).await.unwrap();
    }
    // No roll-up ran before the deadline; the close job counts the rows itself.
    sqlx::query("DELETE FROM count_events").execute(&app.state.db.pool).await.unwrap();
    app.clock.advance_millis(61 * DAY);
    lifecycle::close_due(&app.state).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Established);
}
db_test!(late_counted_signatures_establish_instead_of_closing);

async fn rejection_codes_and_hiding(app: TestApp) {
    let (j, a) = national(&app).await;
    let proposer = person(&app, "p@example.tw", None).await;
    let moderator = person(&app, "m@example.tw", Some(Role::Moderator)).await;
    let (original, _, _) = open_petition(&app, "原本的提議").await;
    let dup = propose::save(&app.state, &proposer, None, &input("重複的提議", j, a), true).await.unwrap();
    let rude = propose::save(&app.state, &proposer, None, &input("冒犯的提議", j, a), true).await.unwrap();
    review::claim(&app.state, &moderator, dup).await.unwrap();
    // A duplicate needs the original; every rejection needs an explanation.
    let e = review::reject(&app.state, &moderator, dup, "duplicate", "", "").await.unwrap_err();
    assert!(matches!(e, AppError::Invalid(ref f) if f.get("duplicate_of").is_some() && f.get("explanation").is_some()), "{e:?}");
    review::reject(&app.state, &moderator, dup, "duplicate", "已有相同提議。", &original.to_string()).await.unwrap();
    assert_eq!(state_of(&app, dup).await, PetitionState::Rejected);
    let shown = queries::detail(&app.state, None, dup).await.unwrap();
    assert_eq!(shown.duplicate_of, Some(original));
    review::claim(&app.state, &moderator, rude).await.unwrap();
    review::reject(&app.state, &moderator, rude, "offensive", "內容含人身攻擊。", "").await.unwrap();
    assert_eq!(state_of(&app, rude).await, PetitionState::Hidden);
    assert_eq!(queries::detail(&app.state, None, rude).await, Err(AppError::NotFound), "hidden from the public");
    assert!(queries::detail(&app.state, Some(&proposer), rude).await.is_ok(), "the proposer still sees why");
    let list = queries::list(&app.state, &ListQuery::default()).await.unwrap();
    assert!(list.items.iter().all(|p| p.id != rude));
    assert!(app.emails_to("p@example.tw").await.iter().any(|m| m.1.contains("冒犯")));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'petition.reject'").await, 2);
    // Reassigning agencies is logged with its reason.
    let moe: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'moe'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    review::reassign(&app.state, &moderator, original, &[moe.to_string()], "教育部主管").await.unwrap();
    assert_eq!(petitions::agency_ids(&app.state.db.pool, original).await.unwrap(), vec![moe]);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_events WHERE kind = 'agencies_changed'").await, 1);
}
db_test!(rejection_codes_and_hiding);

async fn withdrawals(app: TestApp) {
    let (j, a) = national(&app).await;
    let proposer = person(&app, "p@example.tw", None).await;
    let id = propose::save(&app.state, &proposer, None, &input("撤回測試", j, a), true).await.unwrap();
    propose::withdraw(&app.state, &proposer, id).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Withdrawn);
    // Once open it cannot be withdrawn, but a signer may take back their signature.
    let (open, proposer2, _) = open_petition(&app, "已開放的提議").await;
    assert_eq!(propose::withdraw(&app.state, &proposer2, open).await, Err(AppError::Conflict));
    let s = person(&app, "s@example.tw", None).await;
    sign::as_user(&app.state, &s, "10.0.0.1", open, TAIPEI, false).await.unwrap();
    drain(&app).await;
    sign::withdraw(&app.state, &s, open).await.unwrap();
    drain(&app).await;
    assert_eq!(petitions::get(&app.state.db.pool, open).await.unwrap().unwrap().signature_count, 0);
    assert_eq!(app.count("SELECT CAST(SUM(count) AS BIGINT) FROM petition_county_counts").await, 0);
}
db_test!(withdrawals);

async fn over_limit_signatures_are_flagged_not_counted(app: TestApp) {
    let (id, _, _) = open_petition(&app, "灌票測試提議").await;
    for i in 0..35 {
        let p = person(&app, &format!("bot{i}@example.tw"), None).await;
        assert_eq!(sign::as_user(&app.state, &p, "203.0.113.9", id, TAIPEI, false).await, Ok(SignOutcome::Signed));
    }
    drain(&app).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM signatures WHERE flagged = 1").await, 5);
    assert_eq!(petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().signature_count, 30);
    assert_eq!(counting::reconcile(&app.state).await.unwrap(), 0);
}
db_test!(over_limit_signatures_are_flagged_not_counted);

async fn a_pause_stops_signing_and_extends_windows(app: TestApp) {
    let (id, _, _) = open_petition(&app, "選前暫停").await;
    let closes = petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().petition.closes_at.unwrap();
    // An answered petition still open for signing is paused (and extended) as well.
    let (answered, _, _) = open_petition(&app, "已回應仍可附議").await;
    sqlx::query("UPDATE petitions SET state = 'answered' WHERE id = $1").bind(answered).execute(&app.state.db.pool).await.unwrap();
    let answered_closes = petitions::get(&app.state.db.pool, answered).await.unwrap().unwrap().petition.closes_at.unwrap();
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let citizen = person(&app, "c@example.tw", None).await;
    assert_eq!(pause::start(&app.state, &citizen, true, true, "x", "x").await, Err(AppError::Forbidden));
    pause::start(&app.state, &admin, true, true, "總統大選前暫停附議。", "Paused before the presidential election.").await.unwrap();
    assert_eq!(sign::as_user(&app.state, &citizen, "10.0.0.1", id, TAIPEI, false).await, Err(AppError::Paused));
    let (j, a) = national(&app).await;
    assert_eq!(propose::save(&app.state, &citizen, None, &input("暫停中提議", j, a), false).await, Err(AppError::Paused));
    // The window would have ended during the pause: no job closes it.
    app.clock.advance_millis(70 * DAY);
    lifecycle::close_due(&app.state).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Open);
    // Every surface shows it open, with the same (moving) closing time as its page.
    let page = queries::detail(&app.state, None, id).await.unwrap().summary;
    assert_eq!(page.state, PetitionState::Open);
    let open = ListQuery { state: Some("open".into()), ..Default::default() };
    let listed = queries::list(&app.state, &open).await.unwrap().items.into_iter().find(|p| p.id == id).expect("listed as open");
    assert_eq!((listed.state, listed.closes_at), (page.state, page.closes_at));
    assert!(queries::home(&app.state).await.unwrap().ending_soon.iter().any(|p| p.id == id && p.closes_at == page.closes_at));
    let closes_api = crate::server::api_v1::types::opt(page.closes_at);
    for path in [format!("/api/v1/petitions/{id}"), "/api/v1/petitions?state=open".to_string()] {
        let body = app.get(&path, None).await.body;
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let item = if v["items"].is_array() { v["items"].as_array().unwrap().iter().find(|i| i["id"] == id).cloned().unwrap() } else { v };
        assert_eq!((item["state"].as_str(), item["closes_at"].as_str()), (Some("open"), closes_api.as_deref()), "{path}");
    }
    let csv = app.get("/api/v1/downloads/petitions.jsonl", None).await.body;
    let row: serde_json::Value = csv.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).find(|r| r["id"] == id).unwrap();
    assert_eq!((row["state"].as_str(), row["closes_at"].as_str()), (Some("open"), closes_api.as_deref()));
    pause::end(&app.state, &admin).await.unwrap();
    let after = petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().petition.closes_at.unwrap();
    assert_eq!(after, closes.plus_millis(70 * DAY));
    assert_eq!(queries::detail(&app.state, None, id).await.unwrap().summary.closes_at, Some(after), "what was shown is what is written");
    let answered_after = petitions::get(&app.state.db.pool, answered).await.unwrap().unwrap().petition.closes_at.unwrap();
    assert_eq!(answered_after, answered_closes.plus_millis(70 * DAY));
    assert_eq!(sign::as_user(&app.state, &citizen, "10.0.0.1", id, TAIPEI, false).await, Ok(SignOutcome::Signed));
}
db_test!(a_pause_stops_signing_and_extends_windows);

async fn search_and_lists(app: TestApp) {
    let (bikes, _, _) = open_petition(&app, "增設臺北市公共自行車站點").await;
    let (j, a) = national(&app).await;
    let english = ProposalInput {
        title: "Protected bike lanes on Zhongxiao Road".into(),
        problem: "Cyclists share the road with buses and scooters with no protection at all.".into(),
        action: "Build kerb-protected lanes along the whole road.".into(),
        benefits: "Fewer injuries and more people cycling to work.".into(),
        ..input("", j, a)
    };
    let (lanes, _, _) = open_with(&app, english).await;
    let find = |q: &str| ListQuery { q: Some(q.into()), ..Default::default() };
    let ids = |p: crate::dto::petitions::ListPage| p.items.iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(queries::list(&app.state, &find("自行車")).await.unwrap()), vec![bikes]);
    assert_eq!(ids(queries::list(&app.state, &find("台北 站點")).await.unwrap()), vec![bikes], "臺 and 台 match");
    assert_eq!(ids(queries::list(&app.state, &find("BIKE lanes")).await.unwrap()), vec![lanes]);
    assert!(ids(queries::list(&app.state, &find("汽車")).await.unwrap()).is_empty());
    let similar = queries::similar(&app.state, "公共自行車", None).await.unwrap();
    assert_eq!(similar.iter().map(|s| s.id).collect::<Vec<_>>(), vec![bikes]);
    for sort in ["most_signed", "newest", "ending", "trending"] {
        let q = ListQuery { sort: Some(sort.into()), state: Some("open".into()), ..Default::default() };
        assert_eq!(queries::list(&app.state, &q).await.unwrap().total, 2, "{sort}");
    }
    let home = queries::home(&app.state).await.unwrap();
    assert_eq!(home.ending_soon.len(), 2);
}
db_test!(search_and_lists);

async fn submissions_are_limited_per_account(app: TestApp) {
    let (j, a) = national(&app).await;
    let proposer = person(&app, "busy@example.tw", None).await;
    for i in 0..10 {
        propose::save(&app.state, &proposer, None, &input(&format!("第 {i} 份提議"), j, a), true).await.unwrap();
    }
    // Drafts can still be saved; an eleventh submission waits a day.
    let draft = propose::save(&app.state, &proposer, None, &input("第六份提議", j, a), false).await.unwrap();
    assert!(matches!(propose::save(&app.state, &proposer, Some(draft), &input("第六份提議", j, a), true).await, Err(AppError::RateLimited { .. })));
    app.clock.advance_millis(DAY);
    propose::save(&app.state, &proposer, Some(draft), &input("第六份提議", j, a), true).await.unwrap();
}
db_test!(submissions_are_limited_per_account);
