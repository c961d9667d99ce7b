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

/// The page's flash for form `form`: the error and typed values of its failed post.
/// (Every page form is a plain HTML post, also with JavaScript on: pages are not hydrated,
/// only the islands are, so a failed post always comes back as a flash.)
pub fn form_state(form: impl Into<String>, flash: Resource<Option<FormFlash>>) -> FormState {
    let form: std::sync::Arc<str> = form.into().into();
    let mine = move |form: &str| flash.get().flatten().filter(|f| f.form == form);
    let f = form.clone();
    let error = Signal::derive(move || mine(&f).and_then(|f| f.error));
    let values = Signal::derive(move || mine(&form).map(|f| f.values).unwrap_or_default());
    FormState { error, values }
}

/// The page's flash for `form`, once it has been read (inside a `Suspense`).
pub async fn page_form(form: impl Into<String>) -> FormState {
    let flash = use_flash();
    let _ = flash.await;
    form_state(form, flash)
}

/// A form that shows its failed post's error and typed values again: renders `children`
/// with the form's state once the page's flash has been read.
/// `<FlashForm form=forms::LOGIN let:state> ... </FlashForm>`
#[component]
pub fn FlashForm<F, IV>(#[prop(into)] form: String, children: F) -> impl IntoView
where
    F: Fn(FormState) -> IV + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let children = std::sync::Arc::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (form, children) = (form.clone(), children.clone());
                Suspend::new(async move { children(page_form(form).await) })
            }}
        </Suspense>
    }
}
