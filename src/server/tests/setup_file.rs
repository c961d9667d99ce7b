//! `minyi admin import` / `export`: Taiwan's sample sets up a fresh deployment, importing
//! it again changes nothing, and the export reads back as the same organisation.
use crate::db_test;
use crate::server::setup::{apply, export, file::SetupFile};
use crate::server::testing::TestApp;

const SAMPLE: &str = include_str!("../../../docs/setup/taiwan.toml");

const STAFF: &str = r#"
[[staff]]
email = "officer@penghu.gov.tw"
name = "澎湖承辦"
roles = ["officer"]
agencies = ["penghu-gov"]

[[staff]]
email = "mod@ndc.gov.tw"
name = "審核員"
roles = ["moderator", "admin"]
"#;

fn sorted(mut f: SetupFile) -> SetupFile {
    f.jurisdiction.sort_by(|a, b| a.code.cmp(&b.code));
    f.agency.sort_by(|a, b| a.code.cmp(&b.code));
    f.topic.sort_by(|a, b| a.code.cmp(&b.code));
    f.staff.sort_by(|a, b| a.email.cmp(&b.email));
    for s in &mut f.staff {
        s.roles.sort();
    }
    f
}

async fn import_twice_then_export_round_trips(app: TestApp) {
    let s = &app.state;
    let file = SetupFile::parse(&format!("{SAMPLE}\n{STAFF}")).unwrap();
    let first = apply::import(s, &file).await.unwrap();
    assert_eq!((first.jurisdictions, first.agencies, first.topics, first.staff, first.invited), (23, file.agency.len(), 8, 2, 2));
    let mails = app.emails_to("officer@penghu.gov.tw").await;
    assert_eq!(mails.len(), 1, "one invitation");
    assert!(mails[0].1.contains("/reset/confirm?token="), "{}", mails[0].1);

    let tables = ["jurisdictions", "agencies", "categories", "users", "user_roles", "agency_members", "outbox"];
    let mut before = Vec::new();
    for t in tables {
        before.push(app.count(&format!("SELECT COUNT(*) FROM {t}")).await);
    }
    let again = apply::import(s, &file).await.unwrap();
    assert_eq!(again.invited, 0, "nobody is invited twice");
    for (t, n) in tables.iter().zip(before) {
        assert_eq!(app.count(&format!("SELECT COUNT(*) FROM {t}")).await, n, "{t} unchanged by a second import");
    }

    let exported = export::export(&s.db.pool).await.unwrap();
    let text = exported.to_toml();
    let back = SetupFile::parse(&text).unwrap();
    assert_eq!(back.problems(), Vec::<String>::new());
    assert_eq!(sorted(back), sorted(file.clone()), "export reads back as the imported organisation");

    // A bad file changes nothing at all.
    let mut broken = file.clone();
    broken.jurisdiction[0].name_zh = "改了名".into();
    broken.agency.push(crate::server::setup::file::AgencyEntry {
        code: "orphan".into(),
        jurisdiction: "atlantis".into(),
        name_zh: "無".into(),
        name_en: "None".into(),
        contact: String::new(),
        retired: None,
    });
    assert!(apply::import(s, &broken).await.is_err());
    assert_eq!(app.count("SELECT COUNT(*) FROM jurisdictions WHERE name_zh = '改了名'").await, 0);
}
db_test!(import_twice_then_export_round_trips);
