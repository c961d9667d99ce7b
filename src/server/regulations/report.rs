//! The printable summary of a notice's comments (法規預告 意見彙整表): the figures, then every
//! comment under its article number, the whole draft first. A comment stays on the version it
//! was made on, but a reader looks for "Article 3" whichever version it was in, so comments
//! on the same number in different versions share a section (each row names its version).
use super::{comment_view, summary, visible};
use crate::domain::regulation::notice::{Outcome, Stance};
use crate::dto::regulation_report::{OutcomeCounts, RegulationReport, ReportRow, ReportSection, ReportTotals, StanceCounts};
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments as comments;
use crate::server::db::regulations as db;
use crate::server::markdown;
use crate::server::state::AppState;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// "3" → (3, 0), "3-1" → (3, 1): the order of articles. A number that is not canonical sorts
/// last (the sort is stable, so those keep the order they were met in).
fn order_key(number: &str) -> (u32, u32) {
    let (main, sub) = number.split_once('-').unwrap_or((number, "0"));
    (main.parse().unwrap_or(u32::MAX), sub.parse().unwrap_or(0))
}

fn tally_stance(s: &mut StanceCounts, stance: Option<Stance>) {
    match stance {
        Some(Stance::Support) => s.support += 1,
        Some(Stance::Oppose) => s.oppose += 1,
        Some(Stance::Amend) => s.amend += 1,
        None => s.none += 1,
    }
}

fn tally_outcome(o: &mut OutcomeCounts, outcome: Option<Outcome>) {
    match outcome {
        Some(Outcome::Adopted) => o.adopted += 1,
        Some(Outcome::PartlyAdopted) => o.partly_adopted += 1,
        Some(Outcome::NotAdopted) => o.not_adopted += 1,
        Some(Outcome::Noted) => o.noted += 1,
        None => o.unanswered += 1,
    }
}

fn section(number: Option<String>, heading: String) -> ReportSection {
    ReportSection { number, heading, stances: StanceCounts::default(), rows: Vec::new() }
}

/// The summary of a notice as this viewer may see it (a draft only by its agency's officers).
pub async fn report(state: &AppState, me: Option<&SessionUser>, id: i64) -> Result<RegulationReport, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let (r, _) = visible(&mut conn, me, id).await?;
    // Every article number of every version; the latest version's heading wins.
    let versions = db::versions(&mut *conn, id).await?;
    let mut headings: HashMap<String, String> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for v in versions.iter().rev() {
        for a in db::articles(&mut *conn, v.id).await? {
            if let Entry::Vacant(e) = headings.entry(a.number) {
                order.push(e.key().clone());
                e.insert(a.heading);
            }
        }
    }
    order.sort_by_key(|n| order_key(n));
    let all = comments::of_notice(&mut *conn, id).await?;
    drop(conn);

    let mut sections: Vec<ReportSection> = vec![section(None, String::new())];
    sections.extend(order.into_iter().map(|n| {
        let heading = headings.remove(&n).unwrap_or_default();
        section(Some(n), heading)
    }));
    let mut index: HashMap<Option<String>, usize> = sections.iter().enumerate().map(|(i, s)| (s.number.clone(), i)).collect();
    let mut totals = ReportTotals::default();
    // Oldest first (`of_notice` orders by id), so each section reads in the order comments came.
    for c in &all {
        let i = match index.get(&c.article_number) {
            Some(i) => *i,
            // Not expected (a comment's article is in its version), but never dropped.
            None => {
                sections.push(section(c.article_number.clone(), c.article_heading.clone().unwrap_or_default()));
                index.insert(c.article_number.clone(), sections.len() - 1);
                sections.len() - 1
            }
        };
        // A record for everyone: nobody's own comment is marked on it.
        let view = comment_view(c, None);
        // Hidden ones cannot be answered: counting them would leave the figures short for ever.
        if c.status == "hidden" {
            totals.hidden += 1;
        } else {
            totals.comments += 1;
            totals.answered += i64::from(view.answer.is_some());
            tally_stance(&mut totals.stances, view.stance);
            tally_stance(&mut sections[i].stances, view.stance);
            tally_outcome(&mut totals.outcomes, view.answer.as_ref().map(|a| a.outcome));
        }
        sections[i].rows.push(ReportRow { no: 0, comment: view });
    }
    // Numbered in the order printed, so a row can be cited by its number.
    for (no, row) in sections.iter_mut().flat_map(|s| s.rows.iter_mut()).enumerate() {
        row.no = no as i64 + 1;
    }
    Ok(RegulationReport { summary: summary(&r, now), totals, overall_html: r.overall.as_deref().map(|o| markdown::render_in_section(o, 3)), sections })
}

#[cfg(test)]
mod tests {
    use super::order_key;

    #[test]
    fn article_numbers_sort_as_articles() {
        let mut numbers = vec!["10", "3-1", "2", "x", "3", "3-10", "3-2"];
        numbers.sort_by_key(|n| order_key(n));
        assert_eq!(numbers, ["2", "3", "3-1", "3-2", "3-10", "10", "x"]);
    }
}
