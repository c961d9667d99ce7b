//! The human-readable API page's content, read from the generated OpenAPI document.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiEndpoint {
    pub path: String,
    pub summary: String,
    pub description: String,
    /// (name, where, description)
    pub params: Vec<(String, String, String)>,
}

#[server(endpoint = "api_endpoints")]
pub async fn load_api_endpoints() -> Result<Vec<ApiEndpoint>, AppError> {
    use crate::server::auth::guard;
    guard::anyone();
    let doc: serde_json::Value = serde_json::from_str(crate::server::api_v1::openapi_json()).map_err(|_| AppError::Internal)?;
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|s| s.as_str()).unwrap_or("").to_string();
    let paths = doc.get("paths").and_then(|p| p.as_object()).cloned().unwrap_or_default();
    Ok(paths
        .iter()
        .filter_map(|(path, item)| {
            let get = item.get("get")?;
            let params = get
                .get("parameters")
                .and_then(|p| p.as_array())
                .map(|ps| ps.iter().map(|p| (text(p, "name"), text(p, "in"), text(p, "description"))).collect())
                .unwrap_or_default();
            Some(ApiEndpoint { path: path.clone(), summary: text(get, "summary"), description: text(get, "description"), params })
        })
        .collect())
}
