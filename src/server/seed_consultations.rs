//! Demo consultations: one open, with 40 statements and the 60 demo participants in three
//! opinion groups; four closed a week ago whose conclusions the agencies still owe (the demo
//! officer serves all four agencies, so the conclusions form can be tried on `make run`, and
//! each browser journey publishes one); and one whose conclusions are overdue. The open one
//! has a short discussion with the agency's reply.
use super::db::comments::{self, NewComment};
use super::db::{consultations as db, demo};
use super::error::ServerError;
use super::state::AppState;
use crate::domain::consultation::{Consultation, Stage, conclusions_due, start_of_day};
use crate::domain::time::{DAY, Timestamp};
use crate::dto::deliberation::Subject;

const OPEN_TITLE: &str = "公路客運偏鄉路線補貼與票價調整";
/// Closed consultations: agency, title, background, stage, days since closing.
const CLOSED: [(&str, &str, &str, Stage, i64); 5] = [
    ("motc", "國道服務區電動車充電設施規劃", "國道服務區的電動車充電需求快速增加，我們徵詢充電樁數量、位置與收費方式的意見。", Stage::Execution, 7),
    ("moenv", "外帶飲料杯減量措施", "我們規劃外帶飲料杯的減量措施，想了解自備杯優惠、杯子收費與租借循環杯的意見。", Stage::Planning, 7),
    ("tp-dot", "人行道改善的優先順序", "臺北市將分年改善人行道，我們想知道哪些路段與哪些問題最該先處理。", Stage::Planning, 7),
    ("tp-doe", "國小課後照顧服務檢討", "課後照顧服務實施三年，我們想聽家長、老師與學生對時段、費用與內容的評價。", Stage::Evaluation, 7),
    ("moenv", "機車排氣定期檢驗制度檢討", "機車排氣定檢制度實施多年，我們檢討檢驗頻率、費用與未定檢的處理方式。", Stage::Evaluation, 35),
];

/// A few statements on each closed consultation.
const FEW: [[&str; 4]; 5] = [
    ["每個服務區至少要有四支快充", "收費應該按度數計算", "充電位不應被燃油車佔用", "充電樁要有遮雨棚"],
    ["自備杯應該有更多優惠", "一次性杯子應該收費", "循環杯要能在不同店家歸還", "減量措施應給小店更長準備期"],
    ["學校周邊人行道應優先改善", "騎樓高低差是最大的問題", "應先處理沒有人行道的路段", "改善工程應避開上下班時段"],
    ["課後照顧應延長到晚上六點", "弱勢家庭應免費參加", "課後照顧不該只是寫作業", "老師的人力應該增加"],
    ["新車前五年可以減少檢驗次數", "未定檢的罰款應先提醒", "檢驗站應延長營業時間", "老舊機車汰換補助應提高"],
];

const STATEMENTS: [&str; 40] = [
    "偏鄉路線的班次比票價更重要",
    "學生與長者應該維持半價優惠",
    "補貼應依實際載客量分配",
    "沒有人搭的路線應改成需求反應式小巴",
    "票價調整前應公開各路線的成本",
    "偏鄉居民不應該負擔和都市一樣的調幅",
    "補貼經費應由中央全額負擔",
    "地方政府也應分擔部分補貼",
    "末班車時間應配合醫院門診結束",
    "應該整合公車與鐵路的轉乘優惠",
    "票價應按里程計算才公平",
    "短程乘客不該補貼長程乘客",
    "業者應公開準點率與脫班紀錄",
    "脫班太多的業者應該減少補貼",
    "應提供電子票證以外的付款方式",
    "長者不熟悉手機，不應只有線上查詢",
    "應在村里設置實體候車資訊看板",
    "離島航線應比照偏鄉公車補貼",
    "調漲票價會讓更多人改騎機車",
    "應該先提升服務品質再談漲價",
    "月票方案比單次票價優惠更有用",
    "身心障礙者的陪同者也應享有優惠",
    "公車應全面改為低底盤車",
    "司機人力不足才是最大的問題",
    "應提高司機薪資以留住人才",
    "補貼不應只看營收，也要看社會效益",
    "票價應每年依物價檢討一次",
    "新住民應有多語的路線資訊",
    "學校上下學時段應加開班次",
    "觀光路線不該和生活路線用同一套補貼",
    "應開放社區自行營運接駁車",
    "預約制公車需要電話預約的管道",
    "路線調整前應在當地舉辦說明會",
    "應公開每條路線的補貼金額",
    "偏鄉路線可以與郵務或物流合作",
    "票價凍漲比調漲更能保障弱勢",
    "電動公車的購置補助應優先給偏鄉",
    "候車亭應有遮雨與照明",
    "應以旅運時間而非距離設計路網",
    "調整方案應試辦一年後再檢討",
];

