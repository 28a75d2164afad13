//! Assembly: from a dataset and a brief to the [`Memo`] model of the memo,
//! every string ready to print. Both renderers (HTML and PDF) consume this
//! model, so they cannot disagree on content or citations.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub mod drafted;
pub mod memo_form;

use crate::brief_file::{BriefFile, Form, PageSize, Section};
use crate::dataset::{Dataset, Detail, Item, Kind, Parties, Source, Speaker, Stance};
use crate::date::{Date, EmptyRange};
use crate::format::figure_value;
use crate::select::Selection;
use drafted::Rich;

/// The assembled memo.
#[derive(Debug, Clone, Serialize)]
pub struct Memo {
    /// The document language (`en`).
    pub lang: &'static str,
    /// The paper size.
    pub page: PageSize,
    /// The classification marking for the top and bottom of every page.
    pub classification: String,
    /// The title (also the document's title in HTML and PDF metadata).
    pub title: String,
    /// The subject (PDF metadata, and the SUBJECT line).
    pub subject: String,
    /// The author (PDF metadata): the FROM line, or "Dossier".
    pub author: String,
    /// Topic labels (PDF keywords).
    pub keywords: Vec<String>,
    /// The memo's date as `YYYY-MM-DD` (also the PDF's creation date).
    pub date_iso: String,
    /// Whether the selection matched no item at all.
    pub nothing_matched: bool,
    /// The TO / FROM / DATE / SUBJECT block.
    pub header: Option<Header>,
    /// What the memo covers.
    pub summary: Option<Summary>,
    /// The figures table.
    pub key_figures: Option<Listing<FigureRow>>,
    /// One section per topic.
    pub topics: Option<Listing<TopicSection>>,
    /// Calls and concerns raised in the period.
    pub points: Option<Listing<Point>>,
    /// Every selected event: those that happened, oldest first, then the
    /// planned and the undated ones apart.
    pub timeline: Option<Timeline>,
    /// The endnotes, numbered as the markers are.
    pub sources: Option<Listing<Endnote>>,
    /// `full` or `memo`.
    pub form: &'static str,
    /// The drafter's own text: bottom line, talking points, next steps,
    /// and who drafted and cleared the memo.
    pub drafted: Drafted,
    /// The `memo` form's pages: a few dated facts per topic.
    pub memo_part: Option<memo_form::MemoPart>,
    /// Whether the full assembly follows the memo form's pages as the
    /// annex, "Background", on a new page.
    pub annex: bool,
    /// Things the user should know that are not errors (an excluded id
    /// that is not in the dataset), for the CLI or app to show.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The entries of a section that is a list. A section left out is `None`;
/// one included but empty is a `Listing` with no items (templates tell the
/// two apart: an object is true even when its list is empty).
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    /// The entries, in memo order.
    pub items: Vec<T>,
}

impl<T> FromIterator<T> for Listing<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Listing {
            items: iter.into_iter().collect(),
        }
    }
}

/// The drafter's own text, set apart from quoted material.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Drafted {
    /// The bottom line, first after the header.
    pub bottom_line: Option<Rich>,
    /// The points to make.
    pub talking_points: Vec<Rich>,
    /// Next steps, after the body.
    pub next_steps: Option<Rich>,
    /// The drafting officer, at the foot.
    pub drafted_by: Option<String>,
    /// The clearing offices, at the foot.
    pub cleared: Option<String>,
    /// Whether there is a foot (drafted or cleared) to print.
    pub foot: bool,
}

/// An item shown under an earlier topic, named where its quotation would
/// have repeated.
#[derive(Debug, Clone, Serialize)]
pub struct SeeAlso {
    /// The item id (its anchor is `item-<id>`).
    pub id: String,
    /// A few words naming it: a statement's speaker and date, an event's or
    /// a figure's label.
    pub text: String,
    /// The label of the topic it is shown under.
    pub topic: String,
}

/// The memo's heading block.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// TO.
    pub to: String,
    /// FROM.
    pub from: String,
    /// DATE, as a reader expects it (`25 November 2026`).
    pub date: String,
    /// The date as `YYYY-MM-DD`.
    pub date_iso: String,
    /// SUBJECT.
    pub subject: String,
}

