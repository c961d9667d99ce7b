//! Two principal components of the centred vote matrix by power iteration, using only sparse rows:
//! the covariance is applied as Xᵀ(Xv) and never formed, so 1,000 statements cost nothing extra.

use super::matrix::VoteMatrix;
use super::rng::Rng;
use std::collections::HashMap;

pub const MAX_ITERATIONS: usize = 100;
pub const TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// Unit-length loadings per statement (zero for excluded statements, or when there is no variance).
    pub components: [Vec<f64>; 2],
    /// Mean of the cast votes per statement (missing votes are imputed with it, so they add nothing after centring).
    pub means: Vec<f64>,
    /// Length of each statement's (c1, c2) loading: how much it pulls people apart.
    pub extremity: Vec<f64>,
}

/// Column means over cast votes; 0 for excluded or unvoted statements.
pub fn column_means(m: &VoteMatrix) -> Vec<f64> {
    let mut sum = vec![0.0; m.n_statements()];
    let mut count = vec![0usize; m.n_statements()];
    for p in 0..m.n_participants() {
        for &(s, v) in m.row(p) {
            sum[s] += v;
            count[s] += 1;
        }
    }
    (0..m.n_statements()).map(|s| if m.is_excluded(s) || count[s] == 0 { 0.0 } else { sum[s] / count[s] as f64 }).collect()
}

/// Fits the components. `previous` is (statement ids, components) from the last run: it warm-starts the iteration
/// and fixes the signs, matched by statement id so added or reordered statements are fine.
pub fn fit(m: &VoteMatrix, statement_ids: &[u64], previous: Option<(&[u64], &[Vec<f64>; 2])>) -> Pca {
    let n = m.n_statements();
    let means = column_means(m);
    let prev = previous.map(|(ids, comps)| align(ids, comps, statement_ids, n));
    let mut v = [start_vector(m, prev.as_ref().map(|p| &p[0]), 1), start_vector(m, prev.as_ref().map(|p| &p[1]), 2)];
    orthonormalise(&mut v);
    let mut w = [vec![0.0; n], vec![0.0; n]];
    for _ in 0..MAX_ITERATIONS {
        apply_covariance(m, &means, &v, &mut w);
        ritz_rotate(&v, &mut w);
        orthonormalise(&mut w);
        let delta = (0..2).map(|k| dist(&v[k], &w[k])).fold(0.0, f64::max);
        std::mem::swap(&mut v, &mut w);
        if delta < TOLERANCE {
            break;
        }
    }
    for k in 0..2 {
        fix_sign(&mut v[k], prev.as_ref().map(|p| &p[k]));
    }
    let extremity = (0..n).map(|s| v[0][s].hypot(v[1][s])).collect();
    Pca { components: v, means, extremity }
}

impl Pca {
    /// Projects one participant from their cast votes only, scaled up by sqrt(statements / votes) so people who
    /// voted on few statements are not all squashed into the centre.
    pub fn project(&self, m: &VoteMatrix, p: usize) -> (f64, f64) {
        let (mut x, mut y) = (0.0, 0.0);
        for &(s, v) in m.row(p) {
            if !m.is_excluded(s) {
                let c = v - self.means[s];
                x += c * self.components[0][s];
                y += c * self.components[1][s];
            }
        }
        let scale = (m.active_statements() as f64 / m.active_votes(p).max(1) as f64).sqrt();
        (x * scale, y * scale)
    }
}

/// w_k = Xᵀ(X v_k) for both vectors in one pass over the rows; missing entries are 0 after centring.
fn apply_covariance(m: &VoteMatrix, means: &[f64], v: &[Vec<f64>; 2], w: &mut [Vec<f64>; 2]) {
    w[0].fill(0.0);
    w[1].fill(0.0);
    let (w0, w1) = w.split_at_mut(1);
    let (w0, w1) = (&mut w0[0], &mut w1[0]);
    for p in 0..m.n_participants() {
        let row = m.row(p);
        let (mut y0, mut y1) = (0.0, 0.0);
        for &(s, x) in row {
            let c = x - means[s];
            y0 += c * v[0][s];
            y1 += c * v[1][s];
        }
        if y0 == 0.0 && y1 == 0.0 {
            continue;
        }
        for &(s, x) in row {
            let c = x - means[s];
            w0[s] += c * y0;
            w1[s] += c * y1;
        }
    }
    for s in 0..m.n_statements() {
        if m.is_excluded(s) {
            w0[s] = 0.0;
            w1[s] = 0.0;
        }
    }
}

