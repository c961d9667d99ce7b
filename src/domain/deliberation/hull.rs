//! Convex hull of a group's points, for drawing the group's outline on the map.

/// Andrew's monotone chain: counter-clockwise, starting at the lowest-x (then lowest-y) point, without collinear or
/// duplicate points. Fewer than three distinct points come back as they are (sorted, deduplicated).
pub fn convex_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let mut hull = half_hull(pts.iter());
    let mut upper = half_hull(pts.iter().rev());
    // The last point of each chain is the first of the other.
    hull.pop();
    upper.pop();
    hull.extend(upper);
    if hull.len() < 3 {
        // All points collinear: the two extremes.
        return vec![pts[0], pts[pts.len() - 1]];
    }
    hull
}

/// One monotone chain, keeping only left turns.
fn half_hull<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> Vec<(f64, f64)> {
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0);
    let mut chain: Vec<(f64, f64)> = Vec::new();
    for &p in points {
        while chain.len() >= 2 && cross(chain[chain.len() - 2], chain[chain.len() - 1], p) <= 0.0 {
            chain.pop();
        }
        chain.push(p);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_with_inner_and_collinear_points() {
        let pts = [(1.0, 1.0), (0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (1.0, 0.0), (0.5, 1.5), (2.0, 2.0)];
        assert_eq!(convex_hull(&pts), vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(convex_hull(&[]).is_empty());
        assert_eq!(convex_hull(&[(1.0, 1.0), (1.0, 1.0)]), vec![(1.0, 1.0)]);
        assert_eq!(convex_hull(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]), vec![(0.0, 0.0), (2.0, 2.0)]);
    }

    #[test]
    fn counter_clockwise() {
        let hull = convex_hull(&[(0.0, 0.0), (3.0, 1.0), (1.0, 3.0), (1.0, 1.0)]);
        let area: f64 = (0..hull.len())
            .map(|i| {
                let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum();
        assert_eq!(hull.len(), 3);
        assert!(area > 0.0);
    }
}
