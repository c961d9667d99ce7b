//! Draft regulations, the text itself: chapter titles shown before the article they head,
//! comparison rows that delete an article kept and shown, the form giving back what was
//! saved, the version issued recorded, and a Markdown file read into the form (no JavaScript).
use super::consultations::{agency_id, officer_of};
use super::regulations::notice;
use crate::db_test;
use crate::domain::time::DAY;
use crate::server::regulations::{self, answer, draft};
use crate::server::testing::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

const CHAPTERS: &str = "公路客運補貼辦法修正草案\n\n第一章　總則\n\
第一條　本辦法依公路法第四十三條規定訂定之。\n\
第二條　補貼對象為偏鄉路線。\n\n第二章　補貼\n\
第三條　（一）補貼金額依路線虧損計算。\n\
第四條　本辦法自發布日施行。";

const TABLE: &str = "| 修正條文 | 現行條文 | 說明 |\n|---|---|---|\n\
| 第二條　補貼對象為偏鄉路線。 | 第二條　補貼對象為客運業者。 | 明定補貼對象。 |\n\
|  | 第五條　補貼款項應專款專用。 | 本條刪除，併入第三條。 |";

async fn chapters_deletions_and_the_form_round_trip(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let mut n = notice(motc, st.now(), 30);
    n.draft = CHAPTERS.into();
    n.comparison = TABLE.into();
    let id = draft::save(st, &officer, None, &n).await.unwrap();
    let page = regulations::page(st, Some(&officer), id, 0).await.unwrap();
    let headings: Vec<&str> = page.articles.iter().map(|a| a.heading.as_str()).collect();
    assert_eq!(headings, ["第一條", "第二條", "第三條", "第四條"], "「（一）」 starts the body, it is not a caption");
    assert!(page.articles[2].body_html.contains("（一）補貼金額"));
    // Chapter titles head the article after them, not the end of the one before.
    let divisions: Vec<Vec<String>> = page.articles.iter().map(|a| a.divisions.clone()).collect();
    assert_eq!(divisions, [vec!["第一章　總則".to_string()], vec![], vec!["第二章　補貼".to_string()], vec![]]);
    assert!(!page.articles[1].body_html.contains("第二章") && !page.preamble_html.contains("總則"));
    // The row deleting article 5 is kept beside the articles.
    assert_eq!(page.deletions.len(), 1);
    assert_eq!((page.deletions[0].number.as_str(), page.deletions[0].explanation.as_str()), ("5", "本條刪除，併入第三條。"));
    assert!(page.deletions[0].current.contains("專款專用"));

    // The form gives back what was saved; saving it again changes nothing.
    let form = draft::form(st, &officer, Some(id)).await.unwrap();
    assert!(
        form.draft.contains("## 第一條\n本辦法依公路法") && form.comparison.contains("第五條　補貼款項應專款專用。"),
        "{}\n{}",
        form.draft,
        form.comparison
    );
    let again = crate::domain::regulation::notice::NoticeInput { draft: form.draft.clone(), comparison: form.comparison.clone(), ..n.clone() };
    draft::save(st, &officer, Some(id), &again).await.unwrap();
    let resaved = regulations::page(st, Some(&officer), id, 0).await.unwrap();
    let without_ids = |p: &crate::dto::regulations::RegulationPage| {
        p.articles.iter().map(|a| crate::dto::regulations::ArticleView { id: 0, ..a.clone() }).collect::<Vec<_>>()
    };
    assert_eq!(without_ids(&resaved), without_ids(&page));
    assert_eq!(resaved.deletions, page.deletions);

    // The version issued is recorded: the latest when issuing.
    draft::publish(st, &officer, id).await.unwrap();
    app.clock.advance_millis(31 * DAY);
    answer::conclude(st, &officer, id, "本次預告期間未收到意見，草案依原案修正文字後發布。").await.unwrap();
    assert_eq!(answer::revise(st, &officer, id, &form.draft, "", "文字修正。").await, Ok(2));
    answer::issue(st, &officer, id).await.unwrap();
    assert_eq!(regulations::page(st, None, id, 0).await.unwrap().issued_version, Some(2));
    assert_eq!(answer::revise(st, &officer, id, &form.draft, "", "再修正。").await, Err(crate::error::AppError::Conflict), "not after issuing");
}
db_test!(chapters_deletions_and_the_form_round_trip);

fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "minyi-test-boundary";
    let mut body = Vec::new();
    for (name, file, bytes) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/markdown\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, session: &str, fields: &[(&str, Option<&str>, &[u8])]) -> crate::server::testing::http::Reply {
    let (kind, body) = multipart(fields);
    let req = Request::post("/regulations/upload")
        .header("content-type", kind)
        .header("sec-fetch-site", "same-origin")
        .header("referer", "http://127.0.0.1:3000/regulations/new")
        .header("accept", "text/html")
        .header("cookie", format!("minyi_session={session}"))
        .header("content-length", body.len())
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn a_markdown_file_fills_the_draft_field(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let session = app.staff_session(officer.user_id).await;
    let file = format!("\u{feff}{}", CHAPTERS.replace('\n', "\r\n"));
    let r = upload(&app, &session, &[("into", None, b"draft"), ("file", Some("draft.md"), file.as_bytes())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location().unwrap().to_string();
    assert!(to.starts_with("/regulations/new?flash=") && to.contains("notice=regulation_uploaded"), "{to}");
    let page = app.follow(&r, Some(&session)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("第二章　補貼") && !page.body.contains('\u{feff}'), "the text is in the draft field");
    // Not text: refused next to the file field, and nothing is saved either way.
    let r = upload(&app, &session, &[("file", Some("draft.doc"), &[0xd0, 0xcf, 0x11, 0xe0, 0xa1])]).await;
    let page = app.follow(&r, Some(&session)).await;
    assert!(page.body.contains("id=\"file-error\""), "{}", page.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM regulations").await, 0);
    // Only officers upload.
    let citizen = app.signed_up("citizen@example.tw", "市民").await;
    let r = upload(&app, &citizen, &[("file", Some("draft.md"), CHAPTERS.as_bytes())]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
db_test!(a_markdown_file_fills_the_draft_field);
