//! A draft regulation (法規預告) split into articles, and its comparison table (對照表).
//!
//! Articles. A line is an article heading when, past Markdown heading hashes and bold, it starts
//! with 第…條 (Arabic, full-width or Chinese numerals 1–999; 之N or -N: 第三條之一, 第 3-1 條) or
//! Article N / Art. N (-N), then ends or goes on with a space, a bracket or punctuation: so
//! 「第三條規定…」, 「第三條、第五條」 and "Article 3 applies…" (lowercase prose) are references.
//! A Markdown heading (`## …`) or wholly bold line is the heading in full; on a plain line, as
//! Word drafts write 「第一條　為…，特制定本法。」, the heading is the label with any bracketed
//! caption (「第五條　（刪除）」) and the rest of the line starts the body. Every other line, chapter
//! titles too (第一章　總則), stays with the text before it: the split never moves a line, so
//! preamble and articles in order read as the draft did, and the key a version comparison
//! matches on never depends on where chapters fall.
//!
//! Comparison table. A Markdown table laid out as Join's 對照表:
//!
//! ```text
//! 某某法部分條文修正草案條文對照表             ← lines before the table are ignored
//! | 修正條文 | 現行條文 | 說明 |
//! | --- | --- | --- |
//! | 第三條之一　本法…<br>前項… |  | 一、本條新增。<br>二、… |
//! |  | 第五條　原文 | 本條刪除。 |
//! ```
//!
//! Columns are known by header (現行…/current, …說明/explanation, any other: proposed), else in
//! Join's order; two columns (條文 | 說明) are a new law. `<br>` is a line break, `\|` a bar; short
//! rows are padded; header and separator rows repeated across pages are skipped. A row's number
//! starts its proposed cell, else its current one (a deleted article), else is "" (the law's name).
use crate::domain::petition::proposal::text as checked;
use crate::domain::validation::{FieldError, is_hidden_in_identifier};
use serde::{Deserialize, Serialize};

/// Characters in a draft; long codes run to about 100,000.
pub const DRAFT_MAX: usize = 200_000;
/// A table holds each article twice, with explanations.
pub const COMPARISON_MAX: usize = 400_000;
pub const ARTICLES_MAX: usize = 500;
/// Article numbers (and 之N suffixes) run from 1 to this.
pub const NUMBER_MAX: u32 = 999;

const NO_ARTICLES: FieldError = FieldError::NoArticles;
const NO_TABLE: FieldError = FieldError::MalformedTable;
const BAD_ROW: FieldError = FieldError::MalformedTable;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Canonical label, the key that matches an article across versions: "3", "3-1".
    pub number: String,
    /// As written, without Markdown: "第三條之一（適用範圍）", "Article 3 (Scope)".
    pub heading: String,
    /// Markdown under the heading (with any text on the heading's own line), trimmed.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// What comes before the first article (title, reasons, chapter title), trimmed.
    pub preamble: String,
    pub articles: Vec<Article>,
}

/// One row of the comparison table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// As `Article::number`; empty for a row naming no article.
    pub number: String,
    /// Empty for a new article.
    pub current: String,
    /// Empty (or 「（刪除）」) for a deleted article.
    pub proposed: String,
    pub explanation: String,
}

/// Checked text. Word's manual line break (VT) and page break (FF) may come in a plain-text paste.
fn clean(raw: &str, max: usize, required: bool) -> Result<String, FieldError> {
    checked(&raw.replace("\r\n", "\n").replace(['\r', '\u{b}', '\u{c}'], "\n"), 1, max, required)
}

/// The draft split at its article headings (see the top of this file).
pub fn split_articles(markdown: &str) -> Result<Split, FieldError> {
    let s = clean(markdown, DRAFT_MAX, true)?;
    let mut preamble = String::new();
    let mut articles: Vec<Article> = Vec::new();
    for line in s.lines() {
        let Some((number, heading, first)) = parse_heading(line) else {
            let body = articles.last_mut().map_or(&mut preamble, |a| &mut a.body);
            body.push_str(line);
            body.push('\n');
            continue;
        };
        if articles.iter().any(|a| a.number == number) {
            return Err(FieldError::DuplicateArticle { number });
        }
        if articles.len() == ARTICLES_MAX {
            return Err(FieldError::TooMany { max: ARTICLES_MAX });
        }
        // A heading names the article at a glance, as a title does: held to the same rule.
        if heading.chars().any(is_hidden_in_identifier) {
            return Err(FieldError::HiddenCharacters);
        }
        articles.push(Article { number, heading, body: first + "\n" });
    }
    if articles.is_empty() {
        return Err(NO_ARTICLES);
    }
    articles.iter_mut().for_each(|a| a.body = a.body.trim().to_string());
    Ok(Split { preamble: preamble.trim().to_string(), articles })
}

