//! Local paths that are safe to redirect to, and query-value encoding.

/// `next` if it is a plain path on this site, else `/`. Refuses scheme-relative
/// and backslash tricks and anything with whitespace or control characters
/// (browsers drop tabs and newlines, turning `/\t/evil` into `//evil`).
/// Non-ASCII text is percent-encoded so the result is a valid Location header.
pub fn safe_local_path(next: &str) -> String {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    if !ok {
        return "/".into();
    }
    let mut out = String::with_capacity(next.len());
    for c in next.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The local path and query of a Referer (absolute or local), never another site: "/" when
/// there is none.
pub fn referer_path(referer: &str) -> String {
    let after_scheme = referer.split_once("://").map(|(_, rest)| rest).unwrap_or(referer);
    let path_and_query = match after_scheme.find('/') {
        Some(i) if referer.contains("://") => &after_scheme[i..],
        _ if referer.starts_with('/') && !referer.starts_with("//") => referer,
        _ => "/",
    };
    safe_local_path(path_and_query)
}

/// Percent-encode a value for a query string.
pub fn encode_query_value(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'@' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_local_paths_pass() {
        assert_eq!(safe_local_path("/profile?x=1"), "/profile?x=1");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "/\t/evil.example", "/\n/evil", "/ /x", "", "evil"] {
            assert_eq!(safe_local_path(bad), "/", "{bad:?}");
        }
        assert_eq!(safe_local_path("/搜尋"), "/%E6%90%9C%E5%B0%8B");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("a&b#c d"), "a%26b%23c%20d");
        assert_eq!(encode_query_value("mei@example.tw"), "mei@example.tw");
        assert_eq!(encode_query_value("林"), "%E6%9E%97");
    }
}
