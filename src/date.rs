//! Dates as editors write them: a calendar day (`2026-02-04`) or an RFC 3339
//! date and time with a UTC offset (`2026-02-05T14:00:00+13:00`).
//!
//! A day without a time is taken as midnight UTC where an instant is needed
//! (sorting, feeds); pages show it as written, without inventing a time.

use std::cmp::Ordering;
use std::fmt;

use jiff::Timestamp;
use jiff::civil;
use jiff::fmt::temporal::{Pieces, PiecesOffset};

/// A publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    instant: Timestamp,
    day: civil::Date,
    time: Option<(civil::Time, i32)>,
}

impl Date {
    /// Parses `YYYY-MM-DD` or an RFC 3339 timestamp with an offset.
    pub fn parse(text: &str) -> Result<Self, String> {
        let s = text.trim();
        let hint = "write a day as YYYY-MM-DD (2026-02-04), or a time with its UTC offset \
                    (2026-02-05T14:00:00+13:00)";
        if s.len() == 10 && !s.contains(['T', 't', ' ']) {
            let day: civil::Date = s.parse().map_err(|_| with_hint(why_not_a_day(s), hint))?;
            let instant = day
                .to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(|e| format!("`{s}` is out of range ({e})"))?
                .timestamp();
            return Ok(Self {
                instant,
                day,
                time: None,
            });
        }
        let pieces = Pieces::parse(s).map_err(|_| {
            if s.contains(['T', 't', ' ', ':']) {
                format!("`{s}` is not a date and time lede can read; {hint}")
            } else {
                with_hint(why_not_a_day(s), hint)
            }
        })?;
        let time = pieces
            .time()
            .ok_or_else(|| format!("`{s}` is not a date; {hint}"))?;
        let offset_seconds = match pieces.offset() {
            Some(PiecesOffset::Zulu) => 0,
            Some(PiecesOffset::Numeric(n)) => {
                let seconds = n.offset().seconds();
                if n.is_negative() && seconds == 0 {
                    0
                } else {
                    seconds
                }
            }
            _ => {
                return Err(format!(
                    "`{s}` has a time but no UTC offset, so it is ambiguous; add one, \
                     e.g. `{s}+00:00` or `{s}Z`"
                ));
            }
        };
        let instant: Timestamp = s
            .parse()
            .map_err(|e| format!("`{s}` is not a date ({e}); {hint}"))?;
        Ok(Self {
            instant,
            day: pieces.date(),
            time: Some((time, offset_seconds)),
        })
    }

    /// The calendar day as written.
    pub fn day(&self) -> civil::Date {
        self.day
    }

    /// Was a time of day given?
    pub fn has_time(&self) -> bool {
        self.time.is_some()
    }

    /// The time of day as written and its UTC offset in seconds, if given.
    pub fn time_of_day(&self) -> Option<(i8, i8, i32)> {
        self.time.map(|(t, offset)| (t.hour(), t.minute(), offset))
    }

    /// Seconds since the Unix epoch (midnight UTC for a plain day).
    pub fn unix_seconds(&self) -> i64 {
        self.instant.as_second()
    }

    /// `2026-02-04`.
    pub fn iso_day(&self) -> String {
        self.day.to_string()
    }

    /// RFC 3339 as written (`2026-02-05T14:00:00+13:00`), or midnight UTC for a
    /// plain day (`2026-02-04T00:00:00Z`): for feeds, sitemaps and `<time>`.
    pub fn rfc3339(&self) -> String {
        match self.time {
            None => format!("{}T00:00:00Z", self.day),
            Some((time, offset)) => {
                let t = format!(
                    "{}T{:02}:{:02}:{:02}",
                    self.day,
                    time.hour(),
                    time.minute(),
                    time.second()
                );
                if offset == 0 {
                    format!("{t}Z")
                } else {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let abs = offset.unsigned_abs();
                    format!("{t}{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
                }
            }
        }
    }

    /// `4 February 2026` (day-month-year, as most newsrooms outside the US).
    pub fn human(&self) -> String {
        let month = month_name(usize::from(self.day.month().unsigned_abs())).unwrap_or("");
        format!("{} {} {}", self.day.day(), month, self.day.year())
    }

    /// `4 February 2026, 14:00 GMT+13` when a time was given: the time as
    /// the editor wrote it, with its offset as readers know it from news
    /// sites and phones (`GMT`, `GMT+13`, `GMT+5:30`, `GMT-3`).
    pub fn human_with_time(&self) -> String {
        match self.time {
            None => self.human(),
            Some((time, offset)) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                let (hours, minutes) = (abs / 3600, (abs % 3600) / 60);
                let zone = match (hours, minutes) {
                    (0, 0) => "GMT".to_string(),
                    (h, 0) => format!("GMT{sign}{h}"),
                    (h, m) => format!("GMT{sign}{h}:{m:02}"),
                };
                format!(
                    "{}, {:02}:{:02}\u{a0}{zone}",
                    self.human(),
                    time.hour(),
                    time.minute()
                )
            }
        }
    }
}

