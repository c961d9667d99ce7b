//! Texts of the emails, in the recipient's language.
use crate::domain::validation::is_spoofing;
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;

fn compose(locale: Locale, to: &str, name: &str, subject: Key, body: String) -> OutgoingEmail {
    compose_text(locale, to, name, locale.text(subject).to_string(), body)
}

/// Separates the footer (RFC 3676 signature separator, kept as is by format=flowed).
pub const SIGNATURE: &str = "\n-- \n";

/// An email with a greeting, the body and the footer. Lines are never hard-wrapped: a cut
/// inside Chinese text shows as a line starting with "，"; the transport carries long lines
/// with quoted-printable soft breaks, which the reader never sees.
pub fn compose_text(locale: Locale, to: &str, name: &str, subject: String, body: String) -> OutgoingEmail {
    let greeting = locale.email_greeting(name);
    let text = format!("{greeting}\n\n{body}\n{SIGNATURE}{}\n", locale.text(Key::EmailFooter));
    OutgoingEmail { to: to.to_string(), subject: visible(&subject), body: visible(&text), list_unsubscribe: String::new() }
}

/// Titles and names come from people: drop direction overrides and invisible characters
/// (refused on input anyway) so no text can disguise what surrounds it.
fn visible(text: &str) -> String {
    text.chars().filter(|c| !is_spoofing(*c)).collect()
}

/// The language a composed body was written in, told by its footer (the outbox keeps the
/// text only); the default language when no footer matches (an older text).
pub fn locale_of(body: &str) -> Locale {
    Locale::ALL.into_iter().find(|l| body.contains(&format!("{SIGNATURE}{}", l.text(Key::EmailFooter)))).unwrap_or_default()
}

/// The body as text/plain; format=flowed (RFC 3676): no line ends in a space (each is a
/// hard break, none flows into the next) and lines starting with a space, ">" or "From "
/// are space-stuffed. The signature separator "-- " keeps its space.
pub fn flowed(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    for line in body.split('\n') {
        let line = line.trim_end_matches('\r');
        let line = if line == "-- " { line } else { line.trim_end_matches([' ', '\t']) };
        if line.starts_with([' ', '>']) || line.starts_with("From ") {
            out.push(' ');
        }
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out
}

pub fn verify_email(locale: Locale, to: &str, name: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let link = format!("{base_url}/verify?token={token}");
    let body = locale.email_verify_body(link);
    compose(locale, to, name, Key::EmailVerifySubject, body)
}

pub fn reset_password(locale: Locale, to: &str, name: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let link = format!("{base_url}/reset/confirm?token={token}");
    let body = locale.email_reset_body(link);
    compose(locale, to, name, Key::EmailResetSubject, body)
}

/// A staff member's first link: set a password (the reset page), valid for 7 days.
pub fn staff_invitation(locale: Locale, to: &str, name: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let link = format!("{base_url}/reset/confirm?token={token}");
    let body = locale.email_invite_body(link, base_url);
    compose(locale, to, name, Key::EmailInviteSubject, body)
}

/// A change to how the account signs in; says what to do if it was not them.
pub fn security_notice(locale: Locale, to: &str, name: &str, subject: Key, body: Key, base_url: &str) -> OutgoingEmail {
    let (profile, reset) = (format!("{base_url}/profile/second-factor"), format!("{base_url}/reset"));
    let body = match body {
        Key::EmailFactorEnrolledBody => locale.email_factor_enrolled_body(reset),
        Key::EmailFactorRemovedBody => locale.email_factor_removed_body(reset),
        Key::EmailRecoveryUsedBody => locale.email_recovery_used_body(profile),
        Key::EmailFactorResetBody => locale.email_factor_reset_body(profile),
        other => locale.text(other).to_string(),
    };
    compose(locale, to, name, subject, body)
}

pub fn already_registered(locale: Locale, to: &str, name: &str, base_url: &str) -> OutgoingEmail {
    let body = locale.email_exists_body(format!("{base_url}/login"), format!("{base_url}/reset"));
    compose(locale, to, name, Key::EmailExistsSubject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_never_hard_wrapped_and_links_stay_whole() {
        let link = "http://127.0.0.1:3000/unsubscribe/43c99f71e002a40d8a4555774e8f6d60";
        let long = format!("{}，{}：請開啟：{link}", "民意平臺".repeat(30), "回應期限".repeat(10));
        let m = compose_text(Locale::ZhTw, "a@x.tw", "小美", "主旨".into(), long.clone());
        assert!(m.body.lines().any(|l| l == long), "one line, as written: {}", m.body);
        assert!(!m.body.lines().any(|l| l.starts_with(['，', '：'])), "{}", m.body);
    }

    #[test]
    fn flowed_keeps_lines_hard_and_stuffs_what_needs_it() {
        let text = "Hello  \n> quoted\n From here\nFrom me\n\n-- \nfooter";
        assert_eq!(flowed(text), "Hello\n > quoted\n  From here\n From me\n\n-- \nfooter");
    }

    #[test]
    fn the_footer_tells_the_language() {
        for l in Locale::ALL {
            assert_eq!(locale_of(&verify_email(l, "a@x.tw", "Mei", "https://minyi.tw", "t").body), l);
        }
        assert_eq!(locale_of("no footer"), Locale::default());
    }

    #[test]
    fn direction_overrides_never_reach_a_mail() {
        let m = compose_text(Locale::En, "a@x.tw", "Mallory\u{202E}gnp.exe", "a\u{202E}b".into(), "c\u{2066}d".into());
        assert!(!m.body.contains(['\u{202E}', '\u{2066}']) && !m.subject.contains('\u{202E}'));
    }

    #[test]
    fn verification_email_has_the_link_in_both_languages() {
        for l in Locale::ALL {
            let m = verify_email(l, "a@x.tw", "小美", "https://minyi.tw", "abc123");
            assert!(m.body.contains("https://minyi.tw/verify?token=abc123"));
            assert!(m.body.contains("小美"));
            assert!(!m.subject.is_empty());
        }
    }
}
