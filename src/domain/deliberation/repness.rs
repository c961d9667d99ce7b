//! Representative statements: what a group agrees (or disagrees) with notably more than the rest of the map.
//! Follows Pol.is' repness with +1 pseudo-counts, so tiny counts cannot produce extreme ratios.

/// (agree, disagree, pass) counts.
pub type Tally = (usize, usize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Agree,
    Disagree,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Repness {
    pub statement: usize,
    pub stance: Stance,
    /// pa (or pd) = (1 + n) / (2 + seen) inside the group.
    pub p: f64,
    /// ra (or rd) = p relative to the same share among everyone else in the map.
    pub r: f64,
    /// z of p against 0.5.
    pub p_test: f64,
    /// z of p against the rest of the map.
    pub r_test: f64,
    /// The group's own counts for this statement.
    pub agree: usize,
    pub disagree: usize,
    pub pass: usize,
}

/// One-sided 90 % confidence.
pub const Z_90: f64 = 1.2816;
/// Fewer votes than this inside the group and the statement cannot represent it.
pub const MIN_SEEN: usize = 3;
pub const TOP: usize = 5;

fn share(n: usize, seen: usize) -> f64 {
    (n + 1) as f64 / (seen + 2) as f64
}

/// z for "share is above one half", with the pseudo-counts.
pub fn prop_test(n: usize, seen: usize) -> f64 {
    2.0 * ((seen + 2) as f64).sqrt() * (share(n, seen) - 0.5)
}

/// Pooled two-proportion z for "share in is above share out", with the pseudo-counts.
pub fn two_prop_test(n_in: usize, seen_in: usize, n_out: usize, seen_out: usize) -> f64 {
    let (p1, p2) = (share(n_in, seen_in), share(n_out, seen_out));
    let (pop_in, pop_out) = ((seen_in + 2) as f64, (seen_out + 2) as f64);
    let pooled = (n_in + n_out + 2) as f64 / (pop_in + pop_out);
    let var = pooled * (1.0 - pooled) * (1.0 / pop_in + 1.0 / pop_out);
    if var <= 0.0 { 0.0 } else { (p1 - p2) / var.sqrt() }
}

/// The top representative statements of one group. `group[s]` and `in_map[s]` are per-statement tallies of the
/// group and of everyone in the map (group included); the rest of the map is the difference.
pub fn representative(group: &[Tally], in_map: &[Tally], excluded: &[bool]) -> Vec<Repness> {
    let mut found: Vec<Repness> = Vec::new();
    for (s, (&(a, d, p), &(ta, td, tp))) in group.iter().zip(in_map).enumerate() {
        let seen = a + d + p;
        if excluded.get(s).copied().unwrap_or(false) || seen < MIN_SEEN {
            continue;
        }
        let rest_seen = (ta + td + tp).saturating_sub(seen);
        let best = [(Stance::Agree, a, ta.saturating_sub(a)), (Stance::Disagree, d, td.saturating_sub(d))]
            .into_iter()
            .map(|(stance, n, n_rest)| {
                let ps = share(n, seen);
                let r = ps / share(n_rest, rest_seen);
                (stance, ps, r, prop_test(n, seen), two_prop_test(n, seen, n_rest, rest_seen))
            })
            .filter(|&(_, _, _, pt, rt)| pt > Z_90 && rt > Z_90)
            .max_by(|x, y| (x.1 * x.2).total_cmp(&(y.1 * y.2)));
        if let Some((stance, ps, r, p_test, r_test)) = best {
            found.push(Repness { statement: s, stance, p: ps, r, p_test, r_test, agree: a, disagree: d, pass: p });
        }
    }
    found.sort_by(|x, y| (y.r * y.p).total_cmp(&(x.r * x.p)).then(x.statement.cmp(&y.statement)));
    found.truncate(TOP);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanimous_group_statement_is_top_agree() {
        // Group A (10 people) vs rest (20): s0 A all agree / rest all disagree; s1 A mostly agrees, rest split;
        // s2 everyone agrees (not distinctive); s3 too few votes.
        let group = [(10, 0, 0), (7, 2, 1), (10, 0, 0), (2, 0, 0)];
        let rest = [(0, 20, 0), (10, 10, 0), (20, 0, 0), (0, 20, 0)];
        let in_map: Vec<Tally> = group.iter().zip(&rest).map(|(g, r)| (g.0 + r.0, g.1 + r.1, g.2 + r.2)).collect();
        let reps = representative(&group, &in_map, &[false; 4]);
        assert_eq!(reps[0].statement, 0);
        assert_eq!(reps[0].stance, Stance::Agree);
        assert!((reps[0].p - 11.0 / 12.0).abs() < 1e-12 && (reps[0].r - (11.0 / 12.0) / (1.0 / 22.0)).abs() < 1e-9);
        assert_eq!((reps[0].agree, reps[0].disagree, reps[0].pass), (10, 0, 0));
        assert!(reps.iter().all(|r| r.statement != 2 && r.statement != 3), "{reps:?}");
        // The rest, seen as a group, is represented by disagreeing with s0.
        let rest_reps = representative(&rest, &in_map, &[false; 4]);
        assert_eq!((rest_reps[0].statement, rest_reps[0].stance), (0, Stance::Disagree));
        assert!(representative(&group, &in_map, &[true; 4]).is_empty(), "excluded statements never represent");
    }

    #[test]
    fn tests_have_expected_signs() {
        assert!(prop_test(9, 10) > Z_90 && prop_test(5, 10).abs() < 1e-12);
        assert!(two_prop_test(9, 10, 1, 10) > 3.0 && two_prop_test(1, 10, 9, 10) < -3.0);
        assert_eq!(two_prop_test(0, 0, 0, 0), 0.0);
    }
}