/// The canonical number ("3", "3-1") of a line that is an article heading, else None.
pub fn article_number(heading: &str) -> Option<String> {
    parse_heading(heading).map(|(number, _, _)| number)
}

/// A division title line: 第一章　總則, 第二節, 第一編 or Chapter 2 / Part II / Section 3 (past
/// Markdown heading hashes and bold). Drafts put them between articles.
pub fn is_division_title(line: &str) -> bool {
    let s = unmark(line.trim());
    if let Some(rest) = s.strip_prefix('第') {
        // 「第二章　罰則」, not 「第二章所定之罰則…」 (a reference in prose).
        let after = numeral(rest.trim_start()).and_then(|(_, t)| t.trim_start().strip_prefix(['章', '節', '节', '編', '编']));
        return after.is_some_and(|t| t.chars().next().is_none_or(|c| c.is_whitespace() || "(（【〔[:：".contains(c)));
    }
    let lower = s.to_lowercase();
    ["chapter ", "part ", "section "]
        .iter()
        .any(|w| lower.strip_prefix(w).is_some_and(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit() || "ivxlc".contains(c))))
}

/// The division titles that end a text (an article's, or the preamble): they belong before
/// the next article, where the draft's reader saw them. (text before them, the titles).
pub fn trailing_divisions(text: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let mut keep = lines.len();
    while keep > 0 && (lines[keep - 1].trim().is_empty() || is_division_title(lines[keep - 1])) {
        keep -= 1;
    }
    let titles = lines[keep..].iter().filter(|l| !l.trim().is_empty()).map(|l| unmark(l.trim())).collect();
    (lines[..keep].join("\n").trim_end().to_string(), titles)
}

/// (number, heading, text after the heading on its line) of a heading line.
fn parse_heading(line: &str) -> Option<(String, String, String)> {
    let t = line.trim();
    let whole = t.starts_with('#') || (t.len() > 4 && t.starts_with("**") && t.ends_with("**"));
    let s = unmark(t);
    let (number, rest) = chinese_label(&s).or_else(|| english_label(&s))?;
    if !rest.chars().next().is_none_or(|c| c.is_whitespace() || "(（【〔[:：.．–—".contains(c)) {
        return None;
    }
    if whole {
        return Some((number, s, String::new()));
    }
    let after = rest.trim_start_matches(|c: char| c.is_whitespace() || ":：.．–—".contains(c));
    let body = after[caption_len(after)..].trim_start();
    let heading = s[..s.len() - body.len()].trim_end().to_string();
    Some((number, heading, body.to_string()))
}

/// A line without its Markdown heading hashes and enclosing bold: `## **第三條**（目的）` → `第三條（目的）`.
fn unmark(line: &str) -> String {
    let mut s = line.trim();
    if s.starts_with('#') {
        let t = s.trim_start_matches('#').trim();
        // A closing run of hashes counts only after a space ("C#" keeps its hash).
        let open = t.trim_end_matches('#');
        s = if open.is_empty() || open.ends_with(char::is_whitespace) { open.trim_end() } else { t };
    }
    let mut out = s.to_string();
    for bold in ["**", "__"] {
        if let Some(t) = out.strip_prefix(bold) {
            out = t.replacen(bold, "", 1);
        }
    }
    out.trim().to_string()
}

/// Bytes of a bracketed caption at the start of `s` ("（適用範圍）", "(Scope)"), else 0.
fn caption_len(s: &str) -> usize {
    let pairs = [('(', ')'), ('（', '）'), ('【', '】'), ('〔', '〕'), ('[', ']')];
    let Some(&(open, close)) = pairs.iter().find(|(open, _)| s.starts_with(*open)) else { return 0 };
    let Some(end) = s.find(close) else { return 0 };
    // 「(1)」「（一）」 number a paragraph: they start the body, they are not a caption.
    let inner = s[open.len_utf8()..end].trim();
    if inner.chars().all(|c| c.is_numeric() || "一二三四五六七八九十".contains(c)) {
        return 0;
    }
    end + close.len_utf8()
}

