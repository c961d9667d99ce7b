//! "Download my data": every sheet of `db::my_data` as JSON and as CSV in one ZIP,
//! made in memory at once (a person's data is small), with a README in both languages.
use crate::domain::email::EmailAddress;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::api_v1::types::rfc3339;
use crate::server::auth::session::SessionUser;
use crate::server::db::my_data::{self, Cell, Sheet};
use crate::server::error::ServerError;
use crate::server::state::AppState;
use std::io::Write;
use zip::write::SimpleFileOptions;

const README: &str = "minyi 民意: 您的個人資料 / your personal data

每個檔案各有 JSON 與 CSV 兩種格式，內容相同；時間為 UTC（RFC 3339）。
Each file comes as JSON and as CSV with the same content; times are UTC (RFC 3339).

account        帳號 / your account
roles          職務 / staff roles
second_factor  第二道驗證（不含金鑰）/ second factor (never its key)
signatures     您的連署 / your signatures (counted = 1 when it counts)
petitions      您的提議與草稿 / your petitions and drafts
sponsorships   您附議的提議 / petitions you sponsored
comments       您的留言 / your comments
comment_votes  您對留言的表態 / your votes on comments
response_ratings  您對機關回應的評價 / your ratings of answers
reports        您的檢舉 / your reports
moderation_decisions  關於您的管理決定 / moderation decisions about you
statements     您在眾議地圖寫下的意見 / your statements in opinion maps (kind and subject: the petition)
statement_votes  您的表態（1 同意、-1 不同意、0 略過）/ your votes on statements (1 agree, -1 disagree, 0 pass)
follows        您追蹤的提議、機關與類別 / what you follow (petition, agency, topic; target is its id)
follow_mail    追蹤通知的寄送方式 / how follow mail is sent (none: instant)
appeals        您的申訴 / your appeals
emails         寄給您的信（主旨與時間；寄出 7 天後刪除）/ emails to you (subject and time; deleted 7 days after sending)
";

/// Times are stored as Unix milliseconds; these columns are shown as dates.
fn is_time(column: &str) -> bool {
    column == "at" || column.ends_with("_at") || column == "suspended_until"
}

fn json_value(column: &str, c: &Cell) -> serde_json::Value {
    match c {
        Cell::Null => serde_json::Value::Null,
        Cell::Int(v) if is_time(column) => rfc3339(Timestamp(*v)).into(),
        Cell::Int(v) => (*v).into(),
        Cell::Text(s) => s.clone().into(),
    }
}

fn json(sheet: &Sheet) -> String {
    let rows: Vec<serde_json::Value> =
        sheet.rows.iter().map(|r| serde_json::Value::Object(sheet.columns.iter().zip(r).map(|(c, v)| (c.clone(), json_value(c, v))).collect())).collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

/// RFC 4180 quoting. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) is prefixed with `'`, so text a person typed stays text.
fn csv_cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn csv(sheet: &Sheet) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    if !sheet.columns.is_empty() {
        out += &line(sheet.columns.iter().map(|c| csv_cell(c)).collect());
    }
    for r in &sheet.rows {
        out += &line(
            sheet
                .columns
                .iter()
                .zip(r)
                .map(|(c, v)| match v {
                    Cell::Null => String::new(),
                    Cell::Int(i) if is_time(c) => rfc3339(Timestamp(*i)),
                    Cell::Int(i) => i.to_string(),
                    Cell::Text(s) => csv_cell(s),
                })
                .collect(),
        );
    }
    out
}

pub fn zip_of(sheets: &[Sheet]) -> Result<Vec<u8>, ServerError> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: String, body: &str| -> Result<(), ServerError> {
        z.start_file(name, opts).map_err(|e| ServerError::Config(e.to_string()))?;
        z.write_all(body.as_bytes()).map_err(|e| ServerError::Config(e.to_string()))
    };
    add("README.txt".into(), README)?;
    for s in sheets {
        add(format!("{}.json", s.name), &json(s))?;
        add(format!("{}.csv", s.name), &csv(s))?;
    }
    let done = z.finish().map_err(|e| ServerError::Config(e.to_string()))?;
    Ok(done.into_inner())
}

/// The signed-in person's data as a ZIP, and its file name.
pub async fn my_data(state: &AppState, me: &SessionUser) -> Result<(String, Vec<u8>), AppError> {
    let norm = EmailAddress::parse(&me.email).map(|e| e.normalized()).unwrap_or_default();
    let mut conn = state.db.pool.acquire().await?;
    let sheets = my_data::all(&mut conn, me.user_id, &me.email, &norm).await?;
    let bytes = zip_of(&sheets).map_err(|e| {
        tracing::error!(error = %e, "data export failed");
        AppError::Internal
    })?;
    let (y, m, d, _, _) = state.now().civil_utc();
    Ok((format!("minyi-data-{y:04}{m:02}{d:02}.zip"), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_quotes_stay_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("平常的字"), "平常的字");
    }
}
