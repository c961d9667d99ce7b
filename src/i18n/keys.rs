/// Declares `Key` and `Key::ALL` from one list, so tests can walk every key.
macro_rules! keys {
    ($($k:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($k),* }
        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$k),*];
        }
    };
}

keys! {
    // Layout
    SiteName, SiteTagline, SkipToContent, NavMainLabel, NavHome, NavLogin, NavRegister, NavProfile,
    NavLogout, NavAdmin, NavAgency, NavModeration, FooterAbout, FooterSource, LanguageLabel,
    LanguageSwitch, SignedInAs, AccountMenuLabel,
    // Home
    HomeTitle, HomeIntro, HomeHowTitle, HomeHowPropose, HomeHowSign, HomeHowRespond,
    HomeRulesTitle, RulesThreshold, RulesResponse, HomeGetStarted, HomeJurisdictionCol,
    HomeThresholdCol, HomeResponseCol,
    // Register
    RegisterTitle, FieldDisplayName, HintDisplayName, FieldEmail, HintEmail, FieldPassword,
    HintPassword, RegisterSubmit, RegisterHaveAccount, RegisterSentTitle, RegisterSentBody,
    // Verify
    VerifyTitle, VerifyBody, VerifySubmit, VerifyMissingToken, VerifyPasswordHint,
    // Login
    LoginTitle, LoginSubmit, LoginForgot, LoginNoAccount, NoticeVerified, NoticeLoggedOut,
    NoticePasswordReset, NoticeLoginRequired,
    // Reset
    ResetTitle, ResetBody, ResetSubmit, ResetSentTitle, ResetSentBody, ResetConfirmTitle,
    FieldNewPassword, FieldConfirmPassword, ResetConfirmSubmit,
    // Profile
    ProfileTitle, ProfileNameTitle, SaveButton, ProfilePasswordTitle, FieldCurrentPassword,
    ProfilePasswordSubmit, ProfileLanguageTitle, FieldLanguage, ProfileNotifyTitle, NotifySigned,
    NotifyProposed, ProfileDeleteTitle, ProfileDeleteBody, FieldConfirmDelete, ProfileDeleteSubmit,
    NoticeSaved, NoticePasswordChanged, NoticeAccountDeleted, ProfileEmail, ProfileRoles,
    // Admin
    AdminUsersTitle, AdminSearchLabel, AdminSearchSubmit, AdminColName, AdminColEmail,
    AdminColVerified, AdminColRoles, AdminColAgencies, AdminGrant, AdminRevoke, AdminAddAgency,
    AdminRemove, AdminNoUsers, AdminAgencyLabel, AdminRoleLabel, Yes, No, RoleCitizen, RoleOfficer,
    RoleModerator, RoleAdmin,
    // Staff pages
    AgencyTitle, AgencyBody, AgencyNone, ModerationTitle, ModerationBody,
    // Generic
    NotFoundTitle, NotFoundBody, Loading, ErrorSummaryTitle,
    // Errors
    ErrRequired, ErrTooShort, ErrTooLong, ErrInvalidEmail, ErrWeakPassword, ErrPasswordMismatch,
    ErrWrongPassword, ErrInvalidCharacters, ErrUnknownChoice, ErrConfirmationMismatch,
    ErrInvalidForm, ErrBadCredentials, ErrEmailNotVerified, ErrUnauthenticated, ErrForbidden,
    ErrNotFound, ErrInvalidToken, ErrRateLimited, ErrNetwork, ErrInternal,
    // Emails
    EmailGreeting, EmailFooter, EmailVerifySubject, EmailVerifyBody, EmailResetSubject,
    EmailResetBody, EmailExistsSubject, EmailExistsBody,
    // Petition errors
    ErrConflict, ErrPaused, ErrSigningClosed, ErrNotClaimed, ErrInvalidUrl, ErrTooMany, ErrTooSmall, ErrTooLarge, ErrNotANumber,     // Petition emails
    EmailSignerName, EmailApprovedSubject, EmailApprovedBody, EmailRejectedSubject, EmailRejectedBody, EmailConfirmSignatureSubject, EmailConfirmSignatureBody, EmailAlreadySignedBody, EmailEstablishedSubject, EmailEstablishedBody, EmailClosedSubject, EmailClosedBody,     // Petition labels
    StateDraft, StateAwaitingSponsors, StateInReview, StateOpen, StateEstablished, StateClosed, StateRejected, StateHidden, StateWithdrawn, ReasonDuplicate, ReasonOutsideRemit, ReasonUnclearOrPersonal, ReasonOffensive, ReasonDefamatory, ReasonAdvertising, ReasonPersonalData, EventCreated, EventAwaitingSponsors, EventInReview, EventOpen, EventEstablished, EventSecondTier, EventClosed, EventRejected, EventHidden, EventWithdrawn, EventAgenciesChanged, EventExtended,
}
