//! Demo petitions in every public state, with signatures spread over time and places,
//! so the lists, the chart and the map have something to show.
use super::auth::session::SessionUser;
use super::db::demo;
use super::error::ServerError;
use super::petitions::{counting, propose, review};
use super::state::AppState;
use crate::domain::county::COUNTIES;
use crate::domain::petition::proposal::ProposalInput;
use crate::domain::role::Role;
use crate::domain::time::{DAY, HOUR};

struct Demo {
    jurisdiction: &'static str,
    agency: &'static str,
    category: &'static str,
    title: &'static str,
    problem: &'static str,
    action: &'static str,
    benefits: &'static str,
    /// Days ago it opened (None: left in review), and signatures so far.
    opened_days_ago: Option<i64>,
    signatures: i64,
}

const DEMOS: [Demo; 5] = [
    Demo {
        jurisdiction: "national",
        agency: "motc",
        category: "transport",
        title: "在捷運與火車站出口增設公共自行車站點",
        problem: "許多捷運站與火車站出口附近沒有公共自行車站點，通勤族轉乘時只能步行很長一段路或改騎機車，增加交通事故風險。",
        action: "請交通部協調各地方政府，在每個軌道運輸車站出口 200 公尺內設置公共自行車站點。",
        benefits: "縮短最後一哩路的通勤時間，減少短程汽機車使用，改善空氣品質與交通安全。",
        opened_days_ago: Some(20),
        signatures: 1240,
    },
    Demo {
        jurisdiction: "taipei",
        agency: "tp-doe",
        category: "education",
        title: "延長臺北市立圖書館分館夜間開放時間",
        problem: "多數分館晚上九點前就關閉，上班族與學生下課後來不及使用閱覽空間。",
        action: "請臺北市政府教育局評估延長各分館平日開放時間至晚上十點。",
        benefits: "讓更多市民在下班或下課後使用公共閱讀空間，提升終身學習機會。",
        opened_days_ago: Some(40),
        signatures: 1420,
    },
    Demo {
        jurisdiction: "national",
        agency: "moenv",
        category: "environment",
        title: "全面禁止餐飲業提供一次性塑膠吸管",
        problem: "一次性塑膠吸管難以回收，大量流入海洋，危害海洋生物。",
        action: "請環境部修正限制使用對象，將一次性塑膠吸管禁用範圍擴大到所有餐飲業。",
        benefits: "減少海洋塑膠垃圾，推動可重複使用的替代品。",
        opened_days_ago: Some(50),
        signatures: 5130,
    },
    // Its window ended before the platform started: the deadline job closes it.
    Demo {
        jurisdiction: "national",
        agency: "motc",
        category: "transport",
        title: "增加國道客運深夜班次",
        problem: "深夜時段國道客運班次很少，夜間工作者與返鄉旅客沒有安全的交通選擇。",
        action: "請交通部檢討路線補貼機制，增加主要路線深夜班次。",
        benefits: "提供夜間通勤者安全、可負擔的交通方式，減少疲勞駕駛。",
        opened_days_ago: Some(70),
        signatures: 830,
    },
    Demo {
        jurisdiction: "national",
        agency: "motc",
        category: "digital",
        title: "開放全國公車即時動態資料 API",
        problem: "各縣市公車動態資料格式不一，開發者難以整合，民眾查詢不便。",
        action: "請交通部訂定統一格式，開放全國公車即時動態資料 API。",
        benefits: "促進便民應用開發，提升大眾運輸使用率。",
        opened_days_ago: None,
        signatures: 0,
    },
];

async fn demo_user(state: &AppState, email: &str, roles: Vec<Role>) -> Result<SessionUser, ServerError> {
    let (user_id, display_name) = demo::user_by_email(&state.db.pool, email).await?;
    Ok(SessionUser {
        user_id,
        display_name,
        email: email.into(),
        locale: "zh-TW".into(),
        county: None,
        held_roles: roles.clone(),
        roles,
        session_hash: String::new(),
        suspended_until: None,
        factor: crate::domain::second_factor::Factor::Passed,
    })
}

async fn id_of(state: &AppState, table: &str, code: &str) -> Result<i64, ServerError> {
    let pool = &state.db.pool;
    Ok(match table {
        "agencies" => demo::agency_id(pool, code).await?,
        "categories" => demo::category_id(pool, code).await?,
        _ => demo::jurisdiction_id(pool, code).await?,
    })
}

