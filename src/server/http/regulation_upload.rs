//! `POST /regulations/upload`: a Markdown (or plain text) file read into the draft or the
//! comparison table field of the notice form. A plain multipart form, so it works without
//! JavaScript: the browser comes back to the form with the file's text in the field, to check
//! and save (nothing is saved by uploading).
use crate::domain::regulation::articles::{COMPARISON_MAX, DRAFT_MAX};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::forms;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::flash;
use crate::server::state::AppState;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// The form's field the text goes into, and the most characters it takes.
fn target(name: &str) -> (&'static str, usize) {
    if name == "comparison" { ("comparison", COMPARISON_MAX) } else { ("draft", DRAFT_MAX) }
}

/// The file's text: UTF-8 (a byte order mark dropped), Windows line ends made plain.
pub fn read(bytes: &[u8], max_chars: usize) -> Result<String, FieldError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FieldError::NotText)?;
    if text.contains('\0') {
        return Err(FieldError::NotText);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match text.chars().count() {
        0 => Err(FieldError::Required),
        n if n > max_chars => Err(FieldError::TooLong { max: max_chars }),
        _ => Ok(text),
    }
}

pub async fn post(State(state): State<AppState>, me: Option<Extension<SessionUser>>, headers: HeaderMap, mut parts: Multipart) -> Response {
    let Some(Extension(me)) = me else {
        return Redirect::to("/login?next=/regulations/new").into_response();
    };
    if guard::allow(&me, Permission::ActForAgency).is_err() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let (mut id, mut into, mut file) = (None::<i64>, "draft".to_string(), None::<Vec<u8>>);
    loop {
        match parts.next_field().await {
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_string();
                let Ok(bytes) = part.bytes().await else { return StatusCode::PAYLOAD_TOO_LARGE.into_response() };
                match name.as_str() {
                    "id" => id = std::str::from_utf8(&bytes).ok().and_then(|s| s.trim().parse().ok()),
                    "into" => into = String::from_utf8_lossy(&bytes).into_owned(),
                    "file" => file = Some(bytes.to_vec()),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => return (e.status(), e.body_text()).into_response(),
        }
    }
    // Changing a saved notice: only one still unpublished, of an agency this officer serves.
    if let Some(id) = id
        && crate::server::regulations::draft::form(&state, &me, Some(id)).await.is_err()
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (field, max) = target(&into);
    let back = match id {
        Some(id) => format!("/regulations/new?id={id}"),
        None => "/regulations/new".to_string(),
    };
    let (kept, notice, anchor) = match file.as_deref().map(|b| read(b, max)).unwrap_or(Err(FieldError::Required)) {
        Ok(text) => {
            tracing::info!(user = me.user_id, field, chars = text.chars().count(), "draft regulation file read");
            (flash::keep_plain(&state, &headers, forms::REGULATION, None, vec![(field, text)]).await, "&notice=regulation_uploaded", format!("#{field}"))
        }
        Err(e) => {
            let error = Some(AppError::Invalid(FieldErrors::one("file", e)));
            // No fragment: the error summary takes focus, which a fragment's target would prevent.
            (flash::keep_plain(&state, &headers, forms::REGULATION, error, vec![]).await, "", String::new())
        }
    };
    let Some((flash_id, cookie)) = kept else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let sep = if back.contains('?') { '&' } else { '?' };
    let mut res = Redirect::to(&format!("{back}{sep}flash={flash_id}{notice}{anchor}")).into_response();
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_must_be_utf8_text() {
        assert_eq!(read("\u{feff}第一條　本法\r\n第二條".as_bytes(), 100), Ok("第一條　本法\n第二條".into()));
        assert_eq!(read(&[0xff, 0xfe, 0x31, 0x00], 100), Err(FieldError::NotText));
        assert_eq!(read(b"a\0b", 100), Err(FieldError::NotText));
        assert_eq!(read(b"", 100), Err(FieldError::Required));
        assert_eq!(read("一二三".as_bytes(), 2), Err(FieldError::TooLong { max: 2 }));
    }
}