/// What the memo covers, in a sentence or two.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The summary as prose.
    pub text: String,
    /// The topics covered (labels).
    pub topics: Vec<String>,
    /// The period, in words (`from May 2024 to 2025`, `all dates`).
    pub period: String,
    /// How many statements are in the memo.
    pub statements: usize,
    /// How many figures.
    pub figures: usize,
    /// How many events.
    pub events: usize,
    /// How many sources they are drawn from.
    pub sources: usize,
    /// The highest marking among those sources.
    pub marking: String,
    /// The newest date of a source drawn on (`20 May 2024`): how current
    /// the memo is.
    pub current: Option<String>,
}

/// A citation marker: the endnote number of one source.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Marker {
    /// The endnote number.
    pub number: usize,
    /// The endnote's anchor (`source-1`).
    pub anchor: String,
}

/// One row of the key figures table.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// The item id.
    pub id: String,
    /// What the number counts.
    pub label: String,
    /// The number as read (`more than USD 4 billion`).
    pub value: String,
    /// The date it refers to, as read (`2025`, `date not given · reported 2025`).
    pub as_of: String,
    /// Whether the text gives no date for it.
    pub undated: bool,
    /// The passage it is taken from.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
}

/// One topic's section.
#[derive(Debug, Clone, Serialize)]
pub struct TopicSection {
    /// The topic id (used as the section's anchor).
    pub id: String,
    /// The topic's label.
    pub label: String,
    /// What the topic covers.
    pub description: String,
    /// Statements by side: ours, the other parties as declared, joint,
    /// others.
    pub sides: Vec<SideGroup>,
    /// The topic's events, oldest first.
    pub events: Vec<EventEntry>,
    /// The topic's figures with the passages they come from, oldest first.
    pub figures: Vec<FigureRow>,
    /// Whether the topic has no item in the selection.
    pub empty: bool,
    /// The drafter's comment heading the section.
    pub comment: Option<Rich>,
    /// Items of the topic shown under an earlier topic, named once here.
    pub see_also: Vec<SeeAlso>,
}

/// The statements of one side under a topic.
#[derive(Debug, Clone, Serialize)]
pub struct SideGroup {
    /// The side's name (`United States`).
    pub side: String,
    /// Its statements, oldest first.
    pub statements: Vec<StatementEntry>,
}

/// A statement as the memo shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementEntry {
    /// The item id.
    pub id: String,
    /// Who said it.
    pub speaker: String,
    /// Their role at the time, where the sources give one.
    pub role: Option<String>,
    /// When, as read.
    pub date: String,
    /// What the statement does (`calls for`), where one fits.
    pub stance: Option<String>,
    /// The verbatim passage.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
}

/// A call or concern to raise.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The item id.
    pub id: String,
    /// Who raised it.
    pub speaker: String,
    /// For which side (`United States`).
    pub side: String,
    /// When, as read.
    pub date: String,
    /// `called for` or `raised concern`.
    pub stance: String,
    /// The verbatim passage.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
    /// The topic under which its quotation is printed, if it is (the point
    /// then refers to it instead of quoting it again).
    pub shown_under: Option<String>,
}

/// An event as the memo shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventEntry {
    /// The item id.
    pub id: String,
    /// When, as read, never sharper than the text (`20 May 2024`, `planned
    /// for 2025`, `date not given · reported 2025`).
    pub date: String,
    /// The date for the timeline's column, whose heading says what it is:
    /// the date it happened or is planned for (`not given` when a plan has
    /// none), or for an undated event where and when it was reported
    /// (`factsheet, 2025`).
    pub column_date: String,
    /// Whether it is planned rather than done.
    pub planned: bool,
    /// Whether the text gives no date for it.
    pub undated: bool,
    /// What happened.
    pub label: String,
    /// Where, by the name in use at the time (`Nur-Sultan (now Astana)`).
    pub place: Option<String>,
    /// The verbatim passage.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
}

