//! What changed between two versions of a draft regulation: articles added, removed and changed,
//! and the changed wording marked word by word (character by character in Chinese), server-side.
use super::articles::Article;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Above this many token pairs (old × new, past the common start and end) the wording is one deletion
/// and one insertion: comparing two 20,000-character rewrites costs too much for a page view.
pub const MAX_CELLS: usize = 4_000_000;
/// Cells for a whole comparison of two versions: a page view's work stays bounded however many
/// long articles changed (past it, the remaining changes are shown whole).
pub const TOTAL_CELLS: usize = 16_000_000;
// The comparison table counts in u16: its values never exceed the shorter side, at most √MAX_CELLS.
const _: () = assert!(MAX_CELLS <= 65_535 * 65_535);

/// How an article differs between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Change {
    Added,
    Removed,
    Changed,
    Same,
}

/// A piece of wording: in both versions, only in the new one, or only in the old one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    Same(String),
    Inserted(String),
    Deleted(String),
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Self::Same(t) | Self::Inserted(t) | Self::Deleted(t) => t,
        }
    }
}

/// One article of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDiff {
    pub number: String,
    /// `None` where the article is not in that version.
    pub heading_old: Option<String>,
    pub heading_new: Option<String>,
    pub change: Change,
    /// Heading, line break and body, marked up; `Changed` only (else the page shows the whole text).
    pub segments: Vec<Segment>,
}

/// Articles matched by `number` (the first, if a version repeats one), in the new version's
/// order; a removed article follows the article before it in the old version, so a reader
/// sees it where it was (a run of removed articles stays together, in order).
pub fn diff_articles(old: &[Article], new: &[Article]) -> Vec<ArticleDiff> {
    let mut by_number: HashMap<&str, &Article> = HashMap::new();
    for a in old {
        by_number.entry(a.number.as_str()).or_insert(a);
    }
    let kept: HashSet<&str> = new.iter().map(|a| a.number.as_str()).collect();
    // Removed articles under the nearest earlier old article that survives (None: the start).
    let mut removed: HashMap<Option<&str>, Vec<ArticleDiff>> = HashMap::new();
    let mut anchor = None;
    for a in old {
        if kept.contains(a.number.as_str()) {
            anchor = Some(a.number.as_str());
        } else {
            removed.entry(anchor).or_default().push(alone(a, Change::Removed));
        }
    }
    let mut out = removed.remove(&None).unwrap_or_default();
    let mut budget = TOTAL_CELLS;
    for a in new {
        out.push(match by_number.get(a.number.as_str()) {
            Some(o) => compare(o, a, &mut budget),
            None => alone(a, Change::Added),
        });
        out.extend(removed.remove(&Some(a.number.as_str())).unwrap_or_default());
    }
    out
}

/// An article in one version only.
fn alone(a: &Article, change: Change) -> ArticleDiff {
    let heading = Some(a.heading.clone());
    let (heading_old, heading_new) = if change == Change::Removed { (heading, None) } else { (None, heading) };
    ArticleDiff { number: a.number.clone(), heading_old, heading_new, change, segments: Vec::new() }
}

fn compare(old: &Article, new: &Article, budget: &mut usize) -> ArticleDiff {
    let same = old.heading == new.heading && old.body == new.body;
    ArticleDiff {
        number: new.number.clone(),
        heading_old: Some(old.heading.clone()),
        heading_new: Some(new.heading.clone()),
        change: if same { Change::Same } else { Change::Changed },
        segments: if same { Vec::new() } else { diff_within(&wording(old), &wording(new), budget) },
    }
}

fn wording(a: &Article) -> String {
    if a.heading.is_empty() { a.body.clone() } else { format!("{}\n{}", a.heading, a.body) }
}

/// How many articles were (added, removed, changed).
pub fn counts(diffs: &[ArticleDiff]) -> (usize, usize, usize) {
    let n = |c: Change| diffs.iter().filter(|d| d.change == c).count();
    (n(Change::Added), n(Change::Removed), n(Change::Changed))
}

/// The wording difference, token by token (see `tokens`), as a shortest edit.
///
/// Joining the `Same` and `Deleted` pieces gives `old`, the `Same` and `Inserted` pieces `new`.
/// No piece is empty and no two neighbours are of one kind; in each change the deletion comes
/// before the insertion. An unchanged stretch between two changes that is only whitespace, or a
/// single one-character token (a CJK character, a punctuation mark, a lone letter or digit), is
/// folded into them, shown deleted and inserted again: 「~~十四~~三十日」 reads better than
/// 「+三 十 ~~四~~ 日」, and "~~the big cat~~ a small dog" better than word by word.
/// Past `MAX_CELLS` the part between the common start and end is one deletion and one insertion.
pub fn diff_text(old: &str, new: &str) -> Vec<Segment> {
    diff_within(old, new, &mut MAX_CELLS.clone())
}