/// Only on an empty platform: a second run adds nothing.
pub async fn run(state: &AppState) -> Result<(), ServerError> {
    let existing = demo::petition_count(&state.db.pool).await?;
    if existing > 0 {
        return Ok(());
    }
    let proposer = demo_user(state, "citizen@demo.minyi.tw", vec![]).await?;
    let moderator = demo_user(state, "moderator@demo.minyi.tw", vec![Role::Moderator]).await?;
    let now = state.now();
    for d in DEMOS {
        let input = ProposalInput {
            title: d.title.into(),
            problem: d.problem.into(),
            action: d.action.into(),
            benefits: d.benefits.into(),
            evidence: "https://join.gov.tw/".into(),
            category_id: id_of(state, "categories", d.category).await?.to_string(),
            jurisdiction_id: id_of(state, "jurisdictions", d.jurisdiction).await?.to_string(),
            agency_ids: vec![id_of(state, "agencies", d.agency).await?.to_string()],
        };
        let id = propose::save(state, &proposer, None, &input, true).await.map_err(|e| ServerError::Config(format!("demo petition: {e:?}")))?;
        let Some(days) = d.opened_days_ago else { continue };
        review::claim(state, &moderator, id).await.map_err(|e| ServerError::Config(format!("{e:?}")))?;
        review::approve(state, &moderator, id).await.map_err(|e| ServerError::Config(format!("{e:?}")))?;
        // Move the opening into the past, then add signatures spread since then.
        let opened = now.plus_millis(-days * DAY);
        let mut tx = state.db.begin().await?;
        demo::backdate_opening(&mut tx, id, opened, days * DAY).await?;
        tx.commit().await?;
        let span = (now.0 - opened.0 - HOUR).max(1);
        let mut tx = state.db.begin().await?;
        for n in 0..d.signatures {
            let at = opened.plus_millis(span * n / d.signatures.max(1) + HOUR);
            // Weighted towards the big cities, as real signatures are.
            let county = COUNTIES[((n * 7919) % 97 % COUNTIES.len() as i64) as usize].code;
            let email = format!("demo-signer-{id}-{n}@example.invalid");
            // Spread over a few documentation address blocks, so the fraud console has
            // groups to show (one block takes a larger share, as a campus network would).
            let block = format!("198.51.{}.0/24", [100, 100, 101, 102, 103, 104, 105][(n % 7) as usize]);
            demo::add_signature(&mut **tx, id, &email, county, at, &block).await?;
        }
        tx.commit().await?;
        while counting::roll_up(state).await? > 0 {}
    }
    discussion(state).await?;
    let first = demo::petition_by_title(&state.db.pool, DEMOS[0].title).await?;
    super::seed_deliberation::run(state, first, proposer.user_id).await?;
    let straws = demo::petition_by_title(&state.db.pool, DEMOS[2].title).await?;
    let subject = crate::dto::deliberation::Subject::Petition(straws);
    super::seed_deliberation::conversation(state, subject, &super::seed_deliberation::STRAWS, proposer.user_id, 2030).await?;
    let (officer, _) = demo::user_by_email(&state.db.pool, "officer@demo.minyi.tw").await?;
    super::seed_consultations::run(state, officer).await?;
    super::seed_regulations::run(state, officer).await
}

/// A short discussion on the first demo petition: a citizen, the proposer, and the agency.
async fn discussion(state: &AppState) -> Result<(), ServerError> {
    use super::discussion::write::{Post, post};
    let id = demo::petition_by_title(&state.db.pool, DEMOS[0].title).await?;
    let citizen = demo_user(state, "citizen2@demo.minyi.tw", vec![]).await?;
    let proposer = demo_user(state, "citizen@demo.minyi.tw", vec![]).await?;
    let officer = demo_user(state, "officer@demo.minyi.tw", vec![Role::Officer]).await?;
    let motc = id_of(state, "agencies", "motc").await?.to_string();
    let fail = |e| ServerError::Config(format!("demo comment: {e:?}"));
    let first = post(
        state,
        &citizen,
        "127.0.0.1",
        Post {
            subject: crate::dto::deliberation::Subject::Petition(id),
            parent_id: None,
            body: "我每天從板橋站轉乘，出口附近完全沒有站點，**非常需要**！",
            as_agency: "",
        },
    )
    .await
    .map_err(fail)?;
    post(
        state,
        &proposer,
        "127.0.0.1",
        Post {
            subject: crate::dto::deliberation::Subject::Petition(id),
            parent_id: Some(first),
            body: "謝謝分享，歡迎把站名留言補充，我會整理給交通部。",
            as_agency: "",
        },
    )
    .await
    .map_err(fail)?;
    let note = "交通部已請各地方政府盤點車站周邊用地，盤點結果將公開於[交通部網站](https://www.motc.gov.tw/)。";
    post(state, &officer, "127.0.0.1", Post { subject: crate::dto::deliberation::Subject::Petition(id), parent_id: None, body: note, as_agency: &motc })
        .await
        .map_err(fail)?;
    Ok(())
}
