//! The review queue: submitted proposals waiting for a moderator, oldest first.
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

pub struct QueueRow {
    pub id: i64,
    pub title: String,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    pub submitted_at: Timestamp,
    pub review_due_at: Timestamp,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<Timestamp>,
    pub claimer: Option<String>,
}

pub async fn queue<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<QueueRow>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT p.id, p.title, p.submitted_at, p.review_due_at, p.claimed_by, p.claimed_until, j.name_zh, j.name_en, u.display_name AS claimer
             FROM petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id LEFT JOIN users u ON u.id = p.claimed_by
             WHERE p.state = {} ORDER BY p.submitted_at, p.id",
            states::one(PetitionState::InReview)
        )
    });
    sqlx::query(&SQL)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| {
            Ok(QueueRow {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                jurisdiction_zh: r.try_get("name_zh")?,
                jurisdiction_en: r.try_get("name_en")?,
                submitted_at: Timestamp(r.try_get("submitted_at")?),
                review_due_at: Timestamp(r.try_get("review_due_at")?),
                claimed_by: r.try_get("claimed_by")?,
                claimed_until: r.try_get::<Option<i64>, _>("claimed_until")?.map(Timestamp),
                claimer: r.try_get("claimer")?,
            })
        })
        .collect()
}
