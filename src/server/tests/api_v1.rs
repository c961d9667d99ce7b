//! The public API over HTTP, on both engines: shapes checked against the OpenAPI
//! document, cursors, problem details, caching, CORS and rate limits, and no personal data.
use super::petitions::{open_petition, person, set_threshold};
use crate::db_test;
use crate::server::petitions::sign;
use crate::server::ratelimit::Limit;
use crate::server::testing::TestApp;
use axum::body::Body;
use http::{Request, StatusCode};
use serde_json::Value;
use sqlx::Row;
use tower::ServiceExt;

pub(super) async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> crate::server::testing::http::Reply {
    let mut req = Request::get(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

pub(super) async fn json(app: &TestApp, path: &str) -> Value {
    let r = get(app, path, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn doc() -> Value {
    serde_json::from_str(crate::server::api_v1::openapi_json()).unwrap()
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(doc, &doc["components"]["schemas"][r.rsplit('/').next().unwrap()]),
        None => schema,
    }
}

/// An object schema's properties and required names, through `allOf` (flattened structs).
fn members(doc: &Value, schema: &Value, props: &mut serde_json::Map<String, Value>, required: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(p) = schema.get("properties").and_then(Value::as_object) {
        props.extend(p.clone());
    }
    required.extend(schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(String::from));
    for s in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        members(doc, s, props, required);
    }
}

/// Checks `value` against an OpenAPI 3.1 schema (the subset utoipa writes: $ref, type
/// or type lists, properties, required, items, oneOf/allOf), refusing undocumented fields.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(any) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
        return if any.iter().any(|s| conforms(doc, s, value, at).is_ok()) { Ok(()) } else { Err(format!("{at}: matches no alternative")) };
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            return Err(format!("{at}: {value} is not {types:?}"));
        }
    }
    let (mut props, mut required) = (serde_json::Map::new(), Vec::new());
    members(doc, schema, &mut props, &mut required);
    if let (false, Some(obj)) = (props.is_empty(), value.as_object()) {
        for req in &required {
            if !obj.contains_key(req) {
                return Err(format!("{at}: missing {req}"));
            }
        }
        for (k, v) in obj {
            match props.get(k) {
                Some(s) => conforms(doc, s, v, &format!("{at}.{k}"))?,
                None => return Err(format!("{at}: {k} is not documented")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            conforms(doc, items, v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// The real response to `path` matches what the document says `template` returns.
pub(super) async fn check(app: &TestApp, template: &str, path: &str) -> Value {
    let doc = doc();
    let value = json(app, path).await;
    let schema = &doc["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(!schema.is_null(), "{template} is not documented");
    conforms(&doc, schema, &value, template).unwrap_or_else(|e| panic!("{e}\n{value}"));
    value
}

async fn every_endpoint_is_documented_and_answers_as_documented(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 1).await;
    let (id, proposer, _) = open_petition(&app, "增設公共自行車站點").await;
    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, "63000", true).await.unwrap();
    while crate::server::petitions::counting::roll_up(&app.state).await.unwrap() > 0 {}
    // A published response and a moderation decision, so their shapes are checked too.
    let motc: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let officer = person(&app, "officer@gov.tw", Some(crate::domain::role::Role::Officer)).await;
    crate::server::db::agencies::add_member(&app.state.db.pool, motc, officer.user_id, app.state.now()).await.unwrap();
    let input = crate::domain::response::ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "## 說明\n\n分三年完成。".into(),
        points: vec![("每站 200 公尺內設站".into(), "partly".into(), "部分車站腹地不足。".into())],
        links: "https://www.motc.gov.tw/plan".into(),
    };
    crate::server::responses::workspace::save(
        &app.state,
        &officer,
        id,
        crate::server::responses::workspace::Form { agency_id: motc, input, publish: true, cited: vec![] },
    )
    .await
    .unwrap();
    let c = crate::server::discussion::write::post(
        &app.state,
        &signer,
        "10.0.0.1",
        crate::server::discussion::write::Post {
            subject: crate::dto::deliberation::Subject::Petition(id), parent_id: None, body: "離題的留言", as_agency: ""
        },
    )
    .await
    .unwrap();
    let moderator = person(&app, "mod@example.tw", Some(crate::domain::role::Role::Moderator)).await;
    let d =
        crate::server::moderation::act::Decision {
            target: &format!("comment:{c}"), kind: "hide", reason: "off_topic", explanation: "與提議無關", length: ""
        };
    crate::server::moderation::act::decide(&app.state, &moderator, d).await.unwrap();
    let doc = doc();
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for p in [
        "/api/v1/petitions",
        "/api/v1/petitions/{id}",
        "/api/v1/jurisdictions",
        "/api/v1/categories",
        "/api/v1/agencies",
        "/api/v1/moderation-log",
        "/api/v1/stats",
    ] {
        assert!(paths.iter().any(|k| k.as_str() == p), "{p} missing from {paths:?}");
    }
    let list = check(&app, "/api/v1/petitions", "/api/v1/petitions").await;
    assert_eq!(list["items"][0]["id"], id);
    let one = check(&app, "/api/v1/petitions/{id}", &format!("/api/v1/petitions/{id}")).await;
    assert_eq!(one["signature_count"], 1);
    assert_eq!(one["counties"][0]["county"], "63000");
    assert_eq!(one["responses"][0]["points"][0]["position"], "partly");
    assert!(one["response_versions"][0].get("published_by").is_none(), "officers' names stay off the API");
    assert!(one["opened_at"].as_str().unwrap().ends_with('Z'));
    for (t, p) in [
        ("/api/v1/jurisdictions", "/api/v1/jurisdictions"),
        ("/api/v1/categories", "/api/v1/categories"),
        ("/api/v1/agencies", "/api/v1/agencies"),
        ("/api/v1/moderation-log", "/api/v1/moderation-log"),
        ("/api/v1/stats", "/api/v1/stats"),
    ] {
        check(&app, t, p).await;
    }
    // No signer or account data anywhere.
    for p in ["/api/v1/petitions", &format!("/api/v1/petitions/{id}"), "/api/v1/stats", "/api/v1/moderation-log"] {
        let body = get(&app, p, &[]).await.body;
        for secret in ["signer@example.tw", "signer", "officer", "mod@", proposer.email.as_str(), proposer.email.split('@').next().unwrap()] {
            assert!(!body.contains(secret), "{p} leaks {secret}");
        }
    }
}
db_test!(every_endpoint_is_documented_and_answers_as_documented);

async fn cursors_walk_every_petition_once(app: TestApp) {
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(open_petition(&app, &format!("增設公共自行車站點 bikeway{i}")).await.0);
        app.clock.advance_millis(1000);
    }
    let mut seen = Vec::new();
    let mut next = String::new();
    loop {
        let path = if next.is_empty() { "/api/v1/petitions?limit=2".to_string() } else { format!("/api/v1/petitions?limit=2&cursor={next}") };
        let page = json(&app, &path).await;
        seen.extend(page["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(c) => next = c.to_string(),
            None => break,
        }
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest first, each once");
    let signatures = json(&app, "/api/v1/petitions?sort=signatures&limit=10").await;
    assert_eq!(signatures["items"].as_array().unwrap().len(), 5);
    // Filters and search as on the site.
    let found = json(&app, "/api/v1/petitions?q=bikeway3").await;
    assert_eq!(found["items"].as_array().unwrap().iter().map(|i| i["id"].clone()).collect::<Vec<_>>(), vec![Value::from(ids[1])]);
    // Bad parameters are problem details with a stable type.
    for bad in [
        "/api/v1/petitions?sort=trending",
        "/api/v1/petitions?limit=0",
        "/api/v1/petitions?cursor=zz",
        "/api/v1/petitions?cursor=1.x",
        "/api/v1/petitions?state=draft",
    ] {
        let r = get(&app, bad, &[]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.headers["content-type"], "application/problem+json");
        let p: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(p["type"], "/api/v1/problems/invalid-parameter");
        assert_eq!(p["status"], 400);
    }
    let missing = get(&app, "/api/v1/petitions/999999", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(serde_json::from_str::<Value>(&missing.body).unwrap()["type"], "/api/v1/problems/not-found");
}
db_test!(cursors_walk_every_petition_once);

async fn caching_cors_and_rate_limits(app: TestApp) {
    let (id, _, _) = open_petition(&app, "增設公共自行車站點").await;
    let path = format!("/api/v1/petitions/{id}");
    let first = get(&app, &path, &[]).await;
    let etag = first.headers["etag"].to_str().unwrap().to_string();
    let modified = first.headers["last-modified"].to_str().unwrap().to_string();
    assert!(first.headers["cache-control"].to_str().unwrap().contains("stale-while-revalidate"));
    assert_eq!(first.headers["access-control-allow-origin"], "*");
    assert_eq!(get(&app, &path, &[("if-none-match", &etag)]).await.status, StatusCode::NOT_MODIFIED);
    assert_eq!(get(&app, &path, &[("if-modified-since", &modified)]).await.status, StatusCode::NOT_MODIFIED);
    assert_eq!(get(&app, &path, &[("if-none-match", "\"other\"")]).await.status, StatusCode::OK);
    // Reading only: preflight allowed, writes refused.
    let pre = app.send(Request::builder().method("OPTIONS").uri("/api/v1/petitions").body(Body::empty()).unwrap()).await;
    assert_eq!(pre.status, StatusCode::NO_CONTENT);
    assert!(pre.headers["access-control-allow-methods"].to_str().unwrap().contains("GET"));
    let post = app.send(Request::post("/api/v1/petitions").header("origin", "http://127.0.0.1:3000").body(Body::empty()).unwrap()).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    // RateLimit headers count down; over the limit, 429 with Retry-After.
    let r = get(&app, "/api/v1/stats", &[]).await;
    assert!(r.headers["ratelimit"].to_str().unwrap().contains("r="), "{:?}", r.headers);
    assert!(r.headers["ratelimit-policy"].to_str().unwrap().contains("w=60"));
    let now = app.state.now();
    while app.state.limiter.hit_counted(Limit::ApiPerIp, "unknown", now).is_ok() {}
    let limited = get(&app, "/api/v1/stats", &[]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key("retry-after"));
    assert_eq!(serde_json::from_str::<Value>(&limited.body).unwrap()["type"], "/api/v1/problems/rate-limited");
}
db_test!(caching_cors_and_rate_limits);

/// Parses an Atom document, checks what RFC 4287 requires of the feed and of each
/// entry, and returns the entries' titles.
pub(super) fn valid_atom(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut stack, mut feed_children, mut entry_children, mut titles) = (Vec::<String>::new(), Vec::new(), Vec::<String>::new(), Vec::new());
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "feed" {
                    let ns = e.attributes().filter_map(Result::ok).find(|a| a.key.as_ref() == b"xmlns").map(|a| a.value.into_owned());
                    assert_eq!(ns.as_deref(), Some(&b"http://www.w3.org/2005/Atom"[..]));
                }
                if stack.len() == 1 {
                    feed_children.push(name.clone());
                }
                if stack.len() == 2 && stack[1] == "entry" {
                    entry_children.push(name.clone());
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::Text(t) if stack.len() == 3 && stack[1] == "entry" && stack[2] == "title" => titles.push(t.unescape().unwrap().into_owned()),
            Event::End(_) => {
                let closed = stack.pop();
                if closed.as_deref() == Some("entry") {
                    for required in ["id", "title", "updated", "link"] {
                        assert!(entry_children.iter().any(|c| c == required), "entry without {required}");
                    }
                    entry_children.clear();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty());
    for required in ["id", "title", "updated", "author", "link"] {
        assert!(feed_children.iter().any(|c| c == required), "feed without {required}: {feed_children:?}");
    }
    titles
}

async fn feeds_are_atom_and_filter_by_agency_and_place(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 1).await;
    let (id, _, _) = open_petition(&app, "增設公共自行車站點 <&> 測試").await;
    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, "63000", true).await.unwrap();
    while crate::server::petitions::counting::roll_up(&app.state).await.unwrap() > 0 {}
    for path in ["/api/v1/feeds/petitions.atom", "/api/v1/feeds/established.atom", "/api/v1/feeds/petitions.atom?agency=motc&lang=en"] {
        let r = get(&app, path, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
        assert_eq!(valid_atom(&r.body), vec!["增設公共自行車站點 <&> 測試".to_string()], "{path}");
    }
    assert!(valid_atom(&get(&app, "/api/v1/feeds/petitions.atom?agency=moenv", &[]).await.body).is_empty());
    assert!(valid_atom(&get(&app, "/api/v1/feeds/petitions.atom?jurisdiction=taipei", &[]).await.body).is_empty());
    assert!(valid_atom(&get(&app, "/api/v1/feeds/responses.atom", &[]).await.body).is_empty());
    let timeline = valid_atom(&get(&app, &format!("/api/v1/feeds/petitions/{id}?lang=en"), &[]).await.body);
    assert!(timeline.len() >= 3, "{timeline:?}");
    assert_eq!(get(&app, "/api/v1/feeds/petitions/999999", &[]).await.status, StatusCode::NOT_FOUND);
    let etag = get(&app, "/api/v1/feeds/petitions.atom", &[]).await.headers["etag"].to_str().unwrap().to_string();
    assert_eq!(get(&app, "/api/v1/feeds/petitions.atom", &[("if-none-match", &etag)]).await.status, StatusCode::NOT_MODIFIED);
}
db_test!(feeds_are_atom_and_filter_by_agency_and_place);

async fn downloads_stream_every_public_row_safely(app: TestApp) {
    let (a, _, _) = open_petition(&app, "=HYPERLINK(\"x\") 增設公共自行車站點").await;
    let (b, _, _) = open_petition(&app, "延長行人綠燈秒數，保障長者").await;
    let csv = get(&app, "/api/v1/downloads/petitions.csv", &[]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(csv.headers["content-disposition"].to_str().unwrap().contains("minyi-petitions.csv"));
    assert!(csv.body.starts_with('\u{feff}'), "a BOM, so spreadsheets read UTF-8");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("id,title,state,jurisdiction"));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with(&format!("{a},\"'=HYPERLINK(\"\"x\"\") 增設公共自行車站點\",open,")), "{}", lines[1]);
    assert!(
        lines[2].starts_with(&format!("{b},\"延長行人綠燈秒數，保障長者\"")) || lines[2].starts_with(&format!("{b},延長行人綠燈秒數，保障長者,")),
        "{}",
        lines[2]
    );
    let jsonl = get(&app, "/api/v1/downloads/petitions.jsonl", &[]).await;
    let rows: Vec<Value> = jsonl.body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![a, b]);
    assert_eq!(rows[0]["title"], "=HYPERLINK(\"x\") 增設公共自行車站點", "JSON keeps the text as it is");
    assert!(rows[0]["opened_at"].as_str().unwrap().ends_with('Z'));
    for name in ["responses.csv", "responses.jsonl", "agencies.csv", "agencies.jsonl"] {
        let r = get(&app, &format!("/api/v1/downloads/{name}"), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert!(!r.body.contains("@example.tw"), "{name}");
    }
    assert_eq!(get(&app, "/api/v1/downloads/users.csv", &[]).await.status, StatusCode::NOT_FOUND);
}
db_test!(downloads_stream_every_public_row_safely);

/// The next SSE event's data on `body`, within two seconds.
pub(super) async fn next_event(body: &mut (impl futures::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin)) -> Value {
    use futures::StreamExt;
    let mut text = String::new();
    loop {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(2), body.next()).await.expect("an event within 2 s").expect("open").unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
        if let Some(data) = text.lines().find_map(|l| l.strip_prefix("data: ")) {
            assert!(text.contains("event: petition"), "{text}");
            return serde_json::from_str(data).unwrap();
        }
    }
}

async fn the_stream_carries_changes_made_on_another_instance(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let (id, _, _) = open_petition(&app, "增設公共自行車站點").await;
    // A second instance on the same database: its clients must see what the first does.
    let other = crate::server::testing::app_on(app.engine, tempfile::tempdir().unwrap(), &app.state.config.database_url, None).await;
    other.state.live.poll(&other.state.db.jobs_pool, other.state.now()).await.unwrap();
    let res = other.router.clone().oneshot(Request::get(format!("/api/v1/stream?petition={id}")).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut body = res.into_body().into_data_stream();
    let first = next_event(&mut body).await;
    assert_eq!((first["petition_id"].as_i64(), first["signature_count"].as_i64(), first["state"].as_str()), (Some(id), Some(0), Some("open")));
    // A signature through the first instance, counted by its roll-up.
    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, "63000", false).await.unwrap();
    app.clock.advance_millis(1000);
    while crate::server::petitions::counting::roll_up(&app.state).await.unwrap() > 0 {}
    other.clock.set(app.state.now());
    assert_eq!(other.state.live.poll(&other.state.db.jobs_pool, other.state.now()).await.unwrap(), 1);
    let update = next_event(&mut body).await;
    assert_eq!(update["signature_count"].as_i64(), Some(1));
    // Nothing is sent twice.
    assert_eq!(other.state.live.poll(&other.state.db.jobs_pool, other.state.now()).await.unwrap(), 0);
    assert_eq!(get(&app, "/api/v1/stream?petition=999999", &[]).await.status, StatusCode::NOT_FOUND);
}
db_test!(the_stream_carries_changes_made_on_another_instance);
