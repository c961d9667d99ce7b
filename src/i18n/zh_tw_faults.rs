//! 正體中文：服務暫停時呈現給民眾的內容。
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrUnavailable => "民意平臺暫時無法使用。你送出的內容沒有遺失，也沒有只存了一半；請一分鐘後再試一次。",
        OutageTitle => "民意平臺暫時無法使用",
        OutageBody => "你送出的內容沒有遺失，也沒有只存了一半。請一分鐘後再試一次。",
        OutageRetry => "再試一次",
        StaleNotice => "民意平臺目前無法更新本頁，以下是 {time}（臺北時間）的資料。",
        _ => return None,
    })
}