/// The timeline: what happened, on the dates the texts give, kept apart
/// from what is only planned and from what the texts do not date, so that
/// nothing is shown under a year its source does not give.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Dated events that took place, oldest first.
    pub happened: Vec<EventEntry>,
    /// Planned events, by the date they are planned for.
    pub planned: Vec<EventEntry>,
    /// Events whose date the text does not give, by the date they were reported.
    pub undated: Vec<EventEntry>,
    /// Whether there is no event at all.
    pub empty: bool,
}

/// A numbered endnote.
#[derive(Debug, Clone, Serialize)]
pub struct Endnote {
    /// The number the markers use.
    pub number: usize,
    /// The anchor the markers link to.
    pub anchor: String,
    /// The source id.
    pub id: String,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When, as read.
    pub date: String,
    /// Where, if it has an address.
    pub url: Option<String>,
    /// What kind of document (`speech`, `press release`).
    pub kind: String,
}

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

/// Assembles the memo for `brief` from `data`; `today` is the memo date
/// when the brief gives none. `front_pages` measures how many pages a
/// memo's front fills when typeset (`1.6`: one page and most of a second):
/// the memo form keeps what fits on its two. Assembly knows no output
/// format; its caller passes the measure in (the renderers' `memo_for`).
pub fn assemble(
    data: &Dataset,
    brief: &BriefFile,
    today: Date,
    front_pages: &dyn Fn(&Memo) -> f32,
) -> Result<Memo, AssembleError> {
    let sel = &brief.selection;
    let chosen: &[String] = sel.topics.as_deref().unwrap_or_default();
    if let Some(t) = chosen.iter().find(|t| data.topic(t).is_none()) {
        return Err(AssembleError::UnknownTopic(t.clone()));
    }
    let selected = Selection::of_brief(data, sel)?;
    let mut warnings = Vec::new();
    for (list, what) in [(&sel.exclude, "excluded"), (&sel.pin, "pinned")] {
        for id in list {
            if !data.items.iter().any(|i| &i.id == id) {
                warnings.push(format!(
                    "the {what} item '{id}' is not in the dataset; it was ignored"
                ));
            }
        }
    }
    let items: Vec<&Item> = selected
        .into_iter()
        .filter(|i| !sel.exclude.contains(&i.id))
        .collect();
    let topics = topics_covered(data, sel.topics.as_deref(), &items);
    let parts = Parts {
        data,
        brief,
        today,
        items: &items,
        topics: &topics,
    };
    check_citations(data, brief)?;
    let mut memo = match brief.memo.form {
        Form::Full => parts.build(None)?,
        Form::Memo => {
            let ranked = memo_form::rank(data, brief, &items, &topics);
            let fits = |n: usize| -> Result<f32, AssembleError> {
                Ok(front_pages(&parts.build(Some(&ranked[..n]))?))
            };
            let (keep, pages) = memo_form::largest_fitting(ranked.len(), fits)?;
            let memo = parts.build(Some(&ranked[..keep]))?;
            for slot in ranked[keep..].iter().filter(|s| s.pinned) {
                warnings.push(format!(
                    "the pinned item '{}' does not fit on the memo's two pages; it is in the annex",
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

/// Checks every citation of the drafter's text — the comments on topics not
/// selected too — so that an error does not wait for its topic.
fn check_citations(data: &Dataset, brief: &BriefFile) -> Result<(), AssembleError> {
    let memo = &brief.memo;
    let mut texts: Vec<(String, &str)> = Vec::new();
    texts.extend(
        memo.bottom_line
            .iter()
            .map(|t| ("bottom_line".to_string(), t.as_str())),
    );
    texts.extend(
        memo.talking_points
            .iter()
            .map(|t| ("talking_points".to_string(), t.as_str())),
    );
    texts.extend(
        memo.next_steps
            .iter()
            .map(|t| ("next_steps".to_string(), t.as_str())),
    );
    texts.extend(
        brief
            .comments
            .iter()
            .map(|(k, t)| (format!("comments.{k}"), t.as_str())),
    );
    for (field, text) in texts {
        let mut resolve = |id: &str| -> Result<Vec<Marker>, String> {
            cite_check(data, brief, id).map(|_| Vec::new())
        };
        drafted::parse(text, &mut resolve).map_err(|e| AssembleError::Citation {
            id: e.id,
            why: e.why,
            field,
        })?;
    }
    Ok(())
}

/// The item `id` if the drafter may cite it, else why not.
fn cite_check<'d>(data: &'d Dataset, brief: &BriefFile, id: &str) -> Result<&'d Item, String> {
    let Some(item) = data.items.iter().find(|i| i.id == id) else {
        return Err("is not an item of the dataset; `dossier items --json` lists their ids".into());
    };
    if brief.selection.exclude.iter().any(|e| e == id) {
        return Err("is excluded from this memo ([selection] exclude); cite another item or include it again".into());
    }
    Ok(item)
}

/// What one assembly draws on: the brief, the selected items and topics.
struct Parts<'a> {
    data: &'a Dataset,
    brief: &'a BriefFile,
    today: Date,
    items: &'a [&'a Item],
    topics: &'a [&'a crate::dataset::Topic],
}

impl Parts<'_> {
    /// The memo, in document order so that citation numbers follow the
    /// reader: the header and summary, the drafter's bottom line and points,
    /// the `memo` form's facts (`memo_facts`, if the form is `memo`), the
    /// sections (the annex, in the `memo` form), next steps, sources.
    fn build(&self, memo_facts: Option<&[memo_form::Slot]>) -> Result<Memo, AssembleError> {
        let (data, brief, items, topics) = (self.data, self.brief, self.items, self.topics);
        let sel = &brief.selection;
        let memo = &brief.memo;
        let wants = |s: Section| memo.sections.contains(&s);
        let period = period_words(sel.from, sel.to);
        // A blank title would leave the memo, its window and its PDF's
        // outline and first heading without a name.
        let title = if memo.title.trim().is_empty() {
            crate::brief_file::MemoSettings::default().title
        } else {
            memo.title.clone()
        };
        let subject = memo.subject.clone().unwrap_or_else(|| title.clone());
        let mut cites = Citations::default();
        let ctx = Ctx {
            data,
            portion_marks: memo.portion_marks,
        };

        let header = wants(Section::Header).then(|| {
            let date = memo.date.unwrap_or(self.today);
            Header {
                to: memo.to.clone(),
                from: memo.from.clone(),
                date: date.human(),
                date_iso: date.to_string(),
                subject: subject.clone(),
            }
        });
        let mut cited: Vec<&Item> = Vec::new();
        let mut drafter = Drafter {
            data,
            brief,
            cites: &mut cites,
            cited: &mut cited,
        };
        let bottom_line = drafter.rich("bottom_line", memo.bottom_line.as_deref())?;
        let talking_points = memo
            .talking_points
            .iter()
            .map(|t| drafter.rich("talking_points", Some(t)))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        let memo_part = match memo_facts {
            Some(slots) => Some(memo_form::part(&ctx, &mut drafter, items, topics, slots)?),
            None => None,
        };
        // Next steps close the memo form's pages (before its annex), and
        // the full memo's body: cited where they are read.
        let mut next_steps = None;
        if memo_part.is_some() {
            next_steps = drafter.rich("next_steps", memo.next_steps.as_deref())?;
        }
        // The full assembly: the memo itself, or the `memo` form's annex.
        let full = memo_facts.is_none() || memo.annex;
        let key_figures = (full && wants(Section::KeyFigures)).then(|| {
            items
                .iter()
                .filter(|i| i.kind() == Kind::Figure)
                .map(|i| ctx.figure_row(i, drafter.cites))
                .collect()
        });
        // Where each item's quotation is printed: under its first topic.
        let mut shown: HashMap<&str, &str> = HashMap::new();
        let topic_sections = if full && wants(Section::Topics) {
            let mut sections = Vec::new();
            for t in topics {
                let comment = if memo_facts.is_none() {
                    drafter.rich(
                        &format!("comments.{}", t.id),
                        brief.comments.get(&t.id).map(String::as_str),
                    )?
                } else {
                    None
                };
                sections.push(ctx.topic_section(t, items, drafter.cites, &mut shown, comment));
            }
            Some(sections.into_iter().collect())
        } else {
            None
        };
        // A call or concern quoted in a topic section is pointed to there,
        // not quoted twice.
        let points = (full && wants(Section::Points)).then(|| {
            items
                .iter()
                .filter_map(|i| {
                    let mut p = ctx.point(i, drafter.cites)?;
                    p.shown_under = shown.get(i.id.as_str()).map(|t| t.to_string());
                    Some(p)
                })
                .collect()
        });
        let timeline =
            (full && wants(Section::Timeline)).then(|| ctx.timeline(items, drafter.cites));
        if memo_part.is_none() {
            next_steps = drafter.rich("next_steps", memo.next_steps.as_deref())?;
        }
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let drafted = Drafted {
            bottom_line,
            talking_points,
            next_steps,
            drafted_by: text(&memo.drafted_by),
            cleared: text(&memo.cleared),
            foot: text(&memo.drafted_by).is_some() || text(&memo.cleared).is_some(),
        };
        // The memo's marking covers what the drafter cites too.
        let mut marked: Vec<&Item> = items.to_vec();
        marked.extend(cited.iter().copied());
        let classification = memo_marking(data, &marked, memo.classification.as_deref())?;
        let sources = wants(Section::Sources).then(|| {
            // Sources not yet cited (when the sections citing them are left
            // out) still get their endnote, numbered after the cited ones.
            if full {
                for i in items {
                    cites.mark(i);
                }
            }
            cites.endnotes(data).into_iter().collect()
        });
        // The sources the memo draws on: those its endnotes list (the
        // whole selection's in the full assembly, and what the drafter cites).
        let mut drawn: BTreeSet<&str> = cites.order.iter().map(String::as_str).collect();
        if full {
            drawn.extend(
                items
                    .iter()
                    .flat_map(|i| i.citations.iter().map(|c| c.source.as_str())),
            );
        }
        let summary = wants(Section::Summary)
            .then(|| summarise(data, items, topics, &period, sel.topics.is_none(), &drawn));

        Ok(Memo {
            lang: "en",
            page: memo.page,
            classification,
            title,
            subject,
            author: if memo.from.is_empty() {
                "Dossier".to_string()
            } else {
                memo.from.clone()
            },
            keywords: topics.iter().map(|t| t.label.clone()).collect(),
            date_iso: memo.date.unwrap_or(self.today).to_string(),
            nothing_matched: items.is_empty(),
            header,
            summary,
            key_figures,
            topics: topic_sections,
            points,
            timeline,
            sources,
            form: memo.form.id(),
            drafted,
            memo_part,
            annex: memo_facts.is_some() && full,
            warnings: Vec::new(),
        })
    }
}

