//! Reads records out of parsed TOML tables, noting every problem (missing,
//! mistyped and unknown fields) with its line instead of stopping at the first.

use std::cell::RefCell;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{LineIndex, Problem};
use crate::date::Date;

/// A TOML file being read, and the problems found in it so far.
pub(crate) struct TomlFile {
    /// The path shown in problems; shared by every place that names it.
    pub path: Arc<str>,
    lines: LineIndex,
    problems: RefCell<Vec<Problem>>,
}

impl TomlFile {
    pub fn new(path: &str, text: &str) -> TomlFile {
        TomlFile {
            path: Arc::from(path),
            lines: LineIndex::new(text),
            problems: RefCell::new(Vec::new()),
        }
    }

    /// Parses the text into its top-level table, or notes the syntax error.
    pub fn parse<'t>(&self, text: &'t str) -> Option<Spanned<DeTable<'t>>> {
        match DeTable::parse(text) {
            Ok(table) => Some(table),
            Err(e) => {
                let line = e.span().map(|s| self.lines.line(s.start));
                self.report(
                    line,
                    format!("this is not valid TOML: {}", e.message().trim_end()),
                );
                None
            }
        }
    }

    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Notes a problem at a line of this file.
    pub fn report(&self, line: Option<usize>, message: String) {
        self.problems.borrow_mut().push(Problem {
            file: self.path.to_string(),
            line,
            message,
        });
    }

    /// How many problems have been noted in this file so far.
    pub fn problem_count(&self) -> usize {
        self.problems.borrow().len()
    }

    /// Takes back the problems noted since there were `count`.
    pub fn take_problems_from(&self, count: usize) -> Vec<Problem> {
        let mut all = self.problems.borrow_mut();
        if count >= all.len() {
            return Vec::new();
        }
        all.split_off(count)
    }

    /// Whether no problem has been noted in this file so far.
    pub fn is_clean(&self) -> bool {
        self.problems.borrow().is_empty()
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }

    /// The top-level table of the file as a record, so that unknown
    /// top-level keys are reported too.
    pub fn root<'a, 't>(&'a self, table: &'a Spanned<DeTable<'t>>) -> Record<'a, 't> {
        Record::new(self, table.get_ref(), 1, "the file")
    }
}

/// One TOML table read as a record of a known shape.
pub(crate) struct Record<'a, 't> {
    file: &'a TomlFile,
    table: &'a DeTable<'t>,
    /// Line of the table's header (or first key).
    pub line: usize,
    what: &'static str,
    /// The keys asked for so far: few, and named in the code.
    used: RefCell<Vec<&'static str>>,
}

/// A value with the line it was written on.
#[derive(Debug, Clone)]
pub(crate) struct At<T> {
    pub value: T,
    pub line: usize,
}

impl<'a, 't> Record<'a, 't> {
    fn new(file: &'a TomlFile, table: &'a DeTable<'t>, line: usize, what: &'static str) -> Self {
        Record {
            file,
            table,
            line,
            what,
            used: RefCell::new(Vec::with_capacity(16)),
        }
    }

