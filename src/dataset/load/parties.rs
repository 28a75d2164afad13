//! Reading `dataset.toml`: the parties of the relationship, checked one by
//! one (id, name, words) and together (one is ours, no word twice).

use std::collections::HashMap;

use super::{Loader, Ns, Seen, first_definition};
use crate::dataset::files::DECLARATION_FILE;
use crate::dataset::reader::{At, Record, TomlFile};
use crate::dataset::{DEFAULT_DECLARATION, Party, PartyId};

const PARTY_FIELDS: &[&str] = &["id", "name", "words", "ours"];

impl Loader<'_> {
    /// Reads the parties from `dataset.toml`, or from the built-in
    /// declaration when the folder has none.
    pub(super) fn parties(&mut self) {
        let (path, text) = match self.text(DECLARATION_FILE) {
            Some(text) => (self.files.display_path(DECLARATION_FILE), text),
            None => (
                format!("{DECLARATION_FILE} (built in)"),
                DEFAULT_DECLARATION,
            ),
        };
        let file = TomlFile::new(&path, text);
        match file.parse(text) {
            Some(table) => {
                let root = file.root(&table);
                let (parties, broken) = declared_parties(&file, &root);
                self.data.parties = parties;
                self.broken
                    .extend(broken.iter().map(|id| Ns::Party.key(id)));
                root.finish(&["party"]);
            }
            None => {
                self.broken.insert(Ns::Party.key("*"));
            }
        }
        self.problems.extend(file.into_problems());
    }
}

/// The `[[party]]` tables of a declaration, each checked, then checked
/// together; and the ids of parties declared with problems of their own.
fn declared_parties(file: &TomlFile, root: &Record) -> (Vec<Party>, Vec<String>) {
    let mut broken = Vec::new();
    let mut seen = Seen::new();
    let mut words_seen = Claims::new();
    let mut parties = Vec::new();
    let mut ours_lines = Vec::new();
    for r in root.tables("party", "this [[party]]") {
        let id = r.string("id");
        let name = r.string("name");
        let words = r.opt_string_list("words");
        let ours = r.opt_bool("ours");
        r.finish(PARTY_FIELDS);
        let raw = id.as_ref().map(|i| i.value.clone());
        let Some(id) = party_id(&r, id) else {
            // Its uses are not reported again.
            broken.extend(raw);
            continue;
        };
        if !first_definition(&mut seen, &r, &id.0, "party") {
            continue;
        }
        if let Some(o) = ours.as_ref().filter(|o| o.value) {
            ours_lines.push(o.line);
        }
        for w in &words {
            claim_word(&r, &mut words_seen, w, &id.0.value);
        }
        match name {
            Some(name) if !name.value.trim().is_empty() => parties.push(Party {
                id: id.1,
                name: name.value,
                words: words.into_iter().map(|w| w.value).collect(),
                ours: ours.is_some_and(|o| o.value),
            }),
            Some(name) => {
                r.report(name.line, format!("the party '{}' has an empty name; give the name the memo prints, for example name = \"United States\"", id.0.value));
                broken.push(id.0.value);
            }
            // Reported as a missing field.
            None => broken.push(id.0.value),
        }
    }
    if parties.is_empty() {
        broken.push("*".into());
    }
    if file.is_clean() {
        if parties.is_empty() {
            file.report(Some(1), "declares no [[party]]; list the parties of the relationship, each with id, name and words, one of them ours = true".into());
        } else if ours_lines.is_empty() {
            file.report(
                Some(1),
                "marks no party as the reader's own; add ours = true to exactly one [[party]]"
                    .into(),
            );
        } else if let [_, second, ..] = ours_lines.as_slice() {
            file.report(Some(*second), format!("a second party is marked ours = true (the first at line {}); exactly one party is the reader's own", ours_lines[0]));
        }
    }
    (parties, broken)
}

/// The id of a party, checked: the form of an id, short, and not one of
/// the built-in sides.
fn party_id(r: &Record, id: Option<At<String>>) -> Option<(At<String>, PartyId)> {
    let id = id?;
    let problem = if matches!(id.value.as_str(), "joint" | "other") {
        format!(
            "the party id '{}' is built in: `joint` means the parties together and `other` anyone else; give the party an id of its own, such as its country code",
            id.value
        )
    } else if id.value.len() > PartyId::MAX {
        format!(
            "the party id '{}' is longer than {} characters; use a short code such as `uz`",
            id.value,
            PartyId::MAX
        )
    } else {
        match PartyId::new(&id.value) {
            Some(p) => return Some((id, p)),
            None => format!(
                "the party id '{}' must be lower-case letters, digits and hyphens (for example `us` or `uz`)",
                id.value
            ),
        }
    };
    r.report(id.line, problem);
    None
}

/// Each word claimed so far (in lower case), with its party and line.
type Claims = HashMap<String, (String, usize)>;

/// Notes that `party` claims `word`, and reports it if this or another
/// party claimed it before (words compare without case).
fn claim_word(r: &Record, seen: &mut Claims, word: &At<String>, party: &str) {
    let key = word.value.trim().to_lowercase();
    if key.is_empty() {
        r.report(
            word.line,
            format!("the party '{party}' has an empty word; remove it"),
        );
        return;
    }
    match seen.get(&key) {
        Some((first, line)) if first == party => r.report(
            word.line,
            format!("the word '{}' is listed twice for '{party}' (first at line {line}); remove one", word.value),
        ),
        Some((first, line)) => r.report(
            word.line,
            format!("the word '{}' is claimed by '{first}' (line {line}) and by '{party}'; a word may name one party only", word.value),
        ),
        None => {
            seen.insert(key, (party.to_string(), word.line));
        }
    }
}
