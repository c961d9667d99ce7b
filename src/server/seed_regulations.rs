//! Demo draft regulations: one open notice of eight articles with its comparison table and
//! comments; one closed notice whose every comment the agency has answered, with its overall
//! statement and a second version (so the difference page shows something on `make run`).
use super::db::regulation_comments::{self as comments, NewComment};
use super::db::{demo, regulations as db, rules, users};
use super::error::ServerError;
use super::state::AppState;
use crate::domain::consultation::start_of_day;
use crate::domain::regulation::notice::{NoticeInput, answers_due, parse_comment, parse_text};
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::FieldErrors;

pub const OPEN_TITLE: &str = "公路客運偏鄉路線補貼辦法修正草案（Draft amendment to the Rural Bus Route Subsidy Regulations）";
pub const CLOSED_TITLE: &str = "國道服務區電動車充電設施設置要點草案（Draft guidelines for EV charging at freeway service areas）";

const OPEN_DRAFT: &str = "公路客運偏鄉路線補貼辦法修正草案\n\n第一章　總則\n\n\
第一條　本辦法依公路法第四十三條第四項規定訂定之。\n\n\
第二條　本辦法所稱偏鄉路線，指行經原住民族地區、離島或人口密度低於全國平均五分之一之鄉（鎮、市、區）之公路汽車客運路線。\n\n\
第三條　補貼對象為經營偏鄉路線之公路汽車客運業者。\n\n\
第四條　補貼金額以路線營運虧損之百分之九十為上限，並依服務品質評鑑結果調整。\n\n\
第五條　業者應於每年三月底前檢具前一年度營運資料，向公路主管機關申請補貼。\n\n\
第二章　服務品質\n\n\
第六條　偏鄉路線每日班次不得少於四班；班次調整應於三十日前公告。\n\n\
第七條　公路主管機關每年辦理服務品質評鑑，並公開評鑑結果。\n\n\
第八條　本辦法自發布日施行。";

const OPEN_TABLE: &str = "| 修正條文 | 現行條文 | 說明 |\n| --- | --- | --- |\n\
| 第二條　本辦法所稱偏鄉路線，指行經原住民族地區、離島或人口密度低於全國平均五分之一之鄉（鎮、市、區）之公路汽車客運路線。 | 第二條　本辦法所稱偏鄉路線，指行經原住民族地區或離島之公路汽車客運路線。 | 增列人口密度低之地區，以涵蓋實際需要補貼之路線。 |\n\
| 第四條　補貼金額以路線營運虧損之百分之九十為上限，並依服務品質評鑑結果調整。 | 第四條　補貼金額以路線營運虧損之百分之八十為上限。 | 一、提高補貼上限。<br>二、補貼與服務品質連結。 |\n\
| 第六條　偏鄉路線每日班次不得少於四班；班次調整應於三十日前公告。 |  | 本條新增，保障最低班次。 |\n\
|  | 第九條　業者逾期申請者，不予補貼。 | 本條刪除。逾期申請之處理，改依第五條規定辦理。 |";

/// Guidelines (要點) are numbered by points; the demo writes them as articles.
const CLOSED_V1: &str = "國道服務區電動車充電設施設置要點草案\n\n\
第一條　為規範國道服務區電動車充電設施之設置與收費，特訂定本要點。\n\n\
第二條　每一服務區應設置快速充電樁至少八座。\n\n\
第三條　充電費率由經營業者訂定，報請高速公路局備查。\n\n\
第四條　本要點自發布日施行。";

const CLOSED_V2: &str = "國道服務區電動車充電設施設置要點草案（修正後）\n\n\
第一條　為規範國道服務區電動車充電設施之設置與收費，特訂定本要點。\n\n\
第二條　每一服務區應設置快速充電樁至少十二座，並至少設置二座無障礙充電位。\n\n\
第三條　充電費率由經營業者訂定，報請高速公路局核定後公告。\n\n\
第四條　充電樁應即時公開使用狀態。\n\n\
第五條　本要點自發布日施行。";

