//! The numeric core of a Pol.is-style opinion map: PCA of the vote matrix, opinion groups by k-means,
//! representative, consensus and divisive statements, and the next-statement priority. Pure and deterministic:
//! no I/O, no clock, no global RNG. Results use participant and statement indices; the caller maps them to ids.
pub mod ari;
pub mod consensus;
pub mod hull;
pub mod kmeans;
pub mod matrix;
pub mod pca;
pub mod priority;
pub mod repness;
mod rng;
pub mod synthetic;
#[cfg(test)]
mod tests;

pub use consensus::StatementScore;
pub use hull::convex_hull;
pub use matrix::{MapInput, Vote, VoteMatrix};
pub use priority::pick;
pub use repness::{Repness, Stance, Tally};
pub use synthetic::synthetic;

/// A participant needs this many votes (or every statement, if there are fewer) to be placed on the map.
pub const MIN_VOTES_IN_MAP: usize = 7;
/// Below this many participants on the map, groups would be noise: none are formed.
pub const MIN_PARTICIPANTS_FOR_GROUPS: usize = 4;
pub const MIN_K: usize = 2;
pub const MAX_K: usize = 5;

/// What the caller stores and passes back next run: warm start for the PCA and the k hysteresis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapState {
    pub statement_ids: Vec<u64>,
    pub components: [Vec<f64>; 2],
    /// Current number of groups; 0 when none have been formed yet.
    pub k: usize,
    /// The k that won the latest runs, and for how many consecutive runs.
    pub candidate_k: usize,
    pub candidate_runs: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// 0-based; groups are ordered by centroid x, then y.
    pub id: usize,
    /// Participant indices.
    pub members: Vec<usize>,
    pub centroid: (f64, f64),
    /// Convex hull of the members' points, counter-clockwise.
    pub hull: Vec<(f64, f64)>,
    pub representative: Vec<Repness>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatementStats {
    /// All votes, from everyone (moderated-out statements included).
    pub agree: usize,
    pub disagree: usize,
    pub pass: usize,
    /// (agree, disagree, pass) per group, in group id order.
    pub per_group: Vec<Tally>,
    /// Group-informed consensus (whole map when there are no groups).
    pub agree_consensus: f64,
    pub disagree_consensus: f64,
    /// Next-statement priority from the overall counts (0 for moderated-out statements).
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapResult {
    pub components: [Vec<f64>; 2],
    pub means: Vec<f64>,
    pub extremity: Vec<f64>,
    /// Per participant; None when they have too few votes to be placed.
    pub points: Vec<Option<(f64, f64)>>,
    pub groups: Vec<Group>,
    /// Per participant: group id, if any.
    pub assignment: Vec<Option<usize>>,
    pub consensus: Vec<StatementScore>,
    pub divisive: Vec<StatementScore>,
    pub per_statement: Vec<StatementStats>,
    pub state: MapState,
}

fn tally(t: &mut Tally, v: f64) {
    if v > 0.0 {
        t.0 += 1;
    } else if v < 0.0 {
        t.1 += 1;
    } else {
        t.2 += 1;
    }
}

/// Runs the whole pipeline. `previous` is the state returned by the last run (None the first time).
pub fn compute(input: &MapInput, previous: Option<&MapState>) -> MapResult {
    let m = VoteMatrix::new(input);
    let (n_p, n_s) = (m.n_participants(), m.n_statements());
    let fit = pca::fit(&m, &input.statements, previous.map(|p| (p.statement_ids.as_slice(), &p.components)));

    let min_votes = MIN_VOTES_IN_MAP.min(m.active_statements()).max(1);
    let points: Vec<Option<(f64, f64)>> = (0..n_p).map(|p| (m.active_votes(p) >= min_votes).then(|| fit.project(&m, p))).collect();
    let in_map: Vec<usize> = (0..n_p).filter(|&p| points[p].is_some()).collect();
    let coords: Vec<(f64, f64)> = in_map.iter().filter_map(|&p| points[p]).collect();

    let (prev_k, prev_candidate, prev_runs) = previous.map_or((0, 0, 0), |p| (p.k, p.candidate_k, p.candidate_runs));
    let mut k_state = (prev_k, prev_candidate, prev_runs);
    let mut clustering = None;
    if in_map.len() >= MIN_PARTICIPANTS_FOR_GROUPS {
        let choice = kmeans::choose_k(&coords, MIN_K, MAX_K, input.seed);
        if choice.best_k > 0 {
            k_state = kmeans::next_k(prev_k, prev_candidate, prev_runs, choice.best_k);
            if !choice.candidates.iter().any(|c| c.k == k_state.0) {
                // The kept k is impossible with this few points: follow the data.
                k_state = (choice.best_k, choice.best_k, 0);
            }
            clustering = choice.candidates.into_iter().find(|c| c.k == k_state.0);
        }
    }

    let mut assignment = vec![None; n_p];
    let mut groups: Vec<Group> = Vec::new();
    if let Some(c) = &clustering {
        groups = (0..c.k).map(|id| Group { id, members: Vec::new(), centroid: c.centroids[id], hull: Vec::new(), representative: Vec::new() }).collect();
        for (&p, &label) in in_map.iter().zip(&c.labels) {
            assignment[p] = Some(label);
            groups[label].members.push(p);
        }
        for g in &mut groups {
            let pts: Vec<(f64, f64)> = g.members.iter().filter_map(|&p| points[p]).collect();
            g.hull = convex_hull(&pts);
        }
    }

    // Tallies: overall, per group ([group][statement]), and over everyone in a group.
    let mut totals: Vec<Tally> = vec![(0, 0, 0); n_s];
    let mut by_group: Vec<Vec<Tally>> = vec![vec![(0, 0, 0); n_s]; groups.len()];
    for (p, group) in assignment.iter().enumerate() {
        for &(s, v) in m.row(p) {
            tally(&mut totals[s], v);
            if let Some(g) = *group {
                tally(&mut by_group[g][s], v);
            }
        }
    }
    let grouped: Vec<Tally> = (0..n_s).map(|s| by_group.iter().fold((0, 0, 0), |acc, g| (acc.0 + g[s].0, acc.1 + g[s].1, acc.2 + g[s].2))).collect();
    for (g, group) in groups.iter_mut().enumerate() {
        group.representative = repness::representative(&by_group[g], &grouped, m.excluded());
    }

    let per_group: Vec<Vec<Tally>> = (0..n_s).map(|s| by_group.iter().map(|g| g[s]).collect()).collect();
    let consensus_input: Vec<Vec<Tally>> = if groups.is_empty() { totals.iter().map(|&t| vec![t]).collect() } else { per_group.clone() };
    let consensus = consensus::consensus(&consensus_input, m.excluded());
    let divisive = consensus::divisive(&per_group, m.excluded());

    let per_statement = (0..n_s)
        .map(|s| {
            let (agree, disagree, pass) = totals[s];
            let (agree_consensus, disagree_consensus) = consensus::group_consensus(&consensus_input[s]);
            let priority = if m.is_excluded(s) { 0.0 } else { priority::priority(agree + disagree + pass, pass, agree, fit.extremity[s]) };
            StatementStats { agree, disagree, pass, per_group: per_group[s].clone(), agree_consensus, disagree_consensus, priority }
        })
        .collect();

    let state = MapState {
        statement_ids: input.statements.clone(),
        components: fit.components.clone(),
        k: k_state.0,
        candidate_k: k_state.1,
        candidate_runs: k_state.2,
    };
    let pca::Pca { components, means, extremity } = fit;
    MapResult { components, means, extremity, points, groups, assignment, consensus, divisive, per_statement, state }
}
