//! The memo's classification marking from the sources it cites.

use crate::dataset::{Dataset, Item, Source};

use super::*;

/// The highest marking among the sources `items` cite, with the first source
/// that carries it; `None` when no item is selected.
pub(super) fn highest_marking<'d>(
    data: &'d Dataset,
    items: &[&Item],
) -> Option<(&'d crate::dataset::Marking, &'d Source)> {
    let mut best: Option<(usize, &crate::dataset::Marking, &Source)> = None;
    for item in items {
        if let (marking, Some(source)) = data.item_marking(item) {
            let rank = data.marking_rank(&marking.name).unwrap_or(0);
            if best.is_none_or(|(r, _, _)| rank > r) {
                best = Some((rank, marking, source));
            }
        }
    }
    best.map(|(_, m, s)| (m, s))
}

/// The memo's marking: the one asked for, which may not be below the highest
/// marking of the sources the memo cites, or else that highest marking.
pub(super) fn memo_marking(
    data: &Dataset,
    items: &[&Item],
    asked: Option<&str>,
) -> Result<String, AssembleError> {
    let required = highest_marking(data, items);
    let asked = asked.map(str::trim).filter(|a| !a.is_empty());
    let Some(asked) = asked else {
        return Ok(required
            .map_or_else(|| data.lowest_marking(), |(m, _)| m)
            .name
            .clone());
    };
    let Some(rank) = data.marking_rank(asked) else {
        let known: Vec<&str> = data.markings.iter().map(|m| m.name.as_str()).collect();
        return Err(AssembleError::UnknownMarking {
            given: asked.to_string(),
            known: known.join(" < "),
        });
    };
    if let Some((marking, source)) = required
        && data.marking_rank(&marking.name).unwrap_or(0) > rank
    {
        return Err(AssembleError::MarkingTooLow {
            given: asked.to_string(),
            required: marking.name.clone(),
            quoted: format!("source '{}' (“{}”)", source.id, source.title),
        });
    }
    Ok(asked.to_string())
}
