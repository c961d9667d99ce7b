//! Signatures over time as a server-rendered SVG line (cumulative), with the
//! threshold drawn across it. The same figures are in a text summary for screen readers.
use crate::domain::time::Timestamp;
use crate::i18n::{Key, use_locale};
use leptos::prelude::*;

const W: f64 = 600.0;
const H: f64 = 200.0;
const PAD: f64 = 30.0;

/// Points of the cumulative line in the chart's coordinates.
pub fn line_points(hourly: &[(Timestamp, i64)], from: Timestamp, to: Timestamp, top: i64) -> Vec<(f64, f64)> {
    let span = (to.0 - from.0).max(1) as f64;
    let top = top.max(1) as f64;
    let x = |t: i64| PAD + (W - 2.0 * PAD) * ((t - from.0) as f64 / span).clamp(0.0, 1.0);
    let y = |n: i64| H - PAD - (H - 2.0 * PAD) * (n as f64 / top).min(1.0);
    let mut total = 0;
    let mut pts = vec![(x(from.0), y(0))];
    for (hour, n) in hourly {
        total += n;
        pts.push((x(hour.0 + 3_600_000), y(total)));
    }
    pts.push((x(to.0), y(total)));
    pts
}

#[component]
pub fn CountChart(hourly: Vec<(Timestamp, i64)>, opened: Timestamp, now: Timestamp, closes: Option<Timestamp>, threshold: i64, count: i64) -> impl IntoView {
    let locale = use_locale();
    let end = closes.map(|c| c.min(now)).unwrap_or(now).max(opened.plus_millis(3_600_000));
    let top = threshold.max(count);
    let pts = line_points(&hourly, opened, end, top);
    let path = pts.iter().enumerate().map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" })).collect::<Vec<_>>().join(" ");
    let ty = H - PAD - (H - 2.0 * PAD) * (threshold as f64 / top.max(1) as f64);
    let summary = locale.chart_summary(count, opened.date_taipei(), threshold, end.date_taipei());
    view! {
     <figure class="chart">
         <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-caption" class="chart-svg">
             <line x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD class="chart-axis"/>
             <line x1=PAD y1=ty x2=W - PAD y2=ty class="chart-threshold"/>
             <text x=W - PAD y=ty - 4.0 text-anchor="end" class="chart-label">{locale.text(Key::ChartThreshold)}" "{threshold}</text>
             <path d=path class="chart-line"/>
             <text x=PAD y=H - 8.0 class="chart-label">{opened.date_taipei()}</text>
             <text x=W - PAD y=H - 8.0 text-anchor="end" class="chart-label">{end.date_taipei()}</text>
         </svg>
         <figcaption id="chart-caption">{summary}</figcaption>
     </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_rises_to_the_total_and_stays_in_the_frame() {
        let from = Timestamp(0);
        let pts = line_points(&[(Timestamp(0), 5), (Timestamp(3_600_000), 5)], from, Timestamp(10 * 3_600_000), 10);
        assert_eq!(pts.first().unwrap().1, H - PAD);
        assert_eq!(pts.last().unwrap().1, PAD, "10 of 10 reaches the top");
        assert!(pts.iter().all(|(x, y)| (PAD..=W - PAD).contains(x) && (PAD..=H - PAD).contains(y)));
    }
}
