//! 正體中文：第二道驗證。
use super::Key;

pub fn text(key: Key) -> Option<&'static str> {
    use Key::*;
    Some(match key {
        ErrWrongCode => "驗證碼不正確、已過期或已使用過。請輸入驗證 App 目前顯示的驗證碼。",
        EmailFactorEnrolledSubject => "您的民意帳號已啟用第二道驗證",
        EmailFactorEnrolledBody => "您已設定第二道驗證：登入時除了密碼，還需要驗證 App 的驗證碼或備用碼。\n\n若不是您本人操作，請立即重設密碼並通知平臺管理者：\n\n{reset}",
        EmailFactorRemovedSubject => "您的民意帳號已關閉第二道驗證",
        EmailFactorRemovedBody => "登入將只需要密碼。\n\n若不是您本人操作，請立即重設密碼並重新設定第二道驗證：\n\n{reset}",
        EmailRecoveryUsedSubject => "有人使用備用碼登入您的民意帳號",
        EmailRecoveryUsedBody => "您的帳號剛以一組備用碼登入。每組備用碼只能使用一次，剩餘數量請見：\n\n{profile}\n\n若不是您本人操作，請立即重設密碼並通知平臺管理者。",
        EmailFactorResetSubject => "管理者已重設您的民意第二道驗證",
        EmailFactorResetBody => "管理者已移除您的第二道驗證（例如手機遺失時）。下次登入時請重新設定：\n\n{profile}\n\n若您並未提出此要求，請通知平臺管理者。",
        SfTitle => "第二道驗證",
        SfIntro => "啟用第二道驗證後，登入需要密碼以及手機驗證 App（例如 FreeOTP、Google Authenticator 或 Microsoft Authenticator）顯示的 6 位數驗證碼。即使密碼外洩，他人也無法登入。",
        SfRequired => "您的工作人員角色必須使用第二道驗證，請先完成設定再進入工作頁面。",
        SfStart => "設定第二道驗證",
        SfScan => "1. 在驗證 App 中新增帳號並掃描此 QR Code。",
        SfSecretLabel => "無法掃描？請改為輸入這組金鑰：",
        SfQrLabel => "驗證 App 用的 QR Code",
        FieldCode => "驗證碼",
        HintCode => "2. 輸入 App 目前顯示的 6 位數字。",
        SfConfirm => "確認",
        SfEnrolled => "您的帳號已受第二道驗證保護。剩餘備用碼：{count} 組。",
        SfCodesTitle => "您的備用碼",
        SfCodesBody => "手機遺失時，每組備用碼可登入一次。請抄下或列印並妥善保存：備用碼只會顯示這一次。",
        SfContinue => "我已保存備用碼，繼續",
        SfRemoveTitle => "關閉第二道驗證",
        SfRemoveBody => "關閉後登入只需要密碼。請輸入目前的驗證碼確認。",
        SfRemoveButton => "關閉",
        SfStaffKeeps => "工作人員帳號必須保留第二道驗證。手機遺失時請使用備用碼，或請管理者為您重設。",
        SfLoginTitle => "輸入驗證碼",
        SfLoginBody => "您的帳號已啟用第二道驗證。請開啟驗證 App，輸入民意的驗證碼。",
        HintLoginCode => "App 顯示的 6 位數字，或一組備用碼（例如 abcde-12345）。",
        SfLoginButton => "登入",
        SfProfileLink => "第二道驗證（登入驗證碼）",
        SfNavNeeded => "設定第二道驗證",
        AdminResetFactor => "重設第二道驗證",
        _ => return None,
    })
}
