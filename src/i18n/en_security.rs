//! English: the second factor.
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrWrongCode => "That code is not right, has expired or was already used. Enter the code your app shows now.",
        EmailFactorEnrolledSubject => "A second factor now protects your minyi account",
        EmailFactorEnrolledBody => "You set up a second factor: signing in now needs a code from your authenticator app, or one of your recovery codes.\n\nIf this was not you, reset your password at once and tell the site's administrators:\n\n{reset}",
        EmailFactorRemovedSubject => "The second factor of your minyi account was removed",
        EmailFactorRemovedBody => "Signing in needs only your password again.\n\nIf this was not you, reset your password at once and set up a second factor again:\n\n{reset}",
        EmailRecoveryUsedSubject => "A recovery code was used to sign in to minyi",
        EmailRecoveryUsedBody => "Someone signed in to your account with one of your recovery codes. Each works once; see how many are left here:\n\n{profile}\n\nIf this was not you, reset your password at once and tell the site's administrators.",
        EmailFactorResetSubject => "An administrator reset your minyi second factor",
        EmailFactorResetBody => "Your second factor was removed by an administrator (for example after a lost phone). You will set up a new one the next time you sign in:\n\n{profile}\n\nIf you did not ask for this, tell the site's administrators.",
        SfTitle => "Second factor",
        SfIntro => "With a second factor, signing in needs your password and a 6-digit code from an authenticator app on your phone (for example FreeOTP, Google Authenticator or Microsoft Authenticator). Someone who learns your password still cannot sign in.",
        SfRequired => "Your staff role needs a second factor. Set it up to continue to staff pages.",
        SfStart => "Set up a second factor",
        SfScan => "1. In your authenticator app, add an account and scan this QR code.",
        SfSecretLabel => "Cannot scan? Type this key instead:",
        SfQrLabel => "QR code for your authenticator app",
        FieldCode => "Code",
        HintCode => "2. Enter the 6 digits your app shows now.",
        SfConfirm => "Confirm",
        SfEnrolled => "A second factor protects your account. Recovery codes left: {count}.",
        SfCodesTitle => "Your recovery codes",
        SfCodesBody => "If you lose your phone, each of these codes lets you sign in once. Write them down or print them and keep them somewhere safe: they are shown only now.",
        SfContinue => "I have kept my codes: continue",
        SfRemoveTitle => "Turn off the second factor",
        SfRemoveBody => "Signing in will then need only your password. Enter a current code to confirm.",
        SfRemoveButton => "Turn off",
        SfStaffKeeps => "Staff accounts keep their second factor. If you lose your phone, use a recovery code, or ask an administrator to reset it.",
        SfLoginTitle => "Enter your code",
        SfLoginBody => "Your account has a second factor. Open your authenticator app and enter the code it shows for minyi.",
        HintLoginCode => "6 digits from the app, or one of your recovery codes (like abcde-12345).",
        SfLoginButton => "Sign in",
        SfProfileLink => "Second factor (sign-in code)",
        SfNavNeeded => "Set up your second factor",
        AdminResetFactor => "Reset second factor",
        _ => return None,
    })
}
