//! Signing's per-address limits: counted in the signature's own transaction and never
//! refused, only flagged (the signer is not told, as on the UK site).
use crate::domain::time::Timestamp;
use crate::server::limits::counters;
use crate::server::ratelimit::Limit;

/// How many of `by` signatures from `ip` are over a per-address limit (counted in the
/// database shared by every instance).
pub async fn over_limit(conn: &mut sqlx::AnyConnection, ip: &str, petition_id: i64, now: Timestamp, by: usize) -> Result<usize, sqlx::Error> {
    Ok(over_limits(conn, &[(ip, petition_id, now, by)]).await?[0])
}

/// `over_limit` for several (address, petition, time, count) groups with one statement
/// (a signing batch): how many of each group's signatures are over a limit.
pub async fn over_limits(conn: &mut sqlx::AnyConnection, groups: &[(&str, i64, Timestamp, usize)]) -> Result<Vec<usize>, sqlx::Error> {
    let pairs: Vec<String> = groups.iter().map(|(ip, petition, _, _)| format!("{ip}#{petition}")).collect();
    let mut entries = Vec::with_capacity(2 * groups.len());
    for ((ip, _, now, by), pair) in groups.iter().zip(&pairs) {
        entries.push((Limit::SignPerIp, *ip, *now, *by));
        entries.push((Limit::SignPerIpPetition, pair.as_str(), *now, *by));
    }
    let over = counters::add_all_in(conn, &entries).await?;
    Ok(groups
        .iter()
        .zip(over.chunks(2))
        .map(|((_, petition, _, _), o)| {
            let n = o[0].max(o[1]);
            if n > 0 {
                tracing::warn!(petition = *petition, "signatures over the rate limit: flagged");
            }
            n
        })
        .collect())
}
