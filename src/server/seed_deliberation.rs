//! Demo deliberation on the first demo petition (and, through `conversation`, the demo
//! consultation): 40 statements and 60 synthetic participants whose votes form three opinion
//! groups (the domain's own generator), so `make run` shows a map at once. The participants
//! are accounts nobody can log in to.
use super::db::{deliberation as db, users};
use super::deliberation::map;
use super::error::ServerError;
use super::state::AppState;
use crate::domain::deliberation::{Vote, synthetic};
use crate::dto::deliberation::Subject;

const STATEMENTS: [&str; 40] = [
    "每個捷運站出口 200 公尺內都應該有公共自行車站點",
    "站點的設置費用應由中央與地方政府共同分擔",
    "設站前應先公開各站的轉乘需求調查",
    "人行道已經很窄，不應該再拿來設自行車站點",
    "應優先把汽車停車格改成自行車站點",
    "公共自行車前 30 分鐘應該免費",
    "使用者付費才公平，不應由稅金補貼",
    "偏鄉車站比都市更需要公共自行車",
    "應先改善自行車道，再增加站點",
    "電動輔助自行車應納入公共自行車系統",
    "站點應設置遮雨棚",
    "每站都要有無障礙的借還車設計",
    "夜間也應該能借還車",
    "應該限制在人行道上騎自行車",
    "火車站比捷運站更缺站點",
    "地方政府應自行決定是否設站",
    "交通部應訂定全國一致的設站標準",
    "站點數量應依轉乘人次分配",
    "租借系統應全國通用一張卡",
    "應開放民間業者經營站點",
    "公共自行車應由政府直營",
    "學生應享有租借優惠",
    "站點附近應加強照明與監視器",
    "設站會影響騎樓商家的生意",
    "應提供兒童座椅的自行車款",
    "站點應標示步行到月臺的時間",
    "自行車道應與人行道實體分隔",
    "應在尖峰時段調度車輛，避免無車可借",
    "公共自行車的維修品質需要改善",
    "應公開每一站的使用量資料",
    "應該先試辦一年再全面推動",
    "機車停車格不應減少",
    "騎自行車轉乘應有里程回饋",
    "應在車站內設置自行車停車場",
    "折疊自行車應可帶上列車",
    "公共自行車應保險理賠清楚",
    "站點設計要兼顧市容",
    "應讓居民參與站點位置的決定",
    "交通預算應優先給公共運輸而非自行車",
    "自行車轉乘能有效減少短程汽機車",
];

/// A shorter conversation on the established straw petition, so its agency can cite it.
pub const STRAWS: [&str; 12] = [
    "餐飲業應全面停用一次性塑膠吸管",
    "需要吸管的身心障礙者應保留可彎吸管",
    "紙吸管泡久會軟，替代品要先改善",
    "自備吸管的人應該有折扣",
    "禁用範圍應先從連鎖店開始",
    "小吃攤需要更長的準備時間",
    "應該同時限制塑膠杯蓋",
    "禁令要有罰則才有效",
    "政府應補助店家採購替代吸管",
    "學校與醫院應該最先實施",
    "吸管只是小問題，應先處理漁網",
    "應公開每年減少的吸管數量",
];

/// Three groups of 25, 20 and 15 people; about 70 % of the statements voted by each.
const GROUPS: [usize; 3] = [25, 20, 15];

pub async fn run(state: &AppState, petition_id: i64, proposer: i64) -> Result<(), ServerError> {
    conversation(state, Subject::Petition(petition_id), &STATEMENTS, proposer, 2026).await
}

/// A conversation whose statements (the first three seeds by `seeder`) are voted on by the 60
/// demo participants in three groups; `seed` picks the votes.
pub async fn conversation(state: &AppState, subject: Subject, statements: &[&str], seeder: i64, seed: u64) -> Result<(), ServerError> {
    let now = state.now();
    let (input, _) = synthetic(&GROUPS, statements.len(), 0.7, seed);
    let mut tx = state.db.begin().await?;
    let c = db::ensure(&mut tx, subject.kind(), subject.id(), now).await?;
    let mut people = Vec::new();
    for n in 0..input.participants.len() {
        let email = format!("demo-participant-{n}@example.invalid");
        if let Ok((id, _)) = super::db::demo::user_by_email(&mut **tx, &email).await {
            people.push(id);
            continue;
        }
        let name = format!("參與者 {}", n + 1);
        let u = users::NewUser { email: &email, email_norm: &email, display_name: &name, password_hash: "!", locale: "zh-TW", verified_at: Some(now), now };
        people.push(users::insert(&mut **tx, u).await?);
    }
    // Each statement's author is someone who agrees with it (the proposer seeds the first three).
    let mut ids = Vec::new();
    for (i, body) in statements.iter().enumerate() {
        let author = match i {
            0..3 => seeder,
            _ => input.votes.iter().find(|v| v.1 == i && v.2 == Vote::Agree).map(|v| people[v.0]).unwrap_or(seeder),
        };
        let id = db::insert_statement(&mut tx, c.id, author, body, "shown", i < 3, now.plus_millis(i as i64)).await?;
        db::vote(&mut **tx, id, author, 1, now).await?;
        ids.push(id);
    }
    for &(p, s, v) in &input.votes {
        db::vote(&mut **tx, ids[s], people[p], v.value() as i64, now).await?;
    }
    db::touch(&mut **tx, c.id, now).await?;
    tx.commit().await?;
    map::recompute(state, c.id).await?;
    Ok(())
}
