//! How a form server function answers: on success, send the browser on (both
//! with and without JavaScript); on failure, return the error, and for a
//! no-JavaScript post also keep it for the page it returns to.
#[cfg(feature = "ssr")]
pub async fn finish<T>(
    result: Result<T, crate::error::AppError>,
    form: &str,
    values: Vec<(&str, String)>,
    success_to: &str,
) -> Result<T, crate::error::AppError> {
    finish_to(result, form, values, |_| success_to.to_string()).await
}

/// Like `finish`, with the destination computed from the result (e.g. a new id).
#[cfg(feature = "ssr")]
pub async fn finish_to<T>(
    result: Result<T, crate::error::AppError>,
    form: &str,
    values: Vec<(&str, String)>,
    success_to: impl FnOnce(&T) -> String,
) -> Result<T, crate::error::AppError> {
    match result {
        Ok(v) => {
            leptos_axum::redirect(&success_to(&v));
            Ok(v)
        }
        Err(e) => {
            let state = crate::server::ctx::state()?;
            Err(crate::server::flash::fail(&state, form, values, e).await)
        }
    }
}
