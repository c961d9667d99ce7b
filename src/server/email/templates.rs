//! Texts of the emails, in the recipient's language.
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;

fn compose(locale: Locale, to: &str, name: &str, subject: Key, body: String) -> OutgoingEmail {
    let greeting = locale.format(Key::EmailGreeting, &[("name", name.to_string())]);
    OutgoingEmail {
        to: to.to_string(),
        subject: locale.text(subject).to_string(),
        body: format!("{greeting}\n\n{body}\n\n-- \n{}\n", locale.text(Key::EmailFooter)),
    }
}

pub fn verify_email(locale: Locale, to: &str, name: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let link = format!("{base_url}/verify?token={token}");
    let body = locale.format(Key::EmailVerifyBody, &[("link", link)]);
    compose(locale, to, name, Key::EmailVerifySubject, body)
}

pub fn reset_password(locale: Locale, to: &str, name: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let link = format!("{base_url}/reset/confirm?token={token}");
    let body = locale.format(Key::EmailResetBody, &[("link", link)]);
    compose(locale, to, name, Key::EmailResetSubject, body)
}

pub fn already_registered(locale: Locale, to: &str, name: &str, base_url: &str) -> OutgoingEmail {
    let body = locale.format(
        Key::EmailExistsBody,
        &[("login", format!("{base_url}/login")), ("reset", format!("{base_url}/reset"))],
    );
    compose(locale, to, name, Key::EmailExistsSubject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

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
