//! The CLI's curation commands — `init`, `ingest`, `review`, `accept`,
//! `reject`, `edit` — and the hidden `read-document` that `ingest` runs as its
//! isolated reader. Thin: the work is in `dossier::init`,
//! `dossier::ingest` and `dossier::edit`.

use std::io::Write;
use std::path::{Path, PathBuf};

use dossier::Date;
use dossier::dataset::{Dataset, SourceKind};
use dossier::edit::{DatasetEdit, EditError, user_name};
use dossier::ingest::isolate::{Limits, read_in_child};
use dossier::ingest::read::Format;
use dossier::ingest::{Field, Given, IngestError, add_to, prepare};

use super::failure::Failure;

/// `dossier ingest`'s flags.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// The document: .txt, .html/.htm, .pdf (with a text layer) or .docx.
    file: PathBuf,
    /// The title (default: the document's own).
    #[arg(long)]
    title: Option<String>,
    /// The publisher (default: the page's site name, if it gives one).
    #[arg(long)]
    publisher: Option<String>,
    /// The person or institution id whose own words the document is (a
    /// speech's speaker); default: found from the document or its publisher.
    #[arg(long, value_name = "ID")]
    author: Option<String>,
    /// The document's address.
    #[arg(long)]
    url: Option<String>,
    /// The publication date (2024, 2024-05 or 2024-05-20); default: the
    /// document's own, if it gives one.
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// What kind of document it is.
    #[arg(long, value_parser = source_kind())]
    kind: Option<SourceKind>,
    /// Its classification marking (default: the dataset's lowest).
    #[arg(long, value_name = "MARKING")]
    classification: Option<String>,
    /// The new source's id (default: from the title and year).
    #[arg(long)]
    id: Option<String>,
    /// Print the new source and its suggestions as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Which pending suggestions `accept` and `reject` act on.
#[derive(clap::Args)]
pub struct PickArgs {
    /// Suggestion ids.
    ids: Vec<String>,
    /// With --all: every pending suggestion of this source.
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
    /// Every pending suggestion (of --source, if given).
    #[arg(long)]
    all: bool,
}

/// `dossier edit`'s flags: each one given sets that field; an empty value
/// removes an optional one (`--date ""`: the source's date, or undated).
#[derive(clap::Args)]
pub struct EditArgs {
    /// The record's id.
    id: String,
    /// A statement's speaker (person or institution id).
    #[arg(long, value_name = "ID")]
    speaker: Option<String>,
    /// A statement's side: a party's id as the dataset declares it (the
    /// built-in dataset: us or kz), joint or other.
    #[arg(long)]
    side: Option<String>,
    /// A statement's stance: commends, concern, calls-for, commits or reports.
    #[arg(long)]
    stance: Option<String>,
    /// The date the text gives: 2025, 2025-05 or 2025-05-20.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// An event that is planned (true) or happened (false).
    #[arg(long, value_name = "BOOL")]
    planned: Option<bool>,
    /// A figure for a past state the text does not date.
    #[arg(long, value_name = "BOOL")]
    undated: Option<bool>,
    /// Topic ids, comma-separated (replaces the list).
    #[arg(long, value_delimiter = ',')]
    topics: Option<Vec<String>>,
    /// A figure's or an event's label.
    #[arg(long)]
    label: Option<String>,
    /// A figure's value.
    #[arg(long)]
    value: Option<f64>,
    /// A figure's unit.
    #[arg(long)]
    unit: Option<String>,
    /// A figure's qualifier (more than, about).
    #[arg(long)]
    qualifier: Option<String>,
    /// An event's place id.
    #[arg(long, value_name = "ID")]
    place: Option<String>,
}

/// The editable dataset a curation command needs.
pub fn editable(data: Option<&Path>, command: &str) -> Result<PathBuf, Failure> {
    data.map(Path::to_path_buf).ok_or_else(|| {
        Failure::Usage(format!(
            "{command} changes a dataset folder: give it with --data DIR (make one with `dossier init DIR`)"
        ))
    })
}