/// 第 N 條, 第 N-M 條, 第 N 條之 M (and 之 before 條), spaces allowed between.
fn chinese_label(s: &str) -> Option<(String, &str)> {
    let (n, s) = numeral(s.strip_prefix('第')?.trim_start())?;
    let s = s.trim_start();
    let (sub, s) = match s.strip_prefix(['-', '－', '之']) {
        Some(t) => numeral(t.trim_start()).map(|(k, t)| (Some(k), t.trim_start()))?,
        None => (None, s),
    };
    let s = s.strip_prefix(['條', '条'])?;
    // 「第三條之規定」: a 之 without a numeral is prose, left for the caller to refuse.
    match (sub, s.trim_start().strip_prefix('之').and_then(|t| numeral(t.trim_start()))) {
        (None, Some((k, t))) => Some((canonical(n, Some(k)), t)),
        _ => Some((canonical(n, sub), s)),
    }
}

/// Article N, Art. N, Art N (any case), optionally -M; not when lowercase prose follows.
fn english_label(s: &str) -> Option<(String, &str)> {
    let rest = ["article", "art.", "art"].iter().find_map(|w| s.get(..w.len()).filter(|p| p.eq_ignore_ascii_case(w)).and(s.get(w.len()..)))?;
    let (n, rest) = numeral(rest.trim_start())?;
    let (sub, rest) = rest.strip_prefix('-').and_then(numeral).map_or((None, rest), |(k, r)| (Some(k), r));
    // "Article 3 applies to…" mentions an article; "Article 3 This Act…" starts one.
    let prose = rest.trim_start().starts_with(|c: char| c.is_ascii_lowercase());
    (!prose).then(|| (canonical(n, sub), rest))
}

fn canonical(n: u32, sub: Option<u32>) -> String {
    sub.map_or_else(|| n.to_string(), |k| format!("{n}-{k}"))
}

/// 0–9, also full-width (０–９), as Chinese input methods type them.
fn arabic_digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| (c as u32).checked_sub('０' as u32).filter(|d| *d < 10))
}

fn chinese_digit(c: char) -> Option<u32> {
    let c = if c == '零' { '〇' } else { c };
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32)
}

/// A number 1–`NUMBER_MAX` at the start of `s`, and what follows it.
fn numeral(s: &str) -> Option<(u32, &str)> {
    let is_numeral = |c: char| arabic_digit(c).is_some() || chinese_digit(c).is_some() || c == '十' || c == '百';
    let (digits, rest) = s.split_at(s.find(|c: char| !is_numeral(c)).unwrap_or(s.len()));
    let n = if digits.chars().all(|c| arabic_digit(c).is_some()) {
        digits.chars().try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(arabic_digit(c)?))?
    } else {
        chinese_numeral(digits)?
    };
    (1..=NUMBER_MAX).contains(&n).then_some((n, rest))
}

/// 三 = 3, 十一 = 11, 二十 = 20, 一百零五 = 105, 一〇五 = 105 (digit by digit).
fn chinese_numeral(s: &str) -> Option<u32> {
    if !s.contains(['十', '百']) {
        return s.chars().try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(chinese_digit(c)?));
    }
    let (mut total, mut pending, mut last_unit) = (0, None, 1000);
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            _ => {
                match chinese_digit(c)? {
                    0 => {} // 一百零五: the 零 only marks the empty tens.
                    d if pending.is_none() => pending = Some(d),
                    _ => return None,
                }
                continue;
            }
        };
        // Units fall (百 before 十), each once: 十百 is no number.
        if unit >= last_unit {
            return None;
        }
        total += pending.take().unwrap_or(1) * unit;
        last_unit = unit;
    }
    Some(total + pending.unwrap_or(0))
}

/// Where a column's text goes: `[proposed, current, explanation]`.
const PROPOSED: usize = 0;
const CURRENT: usize = 1;
const EXPLANATION: usize = 2;

