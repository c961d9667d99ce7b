//! 繁體中文：開放資料。
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        DevTitle => "開放資料 API",
        DevIntro => "平臺上所有公開的內容都可以用程式讀取：提議、附議人數、機關回應、機關統計與管理紀錄。免登入、唯讀，且不含任何個人資料。",
        DevDocLink => "OpenAPI 3.1 文件（機器可讀）",
        DevConventions => "使用慣例",
        DevTimestamps => "時間一律為 RFC 3339 格式的 UTC 時間；兩種語言都有的文字以 _zh 與 _en 欄位提供；id 永久不變。",
        DevErrors => "錯誤以 RFC 9457 problem details（application/problem+json）回傳，type 欄位固定不變。",
        DevCaching => "回應附有 ETag 與 Last-Modified，可用條件式請求取得 304；Cache-Control 允許 CDN 短時間快取。",
        DevRateLimit => "每個來源位址每分鐘有固定的請求上限（除非本站另有設定，為 300 次；確切數字見 RateLimit-Policy 標頭），RateLimit 標頭顯示剩餘次數；超過時回傳 429 與 Retry-After。任何網站都可以跨來源讀取（CORS）。",
        DevPrivacy => "回應不含附議人的姓名或電子郵件，也不含任何帳號資料。",
        DevLicenceTitle => "授權",
        DevLicence => "本平臺的公開資料依「政府資料開放授權條款－第 1 版」提供，可自由利用，但須註明出處。",
        DevEndpoints => "端點",
        NavDevelopers => "開放資料",
        FeedOpenedTitle => "民意：開放附議的新提議",
        FeedEstablishedTitle => "民意：新成案的提議",
        FeedResponsesTitle => "民意：機關的新回應",
        FeedCountSummary => "{count} / {threshold} 人附議",
        FeedResponseEntry => "{agency}回應「{title}」（第 {version} 版）",
        FeedTimelineTitle => "民意：「{title}」的進度",
        DevFeedsTitle => "Atom 訂閱",
        DevFeeds => "新開放附議、新成案、機關新回應，以及每份提議的進度，都有 Atom 訂閱；可加上 agency（機關代碼）或 jurisdiction（轄區代碼）篩選，加上 lang=en 取得英文。",
        DevDownloadsTitle => "資料下載",
        DevDownloads => "整批下載所有公開資料。CSV 為含 BOM 的 UTF-8，試算表軟體可直接正確顯示中文；JSON Lines 每行一筆。",
        DevDownloadPetitions => "所有公開提議（狀態、附議人數、期限）：",
        DevDownloadResponses => "所有機關回應（含每個版本）：",
        DevDownloadAgencies => "各機關回應統計：",
        _ => return None,
    })
}
