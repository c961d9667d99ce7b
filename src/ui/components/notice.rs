//! Confirmation banners named by `?notice=` after a redirect.
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn notice_key(code: &str) -> Option<Key> {
    Some(match code {
        "verified" => Key::NoticeVerified,
        "logged_out" => Key::NoticeLoggedOut,
        "password_reset" => Key::NoticePasswordReset,
        "login_required" => Key::NoticeLoginRequired,
        "saved" => Key::NoticeSaved,
        "invited" => Key::NoticeInvited,
        "invalidated" => Key::NoticeInvalidated,
        "restored" => Key::NoticeRestored,
        "password_changed" => Key::NoticePasswordChanged,
        "account_deleted" => Key::NoticeAccountDeleted,
        "submitted" => Key::NoticeSubmitted,
        "preview" => Key::NoticePreview,
        "withdrawn" => Key::NoticeWithdrawn,
        "sponsored" => Key::NoticeSponsored,
        "signed" => Key::NoticeSigned,
        "already_signed" => Key::NoticeAlreadySigned,
        "signature_confirmed" => Key::NoticeSignatureConfirmed,
        "signature_withdrawn" => Key::NoticeSignatureWithdrawn,
        "claimed" => Key::NoticeClaimed,
        "approved" => Key::NoticeApproved,
        "rejected" => Key::NoticeRejected,
        "published" => Key::NoticePublished,
        "extended" => Key::NoticeExtended,
        "transfer_requested" => Key::NoticeTransferRequested,
        "transfer_decided" => Key::NoticeTransferDecided,
        "rated" => Key::NoticeRated,
        "commented" => Key::NoticeCommented,
        "comment_edited" => Key::NoticeCommentEdited,
        "comment_deleted" => Key::NoticeCommentDeleted,
        "voted" => Key::NoticeVoted,
        "reported" => Key::NoticeReported,
        "already_reported" => Key::NoticeAlreadyReported,
        "moderated" => Key::NoticeModerated,
        "appealed" => Key::NoticeAppealed,
        "appeal_decided" => Key::NoticeAppealDecided,
        "paused" => Key::NoticePaused,
        "resumed" => Key::NoticeResumed,
        "rules_saved" => Key::NoticeRulesSaved,
        "jurisdiction_created" => Key::NoticeJurisdictionCreated,
        "jurisdiction_saved" => Key::NoticeJurisdictionSaved,
        "agency_created" => Key::NoticeAgencyCreated,
        "agency_saved" => Key::NoticeAgencySaved,
        "agency_merged" => Key::NoticeAgencyMerged,
        "item_retired" => Key::NoticeItemRetired,
        "item_restored" => Key::NoticeItemRestored,
        "topic_saved" => Key::NoticeTopicSaved,
        "statement_added" => Key::NoticeStatementAdded,
        "statement_pending" => Key::NoticeStatementPending,
        "statement_voted" => Key::NoticeStatementVoted,
        "strict_on" => Key::NoticeStrictOn,
        "strict_off" => Key::NoticeStrictOff,
        "statement_approved" => Key::NoticeStatementApproved,
        "statement_rejected" => Key::NoticeStatementRejected,
        "consultation_opened" => Key::NoticeConsultationOpened,
        "conclusions_published" => Key::NoticeConclusionsPublished,
        "regulation_saved" => Key::NoticeRegulationSaved,
        "regulation_uploaded" => Key::NoticeRegulationUploaded,
        "regulation_published" => Key::NoticeRegulationPublished,
        "regulation_commented" => Key::NoticeRegulationCommented,
        "regulation_answered" => Key::NoticeRegulationAnswered,
        "regulation_concluded" => Key::NoticeRegulationConcluded,
        "regulation_revised" => Key::NoticeRegulationRevised,
        "regulation_issued" => Key::NoticeRegulationIssued,
        _ => return None,
    })
}

#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || query.read().get("notice").and_then(|c| notice_key(&c)).map(|k| view! { <div class="notice" role="status"><p>{t(k)}</p></div> })
}
