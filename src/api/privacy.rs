//! The privacy page's figures: how long each jurisdiction keeps signers' data. Public.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionPeriod {
    pub name_zh: String,
    pub name_en: String,
    pub days: i64,
}

/// Public (no sign-in): the same figures the retention job uses.
#[server(endpoint = "retention_periods")]
pub async fn retention_periods() -> Result<Vec<RetentionPeriod>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, db::org};
    guard::anyone();
    let state = ctx::state()?;
    let all = org::jurisdictions(&state.db.pool).await?;
    Ok(all.into_iter().filter(|j| !j.retired).map(|j| RetentionPeriod { name_zh: j.name_zh, name_en: j.name_en, days: j.retention_days }).collect())
}
