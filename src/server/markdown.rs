//! Markdown rendered with pulldown-cmark, then sanitised with ammonia. Raw HTML in the
//! source is shown as text, never interpreted; no images, SVG or MathML. Agencies'
//! responses may use headings, tables and mailto links; citizens' comments get a
//! smaller subset with http(s) links marked `nofollow ugc`.
use pulldown_cmark::{Event, Options, Parser, html};
use std::collections::HashSet;

fn to_html(source: &str, options: Options) -> String {
    let parser = Parser::new_ext(source, options).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

pub fn render(source: &str) -> String {
    sanitise(&to_html(source, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH))
}

/// Like `render`, for text shown inside a page section: its highest heading becomes `top`
/// (3 under a section's h2, 4 under an h3) and the rest keep their steps below it, so the
/// page's outline stays in order whatever levels the author typed.
pub fn render_in_section(source: &str, top: usize) -> String {
    use pulldown_cmark::{HeadingLevel, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let highest = Parser::new_ext(source, options)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = |l: HeadingLevel| match (l as usize + top).saturating_sub(highest).min(6) {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let parser = Parser::new_ext(source, options).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => Event::Start(Tag::Heading { level: shift(level), id, classes, attrs }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    sanitise(&out)
}

fn sanitise(out: &str) -> String {
    let mut tags: HashSet<&str> = ammonia::Builder::default().clone_tags();
    tags.remove("img");
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(out)
        .to_string()
}

/// A comment: paragraphs, emphasis, code, lists, quotes and http(s) links only.
pub fn render_comment(source: &str) -> String {
    let out = to_html(source, Options::ENABLE_STRIKETHROUGH);
    let tags = HashSet::from(["p", "br", "em", "strong", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a"]);
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(HashSet::from(["http", "https"]))
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .clean(&out)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{render, render_comment};

    #[test]
    fn comments_keep_a_small_subset() {
        let html = render_comment("# 標題\n\n**重點** [連結](https://gov.tw) [信](mailto:a@b.tw) <b>x</b>");
        assert!(!html.contains("<h1") && html.contains("<strong>重點</strong>"), "{html}");
        assert!(html.contains("rel=\"nofollow ugc noopener noreferrer\""), "{html}");
        assert!(!html.contains("mailto"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn markdown_renders_and_nothing_dangerous_survives() {
        assert!(render("## 說明\n\n**重點**").contains("<h2>說明</h2>"));
        let html = render("<script>alert(1)</script> <svg onload=x></svg> [a](javascript:alert(1)) ![i](https://x.tw/i.png) <math></math>");
        assert!(!html.contains("<script") && !html.contains("<svg") && !html.contains("<math") && !html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text: {html}");
        assert!(render("[m](mailto:a@b.tw) [w](https://gov.tw)").contains("href=\"mailto:a@b.tw\""));
        assert!(!render("[f](ftp://x.tw)").contains("href"));
    }
}
