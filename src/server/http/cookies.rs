use http::HeaderMap;

/// The value of cookie `name` from the request headers.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_cookies() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "a=1; minyi_lang=en; b=2".parse().unwrap());
        assert_eq!(super::get(&h, "minyi_lang").as_deref(), Some("en"));
        assert_eq!(super::get(&h, "missing"), None);
    }
}
