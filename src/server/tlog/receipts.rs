//! A signer's receipt (C2SP tlog-proof@v1): the salt, the leaf index, the inclusion path and
//! the newest checkpoint. Stored hashes never change once written, so reading the head and
//! then the hashes it needs is consistent without a transaction.
use crate::domain::tlog::{proof, receipt::Receipt};
use crate::server::db::{Db, tlog};
use crate::server::error::ServerError;

/// A finished receipt, for the petition it belongs to.
pub struct SignerReceipt {
    pub petition_id: i64,
    pub text: String,
}

/// `None` while no checkpoint covers the signature yet (seconds after signing), or when it
/// does not count in the log (withdrawn, invalidated, or its salt erased).
pub async fn for_signature(db: &Db, signature_id: i64) -> Result<Option<SignerReceipt>, ServerError> {
    let Some((index, salt, petition_id)) = tlog::receipt_leaf(&db.read_pool, signature_id).await? else {
        return Ok(None);
    };
    let head = tlog::head(&db.read_pool).await?;
    let Some(checkpoint) = head.checkpoint.filter(|_| index < head.tree_size) else {
        return Ok(None);
    };
    let indexes = proof::record_proof_indexes(head.tree_size, index).unwrap_or_default();
    let mut conn = db.read_pool.acquire().await?;
    let hashes = tlog::hashes(&mut conn, &indexes).await?;
    let path = proof::prove_record(head.tree_size, index, &hashes).map_err(|e| ServerError::Log(e.to_string()))?;
    let extra = hex::decode(&salt).map_err(|e| ServerError::Log(format!("stored salt: {e}")))?;
    let text = Receipt { extra: Some(extra), index, path, checkpoint }.to_text();
    Ok(Some(SignerReceipt { petition_id, text }))
}

/// Where a visitor's signature stands, from the token in their confirmation mail:
/// (petition, confirmed, receipt ready); `None` for an unknown token.
pub async fn visitor_status(db: &Db, token: &str) -> Result<Option<(i64, bool, bool)>, ServerError> {
    let hash = crate::server::auth::tokens::hash(token.trim());
    let Some(sig) = crate::server::db::signatures::by_token(&db.read_pool, &hash).await? else {
        return Ok(None);
    };
    let confirmed = sig.confirmed_at.is_some();
    let ready = confirmed && ready(db, sig.id).await?;
    Ok(Some((sig.petition_id, confirmed, ready)))
}

async fn ready(db: &Db, signature_id: i64) -> Result<bool, ServerError> {
    let Some((index, _, _)) = tlog::receipt_leaf(&db.read_pool, signature_id).await? else {
        return Ok(false);
    };
    Ok(index < tlog::head(&db.read_pool).await?.tree_size)
}
