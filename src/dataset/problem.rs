//! Problems found while loading a dataset, each tied to a file and a line.

use std::fmt;

/// One thing wrong with a dataset, said so that a curator can fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as the user would name it (`data/sources/x.toml`).
    pub file: String,
    /// The 1-based line, when the problem is at a place in the file.
    pub line: Option<usize>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found in a dataset or a brief file, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems {
    /// What was being read.
    pub origin: Origin,
    /// The problems, sorted by file then line.
    pub list: Vec<Problem>,
}

/// What a list of problems was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A dataset folder, as the user named it (`data` for the embedded one).
    Dataset(String),
    /// A brief file (`*.brief.toml`), as the user named it.
    BriefFile(String),
    /// A change to the dataset in this folder, refused before anything was
    /// written (`dossier edit`, `accept`, the app's editor).
    Change(String),
}

impl Problems {
    /// Problems found in the dataset `root`.
    pub fn dataset(root: &str, list: Vec<Problem>) -> Problems {
        Problems {
            origin: Origin::Dataset(root.to_string()),
            list,
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.list {
            writeln!(f, "{p}")?;
        }
        let n = self.list.len();
        let (s, them) = if n == 1 { ("", "it") } else { ("s", "them") };
        match &self.origin {
            Origin::Dataset(d) => write!(
                f,
                "The dataset in {d} has {n} problem{s}; fix {them} and run `dossier check` again."
            ),
            Origin::Change(d) => write!(
                f,
                "The change would leave the dataset in {d} with {n} problem{s}, so it was refused and nothing was written."
            ),
            Origin::BriefFile(b) => {
                write!(
                    f,
                    "The brief file {b} has {n} problem{s}; fix {them} and try again."
                )
            }
        }
    }
}

/// Maps byte offsets in a text to 1-based line numbers.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1); // the newline belongs to its line
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }

    #[test]
    fn summary_counts_problems() {
        let p = Problems::dataset(
            "mydata",
            vec![Problem {
                file: "mydata/topics.toml".into(),
                line: Some(3),
                message: "bad".into(),
            }],
        );
        assert_eq!(
            p.to_string(),
            "mydata/topics.toml:3: bad\nThe dataset in mydata has 1 problem; fix it and run `dossier check` again."
        );
    }
}
