//! The opinion map: recomputed by a leased job from the stored votes (at most once per
//! `DEBOUNCE` per conversation), stored as JSON, read by pages. Also the choice of the next
//! statement to show a person, by Pol.is' priority.
use crate::domain::deliberation::{self as maths, MapInput, MapState, Stance, Tally, Vote, priority};
use crate::domain::time::{SECOND, Timestamp};
use crate::dto::deliberation::{GroupView, MapPoint, MapView, Representative, ScoredStatement};
use crate::server::db::deliberation::{self as db, StatementRow};
use crate::server::error::ServerError;
use crate::server::state::AppState;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A busy conversation is redrawn at most this often.
pub const DEBOUNCE: i64 = 10 * SECOND;

/// The map as stored: what pages show, and who each dot is (never sent to a browser).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    pub view: MapView,
    /// Aligned with `view.points`.
    user_ids: Vec<i64>,
    /// Statement id → extremity (how far it pulls people apart), for the next-statement priority.
    extremity: Vec<(i64, f64)>,
}

impl Stored {
    pub fn parse(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok()
    }

    /// The person's place and group on the map, if they are on it.
    pub fn place_of(&self, user_id: i64) -> (Option<(f64, f64)>, Option<usize>) {
        match self.user_ids.iter().position(|&u| u == user_id) {
            Some(i) => (Some((self.view.points[i].x, self.view.points[i].y)), self.view.points[i].group),
            None => (None, None),
        }
    }

    /// Each placed person and their group, for the public vote matrix (which publishes
    /// only a pseudonym derived from the id, never the id).
    pub(crate) fn user_groups(&self) -> Vec<(i64, Option<usize>)> {
        self.user_ids.iter().zip(&self.view.points).map(|(&u, p)| (u, p.group)).collect()
    }
}

/// The warm start and k stability carried from one run to the next.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct StoredState {
    statement_ids: Vec<u64>,
    components: [Vec<f64>; 2],
    k: usize,
    candidate_k: usize,
    candidate_runs: u32,
}

impl From<&MapState> for StoredState {
    fn from(s: &MapState) -> Self {
        Self { statement_ids: s.statement_ids.clone(), components: s.components.clone(), k: s.k, candidate_k: s.candidate_k, candidate_runs: s.candidate_runs }
    }
}

impl From<StoredState> for MapState {
    fn from(s: StoredState) -> Self {
        Self { statement_ids: s.statement_ids, components: s.components, k: s.k, candidate_k: s.candidate_k, candidate_runs: s.candidate_runs }
    }
}

/// One of the person's unvoted statements, at random weighted by priority: new statements,
/// rarely passed ones and ones that separate opinion come up more often.
pub fn next_statement<'a>(unvoted: &'a [StatementRow], stored: Option<&Stored>, r: f64) -> Option<&'a StatementRow> {
    let extremity: HashMap<i64, f64> = stored.map(|s| s.extremity.iter().copied().collect()).unwrap_or_default();
    let candidates: Vec<(usize, f64)> = unvoted
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let seen = (s.agree + s.disagree + s.pass) as usize;
            (i, priority::priority(seen, s.pass as usize, s.agree as usize, extremity.get(&s.id).copied().unwrap_or(0.0)))
        })
        .collect();
    maths::pick(&candidates, r).map(|i| &unvoted[i])
}

/// Recompute every conversation whose map is out of date (the leased job).
pub async fn recompute_due(state: &AppState) -> Result<usize, ServerError> {
    let due = db::due(&state.db.jobs_pool, state.now(), DEBOUNCE).await?;
    let mut done = 0;
    for id in due {
        done += recompute(state, id).await? as usize;
    }
    Ok(done)
}

/// Recompute one conversation's map from its votes now; false if another instance stored a
/// newer one meanwhile.
pub async fn recompute(state: &AppState, id: i64) -> Result<bool, ServerError> {
    let as_of = state.now();
    let Some(c) = db::get(&state.db.jobs_pool, id).await? else { return Ok(false) };
    let statements: Vec<StatementRow> =
        db::statements(&state.db.jobs_pool, id, "").await?.into_iter().filter(|s| s.status == "shown" || s.status == "hidden").collect();
    let votes = db::all_votes(&state.db.jobs_pool, id).await?;
    let previous: Option<MapState> = c.state_json.as_deref().and_then(|j| serde_json::from_str::<StoredState>(j).ok()).map(Into::into);
    let (input, users) = input_of(id, &statements, &votes);
    let result = tokio::task::spawn_blocking(move || {
        let r = maths::compute(&input, previous.as_ref());
        (input, r)
    })
    .await?;
    let (input, r) = result;
    let stored = stored_of(as_of, &input, &r, &statements, &users, votes.len());
    let map_json = serde_json::to_string(&stored)?;
    let state_json = serde_json::to_string(&StoredState::from(&r.state))?;
    let _turn = state.db.write_turn().await;
    Ok(db::store_map(&state.db.pool, id, c.computed_at, as_of, &map_json, &state_json).await?)
}