/// Reads the drafter's text, resolving its citations against the dataset.
struct Drafter<'d, 'c> {
    data: &'d Dataset,
    brief: &'d BriefFile,
    cites: &'c mut Citations,
    cited: &'c mut Vec<&'d Item>,
}

impl<'d> Drafter<'d, '_> {
    /// `text` (from the brief's `field`) as light Markdown; `None` if empty.
    fn rich(&mut self, field: &str, text: Option<&str>) -> Result<Option<Rich>, AssembleError> {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Ok(None);
        };
        let (data, brief) = (self.data, self.brief);
        let cites = &mut *self.cites;
        let cited = &mut *self.cited;
        let mut resolve = |id: &str| -> Result<Vec<Marker>, String> {
            let Some(item) = data.items.iter().find(|i| i.id == id) else {
                return Err(
                    "is not an item of the dataset; `dossier items --json` lists their ids".into(),
                );
            };
            if brief.selection.exclude.iter().any(|e| e == id) {
                return Err("is excluded from this memo ([selection] exclude); cite another item or include it again".into());
            }
            cited.push(item);
            Ok(cites.mark(item))
        };
        drafted::parse(text, &mut resolve)
            .map(|r| (!r.is_empty()).then_some(r))
            .map_err(|e| AssembleError::Citation {
                id: e.id,
                why: e.why,
                field: field.to_string(),
            })
    }
}