/// Rayleigh–Ritz inside span(v): rotate w = Cv by the eigenvectors of the 2×2 matrix vᵀCv, so each vector
/// heads for its own eigenvector at once and does not crawl there at rate λ₂/λ₁ (close eigenvalues are common).
fn ritz_rotate(v: &[Vec<f64>; 2], w: &mut [Vec<f64>; 2]) {
    let (h00, h11) = (dot(&v[0], &w[0]), dot(&v[1], &w[1]));
    let h01 = (dot(&v[0], &w[1]) + dot(&v[1], &w[0])) / 2.0;
    let theta = 0.5 * (2.0 * h01).atan2(h00 - h11);
    let (sin, cos) = theta.sin_cos();
    let (a, b) = w.split_at_mut(1);
    for (x, y) in a[0].iter_mut().zip(b[0].iter_mut()) {
        (*x, *y) = (cos * *x + sin * *y, cos * *y - sin * *x);
    }
}

/// Gram–Schmidt: normalise the first, deflate the second against it. A vanishing vector becomes all zeros.
fn orthonormalise(v: &mut [Vec<f64>; 2]) {
    normalise(&mut v[0]);
    let d = dot(&v[0], &v[1]);
    let (a, b) = v.split_at_mut(1);
    for (bi, ai) in b[0].iter_mut().zip(&a[0]) {
        *bi -= d * ai;
    }
    normalise(&mut v[1]);
}

fn normalise(v: &mut [f64]) {
    let norm = dot(v, v).sqrt();
    let scale = if norm > 1e-12 { 1.0 / norm } else { 0.0 };
    v.iter_mut().for_each(|x| *x *= scale);
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()
}

/// Previous components re-indexed to the current statements; statements new since then start at 0.
fn align(prev_ids: &[u64], prev: &[Vec<f64>; 2], ids: &[u64], n: usize) -> [Vec<f64>; 2] {
    let index: HashMap<u64, usize> = prev_ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let pick =
        |k: usize| -> Vec<f64> { (0..n).map(|s| ids.get(s).and_then(|id| index.get(id)).and_then(|&i| prev[k].get(i)).copied().unwrap_or(0.0)).collect() };
    [pick(0), pick(1)]
}

/// The warm start if it has any weight on active statements, else a fixed pseudo-random vector (never all-equal,
/// which could be orthogonal to the interesting directions).
fn start_vector(m: &VoteMatrix, warm: Option<&Vec<f64>>, salt: u64) -> Vec<f64> {
    let n = m.n_statements();
    if let Some(w) = warm {
        let v: Vec<f64> = (0..n).map(|s| if m.is_excluded(s) { 0.0 } else { w[s] }).collect();
        if dot(&v, &v) > 1e-12 {
            return v;
        }
    }
    let mut rng = Rng::new(0x0D15_C0DE ^ salt);
    (0..n).map(|s| if m.is_excluded(s) { 0.0 } else { rng.next_f64() - 0.5 }).collect()
}

/// Eigenvectors have no inherent sign; keep the previous run's orientation so the map does not mirror itself.
fn fix_sign(v: &mut [f64], previous: Option<&Vec<f64>>) {
    let d = previous.map(|p| dot(v, p)).unwrap_or(0.0);
    let flip = if d != 0.0 {
        d < 0.0
    } else {
        let largest = v.iter().copied().fold(0.0f64, |best, x| if x.abs() > best.abs() { x } else { best });
        largest < 0.0
    };
    if flip {
        v.iter_mut().for_each(|x| *x = -*x);
    }
}

#[cfg(test)]
mod tests {
    use super::super::matrix::{MapInput, Vote};
    use super::*;

    fn input(rows: &[&[Option<Vote>]]) -> MapInput {
        let n_s = rows[0].len();
        let votes = rows.iter().enumerate().flat_map(|(p, r)| r.iter().enumerate().filter_map(move |(s, v)| v.map(|v| (p, s, v)))).collect();
        MapInput { participants: (0..rows.len() as u64).collect(), statements: (100..100 + n_s as u64).collect(), votes, ..Default::default() }
    }

