//! The opinion map's computation (no server): PCA, groups, representative and consensus
//! statements for the two sizes, cold (first run) and warm (started from the last
//! run's state, as the job does), against the targets (10,000 × 1,000 at 30 % in 5 s; 300 × 60
//! in 50 ms), with the adjusted Rand index of the groups found against the known ones.
use minyi::domain::deliberation::{ari::adjusted_rand_index, compute, synthetic};
use std::time::Instant;

struct Row {
    name: &'static str,
    votes: usize,
    cold_ms: f64,
    warm_ms: f64,
    target_ms: f64,
    groups: usize,
    ari: f64,
}

fn measure(name: &'static str, groups: &[usize], statements: usize, share: f64, target_ms: f64) -> Row {
    let (input, truth) = synthetic(groups, statements, share, 7);
    let t = Instant::now();
    let first = compute(&input, None);
    let cold_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let again = compute(&input, Some(&first.state));
    let warm_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Compare on the participants placed on the map (all of them, at these vote counts).
    let placed: Vec<usize> = (0..truth.len()).filter(|&p| again.assignment[p].is_some()).collect();
    let found: Vec<usize> = placed.iter().map(|&p| again.assignment[p].unwrap_or(0)).collect();
    let known: Vec<usize> = placed.iter().map(|&p| truth[p]).collect();
    Row { name, votes: input.votes.len(), cold_ms, warm_ms, target_ms, groups: again.groups.len(), ari: adjusted_rand_index(&found, &known) }
}

pub fn run() {
    let rows = [measure("300 × 60, 50 % voted", &[120, 100, 80], 60, 0.5, 50.0), measure("10,000 × 1,000, 30 % voted", &[4000, 3500, 2500], 1000, 0.3, 5000.0)];
    println!("\n## Opinion map computation (one core, release build)\n");
    println!("| case | votes | cold ms | warm ms | target ms | slowest / target | groups | ARI |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.0} | {:.3} | {} | {:.3} |",
            r.name,
            r.votes,
            r.cold_ms,
            r.warm_ms,
            r.target_ms,
            r.warm_ms.max(r.cold_ms) / r.target_ms,
            r.groups,
            r.ari
        );
    }
}
