//! Signatures written together (`petitions::sign_queue`): one bad row in a batch must
//! not cost its neighbours their signatures, and nothing is counted twice.
use super::petitions::{open_petition, person};
use crate::db_test;
use crate::server::petitions::sign_queue::Pending;
use crate::server::testing::TestApp;

fn pending(petition_id: i64, user_id: i64, email: &str, now: crate::domain::time::Timestamp) -> Pending {
    Pending {
        petition_id,
        user_id: Some(user_id),
        email: email.into(),
        email_norm: email.into(),
        name: "s".into(),
        county: "63000".into(),
        locale: "en".into(),
        notify: false,
        ip: "10.0.0.1".into(),
        ip_block: "10.0.0.0/24".into(),
        email_domain: "example.tw".into(),
        user_agent: String::new(),
        now,
        flagged: false,
    }
}

async fn a_bad_row_does_not_fail_its_batch(app: TestApp) {
    let (id, _, _) = open_petition(&app, "一起寫入").await;
    let now = app.state.now();
    let mut people = Vec::new();
    for i in 0..40 {
        let email = format!("batch{i}@example.tw");
        people.push((person(&app, &email, None).await.user_id, email));
    }
    // A row the database refuses (no such account), sent at the same moment as the others.
    let bad = pending(id, 987_654_321, "ghost@example.tw", now);
    let mut writes: Vec<_> = people.iter().map(|(uid, email)| app.state.sign_queue.insert(&app.state.db, pending(id, *uid, email, now))).collect();
    writes.insert(20, app.state.sign_queue.insert(&app.state.db, bad));
    let results = futures::future::join_all(writes).await;
    assert!(results[20].is_err(), "the refused row reports its error");
    for (i, r) in results.iter().enumerate().filter(|(i, _)| *i != 20) {
        assert!(matches!(r, Ok((true, _))), "row {i}: {r:?}");
    }
    // Signing again answers "already signed", in a batch or alone.
    let (uid, email) = &people[0];
    let again = futures::future::join_all((0..3).map(|_| app.state.sign_queue.insert(&app.state.db, pending(id, *uid, email, now)))).await;
    assert!(again.iter().all(|r| matches!(r, Ok((false, _)))), "{again:?}");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM signatures WHERE petition_id = {id}")).await, 40);
}
db_test!(a_bad_row_does_not_fail_its_batch);