/// The matrix input: participants in id order, statements in id order, hidden ones zeroed.
fn input_of(conversation_id: i64, statements: &[StatementRow], votes: &[(i64, i64, i64)]) -> (MapInput, Vec<i64>) {
    let index: HashMap<i64, usize> = statements.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut users: Vec<i64> = votes.iter().map(|v| v.0).collect();
    users.dedup();
    let user_index: HashMap<i64, usize> = users.iter().enumerate().map(|(i, &u)| (u, i)).collect();
    let votes = votes
        .iter()
        .filter_map(|&(u, s, v)| {
            let vote = match v {
                1 => Vote::Agree,
                -1 => Vote::Disagree,
                _ => Vote::Pass,
            };
            Some((*user_index.get(&u)?, *index.get(&s)?, vote))
        })
        .collect();
    let input = MapInput {
        participants: users.iter().map(|&u| u as u64).collect(),
        statements: statements.iter().map(|s| s.id as u64).collect(),
        votes,
        excluded_statements: statements.iter().enumerate().filter(|(_, s)| s.status != "shown").map(|(i, _)| i).collect(),
        seed: conversation_id as u64,
    };
    (input, users)
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

fn stored_of(as_of: Timestamp, input: &MapInput, r: &maths::MapResult, statements: &[StatementRow], users: &[i64], votes: usize) -> Stored {
    let scored = |s: &maths::StatementScore| {
        let st = &r.per_statement[s.statement];
        let all = st.agree + st.disagree + st.pass;
        ScoredStatement {
            id: statements[s.statement].id,
            body: statements[s.statement].body.clone(),
            score: s.score,
            agree_share: share(st.agree, all),
            disagree_share: share(st.disagree, all),
            votes: all as i64,
        }
    };
    let groups = r
        .groups
        .iter()
        .map(|g| {
            let representative = g
                .representative
                .iter()
                .map(|rep| {
                    let per_group = &r.per_statement[rep.statement].per_group;
                    let rest: Tally = per_group.iter().enumerate().filter(|(i, _)| *i != g.id).fold((0, 0, 0), |a, (_, t)| (a.0 + t.0, a.1 + t.1, a.2 + t.2));
                    let agrees = rep.stance == Stance::Agree;
                    let pick = |t: Tally| if agrees { t.0 } else { t.1 };
                    let mine = (rep.agree, rep.disagree, rep.pass);
                    Representative {
                        id: statements[rep.statement].id,
                        body: statements[rep.statement].body.clone(),
                        agrees,
                        group_share: share(pick(mine), mine.0 + mine.1 + mine.2),
                        rest_share: share(pick(rest), rest.0 + rest.1 + rest.2),
                    }
                })
                .collect();
            GroupView { id: g.id, size: g.members.len() as i64, centroid: g.centroid, hull: g.hull.clone(), representative }
        })
        .collect();
    let mut points = Vec::new();
    let mut placed = Vec::new();
    for (p, point) in r.points.iter().enumerate() {
        if let Some((x, y)) = *point {
            points.push(MapPoint { x, y, group: r.assignment[p] });
            placed.push(users[p]);
        }
    }
    let shown = statements.iter().filter(|s| s.status == "shown").count();
    let view = MapView {
        computed_at: as_of.0,
        participants: input.participants.len() as i64,
        votes: votes as i64,
        statements: shown as i64,
        in_map: points.len() as i64,
        points,
        groups,
        consensus: r.consensus.iter().map(scored).collect(),
        divisive: r.divisive.iter().map(scored).collect(),
        min_votes: maths::MIN_VOTES_IN_MAP.min(shown).max(1) as i64,
    };
    let extremity = statements.iter().zip(&r.extremity).map(|(s, &e)| (s.id, e)).collect();
    Stored { view, user_ids: placed, extremity }
}
