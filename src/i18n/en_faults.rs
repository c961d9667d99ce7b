//! English: how outages look to people.
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrUnavailable => "minyi is temporarily unavailable. Nothing you sent was lost or half-saved: please try again in a minute.",
        OutageTitle => "minyi is temporarily unavailable",
        OutageBody => "Nothing you sent was lost or half-saved. Please try again in a minute.",
        OutageRetry => "Try again",
        OutageKept => "What you typed is kept on this page. Once minyi is back, send it again.",
        OutageSendAgain => "Send again",
        OutageBackToForm => "Back to the form (what you typed may not be there)",
        OutagePasswordNotKept => "Your password is not kept: you will be asked for it again.",
        StaleNotice => "minyi cannot update this page right now. It shows the figures as of {time} (Taipei time).",
        _ => return None,
    })
}