/// `dossier init DIR [--empty]`.
pub fn init(
    dir: &Path,
    empty: bool,
    parties: Vec<dossier::init::NewParty>,
    ours: Option<String>,
    topics: Option<std::path::PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let topics = match topics {
        Some(path) => {
            let text =
                dossier::limits::read_to_string_at_most(&path, dossier::limits::MAX_DATASET_FILE)
                    .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
            Some((path.display().to_string(), text))
        }
        None => None,
    };
    let what = match (empty, parties.as_slice()) {
        (false, _) => "a copy of the built-in dataset".to_string(),
        (true, []) => {
            "an empty dataset with the built-in dataset's parties, topics and markings".to_string()
        }
        (true, given) => {
            let names: Vec<&str> = given.iter().map(|p| p.name.as_str()).collect();
            format!("an empty dataset for {}", dossier::text::and_list(&names))
        }
    };
    let start = if empty {
        dossier::init::Start::Empty {
            parties,
            ours,
            topics,
        }
    } else {
        dossier::init::Start::Copy
    };
    let n = dossier::init::init(dir, &start).map_err(|e| Failure::Other(format!("{e}.")))?;
    let _ = writeln!(
        out,
        "Wrote {n} files to {}: {what}. Check it with `dossier check --data {}`.",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// `dossier synth [--items N] DIR`.
pub fn synth(
    dir: &Path,
    items: usize,
    topics: usize,
    parties: usize,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let n = dossier::init::synth(dir, items, topics, parties)
        .map_err(|e| Failure::Other(format!("{e}.")))?;
    let _ = writeln!(
        out,
        "Wrote {n} files to {}: the synthetic dataset of {items} items over {topics} topics and {parties} parties. Try `dossier check --data {}`.",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// `dossier ingest FILE --data DIR …`.
pub fn ingest(dir: &Path, args: IngestArgs, out: &mut impl Write) -> Result<(), Failure> {
    let data = Dataset::open(Some(dir)).map_err(Failure::Data)?;
    let format = Format::of_path(&args.file).ok_or_else(|| {
        Failure::Usage(format!(
            "{}: Dossier reads .txt, .html, .htm, .pdf and .docx documents; save it as one of those",
            args.file.display()
        ))
    })?;
    let exe = std::env::current_exe()
        .map_err(|e| Failure::Other(format!("cannot find the dossier program itself: {e}.")))?;
    let doc = read_in_child(
        &exe,
        &["read-document"],
        &args.file,
        format,
        Limits::default(),
    )
    .map_err(|e| Failure::Other(format!("{} {e}. Nothing was added.", args.file.display())))?;
    let name = args.file.file_name().map_or_else(
        || "the document".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let given = Given {
        title: args.title,
        publisher: args.publisher,
        author: args.author,
        url: args.url,
        date: args.date,
        kind: args.kind,
        classification: args.classification,
        id: args.id,
    };
    let fail = |e: IngestError| {
        if e.is_usage() {
            Failure::Usage(format!("{}.", ingest_words(&e)))
        } else {
            Failure::Other(format!("{}.", ingest_words(&e)))
        }
    };
    let ingested = prepare(&data, doc, given, &name).map_err(fail)?;
    let proposals = add_to(dir, &ingested).map_err(fail)?;
    if args.json {
        let mut report = serde_json::to_value(ingested.report()).unwrap_or_default();
        report["evidence"] = serde_json::to_value(&proposals).unwrap_or_default();
        let _ = serde_json::to_writer_pretty(&mut *out, &report);
        let _ = writeln!(out);
    } else {
        let n = ingested.found.suggestions.len();
        let _ = writeln!(
            out,
            "Added source '{}' with {n} suggestion{} to review: `dossier review --data {} {}`.",
            ingested.source.id,
            if n == 1 { "" } else { "s" },
            dir.display(),
            ingested.source.id
        );
        for p in &proposals {
            let _ = writeln!(
                out,
                "  '{}' is proposed as evidence for the open thread '{}' ({}).",
                p.item, p.thread, p.label
            );
        }
    }
    Ok(())
}

/// `dossier review [SOURCE]`: the pending suggestions, with their quotes
/// and fields.
pub fn review(dir: &Path, source: Option<&str>, out: &mut impl Write) -> Result<(), Failure> {
    let edit = DatasetEdit::open(dir).map_err(edit_failed)?;
    known_source(&edit, source, dir)?;
    let pending: Vec<_> = edit
        .pending()
        .into_iter()
        .filter(|p| {
            source.is_none_or(|s| p.source.as_deref() == Some(s) || p.file == "people.toml")
        })
        .collect();
    // Proposals of evidence for follow-up threads, by item (the dataset is
    // read only to name them; review works on a folder that does not load).
    let followed = dossier::ledger::Followed::open(Some(dir)).ok();
    let proposals: Vec<&dossier::ledger::Proposal> =
        followed.iter().flat_map(|f| &f.proposals).collect();
    let thread_label = |id: &str| {
        followed
            .as_ref()
            .and_then(|f| f.ledger.thread(id))
            .map_or(String::new(), |t| t.label.clone())
    };
    let pending_ids: Vec<&str> = pending.iter().map(|p| p.id.as_str()).collect();
    let proposed_for = |item: &str, out: &mut dyn Write| {
        for p in proposals
            .iter()
            .filter(|p| p.evidence.iter().any(|e| e == item))
        {
            let first = if pending_ids.contains(&item) {
                format!(
                    "accept it (`dossier accept --data {} {item}`), then ",
                    dir.display()
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "    proposed as evidence for '{}' ({}): {first}record what it shows with `dossier ledger update {} --data {} --status STATUS --evidence {}`",
                p.thread,
                thread_label(&p.thread),
                p.thread,
                dir.display(),
                p.evidence.join(" ")
            );
        }
    };
    let shown: Vec<&str> = pending.iter().map(|p| p.id.as_str()).collect();
    let waiting: Vec<&&dossier::ledger::Proposal> = proposals
        .iter()
        .filter(|p| source.is_none() && !p.evidence.iter().any(|e| shown.contains(&e.as_str())))
        .collect();
    if pending.is_empty() && waiting.is_empty() {
        let _ = writeln!(out, "No suggestion is pending.");
        return Ok(());
    }
    for p in &waiting {
        let _ = writeln!(
            out,
            "evidence  {}  for '{}' ({})",
            p.evidence.join(", "),
            p.thread,
            thread_label(&p.thread)
        );
        proposed_for(&p.evidence[0], out);
        let _ = writeln!(out);
    }
    for p in &pending {
        let open = if p.unclear.is_empty() {
            String::new()
        } else {
            format!(
                "  [{} unclear: set before accepting]",
                p.unclear.join(" and ")
            )
        };
        let _ = writeln!(out, "{}  {}  ({}){open}", p.kind, p.id, p.file);
        if let Some(q) = &p.quote {
            let _ = writeln!(out, "    “{q}”");
        }
        let fields: Vec<String> = p.fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        if !fields.is_empty() {
            let _ = writeln!(out, "    {}", fields.join("; "));
        }
        proposed_for(&p.id, out);
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "{} pending. Accept with `dossier accept --data {} ID…` (or --source S --all); reject with `dossier reject`.",
        pending.len(),
        dir.display()
    );
    Ok(())
}

/// `dossier accept` (`accept` true) or `dossier reject`.
pub fn decide(
    dir: &Path,
    pick: PickArgs,
    accept: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut edit = DatasetEdit::open_for_change(dir).map_err(edit_failed)?;
    known_source(&edit, pick.source.as_deref(), dir)?;
    let today = Date::from(chrono::Local::now().date_naive());
    let who = user_name();
    let (ids, skipped) = if pick.all && accept {
        edit.accept_all(pick.source.as_deref(), &who, today)
            .map_err(edit_failed)?
    } else {
        let ids: Vec<String> = if pick.all {
            edit.pending()
                .into_iter()
                .filter(|p| p.kind != "person" && p.kind != "institution")
                .filter(|p| pick.source.is_none() || p.source == pick.source)
                .map(|p| p.id)
                .collect()
        } else if pick.ids.is_empty() {
            return Err(Failure::Usage(
                "name the suggestions by id, or give --all (with --source S for one source's)"
                    .into(),
            ));
        } else {
            pick.ids
        };
        for id in &ids {
            if accept {
                edit.accept(id, &who, today)
            } else {
                edit.reject(id)
            }
            .map_err(edit_failed)?;
        }
        (ids, 0)
    };
    let skipped_note = if skipped == 0 {
        String::new()
    } else {
        format!(
            " Skipped {skipped} whose speaker or date is unclear: set it with `dossier edit ID …`, then accept it (`dossier review --data {}` marks them).",
            dir.display()
        )
    };
    if ids.is_empty() {
        let _ = writeln!(
            out,
            "No suggestion is ready to {} there; nothing changed.{skipped_note}",
            if accept { "accept" } else { "reject" }
        );
        return Ok(());
    }
    let written = edit.save().map_err(edit_failed)?;
    let _ = writeln!(
        out,
        "{} {} suggestion{}; wrote {}.{skipped_note}",
        if accept { "Accepted" } else { "Rejected" },
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        written.paths().join(", ")
    );
    Ok(())
}

/// `dossier edit ID --data DIR [--date D] [--topics a,b] …`.
pub fn edit(dir: &Path, args: EditArgs, out: &mut impl Write) -> Result<(), Failure> {
    let mut edit = DatasetEdit::open_for_change(dir).map_err(edit_failed)?;
    let record = edit.record(&args.id).ok_or_else(|| {
        Failure::Usage(format!(
            "the dataset has no record '{}'; `dossier items` and `dossier review` list them",
            args.id
        ))
    })?;
    let mut f = record.fields;
    let set = |field: &mut Option<String>, value: Option<String>| {
        if let Some(v) = value {
            *field = Some(v).filter(|v| !v.trim().is_empty());
        }
    };
    // Only a value settles an unclear field: `--date ""` would fall back
    // to the publication date, the guess `unclear` is there to avoid.
    if args
        .speaker
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty())
    {
        f.settle("speaker");
    }
    if args.date.as_deref().is_some_and(|v| !v.trim().is_empty()) {
        f.settle("date");
    }
    set(&mut f.speaker, args.speaker);
    set(&mut f.side, args.side);
    set(&mut f.stance, args.stance);
    set(&mut f.date, args.date);
    set(&mut f.label, args.label);
    set(&mut f.unit, args.unit);
    set(&mut f.qualifier, args.qualifier);
    set(&mut f.place, args.place);
    f.value = args.value.or(f.value);
    f.planned = args.planned.unwrap_or(f.planned);
    f.undated = args.undated.unwrap_or(f.undated);
    if let Some(t) = args.topics {
        f.topics = t.into_iter().filter(|t| !t.trim().is_empty()).collect();
    }
    edit.update(&args.id, &f).map_err(|e| match e {
        EditError::Field(m) => Failure::Usage(format!("{m}.")),
        e => edit_failed(e),
    })?;
    let written = edit.save().map_err(edit_failed)?;
    let _ = writeln!(
        out,
        "Saved {} in {}.",
        args.id,
        if written.paths().is_empty() {
            "no file (nothing changed)".to_string()
        } else {
            written.paths().join(", ")
        }
    );
    Ok(())
}

/// Refuses a `--source` the dataset does not have, rather than finding
/// nothing pending in it.
fn known_source(edit: &DatasetEdit, source: Option<&str>, dir: &Path) -> Result<(), Failure> {
    match source {
        Some(s) if !edit.has_source(s) => Err(Failure::Usage(format!(
            "the dataset has no source '{s}'; a source's id is the name of its file in {}/sources/, without .toml",
            dir.display()
        ))),
        _ => Ok(()),
    }
}

pub fn edit_failed(e: EditError) -> Failure {
    match e {
        EditError::Invalid(p) => Failure::Data(p),
        EditError::NotFound(_) | EditError::NoRecord(_) => Failure::Usage(format!("{e}.")),
        e => Failure::Other(format!("{e}.")),
    }
}

/// `--kind`: the dataset's source kinds by their ids, each with its
/// description in the help.
fn source_kind() -> impl clap::builder::TypedValueParser<Value = SourceKind> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(
        SourceKind::ALL.map(|(id, kind)| PossibleValue::new(id).help(kind.description())),
    )
    .map(|id| SourceKind::from_id(&id).expect("clap checked the id"))
}

/// An ingest error in the CLI's words: what to give, by its flag.
fn ingest_words(e: &IngestError) -> String {
    match e {
        IngestError::Missing(field) => {
            let (flag, example) = match field {
                Field::Date => ("--date", "2024-05-20"),
                Field::Kind => ("--kind", "news"),
                Field::Publisher => ("--publisher", "\"New Europe Global\""),
            };
            format!("{e}; give it with {flag} (for example {flag} {example})")
        }
        IngestError::UnknownMarking { .. } => format!("--classification {e}"),
        IngestError::BadId(_) => format!("--id {e}"),
        IngestError::UnknownAuthor(_) => format!("--author {e}"),
        IngestError::IdTaken(_) => format!("{e}; give another id with --id"),
        IngestError::IdTooLong(_) => format!("--id: {e}"),
        IngestError::Invalid(_) | IngestError::Io(..) | IngestError::Busy(_) => e.to_string(),
    }
}
