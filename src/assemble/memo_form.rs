//! The `memo` form: at most two pages led by the drafter's text, with the
//! few most telling items as one-line dated facts.
//!
//! **Ranking.** Candidates are the selected items. Each topic (in topic
//! order) takes the items it carries that no earlier topic took, and the
//! key figures take the figures first. Within a list, items rank by:
//! pinned (`[selection] pin`) first; then corroborated (reported by more
//! than one source); then what a principal acts on — calls and concerns,
//! then commitments, events and figures, then commendations, then reports;
//! then the most recent. When a topic's first two facts are of one side,
//! the second gives way to one from the other side of the table where the
//! topic has one (another party after ours, ours after another party's;
//! else any other side), so that ours and at least one other party are
//! heard.
//!
//! **Open asks and commitments.** The follow-up threads of the memo's
//! topics still open at the period's end lead the candidates, at most
//! [`MAX_OPEN`] (more if pinned): pinned threads (by thread or opening
//! item) first, then those no source has answered, then the oldest.
//!
//! **What fits.** The candidates are put in one order — open threads, pinned items,
//! then round by round the best remaining fact of the key figures and of
//! each topic (topics whose best item ranks higher first), so every topic
//! gets a line before any gets a second — and
//! the PDF layout engine decides how many of them fit on the two pages
//! ([`largest_fitting`]). That one decision is the memo every renderer
//! shows. A topic left without a line is named in one line pointing to the
//! annex.

use std::collections::HashSet;

use serde::Serialize;

use super::drafted::Rich;
use super::sections::FollowedThread;
use super::{AssembleError, Citations, Ctx, Drafter, Marker};
use crate::brief_file::BriefFile;
use crate::dataset::{Dataset, Detail, Item, Kind, Parties, Side, Stance};
use crate::format::figure_value;

/// The memo form's length, in pages, before the annex.
pub const MAX_PAGES: f32 = 2.0;
/// At most this many key figures.
const MAX_FIGURES: usize = 4;
/// At most this many facts per topic.
const MAX_PER_TOPIC: usize = 4;
/// The heading of the open asks and commitments on the memo's pages.
pub const OPEN_HEADING: &str = "Open asks and commitments";
/// At most this many open asks and commitments, unless more are pinned.
pub const MAX_OPEN: usize = 3;
/// A statement's excerpt is at most this many words of its quote.
const EXCERPT_WORDS: usize = 20;

/// Where a ranked fact goes: the key figures, or a topic (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The key figures.
    Figures,
    /// The topic with this index among the memo's topics.
    Topic(usize),
    /// The open asks and commitments (the slot's id is a thread's).
    Open,
}

/// One candidate fact, in the order they are kept.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Where it goes.
    pub place: Place,
    /// The item.
    pub id: String,
    /// Pinned by the drafter.
    pub pinned: bool,
}

/// The memo form's pages (before the annex).
#[derive(Debug, Clone, Serialize)]
pub struct MemoPart {
    /// The open asks and commitments, most pressing first.
    pub open: Vec<Fact>,
    /// The key figures that matter most.
    pub figures: Vec<Fact>,
    /// The topics that got room, each with its facts.
    pub topics: Vec<MemoTopic>,
    /// Topics that got no room: their labels, for one line pointing to the annex.
    pub no_room: Vec<String>,
    /// Whether the annex follows (the line pointing to it can say so).
    pub annex: bool,
}

/// A topic on the memo form's pages.
#[derive(Debug, Clone, Serialize)]
pub struct MemoTopic {
    /// Topic id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The drafter's comment on it.
    pub comment: Option<Rich>,
    /// Its facts, best first.
    pub facts: Vec<Fact>,
}

/// One dated fact: an event's or a figure's label and value, or a
/// statement's speaker with a verbatim excerpt of its quote.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// The item id.
    pub id: String,
    /// When, as read (`20 May 2024`, `planned for 2025`).
    pub date: String,
    /// The label, or the speaker.
    pub lead: String,
    /// A figure's value.
    pub value: Option<String>,
    /// A statement's words, verbatim (cut with `…` if long).
    pub excerpt: Option<String>,
    /// Pinned by the drafter.
    pub pinned: bool,
    /// Its sources.
    pub markers: Vec<Marker>,
    /// Not shown by the memo last recorded from the brief.
    #[serde(skip_serializing_if = "super::model::is_false")]
    pub new: bool,
}

/// How strongly an item belongs on a principal's two pages: higher first.
fn weight(item: &Item) -> u8 {
    match &item.detail {
        Detail::Statement { stance, .. } => match stance {
            Some(Stance::CallsFor | Stance::Concern) => 4,
            Some(Stance::Commits) => 3,
            Some(Stance::Commends) => 2,
            Some(Stance::Reports) | None => 1,
        },
        Detail::Event { .. } | Detail::Figure { .. } => 3,
    }
}

