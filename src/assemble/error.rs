//! Why a brief could not be assembled.

use crate::date::EmptyRange;

/// Why a brief could not be assembled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssembleError {
    /// The brief names topics the dataset does not have.
    #[error(
        "the brief names a topic the dataset does not have: '{0}'; run `dossier topics` to list them"
    )]
    UnknownTopic(String),
    /// The drafter's text cites `[@id]`, which cannot be cited.
    #[error("the drafter's text cites [@{id}], which {why}")]
    Citation {
        /// The id as written.
        id: String,
        /// Why it cannot be cited.
        why: String,
        /// Where: `bottom_line`, `talking_points`, `next_steps` or `comments.<topic>`.
        field: String,
    },
    /// The period is empty.
    #[error(transparent)]
    EmptyRange(#[from] EmptyRange),
    /// The memo's marking is not one of the dataset's.
    #[error(
        "the memo's marking '{given}' is not one of this dataset's markings ({known}); give one of them, with any caveats after `//`"
    )]
    UnknownMarking {
        /// The marking asked for.
        given: String,
        /// The dataset's markings, lowest first.
        known: String,
    },
    /// The memo's marking is below that of a source it quotes.
    #[error(
        "the memo is marked {given}, but it quotes {quoted}, which is marked {required}; mark the memo {required} or higher (or leave the marking empty), or leave that source's items out"
    )]
    MarkingTooLow {
        /// The marking asked for.
        given: String,
        /// The marking the memo needs.
        required: String,
        /// The source that requires it, named for the user.
        quoted: String,
    },
}

impl AssembleError {
    /// Whether the brief itself is malformed (bad usage) rather than
    /// refused for what it would print.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            AssembleError::UnknownTopic(_)
                | AssembleError::EmptyRange(_)
                | AssembleError::Citation { .. }
        )
    }
}
