//! Group-informed consensus (what every group tends to agree with) and divisiveness (where groups differ most).

use super::repness::Tally;

#[derive(Debug, Clone, PartialEq)]
pub struct StatementScore {
    pub statement: usize,
    pub score: f64,
    /// All votes on the statement counted in the score.
    pub votes: usize,
}

/// Agree consensus needed to be listed as a consensus statement.
pub const CONSENSUS_MIN: f64 = 0.6;
/// Fewer votes than this and a statement is not listed either way.
pub const MIN_VOTES: usize = 3;
/// Smallest gap between groups' agree shares worth calling divisive.
pub const DIVISIVE_MIN_SPREAD: f64 = 0.2;
pub const TOP: usize = 5;

fn share(n: usize, seen: usize) -> f64 {
    (n + 1) as f64 / (seen + 2) as f64
}

/// (agree, disagree) consensus: geometric means over groups of (n + 1) / (seen + 2). The geometric mean means one
/// group strongly against pulls the score down, so a big group cannot create consensus alone.
pub fn group_consensus(groups: &[Tally]) -> (f64, f64) {
    if groups.is_empty() {
        return (0.5, 0.5);
    }
    let mean_log = |f: &dyn Fn(&Tally) -> usize| groups.iter().map(|t| share(f(t), t.0 + t.1 + t.2).ln()).sum::<f64>() / groups.len() as f64;
    (mean_log(&|t| t.0).exp(), mean_log(&|t| t.1).exp())
}

fn votes(groups: &[Tally]) -> usize {
    groups.iter().map(|t| t.0 + t.1 + t.2).sum()
}

fn top(mut scores: Vec<StatementScore>) -> Vec<StatementScore> {
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.statement.cmp(&b.statement)));
    scores.truncate(TOP);
    scores
}

/// Statements with the highest agree consensus. `per_statement[s]` holds one tally per group (or a single tally for
/// the whole map when there are no groups).
pub fn consensus(per_statement: &[Vec<Tally>], excluded: &[bool]) -> Vec<StatementScore> {
    let scores = per_statement
        .iter()
        .enumerate()
        .filter(|&(s, g)| !excluded.get(s).copied().unwrap_or(false) && votes(g) >= MIN_VOTES)
        .map(|(s, g)| StatementScore { statement: s, score: group_consensus(g).0, votes: votes(g) })
        .filter(|x| x.score >= CONSENSUS_MIN)
        .collect();
    top(scores)
}

/// Statements whose agree share differs most between groups (max − min over groups that voted on it).
pub fn divisive(per_statement: &[Vec<Tally>], excluded: &[bool]) -> Vec<StatementScore> {
    let mut scores = Vec::new();
    for (s, groups) in per_statement.iter().enumerate() {
        if excluded.get(s).copied().unwrap_or(false) || votes(groups) < MIN_VOTES {
            continue;
        }
        let shares: Vec<f64> = groups.iter().filter(|t| t.0 + t.1 + t.2 > 0).map(|t| share(t.0, t.0 + t.1 + t.2)).collect();
        if shares.len() < 2 {
            continue;
        }
        let spread = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max) - shares.iter().copied().fold(f64::INFINITY, f64::min);
        if spread >= DIVISIVE_MIN_SPREAD {
            scores.push(StatementScore { statement: s, score: spread, votes: votes(groups) });
        }
    }
    top(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_agrees_ranks_first_and_split_is_divisive() {
        let per_statement = vec![
            vec![(6, 4, 0), (5, 5, 0)],   // lukewarm
            vec![(10, 0, 0), (10, 0, 0)], // everyone agrees
            vec![(10, 0, 0), (0, 10, 0)], // A vs B
            vec![(8, 1, 1), (7, 2, 1)],   // broad agreement
            vec![(1, 0, 0), (1, 0, 0)],   // too few votes
        ];
        let c = consensus(&per_statement, &[false; 5]);
        assert_eq!(c.iter().map(|x| x.statement).collect::<Vec<_>>(), vec![1, 3]);
        assert!((c[0].score - 11.0 / 12.0).abs() < 1e-12 && c[0].votes == 20);
        let d = divisive(&per_statement, &[false; 5]);
        assert_eq!(d[0].statement, 2);
        assert!((d[0].score - 10.0 / 12.0).abs() < 1e-12);
        assert!(d.iter().all(|x| x.statement != 1));
        assert!(divisive(&[vec![(10, 0, 0)]], &[false]).is_empty(), "needs two groups");
        assert!(consensus(&per_statement, &[false, true, false, false, false]).iter().all(|x| x.statement != 1));
    }

    #[test]
    fn geometric_mean_punishes_one_dissenting_group() {
        let (a, d) = group_consensus(&[(18, 0, 0), (0, 8, 0)]);
        assert!((a - (19.0f64 / 20.0 * (1.0 / 10.0)).sqrt()).abs() < 1e-12);
        assert!(a < 0.6 && d < 0.6);
        assert_eq!(group_consensus(&[]), (0.5, 0.5));
    }
}
