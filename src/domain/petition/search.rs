//! Search terms that work the same on SQLite and PostgreSQL: lower-cased words for
//! Latin text and overlapping character pairs (bigrams) for Chinese, which has no
//! spaces between words. A query matches a petition holding all of its terms.
use std::collections::BTreeSet;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Distinct terms of `text`, at most `max`.
pub fn terms(text: &str, max: usize) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush_word = |word: &mut String, out: &mut BTreeSet<String>| {
        if word.chars().count() >= 2 {
            out.insert(word.clone());
        }
        word.clear();
    };
    let flush_run = |run: &mut Vec<char>, out: &mut BTreeSet<String>| {
        match run.len() {
            0 => {}
            1 => {
                out.insert(run[0].to_string());
            }
            _ => {
                for pair in run.windows(2) {
                    out.insert(pair.iter().collect());
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        // Treat 臺 and 台 as one character: people write both.
        let c = if c == '臺' { '台' } else { c };
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut word, &mut out);
            flush_run(&mut run, &mut out);
        }
    }
    flush_word(&mut word, &mut out);
    flush_run(&mut run, &mut out);
    out.into_iter().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_bigrams_and_english_words() {
        assert_eq!(terms("機車停車位", 50), vec!["停車", "機車", "車位", "車停"]);
        assert_eq!(terms("Bike lanes, BIKE parking!", 50), vec!["bike", "lanes", "parking"]);
        let mixed = terms("臺北市 YouBike 站點", 50);
        assert!(mixed.contains(&"台北".to_string()) && mixed.contains(&"youbike".to_string()) && mixed.contains(&"站點".to_string()));
    }

    #[test]
    fn a_query_is_a_subset_of_the_text_it_should_find() {
        let doc: BTreeSet<String> = terms("增設臺北市公共自行車站點", 500).into_iter().collect();
        for q in ["自行車", "台北", "公共自行車站"] {
            assert!(terms(q, 50).iter().all(|t| doc.contains(t)), "{q}");
        }
        assert!(!terms("汽車", 50).iter().all(|t| doc.contains(t)));
    }

    #[test]
    fn single_letters_and_punctuation_are_ignored() {
        assert!(terms("a ! ? 。", 50).is_empty());
        assert_eq!(terms("中", 50), vec!["中"]);
    }
}