fn fail(e: FieldErrors) -> ServerError {
    ServerError::Config(format!("demo regulation: {e:?}"))
}

fn input(agency: i64, title: &str, draft: &str, table: &str, last_day: Timestamp) -> NoticeInput {
    NoticeInput {
        agency_id: agency.to_string(),
        title: title.into(),
        legal_basis: "公路法第四十三條第四項".into(),
        purpose: "為使偏鄉居民有可靠的公車服務，**修正補貼對象與計算方式**，並將補貼與服務品質連結。".into(),
        draft: draft.into(),
        comparison: table.into(),
        last_day: last_day.date_taipei(),
        contact: "交通部公路局運輸組　電話 02-2321-8000".into(),
        category_id: String::new(),
    }
}

async fn say(
    tx: &mut sqlx::AnyConnection,
    r: i64,
    article: Option<&str>,
    who: i64,
    org: Option<&str>,
    c: (&str, &str, &str),
    now: Timestamp,
) -> Result<i64, ServerError> {
    let version = db::versions(&mut *tx, r).await?.pop().ok_or_else(|| ServerError::Config("no version".into()))?;
    let article_id = match article {
        Some(n) => db::articles(&mut *tx, version.id).await?.into_iter().find(|a| a.number == n).map(|a| a.id),
        None => None,
    };
    let text = parse_comment(c.0, c.1, c.2).map_err(fail)?;
    let new = NewComment { regulation_id: r, version_id: version.id, article_id, author_id: who, organisation_name: org, text: &text, now };
    Ok(comments::insert(&mut *tx, new).await?)
}

