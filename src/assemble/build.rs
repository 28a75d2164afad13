//! The build: the memo's parts drawn from the selected items, in the
//! order a reader meets their citations.

use std::collections::HashMap;

use crate::brief_file::BriefFile;
use crate::dataset::{Dataset, Detail, Item};
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
    pub(super) ledger: &'a crate::ledger::Ledger,
    /// What changed since the brief's record, when it has one.
    pub(super) since: Option<&'a crate::shown::Since>,
    pub(super) brief: &'a BriefFile,
    pub(super) today: Date,
    pub(super) items: &'a [&'a Item],
    pub(super) topics: &'a [&'a crate::dataset::Topic],
}

impl Parts<'_> {
    /// The memo, in document order so that citation numbers follow the
    /// reader: the header, the drafter's bottom line and points, the
    /// `memo` form's facts (`memo_facts`, if the form is `memo`), the body
    /// sections (the annex, in the `memo` form), next steps, sources; the
    /// summary last, as it counts what the rest draws on.
    pub(super) fn build(
        &self,
        memo_facts: Option<&[memo_form::Slot]>,
    ) -> Result<Memo, AssembleError> {
        let (data, brief, items, topics) = (self.data, self.brief, self.items, self.topics);
        let memo = &brief.memo;
        let period = period_words(brief.selection.from, brief.selection.to);
        // A blank title would leave the memo, its window and its PDF's
        // outline and first heading without a name.
        let title = if memo.title.trim().is_empty() {
            crate::brief_file::MemoSettings::default().title
        } else {
            memo.title.clone()
        };
        let subject = memo.subject.clone().unwrap_or_else(|| title.clone());
        let mut cites = Citations::default();
        let mut cited: Vec<&Item> = Vec::new();
        let ctx = Ctx {
            data,
            portion_marks: memo.portion_marks,
            new: self
                .since
                .map(|s| s.new.iter().cloned().collect())
                .unwrap_or_default(),
        };
        let mut b = Build {
            data,
            ledger: self.ledger,
            since: self.since,
            brief,
            today: self.today,
            items,
            topics,
            ctx: &ctx,
            drafter: Drafter {
                data,
                brief,
                cites: &mut cites,
                cited: &mut cited,
            },
            memo_form: memo_facts.is_some(),
            subject: &subject,
            period: &period,
            shown: HashMap::new(),
        };
        let mut sections = Sections::default();
        b.draw(Place::Masthead, false, &mut sections)?;
        b.draw(Place::Front, false, &mut sections)?;
        let drafter = &mut b.drafter;
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
            Some(slots) => {
                let threads = sections::followed(data, self.ledger, brief, topics);
                Some(memo_form::part(
                    &ctx, drafter, items, topics, slots, &threads,
                )?)
            }
            None => None,
        };
        // Next steps close the memo form's pages (before its annex), and
        // the full memo's body: cited where they are read.
        let mut next_steps = None;
        if memo_part.is_some() {
            next_steps = drafter.rich("next_steps", memo.next_steps.as_deref())?;
        }
        let full = b.full();
        if full {
            b.draw(Place::Body, false, &mut sections)?;
        }
        if memo_part.is_none() {
            next_steps = b.drafter.rich("next_steps", memo.next_steps.as_deref())?;
        }
        b.draw(Place::End, false, &mut sections)?;
        for place in Place::ALL.map(|(_, p)| p) {
            if place != Place::Body || full {
                b.draw(place, true, &mut sections)?;
            }
        }
        drop(b);
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
        let (shown_items, shown_threads) = self.shown();

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
            sections,
            form: memo.form.id(),
            drafted,
            memo_part,
            annex: memo_facts.is_some() && full,
            warnings: Vec::new(),
            shown_items,
            shown_threads,
        })
    }

    /// What the memo draws on, for its record: every item it selects (on
    /// the two pages or not) and every follow-up thread of its topics open
    /// in its period, with its status: the same sets the next memo compares
    /// with ([`super::changes_since`]), so that "new" means new to the
    /// selection, whatever the form.
    fn shown(&self) -> (Vec<String>, Vec<(String, crate::ledger::Status)>) {
        let items = self.items.iter().map(|i| i.id.clone()).collect();
        let threads = sections::followed(self.data, self.ledger, self.brief, self.topics)
            .iter()
            .map(|f| (f.thread.id.clone(), f.status().0))
            .collect();
        (items, threads)
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
    /// The markers of an item the memo names without quoting it (the
    /// follow-up table), counted in the memo's marking like a citation.
    pub(super) fn cite(&mut self, item: &'d Item) -> Vec<Marker> {
        self.cited.push(item);
        self.cites.mark(item)
    }

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
    /// The items new since the brief's record (none without one).
    pub(super) new: std::collections::HashSet<String>,
}

impl Ctx<'_> {
    /// Whether the memo marks `item` new: not shown by the memo last
    /// recorded from this brief.
    pub(super) fn is_new(&self, item: &Item) -> bool {
        self.new.contains(&item.id)
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
            new: self.is_new(item),
        }
    }

    pub(super) fn speaker_name(&self, id: &str) -> String {
        self.data
            .speaker(id)
            .map(|s| s.name().to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// A few words naming an item: a statement's speaker and date, an
    /// event's or a figure's label and date.
    pub(super) fn short_name(&self, i: &Item) -> String {
        self.data.item_name(i)
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
            new: self.is_new(item),
        }
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
    use std::collections::BTreeSet;

    use super::*;
    use crate::brief_file::BriefFile;

    /// The memo for `brief` on the built-in dataset, with a page measure that
    /// says every front fits (the build is under test, not the memo form's fit).
    fn memo(brief: &BriefFile) -> Memo {
        let f = crate::ledger::Followed::embedded().unwrap();
        assemble(
            &f.data,
            &f.ledger,
            brief,
            "2026-11-30".parse().unwrap(),
            &|_| 1.0,
        )
        .unwrap()
    }

    fn brief(text: &str) -> BriefFile {
        BriefFile::parse("test", text, &Dataset::embedded().unwrap()).unwrap()
    }

    #[test]
    fn only_the_sections_asked_for_are_built() {
        let m = memo(&brief("[memo]\nsections = [\"summary\", \"sources\"]\n"));
        let held = |m: &Memo| -> Vec<&str> {
            crate::brief_file::Section::ids()
                .into_iter()
                .filter(|id| m.sections.has(id))
                .collect()
        };
        assert_eq!(held(&m), ["summary", "sources"]);
        let all = memo(&BriefFile::default());
        // Every section but the one that needs a record of the last memo.
        let without_record: Vec<&str> = crate::brief_file::Section::ids()
            .into_iter()
            .filter(|id| *id != "new")
            .collect();
        assert_eq!(held(&all), without_record);
        // Without a record, the memo's data is what it was before the
        // record existed (the PDF's /ID is a hash of it): no `new` anywhere.
        let text = serde_json::to_string(&all).unwrap();
        assert!(
            !text.contains("\"new\""),
            "a memo without a record names nothing new"
        );
        // The templates see every section's key, null where it is left out.
        let json = serde_json::to_value(&m).unwrap();
        assert!(json["timeline"].is_null() && json["summary"]["text"].is_string());
    }

    #[test]
    fn an_item_under_two_topics_is_shown_once_and_named_again() {
        let m = memo(&brief(
            "[selection]\ntopics = [\"domestic-violence\", \"gender-equality\"]\n",
        ));
        let topics = &m
            .sections
            .typed::<Listing<TopicSection>>("topics")
            .unwrap()
            .items;
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
