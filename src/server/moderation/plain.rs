//! Excerpts for the public log and emails: the Markdown source reduced to its text, so
//! nobody reads `**`, `[…](…)` or `#` there. Raw HTML stays as text (the page escapes it).
use pulldown_cmark::{Event, Parser, TagEnd};

/// The words of a Markdown text, on one line.
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            // Blocks end with a space, so words of two paragraphs do not run together.
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn markup_goes_text_stays() {
        assert_eq!(plain_text("# 標題\n\n**粗體** 與 _斜體_，[連結](https://example.org) `code`"), "標題 粗體 與 斜體，連結 code");
        assert_eq!(plain_text("- 一\n- 二\n\n> 引言"), "一 二 引言");
        assert_eq!(plain_text("<script>alert(1)</script>"), "<script>alert(1)</script>");
        assert_eq!(plain_text("plain & simple"), "plain & simple");
    }
}
