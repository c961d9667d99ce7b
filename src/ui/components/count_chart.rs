//! Signatures over time as a server-rendered SVG line (cumulative), with the
//! threshold drawn across it. The same figures are in a text summary for screen readers.
use crate::domain::time::Timestamp;
use crate::i18n::{Key, use_locale};
use crate::ui::components::petition_card::grouped;
use leptos::prelude::*;

const W: f64 = 640.0;
const H: f64 = 260.0;
/// Room for the count labels on the left, the dates and axis title below.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;

fn x_of(t: i64, from: Timestamp, to: Timestamp) -> f64 {
    let span = (to.0 - from.0).max(1) as f64;
    LEFT + (W - LEFT - RIGHT) * ((t - from.0) as f64 / span).clamp(0.0, 1.0)
}

fn y_of(n: i64, top: i64) -> f64 {
    H - BOTTOM - (H - TOP - BOTTOM) * (n as f64 / top.max(1) as f64).min(1.0)
}

/// Points of the cumulative line in the chart's coordinates.
pub fn line_points(hourly: &[(Timestamp, i64)], from: Timestamp, to: Timestamp, top: i64) -> Vec<(f64, f64)> {
    let mut total = 0;
    let mut pts = vec![(x_of(from.0, from, to), y_of(0, top))];
    for (hour, n) in hourly {
        total += n;
        pts.push((x_of(hour.0 + 3_600_000, from, to), y_of(total, top)));
    }
    pts.push((x_of(to.0, from, to), y_of(total, top)));
    pts
}

/// A round step (1, 2 or 5 times a power of ten) giving at most five intervals up to `top`,
/// and the axis top rounded up to it.
pub fn scale(top: i64) -> (i64, i64) {
    let top = top.max(1);
    let mut unit = 1i64;
    loop {
        for m in [1, 2, 5] {
            let step = m * unit;
            if (top + step - 1) / step <= 5 {
                return (step, (top + step - 1) / step * step);
            }
        }
        unit *= 10;
    }
}

#[component]
pub fn CountChart(hourly: Vec<(Timestamp, i64)>, opened: Timestamp, now: Timestamp, closes: Option<Timestamp>, threshold: i64, count: i64) -> impl IntoView {
    let locale = use_locale();
    let end = closes.map(|c| c.min(now)).unwrap_or(now).max(opened.plus_millis(3_600_000));
    let (step, top) = scale(threshold.max(count));
    let pts = line_points(&hourly, opened, end, top);
    let path = pts.iter().enumerate().map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" })).collect::<Vec<_>>().join(" ");
    let ty = y_of(threshold, top);
    let summary = locale.chart_summary(count, opened.date_taipei(), threshold, end.date_taipei());
    let ticks = (0..=top / step)
        .map(|i| {
            let n = i * step;
            let y = y_of(n, top);
            view! {
                <line x1=LEFT y1=y x2=W - RIGHT y2=y class="chart-grid"/>
                <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="chart-label">{grouped(n)}</text>
            }
        })
        .collect_view();
    // Dates at the start, the middle and the end of the time axis.
    let mid = Timestamp(opened.0 + (end.0 - opened.0) / 2);
    let dates = [(opened, "start"), (mid, "middle"), (end, "end")]
        .into_iter()
        .map(|(t, anchor)| view! { <text x=x_of(t.0, opened, end) y=H - BOTTOM + 18.0 text-anchor=anchor class="chart-label">{t.date_taipei()}</text> })
        .collect_view();
    view! {
     <figure class="chart">
         <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-caption" class="chart-svg">
             {ticks}
             <line x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM class="chart-axis"/>
             <line x1=LEFT y1=H - BOTTOM x2=W - RIGHT y2=H - BOTTOM class="chart-axis"/>
             <line x1=LEFT y1=ty x2=W - RIGHT y2=ty class="chart-threshold"/>
             <text x=W - RIGHT y=ty - 5.0 text-anchor="end" class="chart-label chart-label-strong">{locale.text(Key::ChartThreshold)}" "{grouped(threshold)}</text>
             <path d=path class="chart-line"/>
             {dates}
             <text x=LEFT + (W - LEFT - RIGHT) / 2.0 y=H - 8.0 text-anchor="middle" class="chart-label chart-axis-title">{locale.text(Key::ChartAxisTime)}</text>
             <text x=14.0 y=TOP + (H - TOP - BOTTOM) / 2.0 text-anchor="middle" class="chart-label chart-axis-title" transform=format!("rotate(-90 14 {})", TOP + (H - TOP - BOTTOM) / 2.0)>{locale.text(Key::ChartAxisCount)}</text>
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
        assert_eq!(pts.first().unwrap().1, H - BOTTOM);
        assert_eq!(pts.last().unwrap().1, TOP, "10 of 10 reaches the top");
        assert!(pts.iter().all(|(x, y)| (LEFT..=W - RIGHT).contains(x) && (TOP..=H - BOTTOM).contains(y)));
    }

    #[test]
    fn the_scale_has_round_steps_and_at_most_five_intervals() {
        assert_eq!(scale(5000), (1000, 5000));
        assert_eq!(scale(5001), (2000, 6000));
        assert_eq!(scale(3), (1, 3));
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(120), (50, 150));
    }
}
