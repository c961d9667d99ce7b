//! Drive the real router in-process, as a browser would (same-origin form posts).
use super::TestApp;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode};
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (for downloads that are not text).
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok())
    }
    /// The value of a cookie this response sets.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.split(';').next()?.strip_prefix(&format!("{name}=")).map(str::to_string))
    }
}

pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// How a request is sent: from JavaScript (fetch) or as a plain HTML form.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Js,
    Html,
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let what = format!("{} {}", req.method(), req.uri());
        let res = tokio::time::timeout(std::time::Duration::from_secs(20), self.router.clone().oneshot(req))
            .await
            .unwrap_or_else(|_| panic!("no answer within 20 s to {what}"))
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 8 * 1024 * 1024).await.expect("body");
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    /// Follow a no-JavaScript form's redirect as the same browser would (with the key
    /// cookie to its kept form result, and the session if any).
    pub async fn follow(&self, r: &Reply, session: Option<&str>) -> Reply {
        let mut cookies = Vec::new();
        if let Some(key) = r.set_cookie(crate::server::flash::OWNER_COOKIE) {
            cookies.push(format!("{}={key}", crate::server::flash::OWNER_COOKIE));
        }
        if let Some(s) = session {
            cookies.push(format!("minyi_session={s}"));
        }
        let to = r.location().expect("a redirect");
        self.send(Request::get(to).header("accept", "text/html").header("cookie", cookies.join("; ")).body(Body::empty()).unwrap()).await
    }

    pub async fn get(&self, path: &str, session: Option<&str>) -> Reply {
        let mut req = Request::get(path).header("accept", "text/html");
        if let Some(s) = session {
            req = req.header("cookie", format!("minyi_session={s}"));
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// POST a form to `path` from the page `from`, same-origin.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)], session: Option<&str>, via: Via, from: &str) -> Reply {
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("referer", format!("http://127.0.0.1:3000{from}"))
            .header("accept", if via == Via::Html { "text/html,application/xhtml+xml" } else { "application/json" });
        if let Some(s) = session {
            req = req.header("cookie", format!("minyi_session={s}"));
        }
        let body = form_encode(fields);
        req = req.header("content-length", body.len());
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Call a server function as the app's JavaScript would.
    pub async fn call(&self, endpoint: &str, fields: &[(&str, &str)], session: Option<&str>) -> Reply {
        self.post(&format!("/api/{endpoint}"), fields, session, Via::Js, "/").await
    }

    /// Register, confirm and log in; returns the session cookie value.
    pub async fn signed_up(&self, email: &str, name: &str) -> String {
        let pw = "quiet river lantern 42";
        let r = self.call("register", &[("display_name", name), ("email", email), ("password", pw)], None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let token = self.last_link_token(email, "/verify").await;
        let r = self.call("verify_email", &[("token", &token), ("password", pw)], None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        self.login(email, pw).await
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let r = self.call("login", &[("email", email), ("password", password)], None).await;
        assert_eq!(r.status, StatusCode::OK, "login failed: {}", r.body);
        let session = r.set_cookie("minyi_session").expect("session cookie");
        let has_factor = sqlx::query("SELECT f.user_id FROM totp_factors f JOIN users u ON u.id = f.user_id WHERE u.email = $1 AND f.confirmed_at IS NOT NULL")
            .bind(email)
            .fetch_optional(&self.state.db.pool)
            .await
            .unwrap()
            .is_some();
        if has_factor {
            self.pass_second_factor(&session, email).await;
        }
        session
    }
}
