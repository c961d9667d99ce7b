//! Signers by county or city: a server-rendered SVG map of Taiwan shaded by count,
//! with a table of the same figures (the accessible version of the map).
use super::taiwan_map_data::{INSET_FRAMES, SHAPES, VIEW_BOX};
use crate::domain::county::{self, COUNTIES};
use crate::i18n::{Key, Locale, use_locale};
use leptos::prelude::*;

/// One of five shades, by share of the largest county's count.
pub fn shade(count: i64, max: i64) -> u8 {
    if count <= 0 || max <= 0 {
        return 0;
    }
    (1 + (count * 4 - 1) / max).clamp(1, 4) as u8
}

fn name(l: Locale, code: &str) -> String {
    county::by_code(code).map(|c| if l == Locale::En { c.name_en } else { c.name_zh }).unwrap_or(code).to_string()
}

#[component]
pub fn CountyMap(counties: Vec<(String, i64)>) -> impl IntoView {
    let locale = use_locale();
    let max = counties.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let count_of = |code: &str| counties.iter().find(|(c, _)| c == code).map(|(_, n)| *n).unwrap_or(0);
    let shapes = SHAPES
        .iter()
        .map(|(code, d)| {
            let n = count_of(code);
            let title = format!("{}: {n}", name(locale, code));
            view! { <path d=*d class=format!("map-area shade-{}", shade(n, max))><title>{title}</title></path> }
        })
        .collect_view();
    let rows = COUNTIES
        .iter()
        .filter(|c| count_of(c.code) > 0)
        .map(|c| view! { <tr><th scope="row">{name(locale, c.code)}</th><td>{count_of(c.code)}</td></tr> })
        .collect_view();
    view! {
     <div class="county-map">
         <svg viewBox=VIEW_BOX role="img" aria-labelledby="map-caption" class="map-svg">
             {shapes}
             <path d=INSET_FRAMES class="map-frame"/>
         </svg>
         <div>
             <p id="map-caption">{locale.text(Key::MapCaption)}</p>
             <table class="data-table compact">
                 <thead><tr><th scope="col">{locale.text(Key::MapCounty)}</th><th scope="col">{locale.text(Key::MapSigners)}</th></tr></thead>
                 <tbody>{rows}</tbody>
             </table>
             <p class="attribution">{locale.text(Key::MapAttribution)}</p>
         </div>
     </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_scale_with_the_largest_count() {
        assert_eq!(shade(0, 100), 0);
        assert_eq!(shade(1, 100), 1);
        assert_eq!(shade(100, 100), 4);
        assert_eq!(shade(60, 100), 3);
    }

    #[test]
    fn every_county_has_a_shape() {
        for c in COUNTIES.iter().filter(|c| c.code != county::ABROAD) {
            assert!(SHAPES.iter().any(|(code, _)| *code == c.code), "{}", c.code);
        }
    }
}
