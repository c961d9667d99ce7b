//! English: retention, "Download my data" and the privacy page.
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        EventSignersAnonymised => "Signers' names, email addresses and network addresses were removed, {days} days after this petition ended. The signature count and the county figures stay as they were.",
        FieldRetentionDays => "Keep signers' personal data for (days)",
        HintRetentionDays => "Counted from when a petition closes or is answered. Between 30 and 3,650 days; 183 days is about six months.",
        DataTitle => "Your data",
        DataBody => "Download everything minyi holds about you: your account, signatures, petitions and drafts, comments, votes, reports, moderation decisions about you and the emails we sent you (subject and date), as JSON and CSV files in one ZIP.",
        DataButton => "Download my data (ZIP)",
        NavPrivacy => "Privacy",
        PrivacyTitle => "Privacy: what we keep, why, for how long, and who can see it",
        PrivacyIntro => "minyi collects only what petitions and discussion need, in line with Taiwan's Personal Data Protection Act: personal data is used for the purpose it was given for and deleted when that purpose is reached.",
        PrivacyKeptTitle => "What we keep",
        PrivacyAccount => "Your account: email address, display name, language, county (if you give one) and your notification choices. Needed to sign in and to reach you. Kept until you delete the account. Only you and the site's administrators see your email; your display name appears on what you write.",
        PrivacySignatures => "Your signatures: name, email address, county and the network address you signed from. Needed to count each person once and to find fraud. Kept until the petition ends (closed, withdrawn, or answered), then for the period its jurisdiction sets (below); after that the name, email and network address are removed and only the count and county figures remain. Nobody outside the moderators reviewing fraud sees who signed; the public sees only counts.",
        PrivacyContent => "What you write: petitions, comments, reports and appeals. Published petitions and comments are public, with your display name. Reports and appeals are seen only by moderators.",
        PrivacyStaff => "Staff accounts (agency officers, moderators, administrators) also keep a second-factor key and hashed recovery codes, and an audit log records their actions. Answers are published in the agency's name.",
        PrivacyEmails => "Emails we send you are kept for 7 days after sending, in case delivery fails, then deleted.",
        PrivacySecurity => "Limits against abuse count attempts per address or account, stored only as one-way hashes, and are deleted after two days.",
        PrivacyRetentionTitle => "How long each jurisdiction keeps signers' data",
        PrivacyColJurisdiction => "Jurisdiction",
        PrivacyColDays => "Days after a petition ends",
        PrivacyRightsTitle => "Your rights",
        PrivacyRights => "You can see and correct your account on your profile, download all your data there as a ZIP of JSON and CSV files, and delete your account: your signatures keep counting but no longer say who signed, and we send you no more mail.",
        PrivacyLawTitle => "Why we may keep it",
        PrivacyLaw => "Petitions are a public service that government agencies run under their legal duties; we keep your data only for as long as that service needs it (Personal Data Protection Act, Articles 15, 16 and 11). Questions about your data go to the agency that runs this site.",
        _ => return None,
    })
}
