//! Bulk downloads: every public petition, every published response version and the
//! agencies' figures, as CSV (UTF-8 with a BOM, so spreadsheets read Chinese right;
//! cells that a spreadsheet would run as a formula are neutralised) or JSON Lines.
//! Rows are read in keyset pages and streamed: memory stays flat however many there are.
use super::problem::Problem;
use super::types::opt;
use crate::domain::time::Timestamp;
use crate::server::db::downloads;
use crate::server::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use sqlx::Row;

const CHUNK: i64 = 500;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Jsonl,
}

/// A column: its name and how to read it from a row.
#[derive(Clone, Copy)]
enum Col {
    Int(&'static str),
    Text(&'static str),
    /// A millisecond timestamp, written as RFC 3339 UTC.
    Time(&'static str),
    Bool(&'static str),
}

impl Col {
    fn name(self) -> &'static str {
        match self {
            Col::Int(n) | Col::Text(n) | Col::Time(n) | Col::Bool(n) => n,
        }
    }
    fn value(self, r: &sqlx::any::AnyRow) -> Result<Value, sqlx::Error> {
        Ok(match self {
            Col::Int(n) => r.try_get::<Option<i64>, _>(n)?.map(Value::from).unwrap_or(Value::Null),
            Col::Text(n) => r.try_get::<Option<String>, _>(n)?.map(Value::from).unwrap_or(Value::Null),
            Col::Time(n) => opt(r.try_get::<Option<i64>, _>(n)?.map(Timestamp)).map(Value::from).unwrap_or(Value::Null),
            Col::Bool(n) => r.try_get::<Option<i64>, _>(n)?.map(|v| Value::from(v != 0)).unwrap_or(Value::Null),
        })
    }
}

/// One downloadable dataset: which rows (`db::downloads`) and which of their columns.
struct Dataset {
    rows: downloads::Dataset,
    cols: &'static [Col],
}

const PETITIONS: Dataset = Dataset {
    rows: downloads::Dataset::Petitions,
    cols: &[
        Col::Int("id"),
        Col::Text("title"),
        Col::Text("state"),
        Col::Text("jurisdiction"),
        Col::Text("jurisdiction_zh"),
        Col::Text("jurisdiction_en"),
        Col::Text("category"),
        Col::Text("lead_agency"),
        Col::Int("signature_count"),
        Col::Int("signature_threshold"),
        Col::Time("opened_at"),
        Col::Time("closes_at"),
        Col::Time("established_at"),
        Col::Time("response_due_at"),
        Col::Time("answered_at"),
        Col::Time("closed_at"),
    ],
};

const RESPONSES: Dataset = Dataset {
    rows: downloads::Dataset::Responses,
    cols: &[
        Col::Int("id"),
        Col::Int("petition_id"),
        Col::Text("agency"),
        Col::Text("agency_zh"),
        Col::Text("agency_en"),
        Col::Bool("is_lead"),
        Col::Int("version"),
        Col::Text("summary"),
        Col::Text("details"),
        Col::Text("points"),
        Col::Text("links"),
        Col::Time("published_at"),
    ],
};

/// A CSV cell: quoted when needed; text a spreadsheet would evaluate gets a leading `'`.
pub fn csv_cell(v: &Value) -> String {
    let s = match v {
        Value::Null => return String::new(),
        Value::String(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn line(cols: &[Col], r: &sqlx::any::AnyRow, format: Format) -> Result<String, sqlx::Error> {
    Ok(match format {
        Format::Csv => {
            let cells = cols.iter().map(|c| c.value(r).map(|v| csv_cell(&v))).collect::<Result<Vec<_>, _>>()?;
            format!("{}\r\n", cells.join(","))
        }
        Format::Jsonl => {
            let mut obj = Map::new();
            for c in cols {
                obj.insert(c.name().into(), c.value(r)?);
            }
            format!("{}\n", Value::Object(obj))
        }
    })
}

fn header_line(cols: &[Col], format: Format) -> String {
    match format {
        Format::Csv => format!("\u{feff}{}\r\n", cols.iter().map(|c| c.name()).collect::<Vec<_>>().join(",")),
        Format::Jsonl => String::new(),
    }
}

/// The dataset as a streamed body: one query per `CHUNK` rows, after the last id sent.
fn stream(state: AppState, data: &'static Dataset, format: Format) -> Body {
    let first = Bytes::from(header_line(data.cols, format));
    let rest = futures::stream::unfold(Some(0i64), move |after| {
        let state = state.clone();
        async move {
            let after = after?;
            let shift = match crate::server::petitions::queries::pause_shift(&state).await {
                Ok(s) => s,
                Err(_) => return Some((Err(std::io::Error::other("download failed")), None)),
            };
            let (since, by) = shift.sql_binds();
            let rows = match downloads::page(&state.db.read_pool, data.rows, after, CHUNK, (since, by, shift.now.0)).await {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "download failed");
                    return Some((Err(std::io::Error::other("download failed")), None));
                }
            };
            if rows.is_empty() {
                return None;
            }
            let mut chunk = String::new();
            for r in &rows {
                match line(data.cols, r, format) {
                    Ok(l) => chunk.push_str(&l),
                    Err(_) => return Some((Err(std::io::Error::other("download failed")), None)),
                }
            }
            let last = rows.last().and_then(|r| r.try_get::<i64, _>("id").ok());
            // A short page is the last one.
            let next = if (rows.len() as i64) < CHUNK { None } else { last };
            Some((Ok(Bytes::from(chunk)), next))
        }
    });
    let all = futures::StreamExt::chain(futures::stream::once(async move { Ok::<_, std::io::Error>(first) }), rest);
    // Fused: the compression layer may poll again after the end, which `unfold` forbids.
    Body::from_stream(futures::StreamExt::fuse(all))
}

fn file(body: Body, name: &str, format: Format) -> Response {
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Jsonl => "application/jsonl; charset=utf-8",
    };
    let mut res = (axum::http::StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60, stale-while-revalidate=300, stale-if-error=3600"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"minyi-{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The files there are (documented; the handler reads the name).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[allow(dead_code)]
pub enum DownloadFile {
    #[serde(rename = "petitions.csv")]
    PetitionsCsv,
    #[serde(rename = "petitions.jsonl")]
    PetitionsJsonl,
    #[serde(rename = "responses.csv")]
    ResponsesCsv,
    #[serde(rename = "responses.jsonl")]
    ResponsesJsonl,
    #[serde(rename = "agencies.csv")]
    AgenciesCsv,
    #[serde(rename = "agencies.jsonl")]
    AgenciesJsonl,
}

/// A bulk download: `petitions`, `responses` or `agencies`, as `.csv` or `.jsonl`.
#[utoipa::path(get, path = "/api/v1/downloads/{file}", tag = "downloads",
    params(("file" = inline(DownloadFile), Path, description = "petitions.csv, petitions.jsonl, responses.csv, responses.jsonl, agencies.csv or agencies.jsonl")),
    responses((status = 200, description = "The file, streamed: CSV (UTF-8 with a BOM) or JSON Lines",
        content((String = "text/csv"), (String = "application/jsonl"))), (status = 404, body = Problem)))]
pub async fn download(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let format = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("csv") => Format::Csv,
        Some("jsonl") => Format::Jsonl,
        _ => return Problem::not_found("download").into_response(),
    };
    match name.rsplit_once('.').map(|(stem, _)| stem) {
        Some("petitions") => file(stream(state, &PETITIONS, format), &name, format),
        Some("responses") => file(stream(state, &RESPONSES, format), &name, format),
        Some("agencies") => match agencies(&state, format).await {
            Ok(body) => file(Body::from(body), &name, format),
            Err(p) => p.into_response(),
        },
        _ => Problem::not_found("download").into_response(),
    }
}

/// The agencies' figures: a few hundred rows at most, computed together.
async fn agencies(state: &AppState, format: Format) -> Result<String, Problem> {
    let all = crate::server::responses::stats::all(state, "").await.map_err(Problem::from)?;
    let names = [
        "code",
        "name_zh",
        "name_en",
        "received",
        "answered_on_time",
        "answered_late",
        "overdue_now",
        "median_days_to_answer",
        "p90_days_to_answer",
        "helpful",
        "not_helpful",
        "consultations_closed",
        "conclusions_on_time",
        "conclusions_late",
        "conclusions_overdue",
        "regulations_closed",
        "regulations_answered_on_time",
        "regulations_answered_late",
        "regulations_overdue",
    ];
    let mut out = match format {
        Format::Csv => format!("\u{feff}{}\r\n", names.join(",")),
        Format::Jsonl => String::new(),
    };
    for s in all {
        let values: [Value; 19] = [
            s.agency.code.into(),
            s.agency.name_zh.into(),
            s.agency.name_en.into(),
            s.received.into(),
            s.answered_on_time.into(),
            s.answered_late.into(),
            s.overdue_now.into(),
            s.median_days.map(Value::from).unwrap_or(Value::Null),
            s.p90_days.map(Value::from).unwrap_or(Value::Null),
            s.helpful.into(),
            s.not_helpful.into(),
            s.consultations_closed.into(),
            s.conclusions_on_time.into(),
            s.conclusions_late.into(),
            s.conclusions_overdue.into(),
            s.regulations_closed.into(),
            s.regulations_answered_on_time.into(),
            s.regulations_answered_late.into(),
            s.regulations_overdue.into(),
        ];
        match format {
            Format::Csv => out.push_str(&format!("{}\r\n", values.iter().map(csv_cell).collect::<Vec<_>>().join(","))),
            Format::Jsonl => {
                let obj: Map<String, Value> = names.iter().map(|n| n.to_string()).zip(values).collect();
                out.push_str(&format!("{}\n", Value::Object(obj)));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::csv_cell;
    use serde_json::json;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_cell(&json!("延長綠燈, 保障行人")), "\"延長綠燈, 保障行人\"");
        assert_eq!(csv_cell(&json!("a\"b,c")), "\"a\"\"b,c\"");
        assert_eq!(csv_cell(&json!("=HYPERLINK(\"http://x\")")), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        for f in ["+1", "-1+2", "@SUM(A1)"] {
            assert_eq!(csv_cell(&json!(f)), format!("'{f}"));
        }
        assert_eq!(csv_cell(&json!(-5)), "-5", "numbers are numbers");
        assert_eq!(csv_cell(&json!(null)), "");
    }
}
