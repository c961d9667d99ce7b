//! Agencies answer: the workspace (drafts, publication, extension, transfers), the
//! public response and its ratings, accountability figures, and the jobs that remind
//! officers and notify signers. Permission checks come first in every action.
pub mod emails;
pub mod jobs;
pub mod public;
pub mod stats;
pub mod transfer;
pub mod workspace;

use crate::domain::petition::PetitionState;
use crate::domain::response::Point;
use crate::dto::common::AgencyView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::petitions::{self, PetitionRow};
use crate::server::db::responses;

/// A petition as one person may work on it.
pub struct Access {
    pub row: PetitionRow,
    /// The petition's agencies, lead first, with whether the person is one of its officers.
    pub agencies: Vec<(AgencyView, bool)>,
}

impl Access {
    pub fn lead(&self) -> Option<&AgencyView> {
        self.agencies.first().map(|(a, _)| a)
    }
    pub fn serves(&self, agency_id: i64) -> bool {
        self.agencies.iter().any(|(a, member)| a.id == agency_id && *member)
    }
    pub fn serves_lead(&self) -> bool {
        self.agencies.first().is_some_and(|(_, member)| *member)
    }
    pub fn serves_any(&self) -> bool {
        self.agencies.iter().any(|(_, m)| *m)
    }
    pub fn is_lead(&self, agency_id: i64) -> bool {
        self.lead().is_some_and(|a| a.id == agency_id)
    }
}

/// Load a petition that is owed (or has) an answer, with the person's relation to it.
pub async fn access(ex: &mut sqlx::AnyConnection, me: &SessionUser, id: i64) -> Result<Access, AppError> {
    let row = petitions::get(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
    if !matches!(row.petition.state, PetitionState::Established | PetitionState::Answered) {
        return Err(AppError::NotFound);
    }
    let officer = guard::may(me, Permission::ActForAgency);
    let agencies = responses::agencies_for(&mut *ex, id, me.user_id).await?.into_iter().map(|(a, m)| (a, m && officer)).collect();
    Ok(Access { row, agencies })
}

pub fn points_json(points: &[Point]) -> String {
    serde_json::to_string(points).unwrap_or_else(|_| "[]".into())
}

pub fn points_from_json(s: &str) -> Vec<Point> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Timeline details name agencies in both languages: "zh|en".
pub fn both_names(a: &AgencyView) -> String {
    format!("{}|{}", a.name_zh, a.name_en)
}