fn topics_covered<'d>(
    data: &'d Dataset,
    selected: Option<&[String]>,
    items: &[&Item],
) -> Vec<&'d crate::dataset::Topic> {
    data.topics
        .iter()
        .filter(|t| match selected {
            None => items.iter().any(|i| i.topics.contains(&t.id)),
            Some(list) => list.contains(&t.id),
        })
        .collect()
}

fn period_words(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("in {}", f.human()),
        (Some(f), Some(t)) => format!("from {} to {}", f.human(), t.human()),
        (Some(f), None) => format!("since {}", f.human()),
        (None, Some(t)) => format!("until {}", t.human()),
        (None, None) => "all dates".to_string(),
    }
}

fn summarise(
    data: &Dataset,
    items: &[&Item],
    topics: &[&crate::dataset::Topic],
    period: &str,
    all_topics: bool,
    sources: &BTreeSet<&str>,
) -> Summary {
    let count = |k: Kind| items.iter().filter(|i| i.kind() == k).count();
    let labels: Vec<String> = topics.iter().map(|t| t.label.clone()).collect();
    let marking = highest_marking(data, items)
        .map_or_else(|| data.lowest_marking(), |(m, _)| m)
        .name
        .clone();
    let (statements, figures, events) = (
        count(Kind::Statement),
        count(Kind::Figure),
        count(Kind::Event),
    );
    let scope = if all_topics {
        "all topics".to_string()
    } else {
        format!(
            "{}: {}",
            plural(labels.len(), "topic", "topics"),
            crate::text::and_list(&labels)
        )
    };
    let when = if period == "all dates" {
        "at any date".to_string()
    } else {
        period.to_string()
    };
    let current = sources
        .iter()
        .filter_map(|id| data.source(id))
        .max_by_key(|s| (s.date.last_day(), s.date.first_day()))
        .map(|s| s.date.human());
    let text = if items.is_empty() {
        format!(
            "Nothing in the dataset matches this selection ({scope}, {when}). The memo is empty."
        )
    } else {
        format!(
            "This memo covers {scope}, {when}. It draws {}, {} and {} from {}, marked at most {marking}; sources up to {}.",
            plural(statements, "statement", "statements"),
            plural(figures, "figure", "figures"),
            plural(events, "event", "events"),
            plural(sources.len(), "source", "sources"),
            current.as_deref().unwrap_or("—"),
        )
    };
    Summary {
        text,
        topics: labels,
        period: period.to_string(),
        statements,
        figures,
        events,
        sources: sources.len(),
        marking,
        current,
    }
}

