//! The opinion map drawn on the server as SVG (dots, group hulls, "you are here"), with the
//! consensus, each group's representative statements, the divisive ones, and a table a
//! screen reader can follow instead of the picture.
use crate::dto::deliberation::{MapView, Representative, ScoredStatement};
use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;

const W: f64 = 640.0;
const H: f64 = 400.0;
const PAD: f64 = 24.0;
/// Group colours (each also named by its letter on the map, so colour is not the only cue).
const COLOURS: [&str; 5] = ["#0b5cad", "#a34a00", "#2e7d32", "#7b1fa2", "#b71c1c"];

pub fn group_letter(id: usize) -> String {
    char::from(b'A' + (id % 26) as u8).to_string()
}

fn pct(share: f64) -> String {
    format!("{:.0}", (share * 100.0).clamp(0.0, 100.0))
}

/// Map coordinates to the picture's, keeping the aspect ratio (distances mean something).
struct Frame {
    min: (f64, f64),
    scale: f64,
    offset: (f64, f64),
}

impl Frame {
    fn new(points: impl Iterator<Item = (f64, f64)>) -> Self {
        let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
        for (x, y) in points {
            lo = (lo.0.min(x), lo.1.min(y));
            hi = (hi.0.max(x), hi.1.max(y));
        }
        if lo.0 > hi.0 {
            return Self { min: (0.0, 0.0), scale: 1.0, offset: (W / 2.0, H / 2.0) };
        }
        let span = ((hi.0 - lo.0) / (W - 2.0 * PAD)).max((hi.1 - lo.1) / (H - 2.0 * PAD)).max(1e-9);
        let scale = 1.0 / span;
        let offset = ((W - (hi.0 - lo.0) * scale) / 2.0, (H - (hi.1 - lo.1) * scale) / 2.0);
        Self { min: lo, scale, offset }
    }
    fn at(&self, (x, y): (f64, f64)) -> (f64, f64) {
        // y grows upwards on the map, downwards in SVG.
        (self.offset.0 + (x - self.min.0) * self.scale, H - (self.offset.1 + (y - self.min.1) * self.scale))
    }
}

#[component]
pub fn OpinionMap(map: MapView, you: Option<(f64, f64)>) -> impl IntoView {
    let locale = use_locale();
    let frame = Frame::new(map.points.iter().map(|p| (p.x, p.y)).chain(you));
    let colour = |g: Option<usize>| g.map(|g| COLOURS[g % COLOURS.len()]).unwrap_or("#6e7781");
    let hulls = map
        .groups
        .iter()
        .map(|g| {
            let pts: Vec<String> = g.hull.iter().map(|&p| frame.at(p)).map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            view! { <polygon points=pts.join(" ") fill=colour(Some(g.id)) fill-opacity="0.12" stroke=colour(Some(g.id)) stroke-width="1.5"/> }
        })
        .collect_view();
    let dots = map
        .points
        .iter()
        .map(|p| {
            let (x, y) = frame.at((p.x, p.y));
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="4" fill=colour(p.group) fill-opacity="0.75"/> }
        })
        .collect_view();
    let labels = map
        .groups
        .iter()
        .map(|g| {
            let (x, y) = frame.at(g.centroid);
            view! { <text x=format!("{x:.1}") y=format!("{y:.1}") class="map-label" text-anchor="middle" fill=colour(Some(g.id))>{group_letter(g.id)}</text> }
        })
        .collect_view();
    let here = you.map(|p| {
        let (x, y) = frame.at(p);
        view! {
            <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="9" fill="none" stroke="#1f2328" stroke-width="3"/>
            <text x=format!("{:.1}", x + 12.0) y=format!("{:.1}", y - 10.0) class="map-you">{t(Key::DelibYouAreHere)}</text>
        }
    });
    let alt = locale.delib_map_alt(map.groups.len());
    view! {
        <figure class="opinion-map">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=alt xmlns="http://www.w3.org/2000/svg">
                <rect width=W height=H fill="#ffffff"/>
                {hulls}
                {dots}
                {labels}
                {here}
            </svg>
        </figure>
    }
}

fn shares(locale: Locale, s: &ScoredStatement) -> String {
    locale.delib_shares(pct(s.agree_share), pct(s.disagree_share), s.votes)
}

/// The consensus statements, or a sentence saying there are none yet.
#[component]
pub fn Consensus(list: Vec<ScoredStatement>) -> impl IntoView {
    let locale = use_locale();
    if list.is_empty() {
        return view! { <p>{t(Key::DelibConsensusNone)}</p> }.into_any();
    }
    view! {
        <ol class="statement-list">
            {list.into_iter().map(|s| view! { <li><p class="statement">{s.body.clone()}</p><p class="card-meta">{shares(locale, &s)}</p></li> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn Divisive(list: Vec<ScoredStatement>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ol class="statement-list">
            {list.into_iter().map(|s| view! { <li><p class="statement">{s.body.clone()}</p><p class="card-meta">{shares(locale, &s)}</p></li> }).collect_view()}
        </ol>
    }
}

fn rep_line(locale: Locale, r: &Representative) -> String {
    if r.agrees { locale.delib_rep_agree(pct(r.group_share), pct(r.rest_share)) } else { locale.delib_rep_disagree(pct(r.group_share), pct(r.rest_share)) }
}

/// Each group with its size and the statements that set it apart.
#[component]
pub fn Groups(map: MapView) -> impl IntoView {
    let locale = use_locale();
    map.groups
        .into_iter()
        .map(|g| {
            view! {
                <section class="card group-card" aria-labelledby=format!("group-{}", g.id)>
                    <h3 id=format!("group-{}", g.id)>
                        // An SVG swatch: the page's style policy allows no inline styles.
                        <svg class="group-swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=COLOURS[g.id % COLOURS.len()]/></svg>
                        {locale.delib_group_name(group_letter(g.id))}" · "{locale.delib_group_size(g.size)}
                    </h3>
                    <ul class="statement-list">
                        {g.representative.iter().map(|r| view! { <li><p class="statement">{r.body.clone()}</p><p class="card-meta">{rep_line(locale, r)}</p></li> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

/// The map in words: one row per group.
#[component]
pub fn GroupTable(map: MapView) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="group-table">
                <caption>{t(Key::DelibTableTitle)}</caption>
                <thead><tr><th scope="col">{t(Key::DelibColGroup)}</th><th scope="col">{t(Key::DelibColSize)}</th><th scope="col">{t(Key::DelibColTop)}</th></tr></thead>
                <tbody>
                    {map.groups.into_iter().map(|g| {
                        let top = g.representative.first().map(|r| format!("{} ({})", r.body, rep_line(locale, r))).unwrap_or_default();
                        view! { <tr><th scope="row">{group_letter(g.id)}</th><td>{g.size}</td><td>{top}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
