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
    ErrWrongPassword, ErrInvalidCharacters, ErrHiddenCharacters, ErrUnknownChoice, ErrConfirmationMismatch,
    ErrInvalidForm, ErrBadCredentials, ErrEmailNotVerified, ErrUnauthenticated, ErrForbidden,
    ErrNotFound, ErrInvalidToken, ErrRateLimited, ErrNetwork, ErrInternal, ErrBadRequest,
    // Emails
    EmailGreeting, EmailFooter, EmailVerifySubject, EmailVerifyBody, EmailResetSubject,
    EmailResetBody, EmailExistsSubject, EmailExistsBody,
    // Petition errors
    ErrConflict, ErrPaused, ErrSigningClosed, ErrNotClaimed, ErrInvalidUrl, ErrTooMany, ErrTooSmall, ErrTooLarge, ErrNotANumber,     // Petition emails
    EmailSignerName, EmailApprovedSubject, EmailApprovedBody, EmailRejectedSubject, EmailRejectedBody, EmailConfirmSignatureSubject, EmailConfirmSignatureBody, EmailAlreadySignedBody, EmailEstablishedSubject, EmailEstablishedBody, EmailClosedSubject, EmailClosedBody,     // Petition labels
    StateDraft, StateAwaitingSponsors, StateInReview, StateOpen, StateEstablished, StateClosed, StateRejected, StateHidden, StateWithdrawn, ReasonDuplicate, ReasonOutsideRemit, ReasonUnclearOrPersonal, ReasonOffensive, ReasonDefamatory, ReasonAdvertising, ReasonPersonalData, EventCreated, EventAwaitingSponsors, EventInReview, EventOpen, EventEstablished, EventSecondTier, EventClosed, EventRejected, EventHidden, EventWithdrawn, EventAgenciesChanged, EventExtended,
    // Petition pages
    NavPetitions, NavPropose, NavMyPetitions, NavMySignatures, PetitionsTitle, PetitionsResults, PetitionsCount, PetitionsNone, PageNav, PagePrev, PageNext, FilterSearch, FilterState, FilterAll, FilterOpen, FilterEstablished, FilterClosed, FilterRejected, FilterSort, FilterApply, SortMostSigned, SortNewest, SortEnding, SortTrending, HomeNearThreshold, HomeEndingSoon, HomeEstablished, HomeAnswered, HomeAnsweredNone, PetitionProgress, PetitionProgressTitle, PetitionDaysLeft, PetitionEndsToday, PetitionEnded, PetitionProposedBy, PetitionOpenedOn, PetitionResponseDue, PetitionSecondTier, PetitionAgencies, AgencyLead, AgencyCo, PetitionWithdraw, ChartTitle, ChartThreshold, ChartSummary, MapTitle, MapCaption, MapCounty, MapSigners, TimelineTitle, ShareTitle, RejectedTitle, RejectSeeOriginal,     // Signing
    SignTitle, SignSubmit, SignSubmitGuest, SignNotify, SignDone, SignWithdraw, SignNoWithdrawal, SignClosed, SignPaused, SignLoginFirst, FieldSignerName, HintSignerName, HintSignerEmail, FieldCounty, HintCounty, ChooseOne, SignSentTitle, SignSentBody, SignConfirmTitle, SignConfirmBody, SignConfirmSubmit, SignedOn,     // Proposing
    ProposeTitle, FieldTitle, HintTitle, FieldProblem, HintProblem, FieldAction, HintAction, FieldBenefits, HintBenefits, FieldEvidence, HintEvidence, FieldCategory, FieldJurisdiction, HintJurisdiction, FieldAgencies, FieldAgency, HintAgencies, ProposeSaveDraft, ProposePreview, ProposeSubmit, SimilarTitle, SimilarNone, OwnerTitle, DraftPreviewBody, DraftEdit, ReviewExpected, SponsorTitle, SponsorBody, SponsorSubmit, SponsorProgress, SponsorShare, MyPetitionsTitle, MyPetitionsNone, MySignaturesTitle, MySignaturesNone,     // Review
    QueueEmpty, QueueSubmitted, QueueDue, QueueOverdue, QueueClaimedBy, QueueClaimedByMe, QueueUnclaimed, ReviewTitle, ReviewClaimTitle, ReviewClaim, ReviewApproveTitle, ReviewApproveBody, ReviewApprove, ReviewRejectTitle, ReviewReject, FieldRejectReason, HintRejectReason, FieldDuplicateOf, HintDuplicateOf, FieldExplanation, HintExplanation, ReviewReassignTitle, FieldReassignReason, ReviewReassign, ReviewReassignEstablished,     // Admin site
    AdminSiteTitle, PauseTitle, PauseBody, PauseActive, PauseProposing, PauseSigning, PauseMessageZh, PauseMessageEn, PauseStart, PauseEnd, PauseBannerLabel, PauseBannerClocks, RulesTitle, RuleThreshold, RuleSigningDays, RuleResponseDays, RuleSecondTier, HintSecondTier, RuleSponsors, RuleMaxAgencies, RuleReviewDays, RuleWithdrawal, RulesFrozenNote, CategoryTitle, CategoryBody, CategoryCode, HintCategoryCode, CategoryNameZh, CategoryNameEn,     // Notices
    NoticeSubmitted, NoticePreview, NoticeWithdrawn, NoticeSponsored, NoticeSigned, NoticeAlreadySigned, NoticeSignatureConfirmed, NoticeSignatureWithdrawn, NoticeClaimed, NoticeApproved, NoticeRejected,
    // Agency responses
    StateAnswered, FilterAnswered, NoticePublished, NoticeExtended, NoticeTransferRequested, NoticeTransferDecided, NoticeRated, EmailReminder14Subject, EmailReminder3Subject, EmailReminderOverdueSubject, EmailReminderBody, EmailTransferSubject, EmailTransferBody, EmailAnsweredSubject, EmailAnsweredBody, EventAnswered, EventResponseAmended, EventSectionPublished, EventResponseOverdue, EventResponseExtended, EventLeadTransferred, ResponseOverdueBy, ResponseDaysLeft, ResponseTitle, ResponseLeadAgency, ResponseSectionTitle, ResponsePublishedOn, ResponseAmendedOn, ResponseVersionsLink, ResponsePublishedBy, ResponsePointsCaption, ResponsePointCol, ResponsePositionCol, ResponseReasonCol, ResponseLinks, ResponseNone, ResponseExtension, PositionAccepted, PositionPartly, PositionNotAccepted, RatingTitle, RatingCounts, RatingHelpful, RatingNotHelpful, RatingDone, RatingWho, ResponseWorkspaceLink, VersionsTitle, VersionLabel, InboxTitle, InboxAll, InboxAwaiting, InboxDrafting, InboxAnswered, InboxOverdue, InboxFilterLabel, InboxNone, InboxPetition, InboxAgency, InboxRole, InboxSignatures, InboxDue, InboxStatus, RoleLead, RoleCo, DraftSaved, TransfersTitle, TransferLine, TransferAccept, TransferDecline, WorkspaceAgency, WorkspaceProposal, WorkspaceCurrent, WorkspaceFormTitle, WorkspaceSectionFormTitle, FieldSummary, HintSummary, FieldDetails, HintDetails, PointLegend, FieldPointText, FieldPointPosition, FieldPointReason, HintPointReason, FieldResponseLinks, HintResponseLinks, SaveDraft, PublishResponse, PublishSection, PublishHint, ExtendTitle, FieldExtendDays, HintExtendDays, FieldExtendReason, ExtendButton, ExtendedAlready, TransferTitle, FieldTransferTo, FieldTransferReason, TransferButton, TransferAdminButton, TransferPending, TransferHint, AgenciesTitle, AgenciesIntro, AgenciesChartTitle, AgencyCol, ReceivedCol, OnTimeCol, LateCol, OverdueCol, MedianCol, P90Col, HelpfulCol, SortBy, AgencyPetitions, NavAgencies, UnsubscribeTitle, UnsubscribeBody, UnsubscribeButton, UnsubscribeDone, UnsubscribeInvalid, EmailUnsubscribeLine,
    // Discussion and moderation (texts in *_discussion.rs)
    NavModLog, NavReports, DiscussionTitle, DiscussionCount, DiscussionSortLabel, SortOldest, SortSupported, DiscussionEmpty, DiscussionLocked, DiscussionClosed, DiscussionLogin, FieldComment, FieldReply, HintComment, FieldAsAgency, AsMyself, CommentSubmit, ReplySubmit, ReplyLink, EditLink, EditSubmit, DeleteButton, ReportLink, ModerateLink, CancelLink, CommentDeleted, CommentHeld, CommentHidden, CommentAuthorSuspended, CommentEdited, BadgeProposer, BadgeAgency, VoteUpCount, VoteDownCount, VoteUpLabel, VoteDownLabel, CommentsPages, PageOf, ReportTitle, ReportPetitionLink, FieldReportReason, FieldReportDetails, HintReportDetails, ReportSubmit, ModReasonSpam, ModReasonOffensive, ModReasonPersonalData, ModReasonOffTopic, ModReasonOther, PetitionHeld, PetitionHiddenText, NoticeCommented, NoticeCommentEdited, NoticeCommentDeleted, NoticeVoted, NoticeReported, NoticeAlreadyReported, NoticeModerated, NoticeAppealed, NoticeAppealDecided, ReportsTitle, ReportsIntro, ReportsNone, QueueItemComment, QueueItemPetition, QueueAuthor, QueueReports, QueueStatus, QueueLocked, StatusVisible, StatusHeld, StatusHidden, StatusDeleted, QueueOwn, FieldModReason, FieldModExplanation, FieldSuspendLength, Len1, Len7, Len30, Len90, LenPermanent, DecideTitle, SuspendTitle, KindDismiss, KindHide, KindRestore, KindLock, KindUnlock, KindSuspend, KindLift, KindAppealUpheld, KindAppealRejected, AppealsTitle, AppealsNone, AppealAgainst, AppealOwn, AppealUphold, AppealReject, SuspendedTitle, SuspendedNone, SuspendedUntil, DecisionTitle, DecisionKind, DecisionReason, DecisionExplanation, DecisionDate, AppealTitle, FieldAppeal, HintAppeal, AppealSubmit, AppealFiled, AppealPending, AppealUpheldText, AppealRejectedText, ModLogTitle, ModLogIntro, ModLogFigures, ModLogEntries, ColMonth, ColReports, ColActions, ColMedianAct, ColAppeals, ColDate, ColKind, ColReason, ColTarget, ColModerator, TargetComment, TargetPetition, TargetUser, ExcerptLabel, AppealOfEntry, SuspendedUntilShort, ModLogEmpty, EmailModSubject, EmailModBody, EmailModAppeal, EmailModSee, EmailAppealSubject, EmailAppealUpheld, EmailAppealRejected, ErrSuspended, ErrSuspendedForever,
    // Open data
    DevTitle, DevIntro, DevDocLink, DevConventions, DevTimestamps, DevErrors, DevCaching, DevRateLimit, DevPrivacy, DevLicenceTitle, DevLicence, DevEndpoints, NavDevelopers,
    FeedOpenedTitle, FeedEstablishedTitle, FeedResponsesTitle, FeedCountSummary, FeedResponseEntry, FeedTimelineTitle, DevFeedsTitle, DevFeeds,
    DevDownloadsTitle, DevDownloads, DevDownloadPetitions, DevDownloadResponses, DevDownloadAgencies,
    // Fraud review
    EmailUnestablishedSubject, EmailUnestablishedBody, EmailFraudAlertSubject, EmailFraudAlertBody, EventSignaturesInvalidated, EventSignaturesRestored, EventEstablishmentReversed, InvalidReasonCoordinatedBurst, InvalidReasonAutomated, InvalidReasonFakeAddresses, InvalidReasonOther, FraudTitle, FraudIntro, FraudCounts, FraudMinutesTitle, FraudUsual, FraudMinuteCol, FraudCountCol, FraudBurst, FraudBlocksTitle, FraudDomainsTitle, FraudAgentsTitle, FraudGroupCol, FraudFlaggedCol, FraudCluster, FraudUnknown, FraudUse, FraudSelectTitle, FieldBlock, FieldDomain, FieldAgent, FieldFrom, FieldUntil, FieldFlaggedOnly, HintSelection, FraudPreviewButton, FraudPreview, FraudInvalidateTitle, FieldInvalidReason, FieldInvalidExplanation, HintInvalidExplanation, FraudInvalidateButton, FraudHistoryTitle, FraudRestore, FraudRestoredOn, FraudNone, FraudLink, FraudAlertsTitle, NoticeInvalidated, NoticeRestored, FraudLogInvalidate, FraudLogRestore, FraudLogCount,
    // Organisation set-up (texts in *_org.rs)
    AdminOrgTitle, OrgIntro, OrgJurisdictionsTitle, OrgAgenciesTitle, OrgAddJurisdiction, OrgAddAgency, FieldLevel, FieldContact, HintContact, HintCodeFixed, LevelNational, LevelMunicipality, LevelCounty, LevelCity, OrgColName, OrgColCode, OrgColLevel, OrgColAgencies, OrgColStatus, OrgColMembers, OrgColPetitions, OrgActive, OrgRetired, OrgMergedInto, OrgEdit, OrgRetireButton, OrgRestoreButton, OrgRetireTitle, OrgJurisdictionRetireHint, OrgAgencyRetireHint, OrgTopicRetireHint, OrgMergeTitle, OrgMergeHint, FieldMergeInto, OrgMergeButton, OrgMergeNone, OrgEditTitle, OrgRulesLink, OrgBackLink, OrgNewRulesHint, EventAgencyMerged, ErrTaken, ErrStillNeeded, AgencyRetiredNote, AgencyContact, EmailInviteSubject, EmailInviteBody, InviteTitle, InviteBody, FieldInviteName, FieldRole, FieldInviteAgency, HintInviteAgency, InviteButton, NoticeInvited, ErrInvalidDate, ErrInThePast, BannerTitle, BannerBody, FieldBannerLevel, BannerInfo, BannerWarning, FieldBannerZh, FieldBannerEn, FieldBannerEnds, HintBannerEnds, BannerPost, BannerCurrent, BannerRemove, BannerUntil, BannerLabel,
    // Second factor (texts in *_security.rs)
    ErrWrongCode, EmailFactorEnrolledSubject, EmailFactorEnrolledBody, EmailFactorRemovedSubject, EmailFactorRemovedBody, EmailRecoveryUsedSubject, EmailRecoveryUsedBody, EmailFactorResetSubject, EmailFactorResetBody, SfTitle, SfIntro, SfRequired, SfStart, SfScan, SfSecretLabel, SfQrLabel, FieldCode, HintCode, SfConfirm, SfEnrolled, SfCodesTitle, SfCodesBody, SfContinue, SfRemoveTitle, SfRemoveBody, SfRemoveButton, SfStaffKeeps, SfLoginTitle, SfLoginBody, HintLoginCode, SfLoginButton, SfProfileLink, SfNavNeeded, AdminResetFactor,
    // Retention, data download and the privacy page (texts in *_privacy.rs)
    EventSignersAnonymised, FieldRetentionDays, HintRetentionDays, DataTitle, DataBody, DataButton, NavPrivacy, PrivacyTitle, PrivacyIntro, PrivacyKeptTitle, PrivacyAccount, PrivacySignatures, PrivacyContent, PrivacyStaff, PrivacyEmails, PrivacySecurity, PrivacyRetentionTitle, PrivacyColJurisdiction, PrivacyColDays, PrivacyRightsTitle, PrivacyRights, PrivacyLawTitle, PrivacyLaw,
    // Outages (texts in *_faults.rs)
    ErrUnavailable, OutageTitle, OutageBody, OutageRetry, StaleNotice,
    OutageKept, OutageSendAgain, OutageBackToForm, OutagePasswordNotKept,
}