/// The highest marking among the sources `items` cite, with the first source
/// that carries it; `None` when no item is selected.
fn highest_marking<'d>(
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
fn memo_marking(
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn stance_words(stance: Stance) -> &'static str {
    match stance {
        Stance::Commends => "commends",
        Stance::Concern => "concern",
        Stance::CallsFor => "calls for",
        Stance::Commits => "commits",
        Stance::Reports => "reports",
    }
}

/// Endnote numbers, given to sources in order of first citation.
#[derive(Default)]
struct Citations {
    numbers: HashMap<String, usize>,
    order: Vec<String>,
}

impl Citations {
    /// The markers of `item`'s sources, numbering any source cited for the first time.
    fn mark(&mut self, item: &Item) -> Vec<Marker> {
        let mut markers: Vec<Marker> = item
            .citations
            .iter()
            .map(|c| {
                let next = self.order.len() + 1;
                let number = *self.numbers.entry(c.source.clone()).or_insert_with(|| {
                    self.order.push(c.source.clone());
                    next
                });
                Marker {
                    number,
                    anchor: format!("source-{number}"),
                }
            })
            .collect();
        markers.sort_by_key(|m| m.number);
        markers
    }

    fn endnotes(&self, data: &Dataset) -> Vec<Endnote> {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| data.source(id).map(|s| endnote(i + 1, s)))
            .collect()
    }
}