    pub fn file(&self) -> &'a TomlFile {
        self.file
    }

    /// Notes a problem at `line`.
    pub fn report(&self, line: usize, message: String) {
        self.file.report(Some(line), message);
    }

    fn get(&self, key: &'static str) -> Option<&'a Spanned<DeValue<'t>>> {
        self.used.borrow_mut().push(key);
        self.table.get(key)
    }

    fn line_of<T>(&self, v: &Spanned<T>) -> usize {
        self.file.line(v.span().start)
    }

    fn missing(&self, key: &str) {
        self.report(
            self.line,
            format!("{} is missing the required field `{key}`", self.what),
        );
    }

    fn wrong_type(&self, key: &str, v: &Spanned<DeValue<'t>>, expected: &str) {
        self.report(
            self.line_of(v),
            format!("`{key}` must be {expected}, not {}", describe(v.get_ref())),
        );
    }

    /// Every entry of a table whose keys are data (a brief's `[comments]`,
    /// keyed by topic id), each key with its line and, for a key `known`
    /// accepts, its value if it is a non-empty string (any other value is
    /// reported). An unknown key's value is not read: the key is the
    /// problem.
    pub fn string_entries(
        &self,
        known: impl Fn(&str) -> bool,
    ) -> Vec<(At<String>, Option<At<String>>)> {
        let mut entries: Vec<(At<String>, Option<At<String>>)> = self
            .table
            .iter()
            .map(|(k, v)| {
                let key = k.get_ref().to_string();
                let value = if known(&key) {
                    self.string_value(&key, v)
                } else {
                    None
                };
                let key = At {
                    line: self.line_of(k),
                    value: key,
                };
                (key, value)
            })
            .collect();
        entries.sort_by_key(|(k, _)| k.line);
        entries
    }

    /// Whether the key is present (and marks it as known).
    pub fn has(&self, key: &'static str) -> bool {
        self.get(key).is_some()
    }

    /// A required string field; an empty string counts as missing.
    pub fn string(&self, key: &'static str) -> Option<At<String>> {
        let v = self.get(key);
        if v.is_none() {
            self.missing(key);
        }
        self.string_value(key, v?)
    }

    /// An optional string field.
    pub fn opt_string(&self, key: &'static str) -> Option<At<String>> {
        self.string_value(key, self.get(key)?)
    }

    /// A required string field, borrowed from the parsed file: the same
    /// memory each time it is read, so that a check made earlier on that
    /// memory can be recognised (see the loader's quote checks).
    pub fn string_ref(&self, key: &'static str) -> Option<At<&'a str>> {
        let v = self.get(key);
        if v.is_none() {
            self.missing(key);
        }
        self.str_value(key, v?)
    }

    fn string_value(&self, key: &str, v: &'a Spanned<DeValue<'t>>) -> Option<At<String>> {
        self.str_value(key, v).map(|s| At {
            value: s.value.to_string(),
            line: s.line,
        })
    }

    fn str_value(&self, key: &str, v: &'a Spanned<DeValue<'t>>) -> Option<At<&'a str>> {
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                self.report(self.line_of(v), format!("`{key}` is empty"));
                None
            }
            DeValue::String(s) => Some(At {
                value: s.as_ref(),
                line: self.line_of(v),
            }),
            _ => {
                self.wrong_type(key, v, "a string");
                None
            }
        }
    }

    /// A required list of non-empty strings, itself not empty.
    pub fn string_list(&self, key: &'static str) -> Option<Vec<At<String>>> {
        let v = self.get(key);
        if v.is_none() {
            self.missing(key);
        }
        let list = self.string_list_value(key, v?)?;
        if list.is_empty() {
            self.report(
                self.line_of(v?),
                format!("`{key}` is empty; give at least one"),
            );
            return None;
        }
        Some(list)
    }

    /// An optional list of strings (absent means empty).
    pub fn opt_string_list(&self, key: &'static str) -> Vec<At<String>> {
        self.get(key)
            .and_then(|v| self.string_list_value(key, v))
            .unwrap_or_default()
    }

    fn string_list_value(&self, key: &str, v: &Spanned<DeValue<'t>>) -> Option<Vec<At<String>>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "a list of strings");
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            if !matches!(item.get_ref(), DeValue::String(_)) {
                self.report(
                    self.line_of(item),
                    format!(
                        "`{key}` must hold only strings, but one of them is {}",
                        describe(item.get_ref())
                    ),
                );
                ok = false;
                continue;
            }
            match self.string_value(key, item) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A required date field, written as a string.
    pub fn date(&self, key: &'static str) -> Option<At<Date>> {
        let v = self.get(key);
        if v.is_none() {
            self.missing(key);
        }
        self.date_value(key, v?)
    }

    /// An optional date field, written as a string.
    pub fn opt_date(&self, key: &'static str) -> Option<At<Date>> {
        self.date_value(key, self.get(key)?)
    }

    fn date_value(&self, key: &str, v: &Spanned<DeValue<'t>>) -> Option<At<Date>> {
        let line = self.line_of(v);
        match v.get_ref() {
            DeValue::String(s) => match s.parse::<Date>() {
                Ok(d) => Some(At { value: d, line }),
                Err(e) => {
                    self.report(line, format!("`{key}`: {e}"));
                    None
                }
            },
            other => {
                self.report(
                    line,
                    format!(
                        "`{key}` must be a date in quotes, such as \"2024-05-20\", \"2024-05\" or \"2025\", not {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    /// A required number (integer or decimal).
    pub fn number(&self, key: &'static str) -> Option<At<f64>> {
        let Some(v) = self.get(key) else {
            self.missing(key);
            return None;
        };
        let too_large = |shown: &str| {
            self.report(
                self.line_of(v),
                format!(
                    "`{key}` is {shown}, larger than Dossier prints exactly (at most {}); give the number in a larger unit",
                    crate::format::MAX_FIGURE_VALUE_WORDS
                ),
            );
        };
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                match i64::from_str_radix(&digits, i.radix()) {
                    Ok(n) => Some(n as f64),
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::num::IntErrorKind::PosOverflow
                                | std::num::IntErrorKind::NegOverflow
                        ) =>
                    {
                        too_large(i.as_str());
                        return None;
                    }
                    Err(_) => None,
                }
            }
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(key, v, "a number");
                return None;
            }
        };
        match parsed {
            Some(n) if n.is_finite() && n.abs() > crate::format::MAX_FIGURE_VALUE => {
                too_large(&format!("{n:e}"));
                None
            }
            Some(n) if n.is_finite() => Some(At {
                value: n,
                line: self.line_of(v),
            }),
            _ => {
                self.report(self.line_of(v), format!("`{key}` must be a finite number"));
                None
            }
        }
    }

    /// An optional boolean (`true` or `false`); absent is `false`.
    pub fn opt_bool(&self, key: &'static str) -> Option<At<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(At {
                value: *b,
                line: self.line_of(v),
            }),
            _ => {
                self.wrong_type(key, v, "true or false");
                None
            }
        }
    }

    /// A required field whose value is one of a fixed set of ids.
    pub fn choice<T: Copy>(&self, key: &'static str, choices: &[(&str, T)]) -> Option<At<T>> {
        let s = self.string_ref(key)?;
        self.pick(key, s, choices)
    }

    /// An optional field whose value is one of a fixed set of ids.
    pub fn opt_choice<T: Copy>(&self, key: &'static str, choices: &[(&str, T)]) -> Option<At<T>> {
        let s = self.str_value(key, self.get(key)?)?;
        self.pick(key, s, choices)
    }

    fn pick<T: Copy>(&self, key: &str, s: At<&str>, choices: &[(&str, T)]) -> Option<At<T>> {
        match choices.iter().find(|(id, _)| *id == s.value) {
            Some((_, t)) => Some(At {
                value: *t,
                line: s.line,
            }),
            None => {
                let names: Vec<&str> = choices.iter().map(|(id, _)| *id).collect();
                self.report(
                    s.line,
                    format!(
                        "`{key}` is '{}', which is not one of: {}",
                        s.value,
                        names.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// The tables of a `[[key]]` array (absent means none).
    pub fn tables(&self, key: &'static str, what: &'static str) -> Vec<Record<'a, 't>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some(Record::new(self.file, t, self.line_of(item), what)),
                    _ => {
                        self.wrong_type(key, item, "a table ([[...]])");
                        None
                    }
                })
                .collect(),
            _ => {
                self.wrong_type(key, v, &format!("a list of tables, written [[{key}]]"));
                Vec::new()
            }
        }
    }

    /// The `[key]` table (required).
    pub fn table(&self, key: &'static str, what: &'static str) -> Option<Record<'a, 't>> {
        let Some(v) = self.get(key) else {
            self.report(
                self.line,
                format!("{} is missing its [{key}] table", self.what),
            );
            return None;
        };
        match v.get_ref() {
            DeValue::Table(t) => Some(Record::new(self.file, t, self.line_of(v), what)),
            _ => {
                self.wrong_type(key, v, &format!("a table, written [{key}]"));
                None
            }
        }
    }

    /// Reports every key of the table that no reader asked for: a typo must
    /// not pass silently.
    pub fn finish(&self, known: &[&str]) {
        let used = self.used.borrow();
        let mut unknown: Vec<(usize, &str)> = self
            .table
            .iter()
            .filter(|(k, _)| !used.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (self.line_of(k), k.get_ref().as_ref()))
            .collect();
        unknown.sort();
        for (line, key) in unknown {
            let hint = suggestion(key, known)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| format!("; the fields are: {}", known.join(", ")));
            self.report(
                line,
                format!("unknown field `{key}` in {}{hint}", self.what),
            );
        }
    }
}

fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "an unquoted TOML date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The known key closest to a mistyped `key`, if one is close enough.
pub(crate) fn suggestion<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, f: impl FnOnce(&Record)) -> Vec<String> {
        let file = TomlFile::new("t.toml", text);
        if let Some(table) = file.parse(text) {
            let root = file.root(&table);
            f(&root);
        }
        file.into_problems().iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn reports_missing_mistyped_and_unknown_fields_together() {
        let problems = read("name = 3\ntitel = \"x\"\ndate = 2024-05-20\n", |r| {
            r.string("name");
            r.string("title");
            r.date("date");
            r.finish(&["name", "title", "date"]);
        });
        assert_eq!(
            problems,
            [
                "t.toml:1: `name` must be a string, not an integer",
                "t.toml:1: the file is missing the required field `title`",
                "t.toml:3: `date` must be a date in quotes, such as \"2024-05-20\", \"2024-05\" or \"2025\", not an unquoted TOML date",
                "t.toml:2: unknown field `titel` in the file; did you mean `title`?",
            ]
        );
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let problems = read("a = \"x\"\nb = [1,\n", |_| {});
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("t.toml:"), "{problems:?}");
        assert!(problems[0].contains("not valid TOML"), "{problems:?}");
    }

    #[test]
    fn numbers_accept_underscores_and_decimals() {
        let text = "a = 4_000_000_000\nb = 55.5\nc = \"5\"\nd = 9223372036854775808\ne = 1.9e28\n";
        let file = TomlFile::new("t.toml", text);
        let table = file.parse(text).unwrap();
        let r = file.root(&table);
        assert_eq!(r.number("a").unwrap().value, 4e9);
        assert_eq!(r.number("b").unwrap().value, 55.5);
        assert!(r.number("c").is_none());
        assert!(r.number("d").is_none());
        assert!(r.number("e").is_none());
        drop(r);
        let problems = file.into_problems();
        assert_eq!(problems[0].message, "`c` must be a number, not a string");
        assert_eq!(
            problems[1].message,
            "`d` is 9223372036854775808, larger than Dossier prints exactly (at most 9,000,000,000,000,000 (9 million billion)); give the number in a larger unit"
        );
        assert_eq!(problems[2].line, Some(5));
        assert!(
            problems[2].message.starts_with("`e` is 1.9e28, larger"),
            "{problems:?}"
        );
    }

    #[test]
    fn edit_distance_finds_typos() {
        assert_eq!(suggestion("speakr", &["speaker", "side"]), Some("speaker"));
        assert_eq!(suggestion("colour", &["speaker", "side"]), None);
    }
}
