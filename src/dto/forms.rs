//! Form names, shared by the server function that answers a form (`api::form::finish`
//! keeps a failed post's error and typed values under the name) and the page that shows
//! them again (`ui::components::form_state`). One spelling, so the two cannot drift.

// Accounts
pub const REGISTER: &str = "register";
pub const VERIFY: &str = "verify";
pub const LOGIN: &str = "login";
pub const RESET: &str = "reset";
pub const RESET_CONFIRM: &str = "reset_confirm";
pub const SECOND_FACTOR: &str = "second_factor";
pub const SECOND_FACTOR_LOGIN: &str = "second_factor_login";
pub const SECOND_FACTOR_REMOVE: &str = "second_factor_remove";
pub const PROFILE_NAME: &str = "profile_name";
pub const PROFILE_PASSWORD: &str = "profile_password";
pub const PROFILE_PREFERENCES: &str = "profile_preferences";
pub const PROFILE_DELETE: &str = "profile_delete";
pub const FOLLOW_MAIL: &str = "follow_mail";

// Following
pub const FOLLOW: &str = "follow";

// Petitions
pub const PROPOSE: &str = "propose";
pub const SUBMIT: &str = "submit";
pub const WITHDRAW: &str = "withdraw";
pub const SPONSOR: &str = "sponsor";
pub const SIGN: &str = "sign";
pub const SIGN_GUEST: &str = "sign_guest";
pub const CONFIRM_SIGNATURE: &str = "confirm_signature";
pub const WITHDRAW_SIGNATURE: &str = "withdraw_signature";

// Review, fraud and site administration
pub const CLAIM: &str = "claim";
pub const APPROVE: &str = "approve";
pub const REJECT: &str = "reject";
pub const REASSIGN: &str = "reassign";
pub const INVALIDATE: &str = "invalidate";
pub const RESTORE: &str = "restore";
pub const ADMIN: &str = "admin";
/// The admin users page's organisation forms: one per row, one flash per page (the kept
/// `user_id` names the row a failure belongs to).
pub const ADMIN_ORGANISATION: &str = "admin_organisation";
pub const INVITE: &str = "invite";
pub const BANNER: &str = "banner";
pub const PAUSE: &str = "pause";
pub const RESUME: &str = "resume";
pub const JURISDICTION_NEW: &str = "jurisdiction_new";
pub const AGENCY_NEW: &str = "agency_new";
pub const TOPIC: &str = "topic";

// Agencies and answers
pub const RESPONSE: &str = "response";
pub const EXTEND: &str = "extend";
pub const TRANSFER: &str = "transfer";
pub const DECIDE: &str = "decide";
pub const RATE: &str = "rate";

// Discussion and moderation
pub const COMMENT: &str = "comment";
pub const APPEAL: &str = "appeal";

// Deliberation
pub const STATEMENT: &str = "statement";
pub const STATEMENT_VOTE: &str = "statement_vote";
pub const STATEMENT_STRICT: &str = "statement_strict";
pub const STATEMENT_DECIDE: &str = "statement_decide";

// Consultations
pub const CONSULTATION: &str = "consultation";
pub const CONCLUSIONS: &str = "conclusions";

// Draft regulations
pub const REGULATION: &str = "regulation";
pub const REGULATION_PUBLISH: &str = "regulation_publish";
pub const REGULATION_ANSWER: &str = "regulation_answer";
pub const REGULATION_OVERALL: &str = "regulation_overall";
pub const REGULATION_VERSION: &str = "regulation_version";
pub const REGULATION_ISSUE: &str = "regulation_issue";

/// A jurisdiction's edit form.
pub fn jurisdiction(id: impl std::fmt::Display) -> String {
    format!("jurisdiction_{id}")
}
/// An agency's edit form.
pub fn agency(id: impl std::fmt::Display) -> String {
    format!("agency_{id}")
}
/// Retiring (or restoring) a jurisdiction or an agency: `kind` is `jurisdiction` or `agency`.
pub fn retire(kind: &str, id: impl std::fmt::Display) -> String {
    format!("retire_{kind}_{id}")
}
/// Merging an agency into another.
pub fn merge(id: impl std::fmt::Display) -> String {
    format!("merge_{id}")
}
/// A jurisdiction's petition rules.
pub fn rules(jurisdiction_id: impl std::fmt::Display) -> String {
    format!("rules_{jurisdiction_id}")
}
/// A comment on a draft regulation's article (its number), or on the whole draft ("").
pub fn regulation_comment(article: &str) -> String {
    if article.is_empty() { "regulation_comment".into() } else { format!("regulation_comment_{article}") }
}
/// A reply under a comment.
pub fn reply(parent: impl std::fmt::Display) -> String {
    format!("reply_{parent}")
}
/// Editing a comment.
pub fn edit(comment: impl std::fmt::Display) -> String {
    format!("edit_{comment}")
}
/// A comment's own buttons (delete, vote).
pub fn comment(id: impl std::fmt::Display) -> String {
    format!("comment_{id}")
}
/// Reporting a comment or a petition (`target` is its key, e.g. `comment:7`).
pub fn report(target: impl std::fmt::Display) -> String {
    format!("report_{target}")
}
/// A moderator's decision on an item of the queue.
pub fn moderate(target: impl std::fmt::Display) -> String {
    format!("mod_{target}")
}
/// Deciding an appeal.
pub fn appeal_decision(appeal_id: impl std::fmt::Display) -> String {
    format!("appeal_{appeal_id}")
}