/// An item's place in its list: pinned first, then corroborated, then by
/// [`weight`]; among equals, the new (not shown by the memo last recorded
/// from the brief) first, then the most recent.
fn rank_key(item: &Item, pins: &[String], new: &HashSet<&str>) -> impl Ord {
    (
        std::cmp::Reverse(pins.contains(&item.id)),
        std::cmp::Reverse(item.citations.len() > 1),
        std::cmp::Reverse(weight(item)),
        std::cmp::Reverse(new.contains(item.id.as_str())),
        std::cmp::Reverse(item.when().last_day()),
    )
}

fn side_of(item: &Item) -> Option<Side> {
    match &item.detail {
        Detail::Statement { side, .. } => Some(*side),
        _ => None,
    }
}

/// Which sides answer a first line of side `first`: another party after
/// ours, ours after another party's; none after joint or other.
fn answer_to(data: &Dataset, first: Side) -> impl Fn(Option<Side>) -> bool + '_ {
    let ours = data.parties.ours();
    let first_is_party = data.parties.party(first).is_some();
    move |side: Option<Side>| {
        side.is_some_and(|s| {
            first_is_party
                && if Some(first) == ours {
                    s != first && data.parties.party(s).is_some()
                } else {
                    Some(s) == ours
                }
        })
    }
}

