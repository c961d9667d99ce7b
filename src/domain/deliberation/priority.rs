//! Which statement to show next: Pol.is' priority, favouring new, divisive and not-often-passed statements.

/// [(1 − p)(E + 1)·a·(1 + 8·2^(−S/5))]² with p = (P+1)/(S+2), a = (A+1)/(S+2). The novelty factor makes a
/// statement nobody has seen (S = 0) score 9× its base, so new statements get votes quickly.
pub fn priority(seen: usize, passes: usize, agrees: usize, extremity: f64) -> f64 {
    let denom = (seen + 2) as f64;
    let p = (passes + 1) as f64 / denom;
    let a = (agrees + 1) as f64 / denom;
    let novelty = 1.0 + 8.0 * 2f64.powf(-(seen as f64) / 5.0);
    let e = if extremity.is_finite() { extremity.max(0.0) } else { 0.0 };
    let x = (1.0 - p) * (e + 1.0) * a * novelty;
    x * x
}

/// Weighted random choice of a statement; `r` is uniform in [0, 1) from the caller (keeps this module RNG-free).
/// Non-positive or non-finite weights are never picked unless all are, then the choice is uniform.
pub fn pick(candidates: &[(usize, f64)], r: f64) -> Option<usize> {
    let weight = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let total: f64 = candidates.iter().map(|c| weight(c.1)).sum();
    let r = if r.is_finite() { r.clamp(0.0, 1.0) } else { 0.0 };
    if total <= 0.0 {
        let i = ((r * candidates.len() as f64) as usize).min(candidates.len().checked_sub(1)?);
        return Some(candidates[i].0);
    }
    let target = r * total;
    let mut acc = 0.0;
    let mut last = None;
    for &(s, w) in candidates {
        let w = weight(w);
        if w > 0.0 {
            acc += w;
            last = Some(s);
            if target < acc {
                return last;
            }
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unseen_beats_heavily_voted_and_passed() {
        let new = priority(0, 0, 0, 0.0);
        assert!((new - (0.5 * 0.5 * 9.0f64).powi(2)).abs() < 1e-12);
        assert!(new > priority(200, 120, 60, 0.3));
        assert!(new > priority(50, 0, 50, 0.0), "even a popular, never-passed statement");
        assert!(priority(50, 5, 25, 0.9) > priority(50, 5, 25, 0.1), "extremity raises priority");
        assert!(priority(50, 40, 5, 0.5) < priority(50, 5, 40, 0.5), "passes lower priority");
    }

    #[test]
    fn pick_respects_weights() {
        let c = [(10, 1.0), (11, 0.0), (12, 3.0)];
        // cumulative boundary at 1/4 of the total.
        assert_eq!(pick(&c, 0.0), Some(10));
        assert_eq!(pick(&c, 0.2499), Some(10));
        assert_eq!(pick(&c, 0.25), Some(12));
        assert_eq!(pick(&c, 0.999_999), Some(12));
        assert_eq!(pick(&c, 1.0), Some(12), "r out of range still picks a weighted candidate");
        assert_eq!(pick(&[], 0.5), None);
        assert_eq!(pick(&[(1, 0.0), (2, f64::NAN)], 0.75), Some(2), "all zero: uniform");
        assert_eq!(pick(&[(1, -1.0), (2, 2.0)], 0.0), Some(2));
    }
}
