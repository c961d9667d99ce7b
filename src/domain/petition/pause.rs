//! How a site-wide signing pause bends the clock of signing windows, as every surface
//! shows it: a window still running when the pause began stands still, shown extended by
//! the pause so far (ending the pause writes that extension to the petition).

use crate::domain::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PauseShift {
    pub now: Timestamp,
    /// When signing was paused, if it is.
    pub since: Option<Timestamp>,
}

impl PauseShift {
    pub fn none(now: Timestamp) -> Self {
        Self { now, since: None }
    }

    /// The closing time to show for a stored `closes`.
    pub fn closes(self, closes: Option<Timestamp>) -> Option<Timestamp> {
        match (closes, self.since) {
            (Some(c), Some(s)) if c > s => Some(c.plus_millis(self.now.0 - s.0)),
            _ => closes,
        }
    }

    /// The instant stored closing times are compared with: a window is running exactly
    /// when its stored close is after this (the pause's start, or now).
    pub fn window_now(self) -> Timestamp {
        self.since.map_or(self.now, |s| s.min(self.now))
    }

    /// SQL binds (after, by): a stored close later than `after` is shown `by` ms later.
    pub fn sql_binds(self) -> (i64, i64) {
        match self.since {
            Some(s) => (s.0, self.now.0 - s.0),
            None => (i64::MAX, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DAY;

    #[test]
    fn running_windows_stand_still_and_lapsed_ones_stay_lapsed() {
        let start = Timestamp(100 * DAY);
        let shift = PauseShift { now: Timestamp(103 * DAY), since: Some(start) };
        assert_eq!(shift.closes(Some(Timestamp(101 * DAY))), Some(Timestamp(104 * DAY)));
        assert_eq!(shift.closes(Some(Timestamp(99 * DAY))), Some(Timestamp(99 * DAY)));
        assert_eq!(shift.window_now(), start);
        // A window that would have lapsed during the pause is still running, as shown.
        let c = Timestamp(101 * DAY);
        assert!(c > shift.window_now() && shift.closes(Some(c)).unwrap() > shift.now);
        assert_eq!(PauseShift::none(Timestamp(5)).closes(Some(Timestamp(1))), Some(Timestamp(1)));
    }
}
