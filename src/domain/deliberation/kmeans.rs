//! Deterministic k-means on the 2-D map, silhouette-based choice of k, and the rule that keeps k from flickering.

use super::rng::Rng;

pub const RESTARTS: u64 = 4;
pub const MAX_ITERATIONS: usize = 100;
/// Silhouette is O(n²); above this many points it is computed on an evenly spaced sample.
pub const SILHOUETTE_SAMPLE: usize = 1000;
/// A different k must win this many consecutive runs before it replaces the current one.
pub const K_SWITCH_RUNS: u32 = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub k: usize,
    /// Per point; groups are numbered by their centroid's x, then y, so numbering is deterministic.
    pub labels: Vec<usize>,
    pub centroids: Vec<(f64, f64)>,
    pub inertia: f64,
    pub silhouette: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KChoice {
    /// 0 when there were too few points for any k.
    pub best_k: usize,
    /// One clustering per tried k, ascending.
    pub candidates: Vec<Clustering>,
}

fn d2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)
}

fn nearest(centroids: &[(f64, f64)], p: (f64, f64)) -> usize {
    let mut best = (0, f64::INFINITY);
    for (c, &q) in centroids.iter().enumerate() {
        let d = d2(p, q);
        if d < best.1 {
            best = (c, d);
        }
    }
    best.0
}

/// Best (lowest inertia) of a few seeded k-means++ runs, groups ordered by centroid.
pub fn kmeans(points: &[(f64, f64)], k: usize, seed: u64) -> Clustering {
    let k = k.min(points.len());
    if k == 0 {
        return Clustering { k: 0, labels: vec![0; points.len()], centroids: Vec::new(), inertia: 0.0, silhouette: 0.0 };
    }
    let run = |r: u64| {
        let mut rng = Rng::new(seed ^ (k as u64).wrapping_mul(0xA076_1D64_78BD_642F) ^ r.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        lloyd(points, plus_plus_init(points, k, &mut rng))
    };
    let mut best = run(0);
    for r in 1..RESTARTS {
        let next = run(r);
        if next.2 < best.2 - 1e-12 {
            best = next;
        }
    }
    let (labels, centroids, inertia) = best;
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| centroids[a].0.total_cmp(&centroids[b].0).then(centroids[a].1.total_cmp(&centroids[b].1)));
    let mut rank = vec![0; k];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new;
    }
    let labels: Vec<usize> = labels.iter().map(|&l| rank[l]).collect();
    let centroids = order.iter().map(|&c| centroids[c]).collect();
    let silhouette = silhouette(points, &labels, k);
    Clustering { k, labels, centroids, inertia, silhouette }
}

/// k-means++: each next centre drawn with probability proportional to its squared distance from the chosen ones.
fn plus_plus_init(points: &[(f64, f64)], k: usize, rng: &mut Rng) -> Vec<(f64, f64)> {
    let mut centroids = vec![points[rng.below(points.len())]];
    let mut dist: Vec<f64> = points.iter().map(|&p| d2(p, centroids[0])).collect();
    while centroids.len() < k {
        let total: f64 = dist.iter().sum();
        let mut idx = rng.below(points.len());
        if total > 0.0 {
            let target = rng.next_f64() * total;
            let mut acc = 0.0;
            for (i, &d) in dist.iter().enumerate() {
                acc += d;
                if d > 0.0 {
                    idx = i;
                    if acc > target {
                        break;
                    }
                }
            }
        }
        let c = points[idx];
        centroids.push(c);
        dist.iter_mut().zip(points).for_each(|(d, &p)| *d = d.min(d2(p, c)));
    }
    centroids
}

/// Lloyd iterations until no label changes; an emptied cluster restarts at the worst-served point.
fn lloyd(points: &[(f64, f64)], mut centroids: Vec<(f64, f64)>) -> (Vec<usize>, Vec<(f64, f64)>, f64) {
    let k = centroids.len();
    let mut labels = vec![usize::MAX; points.len()];
    for _ in 0..MAX_ITERATIONS {
        let mut changed = false;
        for (l, &p) in labels.iter_mut().zip(points) {
            let n = nearest(&centroids, p);
            changed |= n != *l;
            *l = n;
        }
        if !changed {
            break;
        }
        let mut sums = vec![(0.0, 0.0, 0usize); k];
        for (&l, &p) in labels.iter().zip(points) {
            sums[l] = (sums[l].0 + p.0, sums[l].1 + p.1, sums[l].2 + 1);
        }
        for c in 0..k {
            let (x, y, n) = sums[c];
            if n > 0 {
                centroids[c] = (x / n as f64, y / n as f64);
            } else {
                let far = (0..points.len()).max_by(|&a, &b| d2(points[a], centroids[labels[a]]).total_cmp(&d2(points[b], centroids[labels[b]])));
                if let Some(far) = far {
                    centroids[c] = points[far];
                }
            }
        }
    }
    let inertia = labels.iter().zip(points).map(|(&l, &p)| d2(p, centroids[l])).sum();
    (labels, centroids, inertia)
}

