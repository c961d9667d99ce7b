//! Counts follow every change of what counts (flags included), and reconciliation
//! repairs every published figure: total, counties and hours, answered petitions too.
use super::petitions::{drain, open_petition, person};
use crate::db_test;
use crate::server::petitions::{counting, sign};
use crate::server::testing::TestApp;

async fn figures(app: &TestApp, id: i64) -> (i64, i64, i64) {
    let total = app.count(&format!("SELECT signature_count FROM petitions WHERE id = {id}")).await;
    let counties = app.count(&format!("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_county_counts WHERE petition_id = {id}")).await;
    let hours = app.count(&format!("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_hourly_counts WHERE petition_id = {id}")).await;
    (total, counties, hours)
}

async fn flags_move_the_count_and_reconciliation_repairs_every_figure(app: TestApp) {
    let (id, _, _) = open_petition(&app, "社區公園夜間照明").await;
    for (i, county) in ["63000", "63000", "64000", "65000"].iter().enumerate() {
        let p = person(&app, &format!("c{i}@example.tw"), None).await;
        sign::as_user(&app.state, &p, &format!("10.0.0.{i}"), id, county, false).await.unwrap();
    }
    drain(&app).await;
    assert_eq!(figures(&app, id).await, (4, 4, 4));
    let one = app.count(&format!("SELECT MIN(id) FROM signatures WHERE petition_id = {id}")).await;
    let flag = |v: i64| format!("UPDATE signatures SET flagged = {v} WHERE id = {one}");
    sqlx::query(&flag(1)).execute(&app.state.db.pool).await.unwrap();
    drain(&app).await;
    assert_eq!(figures(&app, id).await, (3, 3, 3), "a flagged signature stops counting everywhere");
    sqlx::query(&flag(0)).execute(&app.state.db.pool).await.unwrap();
    drain(&app).await;
    assert_eq!(figures(&app, id).await, (4, 4, 4), "cleared, it counts again");

    // Drift in the breakdowns of an answered petition is found and repaired.
    sqlx::query(&format!("UPDATE petitions SET state = 'answered' WHERE id = {id}")).execute(&app.state.db.pool).await.unwrap();
    sqlx::query(&format!("UPDATE petition_county_counts SET count = count + 5 WHERE petition_id = {id}")).execute(&app.state.db.pool).await.unwrap();
    sqlx::query(&format!("DELETE FROM petition_hourly_counts WHERE petition_id = {id}")).execute(&app.state.db.pool).await.unwrap();
    assert_eq!(counting::reconcile(&app.state).await.unwrap(), 1);
    assert_eq!(figures(&app, id).await, (4, 4, 4));
    let by_county = app.count(&format!("SELECT count FROM petition_county_counts WHERE petition_id = {id} AND county = '63000'")).await;
    assert_eq!(by_county, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'count.repair'").await, 2, "both repairs are on record");
    assert_eq!(counting::reconcile(&app.state).await.unwrap(), 0, "nothing left to repair");
}
db_test!(flags_move_the_count_and_reconciliation_repairs_every_figure);
