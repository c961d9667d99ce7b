//! A deterministic synthetic conversation with known opinion groups, for tests, demo data and benchmarks.

use super::matrix::{MapInput, Vote};
use super::rng::Rng;

/// Share of statements every group leans towards agreeing with (so consensus has something to find).
pub const SHARED_STATEMENTS: f64 = 0.15;
/// Agree probability of a group that leans for / against a statement.
pub const LEAN_FOR: f64 = 0.85;
pub const LEAN_AGAINST: f64 = 0.15;
/// Share of cast votes that are passes.
pub const PASS_SHARE: f64 = 0.1;

/// `groups[g]` participants lean the same way on each statement; each cell is voted with probability
/// `voted_share`. Participants are shuffled so index order says nothing about the group. Returns the input
/// (ids are 1-based, `seed` is passed on) and the true group of each participant.
pub fn synthetic(groups: &[usize], statements: usize, voted_share: f64, seed: u64) -> (MapInput, Vec<usize>) {
    let mut rng = Rng::new(seed);
    let leans: Vec<Vec<f64>> = (0..statements)
        .map(|_| {
            if rng.next_f64() < SHARED_STATEMENTS {
                vec![LEAN_FOR; groups.len()]
            } else {
                (0..groups.len()).map(|_| if rng.next_f64() < 0.5 { LEAN_FOR } else { LEAN_AGAINST }).collect()
            }
        })
        .collect();
    let mut truth: Vec<usize> = groups.iter().enumerate().flat_map(|(g, &n)| std::iter::repeat_n(g, n)).collect();
    for i in (1..truth.len()).rev() {
        truth.swap(i, rng.below(i + 1));
    }
    let expected = (truth.len() as f64 * statements as f64 * voted_share.clamp(0.0, 1.0)) as usize;
    let mut votes = Vec::with_capacity(expected + expected / 50 + 16);
    for (p, &g) in truth.iter().enumerate() {
        for (s, lean) in leans.iter().enumerate() {
            if rng.next_f64() >= voted_share {
                continue;
            }
            let vote = if rng.next_f64() < PASS_SHARE {
                Vote::Pass
            } else if rng.next_f64() < lean[g] {
                Vote::Agree
            } else {
                Vote::Disagree
            };
            votes.push((p, s, vote));
        }
    }
    let input = MapInput {
        participants: (1..=truth.len() as u64).collect(),
        statements: (1..=statements as u64).collect(),
        votes,
        excluded_statements: Vec::new(),
        seed,
    };
    (input, truth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_determinism() {
        let (input, truth) = synthetic(&[25, 20, 15], 40, 0.7, 1);
        assert_eq!((input.participants.len(), input.statements.len(), truth.len()), (60, 40, 60));
        assert_eq!((0..3).map(|g| truth.iter().filter(|&&t| t == g).count()).collect::<Vec<_>>(), vec![25, 20, 15]);
        let share = input.votes.len() as f64 / 2400.0;
        assert!((share - 0.7).abs() < 0.05, "{share}");
        assert!(input.votes.iter().any(|v| v.2 == Vote::Pass));
        assert_eq!(synthetic(&[25, 20, 15], 40, 0.7, 1), (input, truth));
    }
}
