//! A set of topics, by their position in the loaded dataset's topic list:
//! any number of topics, with no allocation for the first 64 (a dataset's
//! usual dozen or two). An item keeps the first word in itself and the
//! dataset keeps any further words beside it, so that testing an item
//! against a selection stays one AND in the common case and reads no
//! memory the item did not already use.

/// Topics by position in [`crate::dataset::Dataset::topics`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicSet {
    /// Topics 0–63.
    low: u64,
    /// Topics from 64 on, 64 to a word; empty (nothing allocated) for a
    /// set of the first 64 only.
    high: Vec<u64>,
}

impl TopicSet {
    /// Adds the topic at position `i`.
    pub fn insert(&mut self, i: usize) {
        if i < 64 {
            self.low |= 1 << i;
            return;
        }
        let (word, bit) = ((i - 64) / 64, (i - 64) % 64);
        if self.high.len() <= word {
            self.high.resize(word + 1, 0);
        }
        self.high[word] |= 1 << bit;
    }

    /// Whether the two sets share a topic.
    #[inline]
    pub fn intersects(&self, other: &TopicSet) -> bool {
        if self.low & other.low != 0 {
            return true;
        }
        words_meet(&self.high, &other.high)
    }

    /// Topics 0–63, one bit each.
    pub(crate) fn low(&self) -> u64 {
        self.low
    }

    /// The words of topics from 64 on, if any.
    pub(crate) fn high(&self) -> Option<&[u64]> {
        (!self.high.is_empty()).then_some(self.high.as_slice())
    }
}

/// Whether two runs of topic words share a bit.
pub(crate) fn words_meet(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(a, b)| a & b != 0)
}

impl FromIterator<usize> for TopicSet {
    fn from_iter<I: IntoIterator<Item = usize>>(positions: I) -> TopicSet {
        let mut set = TopicSet::default();
        for i in positions {
            set.insert(i);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_of_any_size_meet_where_they_share_a_topic() {
        let a: TopicSet = [1, 70, 199].into_iter().collect();
        let b: TopicSet = [2, 199].into_iter().collect();
        let c: TopicSet = [2, 71].into_iter().collect();
        assert!(a.intersects(&b) && b.intersects(&a));
        assert!(!a.intersects(&c));
        let low: TopicSet = [0, 15].into_iter().collect();
        assert!(low.intersects(&[15].into_iter().collect()));
        assert!(!low.intersects(&[64].into_iter().collect()));
    }
}
