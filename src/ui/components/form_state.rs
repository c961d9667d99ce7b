//! A form's outcome from either path: the action's value (JavaScript) or the
//! kept flash of a plain form post (no JavaScript).
use crate::api::session::take_flash;
use crate::dto::common::FormFlash;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
pub struct FormState {
    pub error: Signal<Option<AppError>>,
    values: Signal<Vec<(String, String)>>,
}

impl FormState {
    /// The value the person typed before a failed no-JS post, if any.
    pub fn value(&self, field: &str) -> Option<String> {
        self.values.get_untracked().into_iter().find(|(k, _)| k == field).map(|(_, v)| v)
    }
    /// A state known when the page is built (a GET form's result).
    pub fn fixed(error: Option<AppError>, values: Vec<(String, String)>) -> Self {
        Self { error: Signal::stored(error), values: Signal::stored(values) }
    }
    pub fn field_error(&self, field: &'static str) -> Signal<Option<crate::domain::validation::FieldError>> {
        let error = self.error;
        Signal::derive(move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get(field).cloned())))
    }
}

/// The page's one flash resource. Reading a flash consumes it, so every form on a page
/// must share one resource: the layout provides it, and forms use it.
#[derive(Clone, Copy)]
struct PageFlash(Resource<Option<FormFlash>>);

pub fn provide_flash() {
    provide_context(PageFlash(new_flash()));
}

/// The flash named in `?flash=`, read once on the server and sent with the page.
pub fn use_flash() -> Resource<Option<FormFlash>> {
    use_context::<PageFlash>().map(|f| f.0).unwrap_or_else(new_flash)
}

fn new_flash() -> Resource<Option<FormFlash>> {
    let query = use_query_map();
    Resource::new(
        move || query.read().get("flash"),
        |id| async move {
            match id {
                Some(id) => take_flash(id).await.ok().flatten(),
                None => None,
            }
        },
    )
}

/// Combine an action's result with the page's flash for form `form`.
pub fn form_state(
    form: impl Into<String>,
    value: impl Fn() -> Option<Result<(), AppError>> + Send + Sync + 'static,
    flash: Resource<Option<FormFlash>>,
) -> FormState {
    let form: std::sync::Arc<str> = form.into().into();
    let mine = move |form: &str| flash.get().flatten().filter(|f| f.form == form);
    let f = form.clone();
    let error = Signal::derive(move || match value() {
        Some(Err(e)) => Some(e),
        Some(Ok(())) => None,
        None => mine(&f).and_then(|f| f.error),
    });
    let values = Signal::derive(move || mine(&form).map(|f| f.values).unwrap_or_default());
    FormState { error, values }
}
