//! Text for the two places where the renderer writes characters as they are: the
//! `<title>` (leptos_meta 0.8 does not escape it) and `<textarea>` content (tachys
//! treats it as raw text). Without this, a title or a kept form value containing
//! `</title>` or `</textarea>` would end the element and inject markup.

/// `text` with `&`, `<` and `>` written as character references, which the browser
/// turns back into the same characters inside `<title>` and `<textarea>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A text area's content: escaped, and with a leading line break kept (the HTML
/// parser drops the first one right after `<textarea>`).
pub fn textarea(text: &str) -> String {
    let escaped = escape(text);
    if text.starts_with('\n') || text.starts_with("\r\n") { format!("\n{escaped}") } else { escaped }
}

#[cfg(test)]
mod tests {
    #[test]
    fn closing_tags_cannot_escape_the_element() {
        assert_eq!(super::escape("</title><meta http-equiv=refresh>"), "&lt;/title&gt;&lt;meta http-equiv=refresh&gt;");
        assert_eq!(super::escape("A & B"), "A &amp; B");
        assert_eq!(super::textarea("\nsecond line"), "\n\nsecond line");
        assert_eq!(super::textarea("</textarea>"), "&lt;/textarea&gt;");
    }
}