/// `diff_text` spending at most `budget` cells (what it spends is taken off).
fn diff_within(old: &str, new: &str, budget: &mut usize) -> Vec<Segment> {
    let (a, b) = (tokens(old), tokens(new));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(Op, &str)> = a[..prefix].iter().map(|t| (Op::Same, *t)).collect();
    let cells = ma.len().saturating_mul(mb.len());
    if ma.is_empty() || mb.is_empty() || cells > MAX_CELLS.min(*budget) {
        ops.extend(ma.iter().map(|t| (Op::Delete, *t)));
        ops.extend(mb.iter().map(|t| (Op::Insert, *t)));
    } else {
        *budget -= cells;
        lcs(ma, mb, &mut ops);
    }
    ops.extend(a[a.len() - suffix..].iter().map(|t| (Op::Same, *t)));
    tidy(ops)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// A longest common subsequence of tokens, as edit operations (deletions first on ties).
fn lcs<'a>(a: &[&'a str], b: &[&'a str], ops: &mut Vec<(Op, &'a str)>) {
    let w = b.len() + 1;
    // common[i * w + j]: the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![0u16; (a.len() + 1) * w];
    for (i, x) in a.iter().enumerate().rev() {
        for (j, y) in b.iter().enumerate().rev() {
            common[i * w + j] = if x == y { common[(i + 1) * w + j + 1] + 1 } else { common[(i + 1) * w + j].max(common[i * w + j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            ops.push((Op::Same, a[i]));
            i += 1;
            j += 1;
        } else if common[(i + 1) * w + j] >= common[i * w + j + 1] {
            ops.push((Op::Delete, a[i]));
            i += 1;
        } else {
            ops.push((Op::Insert, b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|t| (Op::Delete, *t)));
    ops.extend(b[j..].iter().map(|t| (Op::Insert, *t)));
}

/// A stretch of wording: unchanged (with its number of tokens), or a change (deleted, inserted).
enum Block {
    Same(String, usize),
    Change(String, String),
}

/// Edit operations to segments: merged, folded (see `diff_text`), never empty.
fn tidy(ops: Vec<(Op, &str)>) -> Vec<Segment> {
    let mut blocks: Vec<Block> = Vec::new();
    for (op, t) in ops {
        match (op, blocks.last_mut()) {
            (Op::Same, Some(Block::Same(s, n))) => {
                s.push_str(t);
                *n += 1;
            }
            (Op::Delete, Some(Block::Change(d, _))) | (Op::Insert, Some(Block::Change(_, d))) => d.push_str(t),
            (Op::Same, _) => blocks.push(Block::Same(t.to_string(), 1)),
            (Op::Delete, _) => blocks.push(Block::Change(t.to_string(), String::new())),
            (Op::Insert, _) => blocks.push(Block::Change(String::new(), t.to_string())),
        }
    }
    // Blocks now alternate, so a Same block that is neither first nor last sits between changes.
    let last = blocks.len().saturating_sub(1);
    let mut out = Vec::with_capacity(blocks.len() + 1);
    let (mut del, mut ins) = (String::new(), String::new());
    for (k, b) in blocks.into_iter().enumerate() {
        match b {
            Block::Same(s, n) if k == 0 || k == last || !foldable(&s, n) => {
                flush(&mut out, &mut del, &mut ins);
                out.push(Segment::Same(s));
            }
            Block::Same(s, _) => {
                del.push_str(&s);
                ins.push_str(&s);
            }
            Block::Change(d, i) => {
                del.push_str(&d);
                ins.push_str(&i);
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// Ends a change: its deletion, then its insertion.
fn flush(out: &mut Vec<Segment>, del: &mut String, ins: &mut String) {
    if !del.is_empty() {
        out.push(Segment::Deleted(std::mem::take(del)));
    }
    if !ins.is_empty() {
        out.push(Segment::Inserted(std::mem::take(ins)));
    }
}

fn foldable(s: &str, tokens: usize) -> bool {
    s.chars().all(char::is_whitespace) || (tokens == 1 && s.chars().count() == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Single,
}

/// CJK radicals, punctuation, kana, bopomofo and Han; compatibility, vertical, small and
/// full-width forms. Each is a token of its own: Chinese has no spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFF00..=0xFFEF | 0x1B000..=0x1B2FF | 0x20000..=0x3FFFF)
}

fn class(c: char) -> Class {
    // Whitespace first: the ideographic space (U+3000) is spacing, not a character.
    match c {
        c if c.is_whitespace() => Class::Space,
        c if c.is_alphanumeric() && !is_cjk(c) => Class::Word,
        _ => Class::Single,
    }
}

/// Tokens that join back into `s`: a run of whitespace, a run of other letters and digits (a
/// word or number), or one character (CJK or punctuation).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut run) = (0, Class::Single);
    for (i, c) in s.char_indices() {
        let kind = class(c);
        if i > start && (kind != run || kind == Class::Single) {
            out.push(&s[start..i]);
            start = i;
        }
        run = kind;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Change::{Added, Changed, Removed};
    use super::Segment::{Deleted, Inserted, Same};
    use super::*;

    /// `diff_text`, checked for what every result must satisfy: Same + Deleted gives the old
    /// text, Same + Inserted the new one, no piece is empty, no two neighbours share a kind.
    fn diffed(old: &str, new: &str) -> Vec<Segment> {
        let segs = diff_text(old, new);
        let (mut o, mut n) = (String::new(), String::new());
        for s in &segs {
            assert!(!s.text().is_empty(), "{segs:?}");
            match s {
                Same(t) => {
                    o.push_str(t);
                    n.push_str(t);
                }
                Deleted(t) => o.push_str(t),
                Inserted(t) => n.push_str(t),
            }
        }
        assert_eq!((o.as_str(), n.as_str()), (old, new), "{segs:?}");
        for pair in segs.windows(2) {
            assert_ne!(std::mem::discriminant(&pair[0]), std::mem::discriminant(&pair[1]), "{segs:?}");
        }
        segs
    }

    fn s(t: &str) -> String {
        t.to_string()
    }

    #[test]
    fn mixed_text_is_split_into_characters_words_and_marks() {
        assert_eq!(tokens("第3條 to Form-A（附表）。"), ["第", "3", "條", " ", "to", " ", "Form", "-", "A", "（", "附", "表", "）", "。"]);
        assert_eq!(tokens("甲\u{3000}\u{3000}乙  x"), ["甲", "\u{3000}\u{3000}", "乙", "  ", "x"]);
    }

    #[test]
    fn identical_texts_are_one_unchanged_piece() {
        let t = "第一條 本法依行政程序法第一百五十四條訂定之。";
        assert_eq!(diffed(t, t), vec![Same(s(t))]);
        assert_eq!(diffed("", ""), vec![]);
        assert_eq!(diffed("", "新增"), vec![Inserted(s("新增"))]);
    }

    #[test]
    fn a_two_character_change_in_chinese_is_one_change() {
        assert_eq!(
            diffed("申請人應於十四日內補正。", "申請人應於三十日內補正。"),
            vec![Same(s("申請人應於")), Deleted(s("十四")), Inserted(s("三十")), Same(s("日內補正。"))]
        );
    }

    #[test]
    fn english_changes_are_whole_words() {
        assert_eq!(
            diffed("The agency may extend the period once.", "The agency shall extend the period once."),
            vec![Same(s("The agency ")), Deleted(s("may")), Inserted(s("shall")), Same(s(" extend the period once."))]
        );
        assert_eq!(diffed("within 14 days", "within 30 days"), vec![Same(s("within ")), Deleted(s("14")), Inserted(s("30")), Same(s(" days"))]);
        // The spaces between changed words are folded in, not shown as kept.
        assert_eq!(diffed("the big cat", "a small dog"), vec![Deleted(s("the big cat")), Inserted(s("a small dog"))]);
        // Longer unchanged stretches between changes stay.
        assert_eq!(diffed("甲乙丙丁", "戊乙丙己"), vec![Deleted(s("甲")), Inserted(s("戊")), Same(s("乙丙")), Deleted(s("丁")), Inserted(s("己"))]);
    }

    #[test]
    fn insertions_at_the_start_and_end() {
        assert_eq!(diffed("本法自公布日施行。", "除另有規定外，本法自公布日施行。"), vec![Inserted(s("除另有規定外，")), Same(s("本法自公布日施行。"))]);
        assert_eq!(diffed("第一項", "第一項及第二項"), vec![Same(s("第一項")), Inserted(s("及第二項"))]);
        assert_eq!(diffed("fees apply.", "New fees apply."), vec![Inserted(s("New ")), Same(s("fees apply."))]);
    }

    #[test]
    fn a_huge_rewrite_falls_back_to_one_deletion_and_one_insertion() {
        let (old_middle, new_middle) = ("甲乙".repeat(10_000), "乙甲".repeat(10_000));
        let (old, new) = (format!("前言。{old_middle}。結語"), format!("前言。{new_middle}。結語"));
        let started = std::time::Instant::now();
        let segs = diffed(&old, &new);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(segs, vec![Same(s("前言。")), Deleted(old_middle), Inserted(new_middle), Same(s("。結語"))]);
    }

    #[test]
    fn a_comparison_spends_a_bounded_total() {
        // Ten long articles each changed throughout: 1,800 × 1,800 cells apiece, 32 million in
        // all; past the total budget the rest are shown whole.
        let old: Vec<Article> = (1..=10).map(|n| art(&n.to_string(), &"甲乙丙".repeat(600))).collect();
        let new: Vec<Article> = (1..=10).map(|n| art(&n.to_string(), &"乙丙甲".repeat(600))).collect();
        let diffs = diff_articles(&old, &new);
        let whole = |d: &ArticleDiff| d.segments.len() == 2;
        assert!(!whole(&diffs[0]), "the first is compared word by word");
        assert!(whole(&diffs[9]), "the last is shown whole: {}", diffs[9].segments.len());
        assert_eq!(diffs.iter().filter(|d| !whole(d)).count(), TOTAL_CELLS / (1_800 * 1_800));
    }

    fn art(number: &str, body: &str) -> Article {
        Article { number: s(number), heading: String::new(), body: s(body) }
    }

    fn shape(diffs: &[ArticleDiff]) -> Vec<(&str, Change)> {
        diffs.iter().map(|d| (d.number.as_str(), d.change)).collect()
    }

    #[test]
    fn articles_are_matched_by_number_in_the_new_order() {
        let old = [art("1", "總則"), art("2", "定義"), art("3", "申請應於十四日內為之"), art("4", "罰則")];
        let new = [art("1", "總則"), art("3", "申請應於三十日內為之"), art("3-1", "補正"), art("4", "罰則"), art("5", "施行日")];
        let d = diff_articles(&old, &new);
        // Article 2 is shown where it was: after article 1.
        assert_eq!(shape(&d), vec![("1", Change::Same), ("2", Removed), ("3", Changed), ("3-1", Added), ("4", Change::Same), ("5", Added)]);
        assert_eq!(counts(&d), (2, 1, 1));
        assert_eq!(d[2].segments, vec![Same(s("申請應於")), Deleted(s("十四")), Inserted(s("三十")), Same(s("日內為之"))]);
        assert_eq!((d[1].heading_old.as_deref(), d[1].heading_new.as_deref()), (Some(""), None));
        assert_eq!((d[3].heading_old.as_deref(), d[3].heading_new.as_deref()), (None, Some("")));
        assert!(d.iter().filter(|a| a.change != Changed).all(|a| a.segments.is_empty()));
        // A removed first article comes first; a run of removed articles stays together.
        let old = [art("1", "甲"), art("2", "乙"), art("3", "丙"), art("4", "丁")];
        let d = diff_articles(&old, &[art("3", "丙"), art("4", "丁")]);
        assert_eq!(shape(&d), vec![("1", Removed), ("2", Removed), ("3", Change::Same), ("4", Change::Same)]);
        let d = diff_articles(&old, &[art("1", "甲"), art("4", "丁")]);
        assert_eq!(shape(&d), vec![("1", Change::Same), ("2", Removed), ("3", Removed), ("4", Change::Same)]);
    }

    #[test]
    fn renumbering_after_a_removal_reads_as_changes_by_number() {
        // Article 2 was dropped and 3 became 2: matched by number, 2 is rewritten and 3 is gone.
        let d = diff_articles(&[art("1", "甲"), art("2", "乙"), art("3", "丙")], &[art("1", "甲"), art("2", "丙")]);
        assert_eq!(shape(&d), vec![("1", Change::Same), ("2", Changed), ("3", Removed)]);
        assert_eq!(counts(&d), (0, 1, 1));
        assert_eq!(d[1].segments, vec![Deleted(s("乙")), Inserted(s("丙"))]);
    }

    #[test]
    fn a_heading_change_is_a_change_in_the_wording() {
        let old = Article { heading: s("（期限）"), ..art("7", "本法自公布日施行。") };
        let new = Article { heading: s("（申請期限）"), ..art("7", "本法自公布日施行。") };
        let d = diff_articles(&[old], &[new]);
        assert_eq!(d[0].change, Changed);
        assert_eq!(d[0].segments, vec![Same(s("（")), Inserted(s("申請")), Same(s("期限）\n本法自公布日施行。"))]);
    }
}
