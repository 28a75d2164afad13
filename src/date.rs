//! Dates with a precision: a year (`2025`), a month (`2024-05`) or a day
//! (`2024-05-20`). Each stands for the interval of days it names, so that a
//! source that says only "in 2025" is never sharpened into a day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// How much of a date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and the month are known.
    Month,
    /// The exact day is known.
    Day,
}

impl Precision {
    /// What a date of this precision names, in words ("a month").
    pub fn words(self) -> &'static str {
        match self {
            Precision::Year => "a year",
            Precision::Month => "a month",
            Precision::Day => "a day",
        }
    }
}

/// A calendar date known to a year, a month or a day.
///
/// Its canonical text form is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; [`fmt::Display`]
/// writes that form and [`Date::human`] the form a reader expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    /// The interval the date names, computed once: selection compares these.
    first: NaiveDate,
    last: NaiveDate,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error(
        "'{0}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (for example 2025, 2024-05 or 2024-05-20)"
    )]
    Format(String),
    /// The month is not 1–12.
    #[error("'{0}' has no such month; months run from 01 to 12")]
    Month(String),
    /// The day does not exist in that month.
    #[error("'{0}' is not a day of the calendar")]
    Day(String),
}

/// The months' English names, January first, as dates print them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date known only to its year; `None` outside the years the calendar
    /// handles (about ±262,000).
    pub fn year(year: i32) -> Option<Date> {
        Some(Date {
            year,
            month: None,
            day: None,
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// A date known to its month; `None` when the month is not 1–12.
    pub fn month(year: i32, month: u32) -> Option<Date> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Date {
            year,
            month: Some(month),
            day: None,
            first,
            last: next.pred_opt()?,
        })
    }

    /// A date known to the day; `None` when the day does not exist.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date::from)
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The calendar year.
    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// The first day of the interval this date names.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day of the interval this date names.
    pub fn last_day(&self) -> NaiveDate {
        self.last
    }

    /// Whether this date's interval shares at least one day with `[from, to]`
    /// (either bound may be open).
    pub fn overlaps(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
        from.is_none_or(|f| self.last_day() >= f) && to.is_none_or(|t| self.first_day() <= t)
    }

    /// The date as a reader expects it: `20 May 2024`, `May 2024` or `2025`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            (None, _) => self.year.to_string(),
        }
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Date {
        Date {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
            first: d,
            last: d,
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let format = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format());
        }
        let numbers: Vec<u32> = parts
            .iter()
            .map(|p| p.parse::<u32>().map_err(|_| format()))
            .collect::<Result<_, _>>()?;
        let year = numbers[0] as i32;
        match numbers[1..] {
            [] => Date::year(year).ok_or_else(format),
            [m] => Date::month(year, m).ok_or_else(|| DateError::Month(s.to_string())),
            [m, d] => {
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month(s.to_string()));
                }
                Date::day(year, m, d).ok_or_else(|| DateError::Day(s.to_string()))
            }
            _ => Err(format()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Dates sort by the first day they name; of two that start on the same day,
/// the narrower comes first (`2024-01-01` < `2024-01` < `2024`).
impl Ord for Date {
    fn cmp(&self, other: &Date) -> Ordering {
        (self.first_day(), self.last_day()).cmp(&(other.first_day(), other.last_day()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Date) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        // A visitor rather than a `String`: a borrowed text is parsed where
        // it lies (the dataset cache holds hundreds of thousands of dates).
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                text.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

/// A range of days given by two optional dates: `from` counts from the first
/// day it names, `to` up to the last day it names, so `--from 2024 --to 2024`
/// is the whole year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    /// The earliest date in range, if bounded.
    pub from: Option<Date>,
    /// The latest date in range, if bounded.
    pub to: Option<Date>,
}

/// A range whose start lies after its end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the date range is empty: 'from' ({from}) is after 'to' ({to}); swap them or widen the range"
)]
pub struct EmptyRange {
    /// The start as given.
    pub from: Date,
    /// The end as given.
    pub to: Date,
}

impl DateRange {
    /// A range from two optional bounds, refused when `from` starts after `to` ends.
    pub fn new(from: Option<Date>, to: Option<Date>) -> Result<DateRange, EmptyRange> {
        if let (Some(f), Some(t)) = (from, to)
            && f.first_day() > t.last_day()
        {
            return Err(EmptyRange { from: f, to: t });
        }
        Ok(DateRange { from, to })
    }

    /// Whether `date`'s interval overlaps this range.
    pub fn contains(&self, date: &Date) -> bool {
        date.overlaps(
            self.from.map(|d| d.first_day()),
            self.to.map(|d| d.last_day()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2025", "2024-05", "2024-05-20", "0999"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("2025").precision(), Precision::Year);
        assert_eq!(d("2024-05").precision(), Precision::Month);
        assert_eq!(d("2024-05-20").precision(), Precision::Day);
    }

    #[test]
    fn human_display_follows_precision() {
        assert_eq!(d("2024-05-20").human(), "20 May 2024");
        assert_eq!(d("2024-05-01").human(), "1 May 2024");
        assert_eq!(d("2024-05").human(), "May 2024");
        assert_eq!(d("2025").human(), "2025");
        assert_eq!(d("2009-12").human(), "December 2009");
    }

    #[test]
    fn leap_years() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert_eq!(
            "2023-02-29".parse::<Date>(),
            Err(DateError::Day("2023-02-29".into()))
        );
        assert_eq!(
            "1900-02-29".parse::<Date>(),
            Err(DateError::Day("1900-02-29".into()))
        );
        assert_eq!(
            d("2024-02").last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            d("2023-02").last_day(),
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        );
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        assert_eq!(
            "2024-02-30".parse::<Date>(),
            Err(DateError::Day("2024-02-30".into()))
        );
        assert_eq!(
            "2024-04-31".parse::<Date>(),
            Err(DateError::Day("2024-04-31".into()))
        );
        assert_eq!(
            "2024-13".parse::<Date>(),
            Err(DateError::Month("2024-13".into()))
        );
        assert_eq!(
            "2024-00".parse::<Date>(),
            Err(DateError::Month("2024-00".into()))
        );
        assert_eq!(
            "2024-13-01".parse::<Date>(),
            Err(DateError::Month("2024-13-01".into()))
        );
        assert_eq!(
            "2024-05-00".parse::<Date>(),
            Err(DateError::Day("2024-05-00".into()))
        );
        for bad in [
            "",
            "24",
            "2024-5",
            "2024-05-1",
            "2024/05/20",
            "May 2024",
            "2024-05-20T00:00",
            "+2024",
            "２０２４",
            "2024-",
            "-2024",
            "2024--05",
        ] {
            assert_eq!(
                bad.parse::<Date>(),
                Err(DateError::Format(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn intervals() {
        assert_eq!(
            d("2024").first_day(),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
        assert_eq!(
            d("2024").last_day(),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
        );
        assert_eq!(
            d("2024-12").last_day(),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
        );
        assert_eq!(
            d("2024-04").last_day(),
            NaiveDate::from_ymd_opt(2024, 4, 30).unwrap()
        );
        assert_eq!(d("2024-05-20").first_day(), d("2024-05-20").last_day());
    }

    #[test]
    fn ordering_by_start_then_narrowest_first() {
        let mut dates = [
            d("2025"),
            d("2024"),
            d("2024-01"),
            d("2024-01-01"),
            d("2023-12-31"),
            d("2024-05"),
        ];
        dates.sort();
        let printed: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(
            printed,
            [
                "2023-12-31",
                "2024-01-01",
                "2024-01",
                "2024",
                "2024-05",
                "2025"
            ]
        );
    }

    #[test]
    fn range_overlap_rules() {
        let june = DateRange::new(Some(d("2024-06-01")), Some(d("2024-06-30"))).unwrap();
        assert!(
            june.contains(&d("2024")),
            "a year overlaps any range inside it"
        );
        assert!(!june.contains(&d("2024-05")));
        assert!(june.contains(&d("2024-06")));
        assert!(june.contains(&d("2024-06-30")));
        assert!(!june.contains(&d("2024-07-01")));

        let from_june = DateRange::new(Some(d("2024-06-01")), None).unwrap();
        assert!(!from_june.contains(&d("2024-05")));
        assert!(!from_june.contains(&d("2024-05-31")));
        assert!(from_june.contains(&d("2024")));
        assert!(from_june.contains(&d("2030")));

        let until_2023 = DateRange::new(None, Some(d("2023"))).unwrap();
        assert!(until_2023.contains(&d("2023-12-31")));
        assert!(!until_2023.contains(&d("2024-01-01")));
        assert!(until_2023.contains(&d("2010")));

        assert!(DateRange::default().contains(&d("1999")));
    }

    #[test]
    fn bounds_take_the_whole_interval_they_name() {
        let year = DateRange::new(Some(d("2024")), Some(d("2024"))).unwrap();
        assert!(year.contains(&d("2024-01-01")) && year.contains(&d("2024-12-31")));
        assert!(!year.contains(&d("2023-12-31")) && !year.contains(&d("2025-01-01")));
        // `from` a month inside `to`'s year is not an empty range.
        assert!(DateRange::new(Some(d("2024-05")), Some(d("2024"))).is_ok());
    }

    #[test]
    fn from_after_to_is_refused() {
        let err = DateRange::new(Some(d("2025")), Some(d("2024-12-31"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the date range is empty: 'from' (2025) is after 'to' (2024-12-31); swap them or widen the range"
        );
    }
}