/// The demo notices, once: the officer serves the transport ministry.
pub async fn run(state: &AppState, officer: i64) -> Result<(), ServerError> {
    let now = state.now();
    let today = start_of_day(now);
    let motc = demo::agency_id(&state.db.pool, "motc").await?;
    let (citizen, _) = demo::user_by_email(&state.db.pool, "citizen@demo.minyi.tw").await?;
    let (citizen2, _) = demo::user_by_email(&state.db.pool, "citizen2@demo.minyi.tw").await?;
    let (ngo, _) = demo::user_by_email(&state.db.pool, "demo-participant-1@example.invalid").await?;
    const NGO: &str = "台灣公共運輸促進會";
    let mut tx = state.db.begin().await?;
    users::set_organisation(&mut **tx, ngo, Some(NGO)).await?;

    // Open: published ten days ago, fifty days to go.
    let transport = rules::categories(&mut **tx).await?.into_iter().find(|c| c.code == "transport").map(|c| c.id);
    let mut open = input(motc, OPEN_TITLE, OPEN_DRAFT, OPEN_TABLE, today.plus_millis(49 * DAY)).parse().map_err(fail)?;
    open.category_id = transport;
    let id = db::insert(&mut tx, &open, officer, now).await?;
    db::publish(&mut **tx, id, now.plus_millis(-10 * DAY), open.closes_at, answers_due(open.closes_at, 30)).await?;
    say(
        &mut tx,
        id,
        Some("2"),
        citizen,
        None,
        (
            "amend",
            "人口密度的標準應該看村里而不是整個鄉鎮，否則山區部落會被平地人口平均掉。",
            "本辦法所稱偏鄉路線，指行經原住民族地區、離島或人口密度低於全國平均五分之一之村（里）之公路汽車客運路線。",
        ),
        now,
    )
    .await?;
    say(&mut tx, id, Some("6"), citizen2, None, ("support", "每日至少四班很重要，我們村子現在一天只有兩班。", ""), now).await?;
    say(&mut tx, id, Some("4"), ngo, Some(NGO), ("oppose", "補貼與評鑑連結可能讓業者放棄評鑑不佳的路線，應另訂退場機制。", ""), now).await?;
    say(&mut tx, id, None, citizen, None, ("", "希望說明會也在偏鄉地區舉辦，並提供線上參與。", ""), now).await?;

    // Closed forty days ago, every comment answered, then a second version.
    let mut closed = input(motc, CLOSED_TITLE, CLOSED_V1, "", today.plus_millis(59 * DAY)).parse().map_err(fail)?;
    closed.category_id = transport;
    let id = db::insert(&mut tx, &closed, officer, now.plus_millis(-100 * DAY)).await?;
    let published = now.plus_millis(-100 * DAY);
    let closes = today.plus_millis(-40 * DAY);
    demo::set_regulation_closes(&mut **tx, id, closes).await?;
    db::publish(&mut **tx, id, published, closes, answers_due(closes, 30)).await?;
    let earlier = published.plus_millis(5 * DAY);
    let a = say(
        &mut tx,
        id,
        Some("2"),
        citizen2,
        None,
        ("amend", "八座太少，連假時排隊很久，也沒有無障礙車位。", "每一服務區應設置快速充電樁至少十二座，並至少設置二座無障礙充電位。"),
        earlier,
    )
    .await?;
    let b = say(&mut tx, id, Some("3"), citizen, None, ("oppose", "費率只要備查，業者可以隨意漲價。", ""), earlier).await?;
    let c = say(&mut tx, id, None, ngo, Some(NGO), ("support", "支持設置充電設施，並建議公開充電樁的即時使用狀態。", ""), earlier).await?;
    let answered = closes.plus_millis(10 * DAY);
    comments::answer(&mut tx, id, &[a], "adopted", "已修正第二條為至少十二座，並增設無障礙充電位。", officer, answered).await?;
    comments::answer(&mut tx, id, &[b], "partly_adopted", "改為報請核定後公告；費率仍由業者訂定。", officer, answered).await?;
    comments::answer(&mut tx, id, &[c], "adopted", "增訂第四條，要求即時公開使用狀態。", officer, answered).await?;
    db::set_overall(&mut **tx, id, "感謝各界提供意見。我們逐則回應如上，並依意見修正第二條、第三條及增訂第四條，修正後條文為第二版。", answered).await?;
    let mut e = FieldErrors::new();
    let v2 = parse_text(CLOSED_V2, "", &mut e).ok_or_else(|| fail(e))?;
    db::add_version(&mut tx, id, 2, &v2, "依公眾意見修正第二條、第三條，增訂第四條。", officer, answered).await?;
    // Closed a week ago, comments awaiting answers: one per agency the demo officer serves, so
    // each browser journey can answer one.
    for (code, title) in AWAITING {
        let agency = demo::agency_id(&mut **tx, code).await?;
        let n = input(agency, title, AWAITING_DRAFT, "", today.plus_millis(59 * DAY)).parse().map_err(fail)?;
        let id = db::insert(&mut tx, &n, officer, now.plus_millis(-70 * DAY)).await?;
        let closes = today.plus_millis(-7 * DAY);
        demo::set_regulation_closes(&mut **tx, id, closes).await?;
        db::publish(&mut **tx, id, now.plus_millis(-70 * DAY), closes, answers_due(closes, 30)).await?;
        let at = now.plus_millis(-20 * DAY);
        say(&mut tx, id, Some("2"), citizen, None, ("amend", "申請期限太短，請延長。", "申請人應於事實發生後六十日內提出申請。"), at).await?;
        say(&mut tx, id, None, citizen2, None, ("support", "支持簡化申請程序。", ""), at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Notices awaiting answers: agency and title.
const AWAITING: [(&str, &str); 4] = [
    ("motc", "公路汽車客運票價審議作業要點修正草案（Draft amendment to the bus fare review guidelines）"),
    ("moenv", "一次用飲料杯減量實施方式草案（Draft rules for reducing single-use drink cups）"),
    ("tp-dot", "臺北市人行道使用管理自治條例修正草案（Draft amendment to the Taipei sidewalk use ordinance）"),
    ("tp-doe", "臺北市國民小學課後照顧服務收費辦法草案（Draft fees for after-school care in Taipei primary schools）"),
];

const AWAITING_DRAFT: &str = "第一條　本辦法依相關法律規定訂定之。\n\n\
第二條　申請人應於事實發生後三十日內提出申請。\n\n\
第三條　主管機關應於受理申請後十四日內完成審查。\n\n\
第四條　本辦法自發布日施行。";
