//! Assembly: from a dataset and a brief to the [`Memo`] model of the memo,
//! every string ready to print. Every renderer (HTML, PDF, Word) consumes
//! this model, so they cannot disagree on content or citations. The
//! sections are registered in [`sections`], each drawn for the page
//! formats as [`print`] pieces, which name no format.

pub mod drafted;
pub mod memo_form;
pub mod print;
pub mod sections;

mod build;
mod citations;
mod error;
mod marking;
mod model;
mod wording;

use build::{Ctx, Drafter, Parts, check_citations, topics_covered};
use citations::Citations;
pub use error::AssembleError;
use marking::*;
pub use model::*;
use sections::{Build, Place, Sections};
pub use sections::{Header, Point, SideGroup, StatementEntry, Summary, Timeline, TopicSection};
use wording::*;

use crate::brief_file::{BriefFile, Form};
use crate::dataset::{Dataset, Item};
use crate::date::Date;
use crate::select::Selection;

/// The items `brief` selects (excluded ones left out), in the dataset's
/// order, and the topics the memo covers.
fn selected<'d>(
    data: &'d Dataset,
    brief: &BriefFile,
) -> Result<(Vec<&'d Item>, Vec<&'d crate::dataset::Topic>), AssembleError> {
    let sel = &brief.selection;
    let chosen: &[String] = sel.topics.as_deref().unwrap_or_default();
    if let Some(t) = chosen.iter().find(|t| data.topic(t).is_none()) {
        return Err(AssembleError::UnknownTopic(t.clone()));
    }
    let items: Vec<&Item> = Selection::of_brief(data, sel)?
        .into_iter()
        .filter(|i| !sel.exclude.contains(&i.id))
        .collect();
    let topics = topics_covered(data, sel.topics.as_deref(), &items);
    Ok((items, topics))
}

fn since_shown(
    data: &Dataset,
    ledger: &crate::ledger::Ledger,
    brief: &BriefFile,
    items: &[&Item],
    topics: &[&crate::dataset::Topic],
    shown: &crate::shown::Shown,
) -> crate::shown::Since {
    let threads: Vec<(String, crate::ledger::Status)> =
        sections::followed(data, ledger, brief, topics)
            .iter()
            .map(|f| (f.thread.id.clone(), f.status().0))
            .collect();
    crate::shown::Since::between(shown, items, &threads)
}

/// The record of `memo` (made from `brief`, on `today`): the items and
/// follow-up threads it drew on, dated by the memo's date, recorded today.
/// What `dossier brief --record` and the app's Export write.
pub fn record_of(
    data: &Dataset,
    brief: &BriefFile,
    memo: &Memo,
    today: Date,
) -> crate::shown::Shown {
    crate::shown::Shown::of(
        data,
        brief.memo.date.unwrap_or(today),
        today,
        &memo.shown_items,
        &memo.shown_threads,
    )
}

/// What changed since the memo last recorded from `brief` (its `shown`),
/// for the memo it would make now: what `dossier diff` prints and the
/// memo's "New since" section holds. `None` without a record.
pub fn changes_since(
    data: &Dataset,
    ledger: &crate::ledger::Ledger,
    brief: &BriefFile,
) -> Result<Option<crate::shown::Since>, AssembleError> {
    let Some(shown) = &brief.shown else {
        return Ok(None);
    };
    let (items, topics) = selected(data, brief)?;
    Ok(Some(since_shown(
        data, ledger, brief, &items, &topics, shown,
    )))
}

/// Assembles the memo for `brief` from `data`; `today` is the memo date
/// when the brief gives none. `front_pages` measures how many pages a
/// memo's front fills when typeset (`1.6`: one page and most of a second):
/// the memo form keeps what fits on its two. Assembly knows no output
/// format; its caller passes the measure in (the renderers' `memo_for`).
pub fn assemble(
    data: &Dataset,
    ledger: &crate::ledger::Ledger,
    brief: &BriefFile,
    today: Date,
    front_pages: &dyn Fn(&Memo) -> f32,
) -> Result<Memo, AssembleError> {
    let sel = &brief.selection;
    let (items, topics) = selected(data, brief)?;
    let mut warnings = Vec::new();
    for (list, what) in [(&sel.exclude, "excluded"), (&sel.pin, "pinned")] {
        for id in list {
            let a_thread = what == "pinned" && ledger.thread(id).is_some();
            if !a_thread && !data.items.iter().any(|i| &i.id == id) {
                warnings.push(format!(
                    "the {what} item '{id}' is not in the dataset; it was ignored"
                ));
            }
        }
    }
    let since = brief
        .shown
        .as_ref()
        .map(|shown| since_shown(data, ledger, brief, &items, &topics, shown));
    let parts = Parts {
        data,
        ledger,
        since: since.as_ref(),
        brief,
        today,
        items: &items,
        topics: &topics,
    };
    check_citations(data, brief)?;
    let mut memo = match brief.memo.form {
        Form::Full => parts.build(None)?,
        Form::Memo => {
            let threads = sections::followed(data, ledger, brief, &topics);
            let new: std::collections::HashSet<&str> = since
                .iter()
                .flat_map(|s| s.new.iter().map(String::as_str))
                .collect();
            let ranked = memo_form::rank(data, brief, &items, &topics, &threads, &new);
            let fits = |n: usize| -> Result<f32, AssembleError> {
                Ok(front_pages(&parts.build(Some(&ranked[..n]))?))
            };
            let (keep, pages) = memo_form::largest_fitting(ranked.len(), fits)?;
            let memo = parts.build(Some(&ranked[..keep]))?;
            for slot in ranked[keep..].iter().filter(|s| s.pinned) {
                let what = if slot.place == memo_form::Place::Open {
                    "thread"
                } else {
                    "item"
                };
                warnings.push(format!(
                    "the pinned {what} '{}' does not fit on the memo's two pages; it is in the annex",
                    slot.id
                ));
            }
            if pages > memo_form::MAX_PAGES {
                warnings.push(format!(
                    "the drafter's text alone runs to {pages:.1} pages, {:.1} more than the memo form's {} (the memo was written; shorten the bottom line or the talking points)",
                    pages - memo_form::MAX_PAGES,
                    memo_form::MAX_PAGES
                ));
            }
            memo
        }
    };
    warnings.append(&mut memo.warnings);
    memo.warnings = warnings;
    Ok(memo)
}