/// The comparison table's rows (format at the top of this file); nothing pasted, none.
pub fn parse_comparison(text: &str) -> Result<Vec<Comparison>, FieldError> {
    let s = clean(text, COMPARISON_MAX, false)?;
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let lines: Vec<&str> = s.lines().collect();
    let start = (1..lines.len()).find(|&i| cells(lines[i - 1]).is_some() && cells(lines[i]).is_some_and(|c| is_separator(&c))).ok_or(NO_TABLE)? - 1;
    let header = cells(lines[start]).unwrap_or_default();
    let layout = columns(&header).ok_or(BAD_ROW)?;
    let mut rows: Vec<Comparison> = Vec::new();
    for line in lines.iter().skip(start + 2).filter(|l| !l.trim().is_empty()) {
        let row = cells(line).ok_or(BAD_ROW)?;
        // More cells than columns: a bar in the text, which would shift every cell after it.
        if row.len() > layout.len() {
            return Err(BAD_ROW);
        }
        if is_separator(&row) || row == header || row.iter().all(String::is_empty) {
            continue;
        }
        let mut texts: [String; 3] = Default::default();
        for (&column, cell) in layout.iter().zip(&row) {
            texts[column] = cell_text(cell);
        }
        let first = |t: &str| t.lines().next().and_then(article_number);
        let number = first(&texts[PROPOSED]).or_else(|| first(&texts[CURRENT])).unwrap_or_default();
        if !number.is_empty() && rows.iter().any(|r| r.number == number) {
            return Err(FieldError::DuplicateArticle { number });
        }
        if rows.len() == ARTICLES_MAX {
            return Err(FieldError::TooMany { max: ARTICLES_MAX });
        }
        let [proposed, current, explanation] = texts;
        rows.push(Comparison { number, current, proposed, explanation });
    }
    Ok(rows)
}

/// The cells of a table row (outer bars optional, `\|` a bar), or None for a line without bars.
fn cells(line: &str) -> Option<Vec<String>> {
    // A NUL stands in for `\|` while splitting: `checked` has refused any real one.
    let line = line.trim().replace("\\|", "\0");
    if !line.contains('|') {
        return None;
    }
    let s = line.strip_prefix('|').unwrap_or(&line);
    let s = s.strip_suffix('|').unwrap_or(s);
    Some(s.split('|').map(|c| c.trim().replace('\0', "|")).collect())
}

fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| c.contains('-') && c.chars().all(|x| matches!(x, '-' | ':' | ' ')))
}

/// Where each column's text goes: by header, else in Join's order; None unless 2 or 3 columns.
fn columns(header: &[String]) -> Option<Vec<usize>> {
    let expected: &[usize] = match header.len() {
        3 => &[PROPOSED, CURRENT, EXPLANATION],
        2 => &[PROPOSED, EXPLANATION],
        _ => return None,
    };
    let named: Vec<usize> = header.iter().map(|h| column(&h.to_lowercase())).collect();
    Some(if expected.iter().all(|c| named.contains(c)) { named } else { expected.to_vec() })
}

fn column(header: &str) -> usize {
    let has = |words: [&str; 3]| words.iter().any(|w| header.contains(w));
    if has(["現行", "现行", "current"]) {
        CURRENT
    } else if has(["說明", "说明", "explanation"]) {
        EXPLANATION
    } else {
        PROPOSED
    }
}