    const A: Option<Vote> = Some(Vote::Agree);
    const D: Option<Vote> = Some(Vote::Disagree);
    const N: Option<Vote> = None;

    #[test]
    fn tiny_matrix_by_hand() {
        // Two camps split on statement 0 and 1 together; statement 2 is agreed by all (no variance).
        let inp = input(&[&[A, D, A], &[A, D, A], &[D, A, A], &[D, A, A]]);
        let m = VoteMatrix::new(&inp);
        let pca = fit(&m, &inp.statements, None);
        assert_eq!(pca.means, vec![0.0, 0.0, 1.0]);
        let h = 1.0 / 2f64.sqrt();
        let c = &pca.components[0];
        assert!((c[0].abs() - h).abs() < 1e-9 && (c[1] + c[0]).abs() < 1e-9 && c[2].abs() < 1e-9, "{c:?}");
        assert!(c[0] > 0.0, "largest entry made positive (tie resolved to the first)");
        assert!(pca.components[1].iter().all(|x| x.abs() < 1e-9), "rank one: no second direction");
        assert!((pca.extremity[0] - h).abs() < 1e-9);
        let (x0, _) = pca.project(&m, 0);
        let (x2, _) = pca.project(&m, 2);
        assert!((x0 - 2f64.sqrt()).abs() < 1e-9 && (x2 + 2f64.sqrt()).abs() < 1e-9, "{x0} {x2}");
    }

    #[test]
    fn projection_is_scaled_by_missing_votes() {
        let inp = input(&[&[A, D, N, N], &[A, D, A, D], &[D, A, D, A], &[D, A, D, A]]);
        let m = VoteMatrix::new(&inp);
        let pca = fit(&m, &inp.statements, None);
        let c = &pca.components;
        let raw: f64 = [(0, 1.0), (1, -1.0)].iter().map(|&(s, v)| (v - pca.means[s]) * c[0][s]).sum();
        let (x, _) = pca.project(&m, 0);
        assert!((x - raw * 2f64.sqrt()).abs() < 1e-12, "4 statements / 2 votes → × √2");
    }

    #[test]
    fn warm_start_keeps_signs_and_survives_perturbation() {
        let inp = input(&[&[A, D, A, D], &[A, D, N, D], &[D, A, D, A], &[D, A, D, N], &[A, A, D, D], &[D, D, A, A], &[A, N, A, A]]);
        let m = VoteMatrix::new(&inp);
        let first = fit(&m, &inp.statements, None);
        // Flip the stored components: the new run must follow them (no mirroring), otherwise identical.
        let flipped = [first.components[0].iter().map(|x| -x).collect(), first.components[1].iter().map(|x| -x).collect()];
        let again = fit(&m, &inp.statements, Some((&inp.statements, &flipped)));
        for k in 0..2 {
            for s in 0..4 {
                assert!((again.components[k][s] + first.components[k][s]).abs() < 1e-6);
            }
        }
        // Perturb one vote and add a statement at the front (ids shift indices): no sign flip.
        let mut p = inp.clone();
        p.statements.insert(0, 7);
        p.votes = p.votes.iter().map(|&(pp, s, v)| (pp, s + 1, v)).collect();
        p.votes.push((6, 2, Vote::Disagree));
        p.votes.push((0, 0, Vote::Agree));
        let mp = VoteMatrix::new(&p);
        let second = fit(&mp, &p.statements, Some((&inp.statements, &first.components)));
        for k in 0..2 {
            let d: f64 = (0..4).map(|s| second.components[k][s + 1] * first.components[k][s]).sum();
            assert!(d > 0.5, "component {k} kept its orientation: {d}");
        }
    }

    #[test]
    fn excluded_columns_are_zero_and_empty_input_is_fine() {
        let mut inp = input(&[&[A, D, A], &[D, A, A], &[A, A, D]]);
        inp.excluded_statements = vec![0];
        let m = VoteMatrix::new(&inp);
        let pca = fit(&m, &inp.statements, None);
        assert_eq!((pca.components[0][0], pca.components[1][0], pca.means[0]), (0.0, 0.0, 0.0));
        let empty = VoteMatrix::new(&MapInput::default());
        let pca = fit(&empty, &[], None);
        assert!(pca.components[0].is_empty() && pca.extremity.is_empty());
    }
}
