//! The build: the memo's parts drawn from the selected items, in the
//! order a reader meets their citations.

use std::collections::{BTreeSet, HashMap};

use crate::brief_file::{BriefFile, Section};
use crate::dataset::{Dataset, Detail, Item, Kind, Parties, Speaker, Stance};
use crate::date::Date;
use crate::format::figure_value;

use super::drafted::Rich;
use super::*;

/// Checks every citation of the drafter's text — the comments on topics not
/// selected too — so that an error does not wait for its topic.
pub(super) fn check_citations(data: &Dataset, brief: &BriefFile) -> Result<(), AssembleError> {
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
pub(super) fn cite_check<'d>(
    data: &'d Dataset,
    brief: &BriefFile,
    id: &str,
) -> Result<&'d Item, String> {
    let Some(item) = data.items.iter().find(|i| i.id == id) else {
        return Err("is not an item of the dataset; `dossier items --json` lists their ids".into());
    };
    if brief.selection.exclude.iter().any(|e| e == id) {
        return Err("is excluded from this memo ([selection] exclude); cite another item or include it again".into());
    }
    Ok(item)
}

/// What one assembly draws on: the brief, the selected items and topics.
pub(super) struct Parts<'a> {
    pub(super) data: &'a Dataset,
    pub(super) brief: &'a BriefFile,
    pub(super) today: Date,
    pub(super) items: &'a [&'a Item],
    pub(super) topics: &'a [&'a crate::dataset::Topic],
}

impl Parts<'_> {
    /// The memo, in document order so that citation numbers follow the
    /// reader: the header and summary, the drafter's bottom line and points,
    /// the `memo` form's facts (`memo_facts`, if the form is `memo`), the
    /// sections (the annex, in the `memo` form), next steps, sources.
    pub(super) fn build(
        &self,
        memo_facts: Option<&[memo_form::Slot]>,
    ) -> Result<Memo, AssembleError> {
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
pub(super) struct Drafter<'d, 'c> {
    pub(super) data: &'d Dataset,
    pub(super) brief: &'d BriefFile,
    pub(super) cites: &'c mut Citations,
    pub(super) cited: &'c mut Vec<&'d Item>,
}

impl<'d> Drafter<'d, '_> {
    /// `text` (from the brief's `field`) as light Markdown; `None` if empty.
    pub(super) fn rich(
        &mut self,
        field: &str,
        text: Option<&str>,
    ) -> Result<Option<Rich>, AssembleError> {
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

pub(super) fn topics_covered<'d>(
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

pub(super) struct Ctx<'d> {
    pub(super) data: &'d Dataset,
    pub(super) portion_marks: bool,
}

impl Ctx<'_> {
    /// A call or concern to raise, if the item is one.
    pub(super) fn point(&self, i: &Item, cites: &mut Citations) -> Option<Point> {
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
    pub(super) fn portion(&self, item: &Item) -> Option<String> {
        if !self.portion_marks {
            return None;
        }
        let source = self.data.source(&item.citations[0].source)?;
        Some(format!("({})", self.data.source_marking(source).portion))
    }

    pub(super) fn figure_row(&self, item: &Item, cites: &mut Citations) -> FigureRow {
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

    pub(super) fn speaker_name(&self, id: &str) -> String {
        self.data
            .speaker(id)
            .map(|s| s.name().to_string())
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn topic_section<'i>(
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
    pub(super) fn short_name(&self, i: &Item) -> String {
        match &i.detail {
            Detail::Statement { speaker, .. } => {
                format!("{}, {}", self.speaker_name(speaker), i.date_words())
            }
            Detail::Figure { label, .. } | Detail::Event { label, .. } => {
                format!("{label}, {}", i.date_words())
            }
        }
    }

    pub(super) fn statement(&self, item: &Item, cites: &mut Citations) -> StatementEntry {
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

    pub(super) fn event(&self, item: &Item, cites: &mut Citations) -> EventEntry {
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
    pub(super) fn timeline(&self, items: &[&Item], cites: &mut Citations) -> Timeline {
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
    pub(super) fn reported_in(&self, item: &Item) -> String {
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
    pub(super) fn place_name(&self, id: &str, date: &Date) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief_file::BriefFile;

    /// The memo for `brief` on the built-in dataset, with a page measure that
    /// says every front fits (the build is under test, not the memo form's fit).
    fn memo(brief: &BriefFile) -> Memo {
        let data = Dataset::embedded().unwrap();
        assemble(&data, brief, "2026-11-30".parse().unwrap(), &|_| 1.0).unwrap()
    }

    fn brief(text: &str) -> BriefFile {
        BriefFile::parse("test", text, &Dataset::embedded().unwrap()).unwrap()
    }

    #[test]
    fn only_the_sections_asked_for_are_built() {
        let m = memo(&brief("[memo]\nsections = [\"summary\", \"sources\"]\n"));
        assert!(m.summary.is_some() && m.sources.is_some());
        assert!(m.header.is_none());
        assert!(m.key_figures.is_none() && m.topics.is_none());
        assert!(m.points.is_none() && m.timeline.is_none());
        let all = memo(&BriefFile::default());
        assert!(all.header.is_some() && all.key_figures.is_some());
        assert!(all.topics.is_some() && all.points.is_some() && all.timeline.is_some());
    }

    #[test]
    fn an_item_under_two_topics_is_shown_once_and_named_again() {
        let m = memo(&brief(
            "[selection]\ntopics = [\"domestic-violence\", \"gender-equality\"]\n",
        ));
        let topics = &m.topics.as_ref().unwrap().items;
        let shown: Vec<&str> = topics
            .iter()
            .flat_map(|t| {
                t.sides
                    .iter()
                    .flat_map(|s| s.statements.iter().map(|e| e.id.as_str()))
                    .chain(t.events.iter().map(|e| e.id.as_str()))
                    .chain(t.figures.iter().map(|f| f.id.as_str()))
            })
            .collect();
        let unique: BTreeSet<&str> = shown.iter().copied().collect();
        assert_eq!(shown.len(), unique.len(), "an item shown twice");
        let see_also: Vec<&SeeAlso> = topics.iter().flat_map(|t| &t.see_also).collect();
        assert!(!see_also.is_empty(), "items of both topics are named again");
        for s in see_also {
            assert!(
                unique.contains(s.id.as_str()),
                "{} points to an item shown",
                s.id
            );
            assert!(topics.iter().any(|t| t.label == s.topic));
        }
    }

    #[test]
    fn the_marking_is_the_highest_cited_and_a_lower_one_is_refused() {
        let data = &Dataset::embedded().unwrap();
        let items: Vec<&Item> = data.items.iter().collect();
        assert_eq!(
            marking::memo_marking(data, &items, None).unwrap(),
            data.lowest_marking().name
        );
        assert_eq!(
            marking::memo_marking(data, &items, Some("SECRET")).unwrap(),
            "SECRET"
        );
        assert!(matches!(
            marking::memo_marking(data, &items, Some("RESTRICTED")),
            Err(AssembleError::UnknownMarking { .. })
        ));
    }
}
