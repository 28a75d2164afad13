//! What the window's fields hold, checked by the library's own rules: a
//! date typed in the brief form, the editor or the Add document form reads
//! as the CLI and the dataset files read it, and an address is a web
//! address by the rule the dataset's loader holds sources to.

use dossier::Date;
use serde::Serialize;

/// A typed date, checked.
#[derive(Serialize, Debug, PartialEq)]
pub struct DateCheck {
    /// The date as files write it ("2025-05"); `None` when nothing is typed
    /// or the text is no date.
    value: Option<String>,
    /// The date in words with its precision ("May 2025 (a month)").
    words: Option<String>,
    /// Why the text is not a date, in the library's words.
    error: Option<String>,
}

/// Checks each of `texts` as a date, in order: empty text is no date and no
/// error.
#[tauri::command]
pub fn check_dates(texts: Vec<String>) -> Vec<DateCheck> {
    texts.iter().map(|t| check(t)).collect()
}

/// Why `text` cannot be a source's address, if it cannot; nothing typed is
/// no address and no problem.
#[tauri::command]
pub fn check_url(text: String) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && !dossier::text::is_web_address(text))
        .then(|| "A web address starts with https:// or http://; or leave it empty.".to_string())
}

fn check(text: &str) -> DateCheck {
    let text = text.trim();
    if text.is_empty() {
        return DateCheck {
            value: None,
            words: None,
            error: None,
        };
    }
    match text.parse::<Date>() {
        Ok(date) => DateCheck {
            value: Some(date.to_string()),
            words: Some(format!("{} ({})", date.human(), date.precision().words())),
            error: None,
        },
        Err(e) => DateCheck {
            value: None,
            words: None,
            error: Some(format!("{e}.")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_the_library_reads_them() {
        let [empty, month, bad_month, bad] = ["  ", "2025-05", "2024-13", "May 2024"].map(check);
        assert_eq!(empty.value, None);
        assert_eq!(empty.error, None);
        assert_eq!(month.value.as_deref(), Some("2025-05"));
        assert_eq!(month.words.as_deref(), Some("May 2025 (a month)"));
        assert!(bad_month.error.unwrap().contains("has no such month"));
        assert!(bad.error.unwrap().contains("is not a date"));
    }

    #[test]
    fn addresses_are_web_addresses_or_nothing() {
        assert_eq!(check_url(String::new()), None);
        assert_eq!(check_url("https://www.state.gov/x".into()), None);
        assert!(check_url("www.state.gov".into()).is_some());
    }
}
