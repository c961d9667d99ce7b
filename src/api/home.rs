use crate::dto::common::{AgencyView, JurisdictionView};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "jurisdictions")]
pub async fn list_jurisdictions() -> Result<Vec<JurisdictionView>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, db::agencies};
    guard::anyone();
    let state = ctx::state()?;
    Ok(agencies::jurisdictions(&state.db.pool).await?)
}

/// The agencies the signed-in officer answers for.
#[server(endpoint = "my_agencies")]
pub async fn my_agencies() -> Result<Vec<AgencyView>, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, db::agencies};
    let me = guard::with(Permission::ActForAgency)?;
    let state = ctx::state()?;
    Ok(agencies::for_user(&state.db.pool, me.user_id).await?)
}
