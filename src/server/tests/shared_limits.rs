//! Two instances on one database enforce the security limits of one: failed logins,
//! a visitor's confirmation mails, and the flagging of over-limit signatures.
use super::petitions::{drain, open_petition, person};
use crate::db_test;
use crate::server::petitions::sign;
use crate::server::testing::{TestApp, app_on};

async fn two_instances_share_the_security_limits(app: TestApp) {
    let url = app.state.config.database_url.clone();
    let b = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let both = [&app, &b];

    // Five wrong passwords in turn on each instance; the sixth is refused by either.
    app.signed_up("mei@example.tw", "美").await;
    for i in 0..5 {
        let r = both[i % 2].call("login", &[("email", "mei@example.tw"), ("password", "not the password at all")], None).await;
        assert!(r.body.contains("BadCredentials"), "attempt {i}: {}", r.body);
    }
    for inst in both {
        let r = inst.call("login", &[("email", "mei@example.tw"), ("password", "not the password at all")], None).await;
        assert!(r.body.contains("RateLimited"), "{}", r.body);
    }

    // A visitor's confirmation mails: five an hour to one address, wherever they sign.
    let (id, _, _) = open_petition(&app, "離島醫療後送直升機常駐").await;
    for i in 0..6 {
        let g = sign::Guest { name: "訪客", email: "guest@example.tw", county: "10016", notify: false };
        let r = sign::as_guest(&both[i % 2].state, "198.51.100.20", crate::i18n::Locale::ZhTw, id, g).await;
        assert_eq!(r.is_ok(), i < 5, "attempt {i}: {r:?}");
    }

    // Thirty signatures from one address on one petition in five minutes; the 31st,
    // whichever instance takes it, is flagged and not counted.
    for i in 0..31 {
        let signer = person(&app, &format!("s{i}@example.tw"), None).await;
        sign::as_user(&both[i % 2].state, &signer, "203.0.113.9", id, "10016", false).await.unwrap();
    }
    drain(&app).await;
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM signatures WHERE petition_id = {id} AND flagged = 1")).await, 1);
    assert_eq!(app.count(&format!("SELECT signature_count FROM petitions WHERE id = {id}")).await, 30);
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_counters WHERE key_hash LIKE '%203.0.113.9%'").await, 0, "keys are stored hashed");
}
db_test!(two_instances_share_the_security_limits);