/// The candidates in the order they are kept (see the module's comment).
pub(super) fn rank(
    data: &Dataset,
    brief: &BriefFile,
    items: &[&Item],
    topics: &[&crate::dataset::Topic],
    threads: &[FollowedThread<'_>],
    new: &HashSet<&str>,
) -> Vec<Slot> {
    let pins = &brief.selection.pin;
    let mut taken: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut figures: Vec<&Item> = items
        .iter()
        .copied()
        .filter(|i| i.kind() == Kind::Figure)
        .collect();
    figures.sort_by_key(|i| rank_key(i, pins, new));
    figures.truncate(MAX_FIGURES.max(figures.iter().filter(|i| pins.contains(&i.id)).count()));
    taken.extend(figures.iter().map(|i| i.id.as_str()));
    let mut lists: Vec<(Place, Vec<&Item>)> = vec![(Place::Figures, figures)];
    for (t, topic) in topics.iter().enumerate() {
        let mut list: Vec<&Item> = items
            .iter()
            .copied()
            .filter(|i| i.topics.contains(&topic.id) && !taken.contains(i.id.as_str()))
            .collect();
        list.sort_by_key(|i| rank_key(i, pins, new));
        let pinned = list.iter().filter(|i| pins.contains(&i.id)).count();
        // Ours and another party heard: when the first two lines are of
        // one side, the best line that answers the first moves up to
        // second (another party after ours, ours after another party's;
        // else any other side). Pinned lines keep their places.
        if pinned < 2
            && let Some(first) = list.first().and_then(|i| side_of(i))
            && list.get(1).and_then(|i| side_of(i)) == Some(first)
        {
            let candidates = || list.iter().take(MAX_PER_TOPIC.max(pinned)).skip(2);
            let answers = answer_to(data, first);
            let k = candidates()
                .position(|i| answers(side_of(i)))
                .or_else(|| candidates().position(|i| side_of(i).is_some_and(|s| s != first)));
            if let Some(k) = k {
                let other = list.remove(k + 2);
                list.insert(1, other);
            }
        }
        list.truncate(MAX_PER_TOPIC.max(pinned));
        taken.extend(list.iter().map(|i| i.id.as_str()));
        lists.push((Place::Topic(t), list));
    }
    // Within a round, the topic whose best item ranks higher comes first,
    // so that when room runs out it is the weaker topics that go to the
    // annex (the figures keep their place first).
    lists[1..].sort_by_key(|(_, list)| list.first().map(|i| rank_key(i, pins, new)));
    let mut out: Vec<Slot> = open_first(threads);
    for (place, list) in &lists {
        for i in list.iter().filter(|i| pins.contains(&i.id)) {
            out.push(Slot {
                place: *place,
                id: i.id.clone(),
                pinned: true,
            });
        }
    }
    let longest = lists.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
    for round in 0..longest {
        for (place, list) in &lists {
            if let Some(i) = list.get(round).filter(|i| !pins.contains(&i.id)) {
                out.push(Slot {
                    place: *place,
                    id: i.id.clone(),
                    pinned: false,
                });
            }
        }
    }
    out
}

/// The open threads in the order they are kept: pinned first, then those
/// no source has answered, then the oldest; at most [`MAX_OPEN`] unless
/// more are pinned.
fn open_first(threads: &[FollowedThread<'_>]) -> Vec<Slot> {
    let mut open: Vec<&FollowedThread> = threads
        .iter()
        .filter(|f| !f.status().0.is_final())
        .collect();
    open.sort_by_key(|f| {
        (
            !f.pinned,
            !f.updates.is_empty(),
            f.thread.opened.first_day(),
        )
    });
    let pinned = open.iter().filter(|f| f.pinned).count();
    open.truncate(MAX_OPEN.max(pinned));
    open.into_iter()
        .map(|f| Slot {
            place: Place::Open,
            id: f.thread.id.clone(),
            pinned: f.pinned,
        })
        .collect()
}

/// The largest number of ranked facts whose pages (measured by `pages`)
/// fit in [`MAX_PAGES`], and the pages it takes. Pages grow with the
/// facts kept, so a binary search finds it in a few layouts.
pub fn largest_fitting(
    candidates: usize,
    mut pages: impl FnMut(usize) -> Result<f32, AssembleError>,
) -> Result<(usize, f32), AssembleError> {
    let all = pages(candidates)?;
    if all <= MAX_PAGES {
        return Ok((candidates, all));
    }
    let none = pages(0)?;
    if none > MAX_PAGES {
        return Ok((0, none));
    }
    let (mut fits, mut fits_pages, mut over) = (0, none, candidates);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        let p = pages(mid)?;
        if p <= MAX_PAGES {
            (fits, fits_pages) = (mid, p);
        } else {
            over = mid;
        }
    }
    Ok((fits, fits_pages))
}

/// The memo form's pages for the kept `slots`, citing in their order.
pub(super) fn part<'d>(
    ctx: &Ctx<'d>,
    drafter: &mut Drafter<'d, '_>,
    items: &[&Item],
    topics: &[&crate::dataset::Topic],
    slots: &[Slot],
    threads: &[FollowedThread<'d>],
) -> Result<MemoPart, AssembleError> {
    let data = ctx.data;
    let item = |id: &str| data.items.iter().find(|i| i.id == id);
    let mut figures = Vec::new();
    let mut open = Vec::new();
    let mut by_topic: Vec<Vec<&Slot>> = vec![Vec::new(); topics.len()];
    for slot in slots {
        match slot.place {
            Place::Figures => figures.push(slot),
            Place::Topic(t) => by_topic[t].push(slot),
            Place::Open => {
                if let Some(f) = threads.iter().find(|f| f.thread.id == slot.id) {
                    open.push(open_fact(ctx, f, drafter));
                }
            }
        }
    }
    let figures = figures
        .into_iter()
        .filter_map(|s| item(&s.id).map(|i| fact(ctx, i, s.pinned, drafter.cites)))
        .collect();
    let mut out_topics = Vec::new();
    let mut no_room = Vec::new();
    for (t, topic) in topics.iter().enumerate() {
        let comment = drafter.rich(
            &format!("comments.{}", topic.id),
            drafter.brief.comments.get(&topic.id).map(String::as_str),
        )?;
        let facts: Vec<Fact> = by_topic[t]
            .iter()
            .filter_map(|s| item(&s.id).map(|i| fact(ctx, i, s.pinned, drafter.cites)))
            .collect();
        let has_items = items.iter().any(|i| i.topics.contains(&topic.id));
        if facts.is_empty() && comment.is_none() {
            // A topic the selection holds nothing on is not "out of room".
            if has_items {
                no_room.push(topic.label.clone());
            }
        } else {
            out_topics.push(MemoTopic {
                id: topic.id.clone(),
                label: topic.label.clone(),
                comment,
                facts,
            });
        }
    }
    Ok(MemoPart {
        open,
        figures,
        topics: out_topics,
        no_room,
        annex: drafter.brief.memo.annex,
    })
}

/// An open thread as one dated line: when and by whom it was asked or
/// promised, who owes it, and where it stands according to whom.
fn open_fact<'d>(ctx: &Ctx<'d>, f: &FollowedThread<'d>, drafter: &mut Drafter<'d, '_>) -> Fact {
    let (status, last) = f.status();
    let mut markers = drafter.cite(f.opening);
    let standing = match last {
        Some(u) => {
            for e in &u.evidence {
                if let Some(i) = ctx.data.items.iter().find(|i| i.id == *e) {
                    markers.extend(drafter.cite(i));
                }
            }
            format!(
                "{}, {}, {}",
                status.words(),
                u.date_words(),
                crate::ledger::according_to(ctx.data, &u.reported_by)
            )
        }
        None if f.left_out > 0 => "its evidence is left out of this memo".to_string(),
        None => "nothing reported since".to_string(),
    };
    markers.sort_by_key(|m| m.number);
    markers.dedup_by_key(|m| m.number);
    Fact {
        id: f.thread.id.clone(),
        date: f.thread.opened.human(),
        lead: f.thread.label.clone(),
        value: Some(format!("{} — {standing}", asked_by(ctx, f))),
        excerpt: None,
        pinned: f.pinned,
        markers,
        new: false,
    }
}

