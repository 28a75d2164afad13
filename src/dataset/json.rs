//! The JSON form of items, as `dossier items --json` prints it.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::model::{Detail, Item};

/// An item as a flat object: `id`, `kind`, `date` (as stored: `2025`,
/// `2024-05`, `2024-05-20`, or `null` when undated), `reported` (the
/// earliest source's date), `quote`, `topics`, `sources`, `citations`, and
/// the fields of its kind (`speaker`, `side`, `stance`; `value`, `unit`,
/// `label`, `qualifier`; `label`, `place`, `participants`, `status`).
impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("kind", &self.kind())?;
        m.serialize_entry("date", &self.date)?;
        m.serialize_entry("reported", &self.reported)?;
        m.serialize_entry("accepted", &self.accepted)?;
        m.serialize_entry("quote", self.quote())?;
        m.serialize_entry("topics", &self.topics)?;
        let sources: Vec<&str> = self.citations.iter().map(|c| c.source.as_str()).collect();
        m.serialize_entry("sources", &sources)?;
        m.serialize_entry("citations", &self.citations)?;
        match &self.detail {
            Detail::Statement {
                speaker,
                side,
                stance,
            } => {
                m.serialize_entry("speaker", speaker)?;
                m.serialize_entry("side", side)?;
                m.serialize_entry("stance", stance)?;
            }
            Detail::Figure {
                value,
                unit,
                label,
                qualifier,
            } => {
                // Whole numbers print as integers (46, not 46.0).
                if let Some(whole) = crate::format::whole_number(*value) {
                    m.serialize_entry("value", &whole)?;
                } else {
                    m.serialize_entry("value", value)?;
                }
                m.serialize_entry("unit", unit)?;
                m.serialize_entry("label", label)?;
                m.serialize_entry("qualifier", qualifier)?;
            }
            Detail::Event {
                label,
                place,
                participants,
                status,
            } => {
                m.serialize_entry("label", label)?;
                m.serialize_entry("place", place)?;
                m.serialize_entry("participants", participants)?;
                m.serialize_entry("status", status)?;
            }
        }
        m.end()
    }
}
