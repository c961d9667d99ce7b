//! The printable summary of a draft regulation's comments and answers (/regulations/:id/summary,
//! 法規預告 意見彙整表), as agencies print and attach it: the notice's facts, the figures, the
//! overall statement, then the comments under their article (the whole draft first), each
//! article a table with the agency's answers. Comments are plain text, shown as text; the print
//! styles (`.reg-report`) drop the site's header and footer and fit the tables to A4.
use super::PageError;
use super::regulations::RegulationPhaseBadge;
use crate::api::regulation_report::load_regulation_report;
use crate::domain::regulation::notice::{Outcome, Stance};
use crate::dto::regulation_report::{RegulationReport, ReportRow, ReportSection, ReportTotals, StanceCounts};
use crate::error::AppError;
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use crate::ui::components::regulation_comment::{outcome_key, stance_key};
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RegulationReportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let report = Resource::new(id, load_regulation_report);
    view! {
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Err(e) => {
                        if matches!(e, AppError::NotFound) {
                            status::not_found();
                        }
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(r) => view! { <Report r/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(r: RegulationReport) -> impl IntoView {
    let locale = use_locale();
    let RegulationReport { summary: s, totals, overall_html, sections } = r;
    let id = s.id;
    let heading = locale.reg_report_heading(&s.title);
    // Which version a comment was on matters only once there are several.
    let versions = s.versions > 1;
    let period = match s.published_at {
        Some(at) => locale.reg_report_period(&s.last_day, at.date_taipei()),
        None => locale.text(Key::RegNotPublished).to_string(),
    };
    // Each part is type-erased: one nested view type for the whole page is too deep for the compiler.
    let head = view! {
        <Title text=heading.clone()/>
        <p class="reg-report-back"><a href=format!("/regulations/{id}")>{locale.reg_diff_back(&s.title)}</a></p>
        <h1>{heading}</h1>
        <dl class="summary-list">
            <dt>{locale.text(Key::FieldAgency)}</dt><dd>{s.agency.name(locale).to_string()}</dd>
            <dt>{locale.text(Key::RegReportPeriodLabel)}</dt><dd>{period}</dd>
            <dt>{locale.text(Key::RegAnswerPhaseLabel)}</dt><dd><RegulationPhaseBadge phase=s.phase/></dd>
        </dl>
    }
    .into_any();
    let overall = overall_html.map(|html| {
        view! {
            <section aria-labelledby="overall-title">
                <h2 id="overall-title">{t(Key::RegOverallTitle)}</h2>
                <div class="consult-html" inner_html=html></div>
            </section>
        }
    });
    view! {
        <article class="reg-report">
            {head}
            {figures(locale, &totals)}
            {overall}
            <section aria-labelledby="report-comments-title">
                <h2 id="report-comments-title">{t(Key::RegReportSectionsTitle)}</h2>
                {comments(locale, sections, versions)}
            </section>
        </article>
    }
}

/// The stances in the form's order, named as on the notice's page.
fn stance_pairs(l: Locale, s: &StanceCounts) -> [(&'static str, i64); 4] {
    [
        (l.text(stance_key(Stance::Support)), s.support),
        (l.text(stance_key(Stance::Oppose)), s.oppose),
        (l.text(stance_key(Stance::Amend)), s.amend),
        (l.text(Key::RegStanceNone), s.none),
    ]
}

/// The notice's figures: comments and answers, then by stance and by outcome.
fn figures(l: Locale, n: &ReportTotals) -> AnyView {
    let o = &n.outcomes;
    let outcomes = [
        (l.text(outcome_key(Outcome::Adopted)), o.adopted),
        (l.text(outcome_key(Outcome::PartlyAdopted)), o.partly_adopted),
        (l.text(outcome_key(Outcome::NotAdopted)), o.not_adopted),
        (l.text(outcome_key(Outcome::Noted)), o.noted),
        (l.text(Key::RegReportUnanswered), o.unanswered),
    ];
    let hidden = (n.hidden > 0).then(|| view! { <p class="hint">{l.reg_report_hidden(Grouped(n.hidden))}</p> });
    view! {
        <section aria-labelledby="report-totals-title">
            <h2 id="report-totals-title">{l.text(Key::RegReportTotalsTitle)}</h2>
            <dl class="summary-list">
                <dt>{l.text(Key::RegAnswerCommentsLabel)}</dt><dd>{Grouped(n.comments).to_string()}</dd>
                <dt>{l.text(Key::RegAnswerAnsweredLabel)}</dt><dd>{Grouped(n.answered).to_string()}</dd>
            </dl>
            {hidden}
            <div class="reg-report-totals">
                {figure_table(l, Key::RegReportByStance, Key::RegReportStanceCol, &stance_pairs(l, &n.stances))}
                {figure_table(l, Key::RegReportByOutcome, Key::RegAnswerFieldOutcome, &outcomes)}
            </div>
        </section>
    }
    .into_any()
}

/// A small table: each kind (a row header) and how many comments.
fn figure_table(l: Locale, caption: Key, kind: Key, rows: &[(&'static str, i64)]) -> AnyView {
    let body = rows.iter().map(|(name, n)| view! { <tr><th scope="row">{*name}</th><td>{Grouped(*n).to_string()}</td></tr> }).collect_view();
    view! {
        <table class="data-table compact reg-report-figures">
            <caption>{l.text(caption)}</caption>
            <thead><tr><th scope="col">{l.text(kind)}</th><th scope="col">{l.text(Key::RegAnswerCommentsLabel)}</th></tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// The sections with comments; the articles without any named on one line after them.
fn comments(l: Locale, sections: Vec<ReportSection>, versions: bool) -> AnyView {
    let (shown, quiet): (Vec<ReportSection>, Vec<ReportSection>) = sections.into_iter().partition(|s| !s.rows.is_empty());
    if shown.is_empty() {
        return view! { <p class="empty">{t(Key::RegAnswerNoComments)}</p> }.into_any();
    }
    let names: Vec<String> = quiet.iter().map(|s| section_title(l, s)).collect();
    let quiet_line = (!names.is_empty()).then(|| view! { <p>{l.reg_report_no_comments_on(names.join(l.text(Key::RegListSeparator)))}</p> });
    view! {
        {shown.into_iter().map(|s| article_section(l, s, versions)).collect_view()}
        {quiet_line}
    }
    .into_any()
}

fn section_title(l: Locale, s: &ReportSection) -> String {
    match &s.number {
        None => l.text(Key::RegAnswerWhole).to_string(),
        Some(n) if s.heading.trim().is_empty() => l.reg_article_number(n),
        Some(_) => s.heading.clone(),
    }
}

/// One article (or the whole draft): its stances, then its comments. An unnamed section (not a
/// landmark), as on the notice's page: a draft of 60 articles would flood the landmarks list.
fn article_section(l: Locale, s: ReportSection, versions: bool) -> AnyView {
    let title = section_title(l, &s);
    let anchor = s.number.as_ref().map_or_else(|| "general".to_string(), |n| format!("a-{n}"));
    let caption_id = format!("{anchor}-caption");
    let region_label = caption_id.clone();
    let counts = stance_pairs(l, &s.stances).iter().map(|(name, n)| view! { <li>{l.reg_report_count(name, Grouped(*n))}</li> }).collect_view();
    let rows = s.rows.iter().map(|r| row(l, r, versions)).collect_view();
    view! {
        <section id=anchor class="reg-report-article">
            <h3>{title.clone()}</h3>
            <ul class="reg-report-counts" aria-label=l.text(Key::RegReportByStance)>{counts}</ul>
            // Scrolls sideways on a narrow screen; keyboard users reach it by its tab stop.
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=region_label>
                <table class="data-table reg-report-table">
                    <caption id=caption_id>{l.reg_report_caption(&title)}</caption>
                    <thead><tr>
                        <th scope="col" class="reg-report-no">{l.text(Key::RegReportColNo)}</th>
                        <th scope="col" class="reg-report-who">{l.text(Key::RegReportColCommenter)}</th>
                        <th scope="col" class="reg-report-stance">{l.text(Key::RegReportStanceCol)}</th>
                        <th scope="col">{l.text(Key::RegReportColComment)}</th>
                        <th scope="col">{l.text(Key::RegWordingLabel)}</th>
                        <th scope="col">{l.text(Key::RegAgencyAnswer)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// One comment. Its text and wording are plain text (line breaks kept by `reg-report-text`);
/// a withheld comment says only that.
fn row(l: Locale, r: &ReportRow, versions: bool) -> AnyView {
    let c = &r.comment;
    let who = match &c.organisation {
        Some(o) => l.reg_answer_on_behalf(&c.author, o),
        None => c.author.clone(),
    };
    let version = versions.then(|| view! { <br/><span class="hint">{l.version_label(c.version)}</span> });
    let stance = l.text(c.stance.map_or(Key::RegStanceNone, stance_key));
    let (comment, wording) =
        if c.withheld { (view! { <em>{l.text(Key::RegCommentWithheld)}</em> }.into_any(), None) } else { (c.body.clone().into_any(), c.wording.clone()) };
    let answer = match &c.answer {
        Some(a) => view! { <strong>{l.text(outcome_key(a.outcome))}</strong><div class="reg-report-text">{a.reason.clone()}</div> }.into_any(),
        None => view! { <span class="hint">{l.text(Key::RegReportUnanswered)}</span> }.into_any(),
    };
    view! {
        <tr id=format!("rc-{}", c.id)>
            <th scope="row" class="reg-report-no">{r.no.to_string()}{version}</th>
            <td>{who}<br/><span class="hint">{c.at.date_taipei()}</span></td>
            <td>{stance}</td>
            <td class="reg-report-text">{comment}</td>
            <td class="reg-report-text">{wording}</td>
            <td>{answer}</td>
        </tr>
    }
    .into_any()
}
