//! Demo data: jurisdictions with Join's rules, agencies, and one account per role.
use super::db::{Db, agencies, demo, second_factor, users};
use super::error::ServerError;
use super::state::AppState;
use crate::domain::email::EmailAddress;
use crate::domain::role::Role;

pub const DEMO_PASSWORD: &str = "minyi-demo-passphrase-2026";

/// Demo staff have a second factor with these published keys (base32, 160 bits), so
/// staff pages can be tried: add one to an authenticator app, or compute its codes.
pub const DEMO_TOTP: [(&str, &str); 3] = [
    ("officer@demo.minyi.tw", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    ("moderator@demo.minyi.tw", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
    ("admin@demo.minyi.tw", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"),
];

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Option<Role>,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 6] = [
    DemoAccount { email: "citizen@demo.minyi.tw", name: "林小美", role: None },
    // More citizens, so discussion, reporting and appeals can be tried from several sides.
    DemoAccount { email: "citizen2@demo.minyi.tw", name: "李大同", role: None },
    DemoAccount { email: "citizen3@demo.minyi.tw", name: "黃小芳", role: None },
    DemoAccount { email: "officer@demo.minyi.tw", name: "陳承辦", role: Some(Role::Officer) },
    DemoAccount { email: "moderator@demo.minyi.tw", name: "王審核", role: Some(Role::Moderator) },
    DemoAccount { email: "admin@demo.minyi.tw", name: "張管理", role: Some(Role::Admin) },
];

/// (code, level, zh, en, threshold, signing days, response days, signatures may be withdrawn)
type DemoJurisdiction = (&'static str, &'static str, &'static str, &'static str, i64, i64, i64, bool);
const JURISDICTIONS: [DemoJurisdiction; 2] = [
    ("national", "national", "中央政府", "National government", 5000, 60, 60, true),
    // Taipei's zone does not let a co-signature be withdrawn.
    ("taipei", "municipality", "臺北市", "Taipei City", 1500, 45, 30, false),
];

/// (jurisdiction code, agency code, zh, en)
const AGENCIES: [(&str, &str, &str, &str); 7] = [
    ("national", "ndc", "國家發展委員會", "National Development Council"),
    ("national", "mohw", "衛生福利部", "Ministry of Health and Welfare"),
    ("national", "motc", "交通部", "Ministry of Transportation and Communications"),
    ("national", "moe", "教育部", "Ministry of Education"),
    ("national", "moenv", "環境部", "Ministry of Environment"),
    ("taipei", "tp-dot", "臺北市政府交通局", "Taipei City Department of Transportation"),
    ("taipei", "tp-doe", "臺北市政府教育局", "Taipei City Department of Education"),
];

/// Idempotent: running it again adds nothing.
pub async fn run(state: &AppState) -> Result<(), ServerError> {
    base(state).await?;
    accounts(state).await?;
    super::seed_petitions::run(state).await
}

/// Jurisdictions with their rules, and their agencies.
pub async fn base(state: &AppState) -> Result<(), ServerError> {
    let db: &Db = &state.db;
    let mut tx = db.begin().await?;
    for (code, level, zh, en, threshold, days, response, withdraw) in JURISDICTIONS {
        let j =
            demo::Jurisdiction { code, level, name_zh: zh, name_en: en, threshold, signing_days: days, response_days: response, allow_withdrawal: withdraw };
        demo::add_jurisdiction(&mut **tx, &j).await?;
    }
    for (j, code, zh, en) in AGENCIES {
        demo::add_agency(&mut **tx, j, code, zh, en).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn accounts(state: &AppState) -> Result<(), ServerError> {
    let now = state.now();
    let db: &Db = &state.db;
    let hash = state.hasher.hash(DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.begin().await?;
    for account in DEMO_ACCOUNTS {
        let email = EmailAddress::parse(account.email).expect("demo email is valid");
        if users::by_email_norm(&mut **tx, &email.normalized()).await?.is_some() {
            continue;
        }
        let id = users::insert(
            &mut **tx,
            users::NewUser {
                email: email.as_str(),
                email_norm: &email.normalized(),
                display_name: account.name,
                password_hash: &hash,
                locale: "zh-TW",
                verified_at: Some(now),
                now,
            },
        )
        .await?;
        if let Some(role) = account.role {
            users::grant_role(&mut **tx, id, role, None, now).await?;
        }
        if let Some((_, secret)) = DEMO_TOTP.iter().find(|(e, _)| *e == account.email) {
            second_factor::start(&mut **tx, id, secret, now).await?;
            second_factor::confirm(&mut **tx, id, secret, now).await?;
        }
        if account.role == Some(Role::Officer) {
            // The demo officer serves a national ministry and two Taipei departments, so the
            // answer, extension and transfer flows can all be tried with one account.
            for code in ["motc", "moenv", "tp-dot", "tp-doe"] {
                let agency = demo::agency_id(&mut **tx, code).await?;
                agencies::add_member(&mut **tx, agency, id, now).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

pub fn print_accounts(base_url: &str) {
    println!("\nminyi demo mode: {base_url}");
    println!("Demo accounts (password: {DEMO_PASSWORD}):");
    for a in DEMO_ACCOUNTS {
        let role = a.role.map(|r| r.code()).unwrap_or("citizen");
        println!("  {:<10} {}", role, a.email);
    }
    println!("Staff sign in with a second factor; add these keys to an authenticator app:");
    for (email, secret) in DEMO_TOTP {
        println!("  {email:<26} {secret}");
    }
    println!();
}
