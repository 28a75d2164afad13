//! Reading one item: its kind's fields, its speaker and its quote, checked
//! against the source's text.

use super::*;

impl Loader<'_> {
    /// Reads one item; `source` is the file's own source, if it loaded.
    /// Returns whether it was added.
    pub(super) fn item(
        &mut self,
        r: &Record,
        source: Option<&Source>,
        kind: Kind,
        seen: &mut Seen,
        verified: &Verified,
    ) -> bool {
        let id = r.string("id");
        let date = r.opt_date("date");
        let topics = r.string_list("topics");
        let quote = r.string_ref("quote");
        let mut ok = true;
        let mut figure_undated = false;

        let mut citations = Vec::new();
        if let (Some(q), Some(src)) = (&quote, source) {
            ok &= self.check_quote(verified, r, &src.id, q);
            citations.push(Citation {
                source: src.id.clone(),
                quote: q.value.to_string(),
            });
        }
        for a in r.tables("also", "this [[….also]] citation") {
            let src = a.string("source");
            let q = a.string_ref("quote");
            a.finish(ALSO_FIELDS);
            let (Some(src), Some(q)) = (src, q) else {
                ok = false;
                continue;
            };
            self.cited.push(src.value.clone());
            if !self.resolves(
                Ns::Source,
                &src,
                &a,
                "unknown source '{}'; a source's id is its file name in sources/, without .toml",
            ) {
                ok = false;
                continue;
            }
            if source.is_some_and(|s| s.id == src.value) {
                a.report(src.line, format!("`also` cites '{}', the item's own source; an `also` citation is a second source reporting the same item", src.value));
                ok = false;
                continue;
            }
            ok &= self.check_quote(verified, &a, &src.value, &q);
            citations.push(Citation {
                source: src.value,
                quote: q.value.to_string(),
            });
        }

        if let Some(topics) = &topics {
            for t in topics {
                ok &= self.resolves(
                    Ns::Topic,
                    t,
                    r,
                    "unknown topic '{}'; the topics are listed in topics.toml",
                );
            }
        }

        let unclear = self.unclear_fields(r, kind);
        if unclear.date
            && let Some(d) = &date
        {
            r.report(
                d.line,
                "this suggestion gives a `date` and lists it as unclear; keep one of the two"
                    .into(),
            );
            ok = false;
        }
        let detail = match kind {
            Kind::Statement if unclear.speaker => {
                // A suggestion whose speaker the text does not settle: its
                // speaker and side wait for a person to set them.
                if let Some(sp) = r.opt_string("speaker") {
                    r.report(
                        sp.line,
                        "this suggestion gives a `speaker` and lists it as unclear; keep one of the two".into(),
                    );
                    ok = false;
                }
                let _ = r.opt_string("side");
                let stance = r.opt_choice("stance", &Stance::ALL);
                if r.has("stance") && stance.is_none() {
                    ok = false;
                }
                r.finish(STATEMENT_FIELDS);
                None
            }
            Kind::Statement => {
                let speaker = r.string("speaker");
                let side = self.side(r);
                let stance = r.opt_choice("stance", &Stance::ALL);
                if r.has("stance") && stance.is_none() {
                    ok = false;
                }
                r.finish(STATEMENT_FIELDS);
                if let Some(s) = &speaker {
                    self.spoken.push(s.value.clone());
                    ok &= self.check_speaker(r, s);
                }
                match (speaker, side) {
                    (Some(speaker), Some(side)) => Some(Detail::Statement {
                        speaker: speaker.value,
                        side: side.value,
                        stance: stance.map(|s| s.value),
                    }),
                    _ => None,
                }
            }
            Kind::Figure => {
                let value = r.number("value");
                let unit = r.string("unit");
                let label = r.string("label");
                let qualifier = r.opt_string("qualifier");
                if let Some(undated) = r.opt_bool("undated") {
                    if undated.value && date.is_some() {
                        r.report(undated.line, "a figure with `undated = true` cannot also have a `date`; keep the date if the text gives one, else remove it".into());
                        ok = false;
                    }
                    figure_undated = undated.value;
                } else if r.has("undated") {
                    ok = false;
                }
                r.finish(FIGURE_FIELDS);
                match (value, unit, label) {
                    (Some(value), Some(unit), Some(label)) => Some(Detail::Figure {
                        value: value.value,
                        unit: unit.value,
                        label: label.value,
                        qualifier: qualifier.map(|q| q.value),
                    }),
                    _ => None,
                }
            }
            Kind::Event => {
                let label = r.string("label");
                let place = r.opt_string("place");
                let participants = r.opt_string_list("participants");
                let status = r.opt_choice("status", &EventStatus::ALL);
                if r.has("status") && status.is_none() {
                    ok = false;
                }
                r.finish(EVENT_FIELDS);
                if let Some(p) = &place {
                    ok &= self.resolves(
                        Ns::Place,
                        p,
                        r,
                        "unknown place '{}'; places are listed in places.toml",
                    );
                }
                for p in &participants {
                    self.spoken.push(p.value.clone());
                    ok &= self.check_speaker(r, p);
                }
                label.map(|label| Detail::Event {
                    label: label.value,
                    place: place.map(|p| p.value),
                    participants: participants.into_iter().map(|p| p.value).collect(),
                    status: status.map(|s| s.value).unwrap_or_default(),
                })
            }
        };

        let Some(id) = valid_id(r, id) else {
            return false;
        };
        if !first_definition(seen, r, &id, "item") {
            return false;
        }
        self.defined.push((id.value.clone(), id.line));
        if let (Some(src), Some(topics), Some(detail), true) = (source, topics, detail, ok) {
            let topics: Vec<String> = topics.into_iter().map(|t| t.value).collect();
            let topic_low = self.data.topic_low_of(&topics);
            // Statements and present-tense figures are dated by their source;
            // events and past-state figures without a date are undated.
            let dated_by_source = match kind {
                Kind::Statement => true,
                Kind::Figure => !figure_undated,
                Kind::Event => false,
            };
            let reported = citations
                .iter()
                .filter_map(|c| self.data.source(&c.source))
                .map(|s| s.date)
                .min_by_key(|d| (d.first_day(), d.last_day()))
                .unwrap_or(src.date);
            if let (Detail::Event { status, .. }, Some(d)) = (&detail, &date)
                && *status == EventStatus::Happened
            {
                let latest = self.latest_report(&citations, src);
                if d.value.first_day() > latest {
                    r.report(d.line, format!(
                        "event '{}' is dated {}, after every source that reports it (the latest is of {latest}); a source cannot report what had not yet happened: if it was a plan, add `status = \"planned\"`, else correct its `date`",
                        id.value, d.value
                    ));
                }
            }
            self.data.items.push(Item {
                id: id.value,
                date: date
                    .map(|d| d.value)
                    .or(dated_by_source.then_some(src.date)),
                reported,
                topics,
                citations,
                detail,
                // Set by the caller, which reads the review fields.
                accepted: None,
                topic_low,
            });
            return true;
        }
        false
    }

    /// Reads `unclear`, the fields of a suggestion that the text does not
    /// settle (`speaker`, `date`). Only a suggestion may have them: an item
    /// is data, and data is never unclear.
    pub(super) fn unclear_fields(&self, r: &Record, kind: Kind) -> Unclear {
        let mut out = Unclear::default();
        if !r.has("unclear") {
            return out;
        }
        let fields = r.opt_string_list("unclear");
        if !r.opt_bool("suggested").is_some_and(|b| b.value) {
            if let Some(first) = fields.first() {
                r.report(
                    first.line,
                    "`unclear` marks a suggestion's fields that the text does not settle; an item \
                     cannot be unclear: set those fields and remove `unclear`"
                        .into(),
                );
            }
            return out;
        }
        for f in &fields {
            match f.value.as_str() {
                "speaker" if kind == Kind::Statement => out.speaker = true,
                "date" => out.date = true,
                other => r.report(
                    f.line,
                    format!(
                        "`unclear` lists '{other}', which this record cannot leave open; it may list {}",
                        if kind == Kind::Statement {
                            "\"speaker\" and \"date\""
                        } else {
                            "\"date\""
                        }
                    ),
                ),
            }
        }
        out
    }

    pub(super) fn check_speaker(&self, r: &Record, id: &At<String>) -> bool {
        self.resolves(
            Ns::Speaker,
            id,
            r,
            "unknown speaker '{}'; people and institutions are listed in people.toml",
        )
    }

    /// Whether `id` names a valid record of `ns`. An unknown id is reported
    /// with `message` (its `{}` replaced by the id); one whose record is
    /// itself broken is not, as that problem is reported where it lies.
    pub(super) fn resolves(&self, ns: Ns, id: &At<String>, r: &Record, message: &str) -> bool {
        let found = match ns {
            Ns::Party => {
                Side::from_id(&id.value).is_some_and(|s| self.data.parties.party(s).is_some())
            }
            Ns::Topic => self.data.topic(&id.value).is_some(),
            Ns::Speaker => self.data.speaker(&id.value).is_some(),
            Ns::Place => self.data.place(&id.value).is_some(),
            Ns::Source => self.data.source(&id.value).is_some(),
        };
        if !found
            && !self.broken.contains(&ns.key(&id.value))
            && !self.broken.contains(&ns.key("*"))
        {
            r.report(id.line, message.replace("{}", &id.value));
        }
        found
    }

    /// The (source, quote) pairs found verbatim, checked on every core:
    /// each source's text read once for all its quotes.
    pub(super) fn verify_quotes<'p>(&mut self, pairs: &[(&'p str, &'p str)]) -> Verified<'p> {
        let mut by_source: HashMap<&str, Vec<&'p str>> = HashMap::new();
        for &(source, quote) in pairs {
            by_source.entry(source).or_default().push(quote);
        }
        self.normalize_texts(by_source.keys().copied());
        let groups: Vec<(&str, Vec<&'p str>)> = by_source.into_iter().collect();
        let found = parallel::map(&groups, |(source, quotes)| {
            self.source_texts
                .get(*source)
                .map(|text| text.contains_each(quotes))
                .unwrap_or_default()
        });
        let mut verified = Verified::default();
        for ((source, quotes), found) in groups.iter().zip(found) {
            for (quote, found) in quotes.iter().zip(found) {
                if found {
                    verified.insert(place(quote), source);
                }
            }
        }
        verified
    }

    /// Makes ready for quote checks the texts of `sources` that are not
    /// yet: those of sources the cache gave (see `load::cached`).
    fn normalize_texts<'s>(&mut self, sources: impl Iterator<Item = &'s str>) {
        let done: Vec<(String, Normalized)> = {
            let missing: Vec<(&str, &str)> = sources
                .filter(|id| !self.source_texts.contains_key(*id))
                .filter_map(|id| {
                    self.data
                        .source(id)
                        .map(|s| (s.id.as_str(), s.text.as_str()))
                })
                .collect();
            let texts = parallel::map(&missing, |(_, text)| Normalized::new(text));
            (missing.iter().zip(texts))
                .map(|((id, _), text)| (id.to_string(), text))
                .collect()
        };
        self.source_texts.extend(done);
    }

    /// Whether the quote is in the source's text; reports it when not.
    pub(super) fn check_quote(
        &self,
        verified: &Verified,
        r: &Record,
        source: &str,
        quote: &At<&str>,
    ) -> bool {
        if verified.get(&place(quote.value)) == Some(&source) {
            return true;
        }
        let Some(text) = self.source_texts.get(source) else {
            // The source itself failed to load; that problem is already reported.
            return false;
        };
        if text.contains(quote.value) {
            return true;
        }
        let hint = match text.longest_prefix_found(quote.value) {
            Some(prefix) if prefix.chars().count() >= 12 => {
                format!("; the text matches as far as \"{}\"", tail(&prefix, 40))
            }
            _ => String::new(),
        };
        r.report(
            quote.line,
            format!("the quote is not found verbatim in source '{source}'{hint}"),
        );
        false
    }
}
