//! 正體中文：服務暫停時呈現給民眾的內容。
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrUnavailable => "民意平臺暫時無法使用。你送出的內容沒有遺失，也沒有只存了一半；請一分鐘後再試一次。",
        OutageTitle => "民意平臺暫時無法使用",
        OutageBody => "你送出的內容沒有遺失，也沒有只存了一半。請一分鐘後再試一次。",
        OutageRetry => "再試一次",
        OutageKept => "你輸入的內容保留在這一頁。民意平臺恢復後，請再送出一次。",
        OutageSendAgain => "再送出一次",
        OutageBackToForm => "回到表單（剛才輸入的內容可能不在那裡）",
        OutagePasswordNotKept => "為了安全，密碼不會保留，送出後會請你再輸入一次。",
        StaleNotice => "民意平臺目前無法更新本頁，以下是 {time}（臺北時間）的資料。",
        _ => return None,
    })
}
