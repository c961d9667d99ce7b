//! Translation keys for domain values (states, reasons, timeline events).
use crate::domain::discussion::{ActionKind, Reason};
use crate::domain::petition::{PetitionState, RejectReason};
use crate::i18n::{Key, Locale};

pub fn state_key(s: PetitionState) -> Key {
    match s {
        PetitionState::Draft => Key::StateDraft,
        PetitionState::AwaitingSponsors => Key::StateAwaitingSponsors,
        PetitionState::InReview => Key::StateInReview,
        PetitionState::Open => Key::StateOpen,
        PetitionState::Established => Key::StateEstablished,
        PetitionState::Answered => Key::StateAnswered,
        PetitionState::Closed => Key::StateClosed,
        PetitionState::Rejected => Key::StateRejected,
        PetitionState::Hidden => Key::StateHidden,
        PetitionState::Withdrawn => Key::StateWithdrawn,
    }
}

pub fn reject_reason_key(r: RejectReason) -> Key {
    match r {
        RejectReason::Duplicate => Key::ReasonDuplicate,
        RejectReason::OutsideRemit => Key::ReasonOutsideRemit,
        RejectReason::UnclearOrPersonal => Key::ReasonUnclearOrPersonal,
        RejectReason::Offensive => Key::ReasonOffensive,
        RejectReason::Defamatory => Key::ReasonDefamatory,
        RejectReason::Advertising => Key::ReasonAdvertising,
        RejectReason::PersonalData => Key::ReasonPersonalData,
    }
}

/// A timeline entry in words. Rejection details are reason codes, shown translated.
pub fn event_text(l: Locale, kind: &str, detail: &str) -> String {
    // Agency names are stored as "zh|en"; counts as plain numbers.
    let named = match detail.split_once('|') {
        Some((zh, en)) => {
            if l == Locale::En {
                en
            } else {
                zh
            }
        }
        None => detail,
    };
    let key = match kind {
        "created" => Key::EventCreated,
        "awaiting_sponsors" => Key::EventAwaitingSponsors,
        "in_review" => Key::EventInReview,
        "open" => Key::EventOpen,
        "established" => return l.event_established(named),
        "second_tier" => return l.event_second_tier(named),
        "closed" => return l.event_closed(named),
        "rejected" | "hidden" => {
            let base = l.text(if kind == "rejected" { Key::EventRejected } else { Key::EventHidden });
            return match RejectReason::from_code(detail) {
                Some(r) => format!("{base}: {}", l.text(reject_reason_key(r))),
                None => base.to_string(),
            };
        }
        "withdrawn" => Key::EventWithdrawn,
        "agencies_changed" => return l.event_agencies_changed(named),
        "extended" => return l.event_extended(named),
        "answered" => return l.event_answered(named),
        "response_amended" => return l.event_response_amended(named),
        "section_published" => return l.event_section_published(named),
        "response_overdue" => Key::EventResponseOverdue,
        "response_extended" => {
            let (days, reason) = detail.split_once('|').unwrap_or((detail, ""));
            return l.event_response_extended(days, reason);
        }
        "lead_transferred" => {
            // "from zh|from en|to zh|to en|reason"
            let parts: Vec<&str> = detail.splitn(5, '|').collect();
            let pick = |i: usize| parts.get(i + usize::from(l == Locale::En)).copied().unwrap_or_default();
            return l.event_lead_transferred(pick(0), parts.get(4).copied().unwrap_or_default(), pick(2));
        }
        "signatures_invalidated" => {
            // "count|reason code|explanation"
            let parts: Vec<&str> = detail.splitn(3, '|').collect();
            let part = |i: usize| parts.get(i).copied().unwrap_or_default();
            let reason = crate::domain::fraud::InvalidationReason::from_code(part(1)).map(|r| l.text(invalidation_reason_key(r))).unwrap_or_default();
            return l.event_signatures_invalidated(part(0), part(2), reason);
        }
        "agency_merged" => {
            // "from zh|from en|to zh|to en"
            let parts: Vec<&str> = detail.splitn(4, '|').collect();
            let pick = |i: usize| parts.get(i + usize::from(l == Locale::En)).copied().unwrap_or_default();
            return l.event_agency_merged(pick(0), pick(2));
        }
        "signers_anonymised" => return l.event_signers_anonymised(detail),
        "signatures_restored" => return l.event_signatures_restored(detail),
        "establishment_reversed" => return l.event_establishment_reversed(detail),
        other => return other.to_string(),
    };
    l.text(key).to_string()
}

