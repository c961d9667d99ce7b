//! Admins edit a jurisdiction's rules. Petitions already open keep the rules frozen onto them.
use crate::domain::petition::Rules;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{rules, users};
use crate::server::state::AppState;

pub struct RulesInput<'a> {
    pub signature_threshold: &'a str,
    pub signing_days: &'a str,
    pub response_days: &'a str,
    pub sponsors_needed: &'a str,
    pub second_tier_threshold: &'a str,
    pub max_agencies: &'a str,
    pub review_working_days: &'a str,
    pub allow_signature_withdrawal: bool,
}

fn number(e: &mut FieldErrors, field: &str, raw: &str, min: i64, max: i64) -> i64 {
    match raw.trim().parse::<i64>() {
        Ok(n) if n < min => {
            e.add(field, FieldError::TooSmall { min });
            0
        }
        Ok(n) if n > max => {
            e.add(field, FieldError::TooLarge { max });
            0
        }
        Ok(n) => n,
        Err(_) if raw.trim().is_empty() => {
            e.add(field, FieldError::Required);
            0
        }
        Err(_) => {
            e.add(field, FieldError::NotANumber);
            0
        }
    }
}

impl RulesInput<'_> {
    pub fn parse(&self) -> Result<Rules, FieldErrors> {
        let mut e = FieldErrors::new();
        let r = Rules {
            signature_threshold: number(&mut e, "signature_threshold", self.signature_threshold, 1, 100_000_000),
            signing_days: number(&mut e, "signing_days", self.signing_days, 1, 366),
            response_days: number(&mut e, "response_days", self.response_days, 1, 366),
            sponsors_needed: number(&mut e, "sponsors_needed", self.sponsors_needed, 0, 100),
            second_tier_threshold: match self.second_tier_threshold.trim() {
                "" => None,
                raw => Some(number(&mut e, "second_tier_threshold", raw, 1, 100_000_000)),
            },
            max_agencies: number(&mut e, "max_agencies", self.max_agencies, 1, 10),
            review_working_days: number(&mut e, "review_working_days", self.review_working_days, 1, 60),
            allow_signature_withdrawal: self.allow_signature_withdrawal,
        };
        if let Some(second) = r.second_tier_threshold
            && e.get("second_tier_threshold").is_none()
            && second <= r.signature_threshold
        {
            e.add("second_tier_threshold", FieldError::TooSmall { min: r.signature_threshold + 1 });
        }
        if e.is_empty() { Ok(r) } else { Err(e) }
    }
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn update(state: &AppState, me: &SessionUser, jurisdiction_id: i64, input: &RulesInput<'_>) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let r = input.parse().map_err(AppError::Invalid)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !rules::update(&mut **tx, jurisdiction_id, &r).await? {
        return Err(AppError::NotFound);
    }
    users::audit(&mut **tx, Some(me.user_id), "rules.update", &jurisdiction_id.to_string(), &format!("{r:?}"), now).await?;
    tx.commit().await?;
    Ok(())
}
