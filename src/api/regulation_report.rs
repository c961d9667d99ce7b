//! The printable summary of a draft regulation's comments and answers (法規預告 意見彙整表).
use crate::dto::regulation_report::RegulationReport;
use crate::error::AppError;
use leptos::prelude::*;

/// Every comment of a notice by article, with the figures and the agency's answers. Public once
/// published; before that only for the agency's officers, as the notice's page.
#[server(endpoint = "regulation_report")]
pub async fn load_regulation_report(id: i64) -> Result<RegulationReport, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, regulations};
    let me = guard::public();
    regulations::report::report(&ctx::state()?, me.as_ref(), id).await
}