/// The demo consultations, once: the officer's agency is the transport ministry.
pub async fn run(state: &AppState, officer: i64) -> Result<(), ServerError> {
    let now = state.now();
    let motc = demo::agency_id(&state.db.pool, "motc").await?;
    let days = db::conclusion_days(&state.db.pool, motc).await?.unwrap_or(30);
    let today = start_of_day(now);
    let open = Consultation {
        agency_id: motc,
        title: OPEN_TITLE.into(),
        background: "交通部正在**規劃**公路客運偏鄉路線的補貼方式與票價調整。\n\n\
                     ## 現況\n\n- 偏鄉路線多數虧損，靠補貼維持。\n- 票價十年未調整，燃料與人力成本上升。\n\n\
                     我們想先聽聽搭車的人、司機與業者的意見，再提出方案。"
            .into(),
        stage: Stage::Planning,
        questions: vec!["補貼應該優先照顧哪些路線與乘客？".into(), "票價如果調整，怎樣才公平？".into(), "除了票價，還有什麼能讓偏鄉公車更好用？".into()],
        documents: vec!["https://www.motc.gov.tw/".into()],
        opens_at: today.plus_millis(-10 * DAY),
        closes_at: today.plus_millis(40 * DAY),
    };
    let mut tx = state.db.begin().await?;
    let open_id = db::insert(&mut tx, &open, conclusions_due(open.closes_at, days), officer, now).await?;
    let mut closed_ids = Vec::new();
    for (code, title, background, stage, closed_days_ago) in CLOSED {
        let agency_id = demo::agency_id(&state.db.pool, code).await?;
        let days = db::conclusion_days(&state.db.pool, agency_id).await?.unwrap_or(30);
        let c = Consultation {
            agency_id,
            title: title.into(),
            background: background.into(),
            stage,
            questions: vec!["您最在意的是什麼？".into(), "有什麼具體建議？".into()],
            documents: Vec::new(),
            opens_at: today.plus_millis(-(closed_days_ago + 30) * DAY),
            closes_at: today.plus_millis(-closed_days_ago * DAY),
        };
        let id = db::insert(&mut tx, &c, conclusions_due(c.closes_at, days), officer, now).await?;
        // Nobody followed it then: nothing to tell about its closing.
        db::mark_told(&mut **tx, id, "closed", now).await?;
        closed_ids.push(id);
    }
    comments(&mut tx, Subject::Consultation(open_id), motc, officer, now).await?;
    tx.commit().await?;
    super::seed_deliberation::conversation(state, Subject::Consultation(open_id), &STATEMENTS, officer, 2027).await?;
    for (n, id) in closed_ids.into_iter().enumerate() {
        super::seed_deliberation::conversation(state, Subject::Consultation(id), &FEW[n], officer, 2028 + n as u64).await?;
    }
    Ok(())
}

/// A citizen's comment on the open consultation and the agency's reply, so its discussion
/// shows the agency's badge on `make run`.
async fn comments(tx: &mut sqlx::AnyConnection, subject: Subject, motc: i64, officer: i64, now: Timestamp) -> Result<(), ServerError> {
    let (citizen, _) = demo::user_by_email(&mut *tx, "citizen2@demo.minyi.tw").await?;
    let body = "我住在山上，每天只有兩班車。**班次**比票價更重要，希望補貼能先用在增加班次。";
    let first = comments::insert(tx, NewComment { subject, parent: None, author_id: citizen, agency_id: None, body, now }).await?;
    let parent = comments::get(&mut *tx, first).await?;
    let reply = "謝謝您的意見。我們會把班次與候車時間列入補貼方案的評估項目，並在結論中說明。";
    comments::insert(tx, NewComment { subject, parent: parent.as_ref(), author_id: officer, agency_id: Some(motc), body: reply, now }).await?;
    Ok(())
}
