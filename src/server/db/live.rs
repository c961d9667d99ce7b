//! Reads for the live figures: what changed since the last poll, and one public petition's
//! state and count (the first event of a stream).
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// A public petition's stored state and count.
pub struct Figure {
    pub petition_id: i64,
    pub state: String,
    pub closes_at: Option<Timestamp>,
    pub signature_count: i64,
}

fn figure(r: &sqlx::any::AnyRow) -> Result<Figure, sqlx::Error> {
    Ok(Figure {
        petition_id: r.try_get("id")?,
        state: r.try_get("state")?,
        closes_at: r.try_get::<Option<i64>, _>("closes_at")?.map(Timestamp),
        signature_count: r.try_get("signature_count")?,
    })
}

/// Public petitions whose count or state changed after `since` (milliseconds).
pub async fn changed_since<'e, E: Executor<'e, Database = Any>>(ex: E, since: i64) -> Result<Vec<Figure>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT id, state, closes_at, signature_count FROM petitions WHERE (count_updated_at > $1 OR updated_at > $1) AND state IN {}",
            states::list(PetitionState::PUBLIC)
        )
    });
    sqlx::query(&SQL).bind(since).fetch_all(ex).await?.iter().map(figure).collect()
}

/// One public petition's figure; `None` if there is no such public petition.
pub async fn public_figure<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<Figure>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!("SELECT id, state, closes_at, signature_count FROM petitions WHERE id = $1 AND state IN {}", states::list(PetitionState::PUBLIC))
    });
    sqlx::query(&SQL).bind(id).fetch_optional(ex).await?.as_ref().map(figure).transpose()
}

/// The database answers (for `/healthz`).
pub async fn ping<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(ex).await.map(|_| ())
}
