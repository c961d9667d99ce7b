//! Texts of the emails, in the recipient's language.
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;

fn compose(locale: Locale, to: &str, name: &str, subject: Key, body: String) -> OutgoingEmail {
    compose_text(locale, to, name, locale.text(subject).to_string(), body)
}

/// An email with a greeting, the body and the footer, wrapped for 8-bit transport.
pub fn compose_text(locale: Locale, to: &str, name: &str, subject: String, body: String) -> OutgoingEmail {
    let greeting = locale.email_greeting(name);
    let text = format!("{greeting}\n\n{body}\n\n-- \n{}\n", locale.text(Key::EmailFooter));
    OutgoingEmail { to: to.to_string(), subject, body: wrap(&text, MAX_LINE_BYTES), list_unsubscribe: String::new() }
}

/// Lines of at most this many bytes let the message travel as readable 8-bit
/// text instead of quoted-printable (links stay intact for people and tests).
const MAX_LINE_BYTES: usize = 72;

/// Wrap long lines: at spaces in Latin text, between any characters in Chinese.
/// A single word longer than the limit (a long link) is kept whole.
fn wrap(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split('\n') {
        let mut current = String::new();
        for word in line.split_inclusive(' ') {
            let ascii = word.is_ascii();
            if current.len() + word.len() > max && !current.is_empty() && ascii {
                out.push_str(current.trim_end());
                out.push('\n');
                current.clear();
            }
            // Chinese breaks between any characters; a run of Latin inside it (a link
            // after "請開啟：") moves to the next line whole rather than being cut.
            for piece in pieces(word) {
                if !ascii && current.len() + piece.len() > max && !current.is_empty() {
                    out.push_str(current.trim_end());
                    out.push('\n');
                    current.clear();
                }
                current.push_str(piece);
            }
        }
        out.push_str(current.trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

/// Each non-ASCII character alone, each run of ASCII characters whole.
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = if first.is_ascii() { rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len()) } else { first.len_utf8() };
        let (piece, tail) = rest.split_at(len);
        rest = tail;
        Some(piece)
    })
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
    fn a_link_after_chinese_text_is_never_cut() {
        let link = "http://127.0.0.1:3000/unsubscribe/43c99f71e002a40d8a4555774e8f6d60";
        let text = format!("不想再收到這個提議的通知？請開啟：{link}");
        let wrapped = wrap(&text, 72);
        assert!(wrapped.lines().any(|l| l == link), "{wrapped}");
    }

    #[test]
    fn wraps_latin_at_spaces_and_chinese_anywhere() {
        let en = wrap(&"word ".repeat(40), 72);
        assert!(en.lines().all(|l| l.len() <= 72 && !l.ends_with(' ')), "{en}");
        let zh = wrap(&"民意平臺".repeat(30), 72);
        assert!(zh.lines().all(|l| l.len() <= 72));
        assert_eq!(zh.replace('\n', ""), "民意平臺".repeat(30));
        let url = format!("see https://example.tw/{}", "a".repeat(100));
        assert!(wrap(&url, 72).contains(&"a".repeat(100)));
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