/// The general hint, unless the reason already says how to write it.
fn with_hint(why: String, hint: &str) -> String {
    if why.ends_with("is not a date") {
        format!("{why}; {hint}")
    } else {
        why
    }
}

/// Why `s` is not a calendar day, in plain words: a day-month-year order
/// (with the fix when it is unambiguous), a month or day that does not
/// exist, or simply not a date.
fn why_not_a_day(s: &str) -> String {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (Some(n), 3) = (numbers, parts.len()) else {
        return format!("`{s}` is not a date");
    };
    let month = |m: u32| month_name(m as usize).unwrap_or("");
    if parts[0].len() == 4 {
        let (y, m, d) = (n[0], n[1], n[2]);
        if !(1..=12).contains(&m) {
            return format!("`{s}` has no month {m} (months go from 01 to 12)");
        }
        let days = days_in_month(y as i16, m as i8);
        if d == 0 || d > days {
            return format!("`{s}`: {} {y} has {days} days", month(m));
        }
        return format!("`{s}` is not a date");
    }
    if parts[2].len() == 4 {
        let (a, b, y) = (n[0], n[1], n[2]);
        let fix = |d: u32, m: u32| format!("{y}-{m:02}-{d:02}");
        if a > 12 && (1..=12).contains(&b) {
            return format!(
                "`{s}` is day-month-year; lede wants the year first: `{}`",
                fix(a, b)
            );
        }
        if b > 12 && (1..=12).contains(&a) {
            return format!(
                "`{s}` is month-day-year; lede wants the year first: `{}`",
                fix(b, a)
            );
        }
        return format!(
            "`{s}` has the year last, and it could mean {a} {} or {b} {}; lede wants the year first (`{}` for the first)",
            month(b),
            month(a),
            fix(a, b)
        );
    }
    format!("`{s}` is not a date")
}

fn days_in_month(year: i16, month: i8) -> u32 {
    civil::date(year.clamp(1, 9999), month, 1).days_in_month() as u32
}

/// The English name of month `m` (1–12).
pub fn month_name(m: usize) -> Option<&'static str> {
    const MONTHS: [&str; 12] = [
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
    m.checked_sub(1).and_then(|i| MONTHS.get(i)).copied()
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_day() {
        let d = Date::parse("2026-02-04").unwrap();
        assert!(!d.has_time());
        assert_eq!(d.rfc3339(), "2026-02-04T00:00:00Z");
        assert_eq!(d.human(), "4 February 2026");
        assert_eq!(d.iso_day(), "2026-02-04");
    }

    #[test]
    fn time_with_offset_keeps_the_written_day_and_offset() {
        let d = Date::parse("2026-02-05T14:00:00+13:00").unwrap();
        assert_eq!(d.rfc3339(), "2026-02-05T14:00:00+13:00");
        assert_eq!(d.iso_day(), "2026-02-05");
        assert_eq!(d.human_with_time(), "5 February 2026, 14:00\u{a0}GMT+13");
        let z = Date::parse("2026-02-05T01:00:00Z").unwrap();
        assert_eq!(z.unix_seconds(), d.unix_seconds());
        assert_eq!(
            Date::parse("2026-02-05T10:00:00-05:30").unwrap().rfc3339(),
            "2026-02-05T10:00:00-05:30"
        );
    }

    #[test]
    fn bad_dates_say_why() {
        let e = |s: &str| Date::parse(s).unwrap_err();
        assert!(e("2026-02-30").starts_with("`2026-02-30`: February 2026 has 28 days"));
        assert!(e("2026-13-01").starts_with("`2026-13-01` has no month 13"));
        assert!(
            e("26-01-2026").contains("day-month-year; lede wants the year first: `2026-01-26`")
        );
        assert!(
            e("01/26/2026").contains("month-day-year; lede wants the year first: `2026-01-26`")
        );
        assert!(e("03/04/2026").contains("could mean 3 April or 4 March"));
        assert!(!e("26-01-2026").contains("integer"), "no parser jargon");
        assert!(Date::parse("yesterday").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            Date::parse("2026-02-05T14:00:00")
                .unwrap_err()
                .contains("no UTC offset")
        );
        assert!(Date::parse("2026").is_err());
    }

    #[test]
    fn order_is_by_instant() {
        let a = Date::parse("2026-02-05").unwrap();
        let b = Date::parse("2026-02-05T10:00:00+13:00").unwrap();
        assert!(b < a, "10:00 at +13:00 is the previous day in UTC");
    }
}
