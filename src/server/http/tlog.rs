//! The transparency log over HTTP, outside Leptos: the signed checkpoint, the verifier
//! key and the C2SP tlog-tiles (hash tiles and entry bundles) under `/log/`, and the
//! signers' receipts. Full tiles never change, so they are cacheable forever.
use super::caching::IMMUTABLE;
use crate::domain::email::EmailAddress;
use crate::domain::tlog::tiles::{self, Tile, TileKind};
use crate::server::auth::session::SessionUser;
use crate::server::auth::tokens;
use crate::server::db::{signatures, tlog};
use crate::server::error::ServerError;
use crate::server::state::AppState;
use crate::server::tlog::receipts;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

const TEXT: &str = "text/plain; charset=utf-8";

fn public(content_type: &'static str, cache: &'static str, body: impl IntoResponse) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, cache), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], body).into_response()
}

fn failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "transparency log request failed");
    (StatusCode::SERVICE_UNAVAILABLE, [(header::CACHE_CONTROL, "no-store")], "temporarily unavailable\n").into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, TEXT), (header::CACHE_CONTROL, "public, max-age=2")], "not found\n").into_response()
}

/// `GET /log/checkpoint`: the newest signed checkpoint.
pub async fn checkpoint(State(state): State<AppState>) -> Response {
    match tlog::head(&state.db.read_pool).await {
        Ok(head) => match head.checkpoint {
            Some(note) => public(TEXT, "public, max-age=2, stale-if-error=300", note),
            None => not_found(),
        },
        Err(e) => failed(e),
    }
}

/// `GET /log/key`: the verifier key, in the signed-note format.
pub async fn key(State(state): State<AppState>) -> Response {
    public(TEXT, "public, max-age=300", format!("{}\n", state.tlog.vkey))
}

/// `GET /log/tile/...`: a hash tile or an entry bundle, if the log has reached it.
pub async fn tile(State(state): State<AppState>, Path(path): Path<String>) -> Response {
    let Some((kind, tile)) = Tile::parse_path(&format!("tile/{path}")) else {
        return not_found();
    };
    let head = match tlog::head(&state.db.read_pool).await {
        Ok(h) => h,
        Err(e) => return failed(e),
    };
    if !tile.is_within(head.tree_size) {
        return not_found();
    }
    let data = match kind {
        TileKind::Hashes => hash_tile(&state, &tile).await,
        TileKind::Entries => entry_bundle(&state, &tile).await,
    };
    let cache = if tile.is_full() { IMMUTABLE } else { "public, max-age=60" };
    match data {
        Ok(bytes) => public("application/octet-stream", cache, bytes),
        Err(e) => failed(e),
    }
}

async fn hash_tile(state: &AppState, tile: &Tile) -> Result<Vec<u8>, ServerError> {
    let indexes = tiles::tile_hash_indexes(tile).ok_or_else(|| ServerError::Log("tile out of range".into()))?;
    let mut conn = state.db.read_pool.acquire().await?;
    let hashes = tlog::hashes(&mut conn, &indexes).await?;
    tiles::read_tile_data(tile, &hashes).map_err(|e| ServerError::Log(e.to_string()))
}

async fn entry_bundle(state: &AppState, tile: &Tile) -> Result<Vec<u8>, ServerError> {
    let range = tile.positions().ok_or_else(|| ServerError::Log("tile out of range".into()))?;
    let entries = tlog::entries(&state.db.read_pool, range.start, range.end).await?;
    if entries.len() as u64 != range.end - range.start {
        return Err(ServerError::Log(format!("entries {range:?} incomplete")));
    }
    tiles::encode_entries(&entries).map_err(|e| ServerError::Log(format!("{e:?}")))
}

fn receipt_response(r: Option<receipts::SignerReceipt>) -> Response {
    match r {
        Some(r) => (
            [
                (header::CONTENT_TYPE, TEXT.to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"minyi-receipt-{}.txt\"", r.petition_id)),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            r.text,
        )
            .into_response(),
        // Not logged yet (seconds after signing) or not counting: the page says which.
        None => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, TEXT), (header::CACHE_CONTROL, "no-store")], "no receipt yet\n").into_response(),
    }
}

/// `GET /petitions/{id}/receipt`: the signed-in person's receipt for their signature.
pub async fn my_receipt(State(state): State<AppState>, me: Option<Extension<SessionUser>>, Path(id): Path<i64>) -> Response {
    let Some(Extension(me)) = me else {
        return Redirect::to("/login?next=/me/signatures").into_response();
    };
    let Ok(email) = EmailAddress::parse(&me.email) else {
        return receipt_response(None);
    };
    let found = async {
        let Some(sig) = tlog::signature_of(&state.db.read_pool, id, me.user_id, &email.normalized()).await? else {
            return Ok(None);
        };
        receipts::for_signature(&state.db, sig).await
    };
    match found.await {
        Ok(r) => receipt_response(r),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: String,
}

/// `GET /sign/receipt?token=…`: a visitor's receipt, through the link in their confirmation mail.
pub async fn visitor_receipt(State(state): State<AppState>, Query(q): Query<TokenQuery>) -> Response {
    let found = async {
        match signatures::by_token(&state.db.read_pool, &tokens::hash(&q.token)).await? {
            Some(sig) if sig.confirmed_at.is_some() => receipts::for_signature(&state.db, sig.id).await,
            _ => Ok::<_, ServerError>(None),
        }
    };
    match found.await {
        Ok(r) => receipt_response(r),
        Err(e) => failed(e),
    }
}
