//! What fills a text's `{placeholders}`: the generated typed methods call `fill`, and a
//! plural text takes a `Count` that picks its form.
use std::fmt::{Display, Write};

/// A number that picks a plural form, shown as it displays.
pub trait Count: Display {
    /// `None` (a stored detail that is not a number) takes the `other` form.
    fn number(&self) -> Option<i64>;
}

macro_rules! count_ints {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn number(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
        }
    )*};
}
count_ints!(i64, i32, u32, u64, usize);

/// A number written as text (a timeline event's stored detail), shown as written.
impl Count for str {
    fn number(&self) -> Option<i64> {
        self.trim().parse().ok()
    }
}

impl Count for String {
    fn number(&self) -> Option<i64> {
        self.as_str().number()
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn number(&self) -> Option<i64> {
        (**self).number()
    }
}

/// A count shown with thousands separators ("1,234"), as people write them in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Grouped(pub i64);

impl Display for Grouped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        if self.0 < 0 {
            f.write_char('-')?;
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_char(',')?;
            }
            f.write_char(c)?;
        }
        Ok(())
    }
}

impl Count for Grouped {
    fn number(&self) -> Option<i64> {
        Some(self.0)
    }
}

/// The text with each `{name}` replaced by its argument, in one pass (a value that itself
/// contains braces stays as it is). The build checked that every placeholder has one.
pub(super) fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| args.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, v)));
        match arg {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_placeholder_once() {
        let args: [(&str, &dyn Display); 2] = [("a", &"{b}"), ("b", &2)];
        assert_eq!(fill("{a} and {b}, {c}", &args), "{b} and 2, {c}");
    }

    #[test]
    fn grouped_writes_thousands_separators() {
        assert_eq!(Grouped(0).to_string(), "0");
        assert_eq!(Grouped(999).to_string(), "999");
        assert_eq!(Grouped(1234567).to_string(), "1,234,567");
        assert_eq!(Grouped(-1234).to_string(), "-1,234");
    }

    #[test]
    fn a_stored_detail_counts_when_it_is_a_number() {
        assert_eq!("12".number(), Some(12));
        assert_eq!("x".number(), None);
        assert_eq!(3usize.number(), Some(3));
    }
}
