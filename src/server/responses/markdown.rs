//! Response details: Markdown rendered with pulldown-cmark, then sanitised with ammonia.
//! Raw HTML in the source is shown as text, never interpreted; only http, https and
//! mailto links survive; no images, SVG or MathML.
use pulldown_cmark::{Event, Options, Parser, html};
use std::collections::HashSet;

pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(source, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    let mut tags: HashSet<&str> = ammonia::Builder::default().clone_tags();
    tags.remove("img");
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&out)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

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
