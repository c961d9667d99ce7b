//! English: open data.
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        DevTitle => "Open data API",
        DevIntro => "Everything public on the platform can be read by programs: petitions, signature counts, agencies' responses, agencies' figures and the moderation log. No login, read-only, and no personal data.",
        DevDocLink => "OpenAPI 3.1 document (machine-readable)",
        DevConventions => "Conventions",
        DevTimestamps => "Times are RFC 3339 in UTC; text that exists in both languages comes as _zh and _en fields; ids never change.",
        DevErrors => "Errors are RFC 9457 problem details (application/problem+json) with a stable type.",
        DevCaching => "Responses carry ETag and Last-Modified for conditional requests (304); Cache-Control lets a CDN cache them briefly.",
        DevRateLimit => "A fixed number of requests a minute per address (300 unless this site set another; the RateLimit-Policy header gives the number); RateLimit headers show what is left, and over it you get 429 with Retry-After. Any website may read it cross-origin (CORS).",
        DevPrivacy => "No response contains a signer's name or email, or any account data.",
        DevLicenceTitle => "Licence",
        DevLicence => "The platform's public data is provided under the Open Government Data License, version 1.0 (Taiwan): free to use, with attribution.",
        DevEndpoints => "Endpoints",
        NavDevelopers => "Open data",
        FeedOpenedTitle => "minyi: petitions newly open for signing",
        FeedEstablishedTitle => "minyi: petitions that reached their threshold",
        FeedResponsesTitle => "minyi: new responses from agencies",
        FeedCountSummary => "{count} of {threshold} signatures",
        FeedResponseEntry => "{agency} answered \"{title}\" (version {version})",
        FeedTimelineTitle => "minyi: progress of \"{title}\"",
        DevFeedsTitle => "Atom feeds",
        DevFeeds => "Atom feeds of petitions newly open for signing, newly established, new agency responses, and each petition's progress; filter with agency (an agency code) or jurisdiction (a jurisdiction code), and add lang=en for English.",
        DevDownloadsTitle => "Downloads",
        DevDownloads => "Bulk downloads of all public data. CSV is UTF-8 with a BOM, so spreadsheets show Chinese correctly; JSON Lines has one record per line.",
        DevDownloadPetitions => "All public petitions (state, signatures, deadlines):",
        DevDownloadResponses => "All agency responses (every version):",
        DevDownloadAgencies => "Agencies' response figures:",
        _ => return None,
    })
}
