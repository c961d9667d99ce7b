//! Taiwan's 22 counties and cities (Ministry of the Interior codes), plus "abroad",
//! which signers choose so that counts by place can be shown without names.
pub struct County {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

const fn c(code: &'static str, name_zh: &'static str, name_en: &'static str) -> County {
    County { code, name_zh, name_en }
}

pub const ABROAD: &str = "abroad";

/// North to south, then the outlying islands.
pub const COUNTIES: [County; 23] = [
    c("10017", "基隆市", "Keelung City"),
    c("63000", "臺北市", "Taipei City"),
    c("65000", "新北市", "New Taipei City"),
    c("68000", "桃園市", "Taoyuan City"),
    c("10018", "新竹市", "Hsinchu City"),
    c("10004", "新竹縣", "Hsinchu County"),
    c("10005", "苗栗縣", "Miaoli County"),
    c("66000", "臺中市", "Taichung City"),
    c("10007", "彰化縣", "Changhua County"),
    c("10008", "南投縣", "Nantou County"),
    c("10009", "雲林縣", "Yunlin County"),
    c("10020", "嘉義市", "Chiayi City"),
    c("10010", "嘉義縣", "Chiayi County"),
    c("67000", "臺南市", "Tainan City"),
    c("64000", "高雄市", "Kaohsiung City"),
    c("10013", "屏東縣", "Pingtung County"),
    c("10002", "宜蘭縣", "Yilan County"),
    c("10015", "花蓮縣", "Hualien County"),
    c("10014", "臺東縣", "Taitung County"),
    c("10016", "澎湖縣", "Penghu County"),
    c("09020", "金門縣", "Kinmen County"),
    c("09007", "連江縣", "Lienchiang County"),
    c(ABROAD, "海外", "Abroad"),
];

pub fn by_code(code: &str) -> Option<&'static County> {
    COUNTIES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = super::COUNTIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), super::COUNTIES.len());
    }
}
