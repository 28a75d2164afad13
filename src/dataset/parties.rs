//! The parties of the relationship a dataset describes, and the side a
//! statement speaks for: one of those parties, both or all of them
//! together (`joint`), or anyone else (`other`).
//!
//! A dataset declares its parties in `dataset.toml`; a folder without one
//! is read with the declaration of the built-in dataset (the United States,
//! ours, and Kazakhstan), so folders made before parties were declared keep
//! working.

use std::fmt;

use serde::Serialize;

/// The built-in dataset's declaration, also the one a folder without
/// `dataset.toml` is read with.
pub const DEFAULT_DECLARATION: &str = include_str!("../../data/dataset.toml");

/// A party's id, kept inline (at most [`PartyId::MAX`] bytes) so that a
/// side is a small value that copies and prints without its dataset.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartyId {
    len: u8,
    bytes: [u8; PartyId::MAX],
}

impl PartyId {
    /// The longest id a party may have, in bytes.
    pub const MAX: usize = 24;

    /// `id` as a party id, if it is a valid id (lower-case letters, digits
    /// and hyphens) of at most [`PartyId::MAX`] bytes and not one of the
    /// built-in sides `joint` and `other`.
    pub fn new(id: &str) -> Option<PartyId> {
        let valid = !id.is_empty()
            && id.len() <= PartyId::MAX
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !matches!(id, "joint" | "other");
        valid.then(|| {
            let mut bytes = [0; PartyId::MAX];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            PartyId {
                len: id.len() as u8,
                bytes,
            }
        })
    }

    /// The id as written in the data.
    pub fn as_str(&self) -> &str {
        // Only ever built from a `&str` of ASCII bytes.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }
}

impl fmt::Debug for PartyId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// Which party a statement speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// One of the parties the dataset declares.
    Party(PartyId),
    /// The parties together (a joint statement).
    Joint,
    /// Anyone else (international bodies, media, NGOs, other states).
    Other,
}

impl Side {
    /// The side a party id names, `joint` and `other` included.
    pub fn from_id(id: &str) -> Option<Side> {
        match id {
            "joint" => Some(Side::Joint),
            "other" => Some(Side::Other),
            _ => PartyId::new(id).map(Side::Party),
        }
    }

    /// The id as written in the data: the party's, `joint` or `other`.
    pub fn id(&self) -> &str {
        match self {
            Side::Party(p) => p.as_str(),
            Side::Joint => "joint",
            Side::Other => "other",
        }
    }
}

#[cfg(test)]
impl Side {
    /// The built-in dataset's `us`, for tests.
    pub(crate) fn us() -> Side {
        Side::from_id("us").unwrap()
    }

    /// The built-in dataset's `kz`, for tests.
    pub(crate) fn kz() -> Side {
        Side::from_id("kz").unwrap()
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Side {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Side {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Side, D::Error> {
        struct Id;
        impl serde::de::Visitor<'_> for Id {
            type Value = Side;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a party's id, `joint` or `other`")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Side, E> {
                Side::from_id(id).ok_or_else(|| E::custom(format!("'{id}' is not a side")))
            }
        }
        d.deserialize_str(Id)
    }
}

/// A party of the relationship: a state or an organisation with a voice
/// of its own in the memo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    /// Its id, as `side` fields write it.
    pub id: PartyId,
    /// Its name as the memo prints it ("United States").
    pub name: String,
    /// The words that name it in a text, as written ("U.S.", "American",
    /// "of State"; "Uzbek", "of Uzbekistan", "Tashkent"): ingest ties
    /// subjects and titles to the party by them.
    pub words: Vec<String>,
    /// Whether it is the reader's own party.
    pub ours: bool,
}

impl Serialize for PartyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a memo calls the statements of `joint` together.
pub const JOINT_NAME: &str = "Joint";
/// What a memo calls the statements of anyone else, together.
pub const OTHERS_NAME: &str = "Others";

/// The parties of a dataset, as declared, with the rules that need all of
/// them: names, the memo's order of sides, the choices an editor offers.
pub trait Parties {
    /// The party a side names, if it is one of these.
    fn party(&self, side: Side) -> Option<&Party>;
    /// The name of a side's group of statements: the party's name, "Joint"
    /// or "Others" (a party not declared prints its id).
    fn side_name<'a>(&'a self, side: &'a Side) -> &'a str;
    /// Every side in the memo's order: ours, the other parties as
    /// declared, joint, others.
    fn sides_in_order(&self) -> Vec<Side>;
    /// The reader's own party's side.
    fn ours(&self) -> Option<Side>;
    /// The side ids a `side` field may take, in the memo's order, for
    /// messages ("us, kz, joint or other").
    fn side_ids_in_words(&self) -> String;
}

impl Parties for [Party] {
    fn party(&self, side: Side) -> Option<&Party> {
        match side {
            Side::Party(id) => self.iter().find(|p| p.id == id),
            _ => None,
        }
    }

    fn side_name<'a>(&'a self, side: &'a Side) -> &'a str {
        match side {
            Side::Joint => JOINT_NAME,
            Side::Other => OTHERS_NAME,
            Side::Party(_) => self.party(*side).map_or(side.id(), |p| p.name.as_str()),
        }
    }

    fn sides_in_order(&self) -> Vec<Side> {
        let ours = self.iter().filter(|p| p.ours);
        let theirs = self.iter().filter(|p| !p.ours);
        ours.chain(theirs)
            .map(|p| Side::Party(p.id))
            .chain([Side::Joint, Side::Other])
            .collect()
    }

    fn ours(&self) -> Option<Side> {
        self.iter().find(|p| p.ours).map(|p| Side::Party(p.id))
    }

    fn side_ids_in_words(&self) -> String {
        let ids: Vec<String> = self
            .sides_in_order()
            .iter()
            .map(|s| s.id().to_string())
            .collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => ids.join(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: &str, ours: bool) -> Party {
        Party {
            id: PartyId::new(id).unwrap(),
            name: id.to_uppercase(),
            words: vec![],
            ours,
        }
    }

    #[test]
    fn a_party_id_is_short_lower_case_and_not_built_in() {
        assert_eq!(PartyId::new("uz").unwrap().as_str(), "uz");
        assert!(PartyId::new("Uz").is_none());
        assert!(PartyId::new("joint").is_none());
        assert!(PartyId::new("other").is_none());
        assert!(PartyId::new("").is_none());
        assert!(PartyId::new(&"a".repeat(PartyId::MAX + 1)).is_none());
        assert!(PartyId::new(&"a".repeat(PartyId::MAX)).is_some());
    }

    #[test]
    fn ours_comes_first_then_the_others_as_declared_then_joint_and_others() {
        let parties = [party("eu", false), party("kg", false), party("us", true)];
        let order: Vec<String> = parties
            .sides_in_order()
            .iter()
            .map(|s| s.id().to_string())
            .collect();
        assert_eq!(order, ["us", "eu", "kg", "joint", "other"]);
        assert_eq!(parties.side_ids_in_words(), "us, eu, kg, joint or other");
        assert_eq!(parties.side_name(&Side::from_id("kg").unwrap()), "KG");
        assert_eq!(parties.side_name(&Side::Other), "Others");
        assert_eq!(parties.ours(), Side::from_id("us"));
    }

    #[test]
    fn a_side_serialises_as_its_id() {
        let side = Side::from_id("uz").unwrap();
        assert_eq!(serde_json::to_string(&side).unwrap(), "\"uz\"");
        assert_eq!(serde_json::to_string(&Side::Joint).unwrap(), "\"joint\"");
    }
}
