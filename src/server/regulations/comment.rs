//! People comment on an article of the latest version, or on the whole draft, while the period
//! runs (read from the clock, like signing windows): late comments are refused.
use crate::domain::regulation::notice::{Phase, parse_comment};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments::{self as comments, NewComment};
use crate::server::db::regulations as db;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

/// What a person posted.
pub struct Comment<'a> {
    pub regulation_id: i64,
    /// An article's number in the latest version ("" for the whole draft).
    pub article: &'a str,
    pub stance: &'a str,
    pub body: &'a str,
    pub wording: &'a str,
    /// "organisation" to comment in the name of one's verified organisation.
    pub speak_as: &'a str,
}

/// Returns the comment's id and the article's number ("" for the whole draft).
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = c.regulation_id))]
pub async fn comment(state: &AppState, me: &SessionUser, ip: &str, c: Comment<'_>) -> Result<(i64, String), AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let text = parse_comment(c.stance, c.body, c.wording).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let r = db::get(&mut **tx, c.regulation_id).await?.filter(|r| r.published_at.is_some()).ok_or(AppError::NotFound)?;
    if r.dates().phase(now) != Phase::Open {
        return Err(AppError::Conflict);
    }
    let version = db::versions(&mut **tx, r.id).await?.pop().ok_or(AppError::NotFound)?;
    let article = match c.article.trim() {
        "" => None,
        number => {
            let articles = db::articles(&mut **tx, version.id).await?;
            let found = articles.into_iter().find(|a| a.number == number);
            Some(found.ok_or(AppError::Invalid(FieldErrors::one("article", FieldError::UnknownChoice)))?)
        }
    };
    let organisation = match c.speak_as.trim() {
        "" => None,
        "organisation" => Some(comments::organisation_of(&mut **tx, me.user_id).await?.ok_or(AppError::Forbidden)?),
        _ => return Err(AppError::Invalid(FieldErrors::one("speak_as", FieldError::UnknownChoice))),
    };
    // Limited like discussion comments (after the checks, so a mistake uses up nothing).
    crate::server::limits::hit(state, Limit::CommentPerAccount, &me.user_id.to_string(), now).await?;
    crate::server::limits::hit(state, Limit::CommentPerIp, ip, now).await?;
    let id = comments::insert(
        &mut **tx,
        NewComment {
            regulation_id: r.id,
            version_id: version.id,
            article_id: article.as_ref().map(|a| a.id),
            author_id: me.user_id,
            organisation_name: organisation.as_deref(),
            text: &text,
            now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok((id, article.map(|a| a.number).unwrap_or_default()))
}
