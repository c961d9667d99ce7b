//! Time as plain milliseconds since the Unix epoch (UTC), so the same value
//! is stored identically on SQLite and PostgreSQL and rules stay pure.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus_millis(self, ms: i64) -> Self {
        Timestamp(self.0.saturating_add(ms))
    }
    /// Civil date and time in UTC: (year, month, day, hour, minute).
    pub fn civil_utc(self) -> (i64, u32, u32, u32, u32) {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, (rem / 3600) as u32, ((rem % 3600) / 60) as u32)
    }
    /// `YYYY-MM-DD` in Taiwan time (UTC+8, no daylight saving), the platform's legal time zone.
    pub fn date_taipei(self) -> String {
        let (y, m, d, _, _) = self.plus_millis(8 * HOUR).civil_utc();
        format!("{y:04}-{m:02}-{d:02}")
    }
    /// `YYYY-MM-DD HH:MM` in Taiwan time.
    pub fn datetime_taipei(self) -> String {
        let (y, m, d, h, mi) = self.plus_millis(8 * HOUR).civil_utc();
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}")
    }
    /// `n` working days later (Monday to Friday in Taiwan time), at the same time of day.
    /// Public holidays are not modelled: the target is a review goal, not a legal deadline.
    pub fn plus_working_days(self, n: i64) -> Self {
        let mut t = self;
        let mut left = n;
        while left > 0 {
            t = t.plus_millis(DAY);
            if t.weekday_taipei() < 5 {
                left -= 1;
            }
        }
        t
    }
    /// 0 = Monday … 6 = Sunday, in Taiwan time.
    pub fn weekday_taipei(self) -> i64 {
        // 1970-01-01 was a Thursday (3).
        ((self.0 + 8 * HOUR).div_euclid(DAY) + 3).rem_euclid(7)
    }
}

impl Timestamp {
    /// A `YYYY-MM-DDTHH:MM` (an HTML datetime-local value) read as Taiwan time.
    pub fn parse_taipei_local(s: &str) -> Option<Self> {
        let (date, time) = s.trim().split_once('T')?;
        let mut d = date.split('-');
        let (y, m, day): (i64, u32, u32) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
        let (h, mi) = time.split_once(':')?;
        let (h, mi): (i64, i64) = (h.parse().ok()?, mi.get(..2).unwrap_or(mi).parse().ok()?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&mi) || !(1970..=9999).contains(&y) {
            return None;
        }
        let t = Timestamp(days_from_civil(y, m, day) * DAY + h * HOUR + mi * MINUTE - 8 * HOUR);
        // Reject dates that do not exist (31 February): they would not come back the same.
        (t.datetime_local_taipei() == format!("{y:04}-{m:02}-{day:02}T{h:02}:{mi:02}")).then_some(t)
    }
    /// `YYYY-MM-DDTHH:MM` in Taiwan time, as a datetime-local field shows it.
    pub fn datetime_local_taipei(self) -> String {
        self.datetime_taipei().replacen(' ', "T", 1)
    }
}

/// Days since 1970-01-01 of a civil date (the inverse of `civil_from_days`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_local_round_trips_in_taiwan_time() {
        let t = Timestamp::parse_taipei_local("2026-11-28T09:30").unwrap();
        assert_eq!(t.datetime_taipei(), "2026-11-28 09:30");
        assert_eq!(t.civil_utc(), (2026, 11, 28, 1, 30));
        assert_eq!(Timestamp::parse_taipei_local(&t.datetime_local_taipei()), Some(t));
        assert_eq!(Timestamp::parse_taipei_local("2026-02-31T10:00"), None);
        assert_eq!(Timestamp::parse_taipei_local("yesterday"), None);
    }

    #[test]
    fn formats_epoch_and_known_dates() {
        assert_eq!(Timestamp(0).civil_utc(), (1970, 1, 1, 0, 0));
        // 2026-11-25T17:50:00Z
        let t = Timestamp(1_795_629_000_000);
        assert_eq!(t.civil_utc(), (2026, 11, 25, 17, 50));
        assert_eq!(t.date_taipei(), "2026-11-26");
        assert_eq!(t.datetime_taipei(), "2026-11-26 01:50");
    }

    #[test]
    fn working_days_skip_weekends() {
        // Wednesday 2026-11-25 in Taipei (01:50 on Thursday the 26th there).
        let thu = Timestamp(1_795_629_000_000);
        assert_eq!(thu.weekday_taipei(), 3);
        assert_eq!(thu.plus_working_days(1).date_taipei(), "2026-11-27");
        assert_eq!(thu.plus_working_days(2).date_taipei(), "2026-11-30");
        assert_eq!(thu.plus_working_days(7).date_taipei(), "2026-12-07");
    }

    #[test]
    fn handles_leap_days_and_negative_times() {
        // 2024-02-29T12:00:00Z
        assert_eq!(Timestamp(1_709_208_000_000).civil_utc(), (2024, 2, 29, 12, 0));
        assert_eq!(Timestamp(-1).civil_utc(), (1969, 12, 31, 23, 59));
    }
}
