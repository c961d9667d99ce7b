//! The vote matrix as sparse per-participant rows, so 10,000 × 1,000 with 3 million votes stays small and fast.

/// One vote. We deliberately use agree = +1 and disagree = −1 (Pol.is itself stores agree as −1), so a positive
/// number means agreement everywhere in this module; pass is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    Agree,
    Disagree,
    Pass,
}

impl Vote {
    pub fn value(self) -> f64 {
        match self {
            Vote::Agree => 1.0,
            Vote::Disagree => -1.0,
            Vote::Pass => 0.0,
        }
    }
}

/// Everything the map is computed from. Indices refer to positions in `participants` / `statements`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapInput {
    /// Stable participant ids; results are reported by index into this list.
    pub participants: Vec<u64>,
    /// Stable statement ids; used to match the previous run's components for the warm start.
    pub statements: Vec<u64>,
    /// (participant index, statement index, vote). Out-of-range entries are ignored; for duplicates the last one wins.
    pub votes: Vec<(usize, usize, Vote)>,
    /// Moderated-out statements: their column is zeroed (kept, so indices stay stable) and they are never listed.
    pub excluded_statements: Vec<usize>,
    /// Seed for the clustering RNG, so the same input always gives the same map.
    pub seed: u64,
}

/// Sparse rows in one flat buffer (CSR): row `p` is `entries[offsets[p]..offsets[p + 1]]`, sorted by statement.
#[derive(Debug, Clone)]
pub struct VoteMatrix {
    n_statements: usize,
    offsets: Vec<usize>,
    entries: Vec<(usize, f64)>,
    excluded: Vec<bool>,
    active_votes: Vec<usize>,
    active_statements: usize,
}

impl VoteMatrix {
    pub fn new(input: &MapInput) -> Self {
        let (n_p, n_s) = (input.participants.len(), input.statements.len());
        let mut excluded = vec![false; n_s];
        for &s in &input.excluded_statements {
            if s < n_s {
                excluded[s] = true;
            }
        }
        let valid = |&&(p, s, _): &&(usize, usize, Vote)| p < n_p && s < n_s;
        // Counting sort by participant keeps input order inside a row, so "last vote wins" survives the stable sort.
        let mut offsets = vec![0usize; n_p + 1];
        for &(p, _, _) in input.votes.iter().filter(valid) {
            offsets[p + 1] += 1;
        }
        for p in 0..n_p {
            offsets[p + 1] += offsets[p];
        }
        let mut cursor = offsets.clone();
        let mut entries = vec![(0usize, 0.0f64); offsets[n_p]];
        for &(p, s, v) in input.votes.iter().filter(valid) {
            entries[cursor[p]] = (s, v.value());
            cursor[p] += 1;
        }
        let mut write = 0;
        let mut active_votes = vec![0usize; n_p];
        for p in 0..n_p {
            let (start, end) = (offsets[p], offsets[p + 1]);
            entries[start..end].sort_by_key(|e| e.0);
            offsets[p] = write;
            for j in start..end {
                if j + 1 < end && entries[j + 1].0 == entries[j].0 {
                    continue;
                }
                entries[write] = entries[j];
                write += 1;
                if !excluded[entries[j].0] {
                    active_votes[p] += 1;
                }
            }
        }
        offsets[n_p] = write;
        entries.truncate(write);
        let active_statements = excluded.iter().filter(|&&e| !e).count();
        VoteMatrix { n_statements: n_s, offsets, entries, excluded, active_votes, active_statements }
    }

    pub fn n_participants(&self) -> usize {
        self.active_votes.len()
    }

    pub fn n_statements(&self) -> usize {
        self.n_statements
    }

    /// All of a participant's votes (excluded statements included), sorted by statement index.
    pub fn row(&self, p: usize) -> &[(usize, f64)] {
        &self.entries[self.offsets[p]..self.offsets[p + 1]]
    }

    pub fn is_excluded(&self, s: usize) -> bool {
        self.excluded[s]
    }

    pub fn excluded(&self) -> &[bool] {
        &self.excluded
    }

    /// Votes on statements that are not moderated out.
    pub fn active_votes(&self, p: usize) -> usize {
        self.active_votes[p]
    }

    pub fn active_statements(&self) -> usize {
        self.active_statements
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_deduplicated_and_filtered() {
        let input = MapInput {
            participants: vec![10, 11],
            statements: vec![1, 2, 3],
            votes: vec![(0, 2, Vote::Agree), (0, 0, Vote::Disagree), (0, 2, Vote::Pass), (1, 1, Vote::Agree), (5, 0, Vote::Agree), (1, 9, Vote::Agree)],
            excluded_statements: vec![1, 42],
            seed: 0,
        };
        let m = VoteMatrix::new(&input);
        assert_eq!(m.row(0), &[(0, -1.0), (2, 0.0)]);
        assert_eq!(m.row(1), &[(1, 1.0)]);
        assert_eq!((m.active_votes(0), m.active_votes(1), m.active_statements()), (2, 0, 2));
        assert!(m.is_excluded(1) && !m.is_excluded(0));
    }
}