pub fn action_kind_key(k: ActionKind) -> Key {
    match k {
        ActionKind::Dismiss => Key::KindDismiss,
        ActionKind::Hide => Key::KindHide,
        ActionKind::Restore => Key::KindRestore,
        ActionKind::Lock => Key::KindLock,
        ActionKind::Unlock => Key::KindUnlock,
        ActionKind::Suspend => Key::KindSuspend,
        ActionKind::LiftSuspension => Key::KindLift,
        ActionKind::AppealUpheld => Key::KindAppealUpheld,
        ActionKind::AppealRejected => Key::KindAppealRejected,
    }
}

/// An action kind stored as a code, in words (the code itself if unknown).
pub fn action_kind_text(l: Locale, code: &str) -> String {
    match code {
        "invalidate_signatures" => l.text(Key::FraudLogInvalidate).to_string(),
        "restore_signatures" => l.text(Key::FraudLogRestore).to_string(),
        _ => ActionKind::from_code(code).map(|k| l.text(action_kind_key(k)).to_string()).unwrap_or_else(|| code.to_string()),
    }
}

pub fn mod_reason_key(r: Reason) -> Key {
    match r {
        Reason::Spam => Key::ModReasonSpam,
        Reason::Offensive => Key::ModReasonOffensive,
        Reason::PersonalData => Key::ModReasonPersonalData,
        Reason::OffTopic => Key::ModReasonOffTopic,
        Reason::Other => Key::ModReasonOther,
    }
}

pub fn mod_reason_text(l: Locale, code: &str) -> String {
    match (Reason::from_code(code), crate::domain::fraud::InvalidationReason::from_code(code)) {
        (Some(r), _) => l.text(mod_reason_key(r)).to_string(),
        (None, Some(r)) => l.text(invalidation_reason_key(r)).to_string(),
        (None, None) => code.to_string(),
    }
}

pub fn mod_reason_options(l: Locale) -> Vec<(String, String)> {
    Reason::ALL.iter().map(|r| (r.code().to_string(), l.text(mod_reason_key(*r)).to_string())).collect()
}

pub fn content_status_key(status: &str) -> Key {
    match status {
        "held" => Key::StatusHeld,
        "hidden" => Key::StatusHidden,
        "deleted" => Key::StatusDeleted,
        _ => Key::StatusVisible,
    }
}

pub fn invalidation_reason_key(r: crate::domain::fraud::InvalidationReason) -> Key {
    use crate::domain::fraud::InvalidationReason as R;
    match r {
        R::CoordinatedBurst => Key::InvalidReasonCoordinatedBurst,
        R::Automated => Key::InvalidReasonAutomated,
        R::FakeAddresses => Key::InvalidReasonFakeAddresses,
        R::Other => Key::InvalidReasonOther,
    }
}

pub fn role_key(r: crate::domain::role::Role) -> Key {
    use crate::domain::role::Role;
    match r {
        Role::Officer => Key::RoleOfficer,
        Role::Moderator => Key::RoleModerator,
        Role::Admin => Key::RoleAdmin,
    }
}

pub fn stage_label(s: crate::domain::consultation::Stage) -> Key {
    use crate::domain::consultation::Stage;
    match s {
        Stage::Planning => Key::ConsultStagePlanning,
        Stage::Execution => Key::ConsultStageExecution,
        Stage::Evaluation => Key::ConsultStageEvaluation,
    }
}

pub fn phase_label(p: crate::domain::consultation::Phase) -> Key {
    use crate::domain::consultation::Phase;
    match p {
        Phase::Upcoming => Key::ConsultPhaseUpcoming,
        Phase::Open => Key::ConsultPhaseOpen,
        Phase::AwaitingConclusions => Key::ConsultPhaseAwaiting,
        Phase::Overdue => Key::ConsultPhaseOverdue,
        Phase::Concluded => Key::ConsultPhaseConcluded,
    }
}
