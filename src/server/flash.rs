//! Without JavaScript a form posts to its server function and the browser is sent
//! back to the form. A failure is kept here (errors and input, never passwords)
//! and the form page reads it once via `?flash=<id>`. It belongs to the browser that
//! posted: that browser holds a random key in a short-lived HttpOnly cookie, the kept
//! result stores the key's hash, and a link with the id shows nothing to anyone else.
use super::ctx;
use super::db;
use super::state::AppState;
use crate::domain::time::MINUTE;
use crate::dto::common::FormFlash;
use crate::error::AppError;

/// The cookie holding the browser's key to its kept form results.
pub const OWNER_COOKIE: &str = "minyi_form";
const KEPT_MINUTES: i64 = 10;

/// Return `err` to the caller; for a no-JS form post, also keep it for the page
/// and send the browser back there.
pub async fn fail(state: &AppState, form: &str, values: Vec<(&str, String)>, err: AppError) -> AppError {
    if !ctx::is_html_form_post() {
        return err;
    }
    if let Some(id) = store(state, form, Some(err.clone()), values).await {
        leptos_axum::redirect(&back_to(&id));
    }
    err
}

/// Keep a result for this browser to read once (both with and without JavaScript);
/// its id for `?flash=`.
pub async fn keep(state: &AppState, form: &str, values: Vec<(&str, String)>) -> Option<String> {
    store(state, form, None, values).await
}

/// The longest value kept: the longest field any form takes (a regulation's comparison table),
/// so a refused form never comes back cut short. The request body limit bounds the total.
const VALUE_MAX: usize = crate::domain::regulation::articles::COMPARISON_MAX;

async fn store(state: &AppState, form: &str, error: Option<AppError>, values: Vec<(&str, String)>) -> Option<String> {
    let (id, cookie) = store_for(state, ctx::cookie(OWNER_COOKIE), form, error, values).await?;
    ctx::set_cookie(cookie);
    Some(id)
}

/// Keep a result from a plain handler (outside Leptos): given the browser's cookie value, the
/// id for `?flash=` and the cookie to set on the answer.
pub async fn keep_plain(
    state: &AppState,
    headers: &http::HeaderMap,
    form: &str,
    error: Option<AppError>,
    values: Vec<(&str, String)>,
) -> Option<(String, String)> {
    store_for(state, super::http::cookies::get(headers, OWNER_COOKIE), form, error, values).await
}

async fn store_for(state: &AppState, cookie: Option<String>, form: &str, error: Option<AppError>, values: Vec<(&str, String)>) -> Option<(String, String)> {
    let flash =
        FormFlash { form: form.to_string(), error, values: values.into_iter().map(|(k, v)| (k.to_string(), v.chars().take(VALUE_MAX).collect())).collect() };
    let (id, _) = super::auth::tokens::generate(16);
    // One key per browser for a while, so two tabs' results both stay readable.
    let key = cookie.filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit())).unwrap_or_else(|| super::auth::tokens::generate(16).0);
    let payload = serde_json::to_string(&flash).unwrap_or_default();
    match db::flash::insert(&state.db.pool, &id, &super::auth::tokens::hash(&key), &payload, state.now()).await {
        Ok(()) => {
            let secure = if state.config.secure_cookies { "; Secure" } else { "" };
            Some((id, format!("{OWNER_COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", KEPT_MINUTES * 60)))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store form flash");
            None
        }
    }
}

/// The page the form was posted from, with `flash=<id>` replacing any earlier one.
fn back_to(id: &str) -> String {
    let referer =
        ctx::parts().and_then(|p| p.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string)).unwrap_or_else(|| "/".into());
    with_flash(&referer, id)
}

fn with_flash(referer: &str, id: &str) -> String {
    // Keep only the path and query: never redirect off-site.
    let path_and_query = crate::domain::url::referer_path(referer);
    let (path, query) = path_and_query.split_once('?').unwrap_or((&path_and_query, ""));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with("flash=")).collect();
    let flash = format!("flash={id}");
    params.push(&flash);
    format!("{path}?{}", params.join("&"))
}

pub async fn take(state: &AppState, id: &str) -> Result<Option<FormFlash>, AppError> {
    let Some(key) = ctx::cookie(OWNER_COOKIE) else { return Ok(None) };
    let not_before = state.now().plus_millis(-KEPT_MINUTES * MINUTE);
    let payload = db::flash::take(&state.db.pool, id, &super::auth::tokens::hash(&key), not_before).await?;
    Ok(payload.and_then(|p| serde_json::from_str(&p).ok()))
}

#[cfg(test)]
mod tests {
    use super::with_flash;

    #[test]
    fn flash_urls_stay_on_site_and_replace_old_ids() {
        assert_eq!(with_flash("http://127.0.0.1:3000/register", "ab"), "/register?flash=ab");
        assert_eq!(with_flash("https://x.tw/reset/confirm?token=t&flash=old", "ab"), "/reset/confirm?token=t&flash=ab");
        assert_eq!(with_flash("https://x.tw", "ab"), "/?flash=ab");
        assert_eq!(with_flash("//evil.example/x", "ab"), "/?flash=ab");
        assert_eq!(with_flash("https://x.tw//evil.example/x", "ab"), "/?flash=ab");
    }
}
