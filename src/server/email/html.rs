//! The HTML alternative of a text email, built from the same text: paragraphs split on
//! blank lines, links made clickable. Inline styles only, nothing remote, no scripts;
//! every piece of text is escaped (titles and names are whatever people typed).
use super::templates::SIGNATURE;
use crate::domain::validation::is_spoofing;
use crate::i18n::Locale;

const BODY: &str = "margin:0;padding:0;background:#f4f4f2";
const CARD: &str = "max-width:600px;margin:0 auto;padding:24px;background:#ffffff;color:#1f2328;\
font-family:-apple-system,'Segoe UI','Noto Sans TC','PingFang TC','Microsoft JhengHei',sans-serif;font-size:16px;line-height:1.7";
const PARA: &str = "margin:0 0 16px 0";
const LINK: &str = "color:#0b5cad;text-decoration:underline;word-break:break-all";
const RULE: &str = "border:none;border-top:1px solid #d0d7de;margin:24px 0 16px 0";
const FOOTER: &str = "margin:0 0 8px 0;font-size:13px;color:#57606a";

/// The whole document for a composed text body (see `templates::compose_text`).
pub fn render(text: &str, subject: &str, locale: Locale) -> String {
    let (main, footer) = match text.rfind(SIGNATURE) {
        Some(i) => (&text[..i], &text[i + SIGNATURE.len()..]),
        None => (text, ""),
    };
    let mut out = String::with_capacity(text.len() * 2 + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(locale.tag());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape(&mut out, subject);
    out.push_str("</title>\n</head>\n");
    out.push_str(&format!("<body style=\"{BODY}\">\n<div style=\"{CARD}\">\n"));
    for p in paragraphs(main) {
        paragraph(&mut out, p, PARA);
    }
    if !footer.trim().is_empty() {
        out.push_str(&format!("<hr style=\"{RULE}\">\n"));
        for p in paragraphs(footer) {
            paragraph(&mut out, p, FOOTER);
        }
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(|p| p.trim_matches(['\n', '\r'])).filter(|p| !p.trim().is_empty())
}

/// One paragraph; its single line breaks stay line breaks.
fn paragraph(out: &mut String, text: &str, style: &str) {
    out.push_str(&format!("<p style=\"{style}\">"));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>\n");
        }
        linkify(out, line.trim_end_matches('\r'));
    }
    out.push_str("</p>\n");
}

/// Escape the line, turning each http(s) URL into a link. A URL ends at a space, at the
/// first non-ASCII character (Chinese punctuation after a link) or at markup characters,
/// and gives back trailing sentence punctuation.
fn linkify(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(start) = [rest.find("https://"), rest.find("http://")].into_iter().flatten().min() {
        escape(out, &rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '\'' | '`')).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if url.ends_with("//") {
            // A scheme alone is text.
            escape(out, &tail[..end]);
            rest = &tail[end..];
            continue;
        }
        out.push_str("<a href=\"");
        escape(out, url);
        out.push_str(&format!("\" style=\"{LINK}\">"));
        escape(out, url);
        out.push_str("</a>");
        rest = &tail[url.len()..];
    }
    escape(out, rest);
}

/// Text and attribute values alike; direction overrides, invisible and control characters
/// are dropped rather than passed on.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_spoofing(c) || (c.is_control() && c != '\t') => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(title: &str) -> String {
        format!("小美 您好：\n\n您的提議「{title}」已送出。\n第二行\n\n全文：https://minyi.tw/petitions/7。\n\nhttps://minyi.tw/a?b=1&c=2\n\n-- \n頁尾")
    }

    #[test]
    fn paragraphs_lines_and_links() {
        let html = render(&sample("公車"), "主旨", Locale::ZhTw);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-TW\">"), "{html}");
        assert_eq!(html.matches("<p ").count(), 5, "{html}");
        assert!(html.contains("已送出。<br>\n第二行</p>"), "{html}");
        assert!(html.contains("全文：<a href=\"https://minyi.tw/petitions/7\""), "the link stops at Chinese punctuation: {html}");
        assert!(html.contains("<a href=\"https://minyi.tw/a?b=1&amp;c=2\""), "{html}");
        assert!(html.contains("<hr ") && html.contains(">頁尾</p>"), "{html}");
        assert!(render("Hi\n\nsee https://minyi.tw/x.", "s", Locale::En).contains("<a href=\"https://minyi.tw/x\""));
    }

    #[test]
    fn hostile_text_is_inert() {
        let title = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> http://\" onmouseover=\"x \u{202E}gnp.exe";
        let html = render(&sample(title), title, Locale::En);
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("\" onmouseover"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(!html.contains('\u{202E}'), "{html}");
        assert!(!html.contains("<style") && !html.contains(" src=\""), "inline styles only, nothing remote: {html}");
    }
}