fn endnote(number: usize, s: &Source) -> Endnote {
    Endnote {
        number,
        anchor: format!("source-{number}"),
        id: s.id.clone(),
        publisher: s.publisher.clone(),
        title: s.title.clone(),
        date: s.date.human(),
        url: s.url.clone(),
        kind: s.kind.noun().to_string(),
    }
}

struct Ctx<'d> {
    data: &'d Dataset,
    portion_marks: bool,
}

impl Ctx<'_> {
    /// A call or concern to raise, if the item is one.
    fn point(&self, i: &Item, cites: &mut Citations) -> Option<Point> {
        match &i.detail {
            Detail::Statement {
                speaker,
                side,
                stance: Some(stance @ (Stance::CallsFor | Stance::Concern)),
            } => Some(Point {
                id: i.id.clone(),
                speaker: self.speaker_name(speaker),
                side: self.data.parties.side_name(side).to_string(),
                date: i.date_words(),
                stance: if *stance == Stance::CallsFor {
                    "called for"
                } else {
                    "raised concern"
                }
                .to_string(),
                quote: i.quote().to_string(),
                portion: self.portion(i),
                markers: cites.mark(i),
                shown_under: None,
            }),
            _ => None,
        }
    }

    /// The portion mark of an item's quoted passage (its own source's
    /// marking), when the memo asks for portion marks.
    fn portion(&self, item: &Item) -> Option<String> {
        if !self.portion_marks {
            return None;
        }
        let source = self.data.source(&item.citations[0].source)?;
        Some(format!("({})", self.data.source_marking(source).portion))
    }

    fn figure_row(&self, item: &Item, cites: &mut Citations) -> FigureRow {
        let Detail::Figure {
            value,
            unit,
            label,
            qualifier,
        } = &item.detail
        else {
            unreachable!("only figures are passed here")
        };
        FigureRow {
            id: item.id.clone(),
            label: label.clone(),
            value: figure_value(*value, unit, qualifier.as_deref()),
            as_of: item.date_words(),
            undated: item.date.is_none(),
            quote: item.quote().to_string(),
            portion: self.portion(item),
            markers: cites.mark(item),
        }
    }

    fn speaker_name(&self, id: &str) -> String {
        self.data
            .speaker(id)
            .map(|s| s.name().to_string())
            .unwrap_or_else(|| id.to_string())
    }

    fn topic_section<'i>(
        &self,
        topic: &'i crate::dataset::Topic,
        items: &[&'i Item],
        cites: &mut Citations,
        shown: &mut HashMap<&'i str, &'i str>,
        comment: Option<Rich>,
    ) -> TopicSection {
        // Each item once: under the first topic it carries, named in a
        // "see also" line under the others.
        let mut see_also = Vec::new();
        let mut in_topic: Vec<&&Item> = Vec::new();
        for i in items.iter().filter(|i| i.topics.contains(&topic.id)) {
            match shown.get(i.id.as_str()) {
                Some(first) => see_also.push(SeeAlso {
                    id: i.id.clone(),
                    text: self.short_name(i),
                    topic: first.to_string(),
                }),
                None => {
                    shown.insert(i.id.as_str(), topic.label.as_str());
                    in_topic.push(i);
                }
            }
        }
        let sides = self
            .data
            .parties
            .sides_in_order()
            .into_iter()
            .filter_map(|side| {
                let statements: Vec<StatementEntry> = in_topic
                    .iter()
                    .filter(
                        |i| matches!(&i.detail, Detail::Statement { side: s, .. } if *s == side),
                    )
                    .map(|i| self.statement(i, cites))
                    .collect();
                (!statements.is_empty()).then(|| SideGroup {
                    side: self.data.parties.side_name(&side).to_string(),
                    statements,
                })
            })
            .collect();
        let events: Vec<EventEntry> = in_topic
            .iter()
            .filter(|i| i.kind() == Kind::Event)
            .map(|i| self.event(i, cites))
            .collect();
        let figures: Vec<FigureRow> = in_topic
            .iter()
            .filter(|i| i.kind() == Kind::Figure)
            .map(|i| self.figure_row(i, cites))
            .collect();
        TopicSection {
            id: topic.id.clone(),
            label: topic.label.clone(),
            description: topic.description.clone(),
            empty: in_topic.is_empty() && see_also.is_empty(),
            sides,
            events,
            figures,
            comment,
            see_also,
        }
    }

    /// A few words naming an item: a statement's speaker and date, an
    /// event's or a figure's label and date.
    fn short_name(&self, i: &Item) -> String {
        match &i.detail {
            Detail::Statement { speaker, .. } => {
                format!("{}, {}", self.speaker_name(speaker), i.date_words())
            }
            Detail::Figure { label, .. } | Detail::Event { label, .. } => {
                format!("{label}, {}", i.date_words())
            }
        }
    }

    fn statement(&self, item: &Item, cites: &mut Citations) -> StatementEntry {
        let Detail::Statement {
            speaker, stance, ..
        } = &item.detail
        else {
            unreachable!("only statements are passed here")
        };
        let role = match self.data.speaker(speaker) {
            Some(Speaker::Person(p)) => p.role_on(&item.when()).map(|r| r.title.clone()),
            _ => None,
        };
        StatementEntry {
            id: item.id.clone(),
            speaker: self.speaker_name(speaker),
            role,
            date: item.date_words(),
            stance: stance.map(|s| stance_words(s).to_string()),
            quote: item.quote().to_string(),
            portion: self.portion(item),
            markers: cites.mark(item),
        }
    }

    fn event(&self, item: &Item, cites: &mut Citations) -> EventEntry {
        let Detail::Event { label, place, .. } = &item.detail else {
            unreachable!("only events are passed here")
        };
        let column_date = match item.date {
            Some(d) => d.human(),
            None if item.is_planned() => "not given".to_string(),
            None => self.reported_in(item),
        };
        EventEntry {
            id: item.id.clone(),
            date: item.date_words(),
            column_date,
            planned: item.is_planned(),
            undated: item.date.is_none(),
            label: label.clone(),
            place: place
                .as_deref()
                .and_then(|p| self.place_name(p, &item.when())),
            quote: item.quote().to_string(),
            portion: self.portion(item),
            markers: cites.mark(item),
        }
    }

    /// The timeline's three parts, each in the dataset's order (by date).
    fn timeline(&self, items: &[&Item], cites: &mut Citations) -> Timeline {
        let mut timeline = Timeline {
            happened: Vec::new(),
            planned: Vec::new(),
            undated: Vec::new(),
            empty: true,
        };
        for item in items.iter().filter(|i| i.kind() == Kind::Event) {
            let entry = self.event(item, cites);
            timeline.empty = false;
            if entry.planned {
                timeline.planned.push(entry);
            } else if entry.undated {
                timeline.undated.push(entry);
            } else {
                timeline.happened.push(entry);
            }
        }
        timeline
    }

    /// Where and when an item was first reported: `factsheet, 2025`.
    fn reported_in(&self, item: &Item) -> String {
        let kind = item
            .citations
            .iter()
            .filter_map(|c| self.data.source(&c.source))
            .find(|s| s.date == item.reported)
            .map(|s| format!("{}, ", s.kind.noun()))
            .unwrap_or_default();
        format!("{kind}{}", item.reported.human())
    }

    /// The place's name at `date`: a former name wholly in use then reads
    /// `Nur-Sultan (now Astana)`.
    fn place_name(&self, id: &str, date: &Date) -> Option<String> {
        let place = self.data.place(id)?;
        let former = place.aliases.iter().find(|a| {
            (a.from.is_some() || a.to.is_some())
                && a.from.is_none_or(|f| f.first_day() <= date.first_day())
                && a.to.is_none_or(|t| date.last_day() <= t.last_day())
        });
        Some(match former {
            Some(a) => format!("{} (now {})", a.name, place.name),
            None => place.name.clone(),
        })
    }
}
