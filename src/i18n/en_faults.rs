//! English: how outages look to people.
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrUnavailable => "minyi is temporarily unavailable. Nothing you sent was lost or half-saved: please try again in a minute.",
        OutageTitle => "minyi is temporarily unavailable",
        OutageBody => "Nothing you sent was lost or half-saved. Please try again in a minute.",
        OutageRetry => "Try again",
        StaleNotice => "minyi cannot update this page right now. It shows the figures as of {time} (Taipei time).",
        _ => return None,
    })
}
