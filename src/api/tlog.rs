//! The public face of the signature transparency log: the `/log` page's figures, and the
//! entry texts the browser's receipt check needs.
use crate::dto::tlog::LogOverview;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "log_state")]
pub async fn log_state() -> Result<LogOverview, AppError> {
    use crate::server::auth::guard;
    use crate::server::ctx;
    use crate::server::db::{tlog, tlog_overview};
    guard::anyone();
    let state = ctx::state()?;
    let db = &state.db.read_pool;
    let head = tlog::head(db).await?;
    Ok(LogOverview {
        origin: state.config.log_origin(),
        tree_size: head.tree_size,
        checkpoint: head.checkpoint,
        keys: tlog_overview::keys(db).await?,
        petitions: tlog_overview::petition_counts(db).await?,
    })
}

/// The texts of up to `count` entries from `start`, a multiple of 256, within the published
/// tree. Asked for a whole tile, the server learns which 256 leaves hold the entry to check,
/// not which one (the receipt itself never leaves the browser).
#[server(endpoint = "log_entries")]
pub async fn log_entries(start: u64, count: u16) -> Result<Vec<String>, AppError> {
    use crate::domain::tlog::tiles::TILE_WIDTH;
    use crate::server::auth::guard;
    use crate::server::ctx;
    use crate::server::db::tlog;
    guard::anyone();
    let (count, width) = (u64::from(count), u64::from(TILE_WIDTH));
    if count == 0 || count > width || !start.is_multiple_of(width) {
        return Err(AppError::BadRequest);
    }
    let state = ctx::state()?;
    let db = &state.db.read_pool;
    // Only what a checkpoint covers, as the entry tiles serve it.
    let end = start.saturating_add(count).min(tlog::head(db).await?.tree_size);
    if start >= end {
        return Ok(Vec::new());
    }
    Ok(tlog::entries(db, start, end).await?)
}

/// The visitor's signature behind a confirmation link: confirmed yet, receipt ready yet.
/// The token is the proof of access (as for confirming); an unknown one is `NotFound`.
#[server(endpoint = "visitor_signature")]
pub async fn visitor_signature(token: String) -> Result<crate::dto::tlog::VisitorSignature, AppError> {
    use crate::server::auth::guard;
    use crate::server::ctx;
    use crate::server::tlog::receipts;
    guard::anyone();
    let state = ctx::state()?;
    let (petition_id, confirmed, receipt_ready) = receipts::visitor_status(&state.db, &token).await?.ok_or(AppError::NotFound)?;
    Ok(crate::dto::tlog::VisitorSignature { petition_id, confirmed, receipt_ready })
}

/// The verifier key the log signs with now (as served at `/log/key`).
#[server(endpoint = "log_key")]
pub async fn log_key() -> Result<String, AppError> {
    crate::server::auth::guard::anyone();
    Ok(crate::server::ctx::state()?.tlog.vkey.clone())
}