/// Who asked or promised what of whom, in a few words: "asked by Uzra Zeya
/// (United States) of Kazakhstan", "promised by Ministry of Foreign Affairs
/// (Kazakhstan)", "planned for 2025; owed by the United States".
fn asked_by(ctx: &Ctx<'_>, f: &FollowedThread<'_>) -> String {
    let owed = ctx.data.parties.side_name(&f.thread.owed_by);
    match (
        &f.opening.detail,
        crate::ledger::speaker_words(ctx.data, f.opening),
    ) {
        (Detail::Statement { side, stance, .. }, Some(who)) => {
            let verb = match stance {
                Some(Stance::Commits) => "promised",
                Some(Stance::Concern) => "raised",
                _ => "asked",
            };
            let of = if *side == f.thread.owed_by {
                String::new()
            } else {
                format!(" of {owed}")
            };
            format!("{verb} by {who}{of}")
        }
        _ => format!("{}; owed by {owed}", f.opening.date_words()),
    }
}

/// An item as one dated line.
fn fact(ctx: &Ctx<'_>, item: &Item, pinned: bool, cites: &mut Citations) -> Fact {
    let date = item.date_words();
    let (lead, value, excerpt) = match &item.detail {
        Detail::Statement { speaker, .. } => {
            (ctx.speaker_name(speaker), None, Some(excerpt(item.quote())))
        }
        Detail::Figure {
            value,
            unit,
            label,
            qualifier,
        } => (
            label.clone(),
            Some(figure_value(*value, unit, qualifier.as_deref())),
            None,
        ),
        Detail::Event { label, place, .. } => (
            match place.as_deref().and_then(|p| ctx.data.place(p)) {
                Some(p) => format!("{label}, {}", p.name),
                None => label.clone(),
            },
            None,
            None,
        ),
    };
    Fact {
        id: item.id.clone(),
        date,
        lead,
        value,
        excerpt,
        pinned,
        markers: cites.mark(item),
        new: ctx.is_new(item),
    }
}

/// The first words of a quote, verbatim, with `…` where it is cut.
fn excerpt(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.len() <= EXCERPT_WORDS {
        return words.join(" ");
    }
    let mut cut = words[..EXCERPT_WORDS].join(" ");
    cut = cut
        .trim_end_matches([',', ';', ':', '—', '–', '-'])
        .to_string();
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_the_quote_s_first_words() {
        let q = "one two three";
        assert_eq!(excerpt(q), q);
        let long: Vec<String> = (1..=40).map(|n| format!("w{n}")).collect();
        let e = excerpt(&long.join("  "));
        assert!(e.starts_with("w1 w2 ") && e.ends_with("w20 …"), "{e}");
    }

    #[test]
    fn the_largest_count_that_fits_is_found() {
        // Each fact adds a fifth of a page to 1.2 pages of drafter's text.
        let pages = |n: usize| Ok(1.2 + n as f32 * 0.2);
        assert_eq!(largest_fitting(20, pages).unwrap().0, 4);
        assert_eq!(largest_fitting(3, pages).unwrap().0, 3);
        let over = |n: usize| Ok(2.5 + n as f32);
        assert_eq!(largest_fitting(5, over).unwrap(), (0, 2.5));
    }

    #[test]
    fn ours_and_another_party_are_heard_where_a_topic_has_both() {
        let data = crate::dataset::load(&crate::synthetic::generate(6_000, 16, 3)).unwrap();
        let items: Vec<&Item> = data.items.iter().collect();
        let topics: Vec<&crate::dataset::Topic> = data.topics.iter().collect();
        let slots = rank(
            &data,
            &BriefFile::default(),
            &items,
            &topics,
            &[],
            &HashSet::new(),
        );
        let ours = data.parties.ours().unwrap();
        let is_party = |s: Option<Side>| s.is_some_and(|s| data.parties.party(s).is_some());
        let mut answered = 0;
        for t in 0..topics.len() {
            let sides: Vec<Option<Side>> = slots
                .iter()
                .filter(|s| matches!(s.place, Place::Topic(k) if k == t))
                .map(|s| side_of(data.items.iter().find(|i| i.id == s.id).unwrap()))
                .collect();
            // Two lines of one side only where the topic's other lines
            // (among those it may show) have no other side.
            if sides.len() > 1 && sides[0].is_some() && sides[1] == sides[0] {
                assert!(
                    !sides[2..].iter().any(|s| s.is_some() && *s != sides[0]),
                    "topic {t}: {sides:?}"
                );
            }
            if sides.len() > 1
                && sides[0] == Some(ours)
                && is_party(sides[1])
                && sides[1] != sides[0]
            {
                answered += 1;
            }
        }
        assert!(answered > 0);
    }
}
