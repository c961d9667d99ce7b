use crate::dto::common::{FormFlash, SessionView};
use crate::error::AppError;
use leptos::prelude::*;

/// Who is logged in (for the header menu); `None` for visitors.
#[server(endpoint = "session")]
pub async fn get_session() -> Result<Option<SessionView>, AppError> {
    use crate::domain::second_factor::Factor;
    use crate::server::auth::guard;
    Ok(guard::public().map(|u| SessionView { enrol_second_factor: u.factor == Factor::EnrolRequired, display_name: u.display_name, roles: u.roles }))
}

/// The kept result of a failed no-JavaScript form post, read once.
#[server(endpoint = "flash")]
pub async fn take_flash(id: String) -> Result<Option<FormFlash>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, flash};
    guard::anyone();
    let state = ctx::state()?;
    flash::take(&state, &id).await
}