/// Mean silhouette over an evenly spaced sample of at most `SILHOUETTE_SAMPLE` points (exact below that).
/// Singletons score 0, as usual.
pub fn silhouette(points: &[(f64, f64)], labels: &[usize], k: usize) -> f64 {
    let n = points.len();
    if k < 2 || n < 2 {
        return 0.0;
    }
    let m = n.min(SILHOUETTE_SAMPLE);
    let sample: Vec<usize> = (0..m).map(|j| j * n / m).collect();
    let (mut sums, mut counts) = (vec![0.0; k], vec![0usize; k]);
    let mut total = 0.0;
    for &i in &sample {
        sums.fill(0.0);
        counts.fill(0);
        for &j in &sample {
            if j != i {
                sums[labels[j]] += d2(points[i], points[j]).sqrt();
                counts[labels[j]] += 1;
            }
        }
        let own = labels[i];
        if counts[own] == 0 {
            continue;
        }
        let a = sums[own] / counts[own] as f64;
        let b = (0..k).filter(|&c| c != own && counts[c] > 0).map(|c| sums[c] / counts[c] as f64).fold(f64::INFINITY, f64::min);
        if b.is_finite() && a.max(b) > 0.0 {
            total += (b - a) / a.max(b);
        }
    }
    total / m as f64
}

/// Clusters for every k in min_k..=max_k (capped at n − 1) and the one with the best silhouette (ties: smaller k).
pub fn choose_k(points: &[(f64, f64)], min_k: usize, max_k: usize, seed: u64) -> KChoice {
    let max_k = max_k.min(points.len().saturating_sub(1));
    let candidates: Vec<Clustering> = (min_k.max(2)..=max_k).map(|k| kmeans(points, k, seed)).collect();
    let mut best: Option<&Clustering> = None;
    for c in &candidates {
        if best.is_none_or(|b| c.silhouette > b.silhouette + 1e-9) {
            best = Some(c);
        }
    }
    KChoice { best_k: best.map_or(0, |c| c.k), candidates }
}

/// Hysteresis for k: returns (k, candidate_k, candidate_runs) after a run whose best k was `best`.
/// `current` 0 means "no k yet", which adopts `best` at once.
pub fn next_k(current: usize, candidate: usize, runs: u32, best: usize) -> (usize, usize, u32) {
    if current == 0 || best == current {
        return (best, best, 0);
    }
    let runs = if best == candidate { runs.saturating_add(1) } else { 1 };
    if runs >= K_SWITCH_RUNS { (best, best, 0) } else { (current, best, runs) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs(centres: &[(f64, f64)], per: usize, seed: u64) -> (Vec<(f64, f64)>, Vec<usize>) {
        let mut rng = Rng::new(seed);
        let mut pts = Vec::new();
        let mut truth = Vec::new();
        for i in 0..per * centres.len() {
            let g = i % centres.len();
            pts.push((centres[g].0 + rng.next_f64() - 0.5, centres[g].1 + rng.next_f64() - 0.5));
            truth.push(g);
        }
        (pts, truth)
    }

    #[test]
    fn recovers_blobs_and_orders_groups() {
        let (pts, truth) = blobs(&[(5.0, 0.0), (-5.0, 0.0), (0.0, 6.0)], 30, 3);
        let choice = choose_k(&pts, 2, 5, 42);
        assert_eq!(choice.best_k, 3);
        let c = &choice.candidates[1];
        assert_eq!(c.k, 3);
        assert!(c.silhouette > 0.8, "{}", c.silhouette);
        assert!(c.centroids.windows(2).all(|w| w[0].0 <= w[1].0));
        // Group 0 is the leftmost blob (truth 1), then (truth 2), then (truth 0).
        let map = [2, 0, 1];
        assert!(truth.iter().zip(&c.labels).all(|(&t, &l)| map[t] == l));
        assert_eq!(choose_k(&pts, 2, 5, 42), choice, "deterministic");
    }

    #[test]
    fn degenerate_points() {
        let same = vec![(1.0, 1.0); 10];
        let c = kmeans(&same, 3, 1);
        assert_eq!(c.silhouette, 0.0);
        assert_eq!(c.inertia, 0.0);
        assert_eq!(choose_k(&[(0.0, 0.0), (1.0, 1.0)], 2, 5, 0).best_k, 0);
        assert_eq!(kmeans(&[], 3, 0).k, 0);
    }

    #[test]
    fn sampled_silhouette_is_close_to_exact() {
        let (pts, truth) = blobs(&[(3.0, 0.0), (-3.0, 0.0)], 1500, 9);
        let s = silhouette(&pts, &truth, 2);
        assert!(s > 0.7 && s < 1.0, "{s}");
    }

    #[test]
    fn k_changes_only_after_four_consecutive_wins() {
        assert_eq!(next_k(0, 0, 0, 3), (3, 3, 0));
        let mut state = (3, 3, 0);
        state = next_k(state.0, state.1, state.2, 4);
        assert_eq!(state, (3, 4, 1), "one win does not replace k");
        state = next_k(state.0, state.1, state.2, 3);
        assert_eq!(state, (3, 3, 0), "streak broken");
        for run in 1..=4 {
            state = next_k(state.0, state.1, state.2, 2);
            assert_eq!(state.0, if run < 4 { 3 } else { 2 }, "run {run}");
        }
        assert_eq!(state, (2, 2, 0));
        state = next_k(2, 4, 2, 5);
        assert_eq!(state, (2, 5, 1), "a different challenger restarts the count");
    }
}
