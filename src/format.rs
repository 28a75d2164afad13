//! How numbers read in a memo: `46 crisis centres`, `around 55%`,
//! `more than USD 4 billion`, `24th`; and how a figure's value is written
//! in the data (`46`, not `46.0`).

/// The largest figure value Dossier prints exactly (9×10¹⁵): beyond it a
/// whole number is no longer held exactly, and the printed digits would be
/// invented. Larger values are refused when the dataset is loaded.
pub const MAX_FIGURE_VALUE: f64 = 9.0e15;

/// [`MAX_FIGURE_VALUE`] as people read it.
pub const MAX_FIGURE_VALUE_WORDS: &str = "9,000,000,000,000,000 (9 million billion)";

/// A figure's value as an integer when it is a whole number that an `f64`
/// holds exactly (below [`MAX_FIGURE_VALUE`]), so that files and JSON say
/// `46`, not `46.0`; `None` for any other value, written as it is.
pub fn whole_number(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() < MAX_FIGURE_VALUE).then_some(value as i64)
}

/// A figure's value with its unit and qualifier, as a reader expects it.
pub fn figure_value(value: f64, unit: &str, qualifier: Option<&str>) -> String {
    let number = match unit {
        "%" => format!("{}%", plain_number(value)),
        "USD" | "EUR" | "KZT" => format!("{unit} {}", large_number(value)),
        "rank" => ordinal(value),
        _ => format!("{} {unit}", large_number(value)),
    };
    match qualifier {
        Some(q) => format!("{q} {number}"),
        None => number,
    }
}

/// `4 billion`, `750 million`, `46,000`, `2.5`.
fn large_number(value: f64) -> String {
    for (scale, word) in [(1e9, "billion"), (1e6, "million")] {
        if value.abs() >= scale {
            return format!("{} {word}", plain_number(value / scale));
        }
    }
    plain_number(value)
}

/// A number with thousands separators and at most two decimals, no trailing zeros.
fn plain_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let whole = rounded.abs().trunc() as u64;
    let fraction = ((rounded.abs() - whole as f64) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if fraction > 0 {
        let f = format!("{fraction:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// `1st`, `2nd`, `24th`, `113th`.
fn ordinal(value: f64) -> String {
    let n = value.round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_integers_while_exact() {
        assert_eq!(whole_number(46.0), Some(46));
        assert_eq!(whole_number(-3.0), Some(-3));
        assert_eq!(whole_number(2.5), None);
        assert_eq!(whole_number(5e15), Some(5_000_000_000_000_000));
        assert_eq!(whole_number(1.9e28), None);
        assert_eq!(whole_number(f64::NAN), None);
    }

    #[test]
    fn figures_read_naturally() {
        assert_eq!(
            figure_value(46.0, "crisis centres", None),
            "46 crisis centres"
        );
        assert_eq!(figure_value(55.0, "%", Some("around")), "around 55%");
        assert_eq!(
            figure_value(4e9, "USD", Some("more than")),
            "more than USD 4 billion"
        );
        assert_eq!(figure_value(750e6, "USD", None), "USD 750 million");
        assert_eq!(figure_value(46_000.0, "students", None), "46,000 students");
        assert_eq!(
            figure_value(10e6, "citizens", Some("over")),
            "over 10 million citizens"
        );
        assert_eq!(figure_value(1_300.0, "services", None), "1,300 services");
        assert_eq!(figure_value(24.0, "rank", None), "24th");
        assert_eq!(figure_value(2.5, "times", None), "2.5 times");
        assert_eq!(figure_value(1.25e9, "USD", None), "USD 1.25 billion");
        assert_eq!(figure_value(-3.0, "%", None), "-3%");
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [
            1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 22.0, 111.0, 113.0,
        ]
        .iter()
        .map(|v| ordinal(*v))
        .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th",
                "113th"
            ]
        );
    }
}