/// A cell's text: `<br>`, `<br/>`, `<BR />` become line breaks; lines lose trailing spaces.
fn cell_text(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (piece, skip) = br_len(tail).map_or(('<', 1), |n| ('\n', n));
        out.push(piece);
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// Bytes of a `<br>`, `<br/>` or `<BR />` at the start of `s`.
fn br_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.get(..3)?.eq_ignore_ascii_case(b"<br") {
        return None;
    }
    let mut j = 3;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    j += usize::from(b.get(j) == Some(&b'/'));
    (b.get(j) == Some(&b'>')).then_some(j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(s: &Split) -> Vec<&str> {
        s.articles.iter().map(|a| a.number.as_str()).collect()
    }

    #[test]
    fn numerals_and_labels_normalise() {
        let numerals = [("十", "10"), ("十一", "11"), ("二十", "20"), ("二十一", "21"), ("一百零五", "105"), ("九百九十九", "999"), ("一〇五", "105")];
        for (n, want) in numerals {
            assert_eq!(article_number(&format!("第{n}條")).as_deref(), Some(want), "{n}");
        }
        for h in ["第 3 條", "第3條", "第三條", "第３條（目的）", "Article 3", "ART. 3: Scope", "## Article 3 (Scope)"] {
            assert_eq!(article_number(h).as_deref(), Some("3"), "{h}");
        }
        for h in ["第 3-1 條", "第三條之一", "第3條之1", "第 三 條 之 一（適用範圍）", "Art. 3-1", "**第三條之一**　本法…"] {
            assert_eq!(article_number(h).as_deref(), Some("3-1"), "{h}");
        }
        let not_headings = ["第一章　總則", "第三條規定之事項", "第三條、第五條", "第三條之規定", "Article 3 applies to", "Articles 3 and 4"];
        for h in not_headings.into_iter().chain(["Article 3bis", "第零條", "第一千條", "第1000條", "第十百條", "Artwork 3", ""]) {
            assert_eq!(article_number(h), None, "{h}");
        }
    }

    #[test]
    fn a_chinese_draft_splits_at_its_articles() {
        let draft = "某某條例草案\n\n第一章　總則\n\n## 第一條（立法目的）\n為保障民眾權益，特制定本條例。\n\
                     **第二條**　本條例所稱主管機關：在中央為內政部。\n第二條所定機關，應公告之。\n\
                     第二條之一　（刪除）\n第二章　罰則\n\n第三條\n違反第二條規定者，處新臺幣一萬元罰鍰。\n";
        let s = split_articles(draft).unwrap();
        assert_eq!(s.preamble, "某某條例草案\n\n第一章　總則");
        assert_eq!(numbers(&s), ["1", "2", "2-1", "3"]);
        let [a1, a2, a21, a3] = &s.articles[..] else { panic!() };
        assert_eq!((a1.heading.as_str(), a1.body.as_str()), ("第一條（立法目的）", "為保障民眾權益，特制定本條例。"));
        assert_eq!((a2.heading.as_str(), a2.body.as_str()), ("第二條", "本條例所稱主管機關：在中央為內政部。\n第二條所定機關，應公告之。"));
        assert_eq!((a21.heading.as_str(), a21.body.as_str()), ("第二條之一　（刪除）", "第二章　罰則"), "a chapter title stays behind");
        assert_eq!(a3.body, "違反第二條規定者，處新臺幣一萬元罰鍰。");
    }

    #[test]
    fn an_english_draft_splits_too() {
        let draft = "# Draft Act\r\n\r\n## Article 1 (Purpose) ##\r\nThis Act protects people.\r\n\r\nArticle 1-1 This Act applies to all.\r\n\
                     Article 1 applies to it.\r\n**Article 2 Scope**\r\n- item\r\n";
        let s = split_articles(draft).unwrap();
        assert_eq!(s.preamble, "# Draft Act");
        assert_eq!(numbers(&s), ["1", "1-1", "2"]);
        assert_eq!([&s.articles[0].heading, &s.articles[1].heading], ["Article 1 (Purpose)", "Article 1-1"]);
        assert_eq!(s.articles[1].body, "This Act applies to all.\nArticle 1 applies to it.");
        assert_eq!((s.articles[2].heading.as_str(), s.articles[2].body.as_str()), ("Article 2 Scope", "- item"));
    }

    #[test]
    fn division_titles_move_to_the_next_article() {
        assert!(is_division_title("第二章　罰則") && is_division_title("## 第 3 節 附則") && is_division_title("Chapter 2 Penalties"));
        assert!(!is_division_title("第二條　本法") && !is_division_title("chapters of the law") && !is_division_title("第二章所定之罰則，依下列規定"));
        let (text, titles) = trailing_divisions("違反者處罰鍰。\n\n第二章　罰則\n第一節　通則\n");
        assert_eq!((text.as_str(), titles), ("違反者處罰鍰。", vec!["第二章　罰則".to_string(), "第一節　通則".to_string()]));
        assert_eq!(trailing_divisions("第二章　罰則"), (String::new(), vec!["第二章　罰則".to_string()]));
    }

    #[test]
    fn a_paragraph_number_is_not_a_caption() {
        let s = split_articles("Article 5 (1) The applicant files.\n第六條　（一）申請人應檢附文件。\n第七條　（刪除）").unwrap();
        let parts: Vec<(&str, &str)> = s.articles.iter().map(|a| (a.heading.as_str(), a.body.as_str())).collect();
        assert_eq!(parts, [("Article 5", "(1) The applicant files."), ("第六條", "（一）申請人應檢附文件。"), ("第七條　（刪除）", "")]);
    }

    #[test]
    fn bad_drafts_are_refused() {
        assert_eq!(split_articles("  \n "), Err(FieldError::Required));
        assert_eq!(split_articles("第一章　總則\n本章無條文。"), Err(NO_ARTICLES));
        assert_eq!(split_articles("第三條\n甲\n第 3 條\n乙"), Err(FieldError::DuplicateArticle { number: "3".into() }));
        assert_eq!(split_articles("第一條\n本法\u{202E}施行"), Err(FieldError::HiddenCharacters));
        assert_eq!(split_articles("第一條（目\u{200F}的）\n本法施行"), Err(FieldError::HiddenCharacters), "stricter in headings");
        assert_eq!(split_articles(&format!("第一條\n{}", "字".repeat(DRAFT_MAX))), Err(FieldError::TooLong { max: DRAFT_MAX }));
        let many: String = (1..=501).map(|n| format!("第{n}條\n")).collect();
        assert_eq!(split_articles(&many), Err(FieldError::TooMany { max: ARTICLES_MAX }));
        assert_eq!(split_articles(&many[..many.find("第501條").unwrap()]).map(|s| s.articles.len()), Ok(500));
    }

    #[test]
    fn a_comparison_table_reads_by_its_header() {
        let table = "某某法部分條文修正草案條文對照表\n\
                     | 修正條文 | 現行條文 | 說明 |\n|:---|---|---|\n\
                     | 第三條之一　本法所稱…<br>前項… |  | 一、本條新增。<BR/>二、說明。 |\n\
                     |  | 第五條　原條文 | 本條刪除。 |\n\n\
                     | 修正條文 | 現行條文 | 說明 |\n| --- | --- | --- |\n\
                     | 修正名稱：某某法 | 名稱：某法 | 名稱修正，a \\| b |\n| 第六條　文字 | 第六條　舊文字 |\n";
        let rows = parse_comparison(table).unwrap();
        assert_eq!(rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), ["3-1", "5", "", "6"]);
        assert_eq!(rows[0].proposed, "第三條之一　本法所稱…\n前項…");
        assert_eq!((rows[0].current.as_str(), rows[0].explanation.as_str()), ("", "一、本條新增。\n二、說明。"));
        assert_eq!((rows[1].proposed.as_str(), rows[1].current.as_str()), ("", "第五條　原條文"));
        assert_eq!(rows[2].explanation, "名稱修正，a | b");
        assert_eq!(rows[3].explanation, "", "a short row is padded");
    }

    #[test]
    fn comparison_columns_and_errors() {
        assert_eq!(parse_comparison(" \n "), Ok(vec![]));
        let swapped = parse_comparison("|現行條文|修正條文|說明|\n|-|-|-|\n|第一條 舊|第一條 新|改|").unwrap();
        assert_eq!((swapped[0].current.as_str(), swapped[0].proposed.as_str()), ("第一條 舊", "第一條 新"));
        let new_law = parse_comparison("| 條文 | 說明 |\n|---|---|\n| 第一條 為… | 立法目的 |").unwrap();
        assert_eq!((new_law[0].number.as_str(), new_law[0].current.as_str()), ("1", ""));
        assert_eq!(parse_comparison("第一條 新 第一條 舊 說明"), Err(NO_TABLE));
        assert_eq!(parse_comparison("|a|b|c|\n|-|-|-|\n|第一條|x|y|z|"), Err(BAD_ROW));
        assert_eq!(parse_comparison("|a|b|c|\n|-|-|-|\n|第一條|x|y|\n備註：略"), Err(BAD_ROW));
        assert_eq!(parse_comparison("|a|b|c|\n|-|-|-|\n|第一條|x|y|\n|第1條|x|y|"), Err(FieldError::DuplicateArticle { number: "1".into() }));
        assert_eq!(parse_comparison("|a|b|c|\n|-|-|-|\n|第一條 \u{2066}x|x|y|"), Err(FieldError::HiddenCharacters));
    }
}
