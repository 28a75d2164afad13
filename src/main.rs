//! `dossier`: the command-line adapter over the dossier library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[path = "cli/curate.rs"]
mod curate;
use dossier::assemble::AssembleError;
use dossier::atomic::write_atomically;
use dossier::brief_file::{BriefFile, Form, PageSize, Section};
use dossier::dataset::{Dataset, Detail, Item, Kind};
use dossier::date::Precision;
use dossier::limits::{MAX_BRIEF_FILE, read_to_string_at_most};
use dossier::render::html::HtmlRenderer;
use dossier::render::{Format, memo_for, render};
use dossier::{Date, DateRange, Problems, Selection};

/// Briefing memos from a sourced dataset of statements, figures and events.
#[derive(Parser)]
#[command(name = "dossier", version, about, max_term_width = 100)]
struct Cli {
    /// Use the dataset in this folder instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the topics with their item counts.
    Topics {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the items that match a selection, oldest first.
    Items {
        #[command(flatten)]
        selection: SelectionArgs,
        /// Only items of this kind (repeat for several).
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<KindArg>,
        /// Print a JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Assemble a briefing memo and write it as HTML or PDF.
    Brief(BriefArgs),
    /// Validate a dataset and report every problem with its file and line.
    Check {
        /// Also show, for each source, how many of its sentences items quote,
        /// and list those they do not.
        #[arg(long)]
        coverage: bool,
    },
    /// Write an editable dataset folder: a copy of the built-in dataset, or
    /// with --empty one with no sources, for the built-in dataset's parties
    /// or those given (`--party us="United States" --party uz=Uzbekistan`).
    Init {
        /// A new or empty folder.
        dir: PathBuf,
        /// No sources or people: the topics, markings and parties only.
        #[arg(long)]
        empty: bool,
        /// A party of the relationship, as ID=NAME (with --empty; repeat
        /// for each party; default: the built-in dataset's us and kz).
        #[arg(long = "party", value_name = "ID=NAME", requires = "empty")]
        parties: Vec<dossier::init::NewParty>,
        /// The id of the reader's own party (default: the first --party).
        #[arg(long, value_name = "ID", requires = "parties")]
        ours: Option<String>,
        /// A topics.toml of your own (with --empty; default: the built-in
        /// dataset's topics).
        #[arg(long, value_name = "FILE", requires = "empty")]
        topics: Option<PathBuf>,
    },
    /// Write the deterministic synthetic dataset (for trying Dossier at
    /// scale) into a new or empty folder.
    Synth {
        /// How many items.
        #[arg(long, default_value_t = 100_000)]
        items: usize,
        /// How many topics (the first 16 take the built-in dataset's ids).
        #[arg(long, default_value_t = dossier::synthetic::DEFAULT_TOPICS as u16, value_parser = clap::value_parser!(u16).range(1..=10_000))]
        topics: u16,
        /// How many parties speak (2 gives the built-in dataset's `us` and
        /// `kz`; any other count `party-1`, `party-2` … declared in
        /// dataset.toml).
        #[arg(long, default_value_t = dossier::synthetic::DEFAULT_PARTIES as u8, value_parser = clap::value_parser!(u8).range(1..=50))]
        parties: u8,
        /// A new or empty folder.
        dir: PathBuf,
    },
    /// Add a document (text, web page, PDF, Word) to a dataset folder as a
    /// new source, with suggested statements, figures, events and people.
    Ingest(curate::IngestArgs),
    /// List the suggestions awaiting review (of one source, if given).
    Review {
        /// A source id.
        source: Option<String>,
    },
    /// Accept suggestions: they become data (noting when and by whom).
    Accept(curate::PickArgs),
    /// Reject suggestions: they are removed.
    Reject(curate::PickArgs),
    /// Change fields of a record (a suggestion or an item), keeping the
    /// file's comments and layout; the dataset is checked before writing.
    Edit(curate::EditArgs),
    /// Reads a document for `ingest`, in a process of its own (internal).
    #[command(hide = true)]
    ReadDocument {
        /// text, html, pdf or docx.
        format: String,
        /// The document.
        file: PathBuf,
    },
}

/// The topic and period flags that `items` and `brief` share.
#[derive(clap::Args)]
struct SelectionArgs {
    /// Only items with this topic (repeat for several; any one matches).
    /// For `brief`, replaces the brief file's topics.
    #[arg(long = "topic", value_name = "TOPIC")]
    topics: Vec<String>,
    /// Start of the period (2024, 2024-05 or 2024-05-20): items whose date
    /// overlaps it are in.
    #[arg(long, value_name = "DATE")]
    from: Option<Date>,
    /// End of the period (2024, 2024-05 or 2024-05-20).
    #[arg(long, value_name = "DATE")]
    to: Option<Date>,
}

/// `dossier brief`: a brief file, and flags that override it.
#[derive(clap::Args)]
struct BriefArgs {
    /// A brief file (*.brief.toml) to start from; the flags below override it.
    #[arg(value_name = "BRIEF.toml")]
    brief: Option<PathBuf>,
    #[command(flatten)]
    selection: SelectionArgs,
    /// Include this section (repeat for several); replaces the file's
    /// sections. One of: header, summary, key-figures, topics, points,
    /// timeline, sources.
    #[arg(long = "section", value_name = "SECTION")]
    sections: Vec<Section>,
    /// The memo's title.
    #[arg(long)]
    title: Option<String>,
    /// The TO line.
    #[arg(long, value_name = "TEXT")]
    memo_to: Option<String>,
    /// The FROM line.
    #[arg(long, value_name = "TEXT")]
    memo_from: Option<String>,
    /// The classification marking (default: the highest marking of the
    /// sources the memo cites; a lower one is refused).
    #[arg(long, value_name = "MARKING")]
    classification: Option<String>,
    /// Print each quoted passage's portion mark, such as (U) or (C).
    #[arg(long)]
    portion_marks: bool,
    /// Which memo: `memo` (two pages led by the drafter's text, the
    /// evidence as an annex) or `full` (everything, each item once).
    #[arg(long, value_enum)]
    form: Option<FormArg>,
    /// The `memo` form without its annex ("Background").
    #[arg(long)]
    no_annex: bool,
    /// The memo's date, a day such as 2025-06-02 (default: today).
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// The paper size.
    #[arg(long, value_enum)]
    page: Option<PageArg>,
    /// The output format (default: from the --out extension, else html).
    #[arg(long, value_parser = output_format_arg())]
    format: Option<Format>,
    /// A folder of templates replacing any of the built-in ones by name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Where to write the memo (`-` for standard output). The file is
    /// written whole or not at all.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormArg {
    /// Two pages led by the drafter's text, the evidence as an annex.
    Memo,
    /// Everything selected, each item once.
    Full,
}

#[derive(Clone, Copy, ValueEnum)]
enum PageArg {
    A4,
    Letter,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Statement,
    Figure,
    Event,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Statement => Kind::Statement,
            KindArg::Figure => Kind::Figure,
            KindArg::Event => Kind::Event,
        }
    }
}

/// Why a command failed, and so its exit code.
enum Failure {
    /// Bad usage (exit 2).
    Usage(String),
    /// A dataset with problems (exit 1).
    Data(Problems),
    /// Anything else that went wrong (exit 1).
    Other(String),
}

/// A file-size limit (`ulimit -f`) must make a write fail with an error,
/// which the atomic writer cleans up after, rather than kill the process
/// and leave its temporary file behind.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal to "ignore", at start,
    // before any other thread exists; no handler code runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// The CLI allocates with mimalloc: typesetting makes many short-lived
/// strings and buffers, and with the C library's allocator a 141-page PDF
/// spent 40 % of its time in malloc and free (63 -> 30 ms). The desktop app
/// keeps the C library's: mimalloc held 20 MB more there, for no gain a
/// user would see in a preview.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("dossier: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Data(problems)) => {
            eprintln!("{problems}");
            ExitCode::from(1)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("dossier: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    let curated = match cli.command {
        Command::ReadDocument { format, file } => {
            std::process::exit(dossier::ingest::isolate::serve(&format, &file))
        }
        Command::Init {
            dir,
            empty,
            parties,
            ours,
            topics,
        } => Some(curate::init(&dir, empty, parties, ours, topics, &mut out)),
        Command::Synth {
            items,
            topics,
            parties,
            dir,
        } => Some(curate::synth(
            &dir,
            items,
            usize::from(topics),
            usize::from(parties),
            &mut out,
        )),
        Command::Ingest(args) => Some(
            curate::editable(cli.data.as_deref(), "ingest")
                .and_then(|dir| curate::ingest(&dir, args, &mut out)),
        ),
        Command::Review { source } => Some(
            curate::editable(cli.data.as_deref(), "review")
                .and_then(|dir| curate::review(&dir, source.as_deref(), &mut out)),
        ),
        Command::Accept(pick) => Some(
            curate::editable(cli.data.as_deref(), "accept")
                .and_then(|dir| curate::decide(&dir, pick, true, &mut out)),
        ),
        Command::Reject(pick) => Some(
            curate::editable(cli.data.as_deref(), "reject")
                .and_then(|dir| curate::decide(&dir, pick, false, &mut out)),
        ),
        Command::Edit(args) => Some(
            curate::editable(cli.data.as_deref(), "edit")
                .and_then(|dir| curate::edit(&dir, args, &mut out)),
        ),
        command => {
            return run_on_dataset(cli.data.as_deref(), command, &mut out);
        }
    };
    match curated {
        Some(Err(curate::Failed::Usage(m))) => Err(Failure::Usage(m)),
        Some(Err(curate::Failed::Data(p))) => Err(Failure::Data(p)),
        Some(Err(curate::Failed::Other(m))) => Err(Failure::Other(m)),
        _ => Ok(()),
    }
}

fn run_on_dataset(
    dir: Option<&std::path::Path>,
    command: Command,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Command::Brief(args) = &command
        && output_format(args) == Format::Pdf
    {
        // Inflated and parsed while the dataset loads.
        dossier::render::pdf::fonts::Fonts::prepare();
    }
    let data = Dataset::open(dir).map_err(Failure::Data)?;
    let written = match command {
        Command::Topics { json } => topics(&data, json, out),
        Command::Items {
            selection: SelectionArgs { topics, from, to },
            kinds,
            json,
        } => {
            let range = DateRange::new(from, to).map_err(|e| Failure::Usage(e.to_string()))?;
            let selection = Selection {
                topics,
                range,
                kinds: kinds.into_iter().map(Kind::from).collect(),
            };
            let unknown = selection.unknown_topics(&data);
            if !unknown.is_empty() {
                return Err(Failure::Usage(format!(
                    "unknown topic '{}'; run `dossier topics` to list them.",
                    unknown.join("', '")
                )));
            }
            items(&data, &selection, json, out)
        }
        Command::Check { coverage } => check(&data, coverage, out),
        Command::Brief(args) => return brief(&data, args),
        _ => unreachable!("curation commands are run above"),
    };
    match written {
        Ok(()) => Ok(()),
        // A closed pipe (`dossier items | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!("cannot write the output: {e}."))),
    }
}

/// `--format`: the renderer's formats by name.
fn output_format_arg() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(Format::ALL.map(|(name, format)| {
        let value = PossibleValue::new(name);
        match format {
            Format::Docx => value.help("A Word document, for clearance and editing"),
            Format::Html | Format::Pdf => value,
        }
    }))
    .map(|name| {
        Format::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .expect("clap checked the name")
    })
}

/// The format `--format` names, or else the one the output file's extension
/// says, HTML by default.
fn output_format(args: &BriefArgs) -> Format {
    args.format.unwrap_or_else(|| Format::of_path(&args.out))
}

fn brief(data: &Dataset, args: BriefArgs) -> Result<(), Failure> {
    let format = output_format(&args);
    let mut brief_text = None;
    let mut brief = match &args.brief {
        Some(path) => {
            let text = read_to_string_at_most(path, MAX_BRIEF_FILE).map_err(|e| {
                Failure::Other(format!(
                    "cannot read the brief file {}: {e}.",
                    path.display()
                ))
            })?;
            let parsed = BriefFile::parse(&path.display().to_string(), &text, data)
                .map_err(Failure::Data)?;
            brief_text = Some((path.display().to_string(), text));
            parsed
        }
        None => BriefFile::default(),
    };
    let flags = args.selection;
    if !flags.topics.is_empty() {
        brief.selection.topics = Some(flags.topics);
    }
    if flags.from.is_some() {
        brief.selection.from = flags.from;
    }
    if flags.to.is_some() {
        brief.selection.to = flags.to;
    }
    if !args.sections.is_empty() {
        let mut sections = args.sections;
        sections.sort();
        sections.dedup();
        brief.memo.sections = sections;
    }
    let memo = &mut brief.memo;
    for (field, value) in [
        (&mut memo.title, args.title),
        (&mut memo.to, args.memo_to),
        (&mut memo.from, args.memo_from),
    ] {
        if let Some(v) = value {
            *field = v;
        }
    }
    if args.classification.is_some() {
        memo.classification = args.classification;
    }
    if args.portion_marks {
        memo.portion_marks = true;
    }
    if let Some(f) = args.form {
        memo.form = match f {
            FormArg::Memo => Form::Memo,
            FormArg::Full => Form::Full,
        };
    }
    if args.no_annex {
        memo.annex = false;
    }
    if let Some(d) = args.date {
        if d.precision() != Precision::Day {
            return Err(Failure::Usage(format!(
                "--date is the memo's date and must be a day, such as {}-01; '{d}' is not.",
                d
            )));
        }
        memo.date = Some(d);
    }
    if let Some(p) = args.page {
        memo.page = match p {
            PageArg::A4 => PageSize::A4,
            PageArg::Letter => PageSize::Letter,
        };
    }
    let today = Date::from(chrono::Local::now().date_naive());
    let assembled = memo_for(data, &brief, today).map_err(|e| {
        // A bad citation is the brief file's: name its line.
        if let (AssembleError::Citation { id, field, .. }, Some((path, text))) = (&e, &brief_text)
            && let Some(line) = citation_line(text, field, id)
        {
            return Failure::Usage(format!("{path}:{line}: {e}."));
        }
        if e.is_usage() {
            Failure::Usage(format!("{e}."))
        } else {
            Failure::Other(format!("{e}. Nothing was written."))
        }
    })?;
    for w in &assembled.warnings {
        eprintln!("dossier: note: {w}.");
    }
    let bytes = render(&assembled, format, |memo| {
        HtmlRenderer::new(args.templates.as_deref())?.render(memo)
    })
    .map_err(|e| Failure::Other(format!("{e}.")))?;
    if args.out.as_os_str() == "-" {
        let mut stdout = io::stdout().lock();
        return match stdout.write_all(&bytes) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                Err(Failure::Other(format!("cannot write the output: {e}.")))
            }
            _ => Ok(()),
        };
    }
    write_atomically(&args.out, &bytes).map_err(|e| {
        Failure::Other(format!(
            "cannot write {}: {e}. Nothing was written.",
            args.out.display()
        ))
    })
}

/// The 1-based line of a brief file where `field` (`talking_points`,
/// `comments.torture`) cites `[@id]`: the first line from the field's key on
/// that holds it, else the key's own line.
fn citation_line(text: &str, field: &str, id: &str) -> Option<usize> {
    let key = field.rsplit('.').next().unwrap_or(field);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| {
        let l = l.trim_start();
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })?;
    let needle = format!("[@{id}]");
    let found = lines[at..]
        .iter()
        .position(|l| l.contains(&needle))
        .map_or(at, |k| at + k);
    Some(found + 1)
}

fn topics(data: &Dataset, json: bool, out: &mut impl Write) -> io::Result<()> {
    let counts = data.topic_counts();
    if json {
        let list: Vec<serde_json::Value> = counts
            .iter()
            .map(|(t, n)| {
                serde_json::json!({
                    "id": t.id, "label": t.label, "description": t.description,
                    "keywords": t.keywords, "items": n,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = counts.iter().map(|(t, _)| t.id.len()).max().unwrap_or(0);
    for (t, n) in counts {
        writeln!(out, "{:<width$}  {:>5}  {}", t.id, n, t.label)?;
    }
    Ok(())
}

fn items(
    data: &Dataset,
    selection: &Selection,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let picked = selection.apply(data);
    if json {
        // Each item with the highest marking of the sources it cites.
        let list: Vec<serde_json::Value> = picked
            .iter()
            .map(|i| {
                let mut v = serde_json::to_value(i).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("marking".into(), data.item_marking(i).0.name.clone().into());
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    for item in &picked {
        writeln!(out, "{}", describe(data, item))?;
        writeln!(out, "    “{}”", item.quote())?;
        let sources: Vec<&str> = item.citations.iter().map(|c| c.source.as_str()).collect();
        writeln!(
            out,
            "    topics: {}; sources: {}\n",
            item.topics.join(", "),
            sources.join(", ")
        )?;
    }
    writeln!(out, "{} selected.", plural(picked.len(), "item", "items"))
}

/// The first line of an item in the text listing.
fn describe(data: &Dataset, item: &Item) -> String {
    let mut head = format!("{}  {}  {}", item.date_words(), item.kind(), item.id);
    if let (marking, Some(_)) = data.item_marking(item)
        && marking != data.lowest_marking()
    {
        head.push_str(&format!("  [{}]", marking.name));
    }
    match &item.detail {
        Detail::Statement {
            speaker,
            side,
            stance,
        } => {
            let name = data
                .speaker(speaker)
                .map(|s| s.name().to_string())
                .unwrap_or_default();
            let stance = stance.map(|s| format!(", {}", s.id())).unwrap_or_default();
            format!("{head}\n    {name} ({}{stance})", side.id())
        }
        Detail::Figure {
            value,
            unit,
            label,
            qualifier,
        } => {
            let value = dossier::format::figure_value(*value, unit, qualifier.as_deref());
            format!("{head}\n    {label}: {value}")
        }
        Detail::Event { label, place, .. } => {
            let at = place
                .as_deref()
                .and_then(|p| data.place(p))
                .map(|p| format!(", {}", p.name))
                .unwrap_or_default();
            format!("{head}\n    {label}{at}")
        }
    }
}

fn check(data: &Dataset, show_coverage: bool, out: &mut impl Write) -> io::Result<()> {
    let count = |k: Kind| data.items.iter().filter(|i| i.kind() == k).count();
    writeln!(
        out,
        "The dataset is valid: {}, {} ({}, {}, {}), {}, {}, {}, {}.",
        plural(data.sources.len(), "source", "sources"),
        plural(data.items.len(), "item", "items"),
        plural(count(Kind::Statement), "statement", "statements"),
        plural(count(Kind::Figure), "figure", "figures"),
        plural(count(Kind::Event), "event", "events"),
        plural(data.topics.len(), "topic", "topics"),
        plural(data.people.len(), "person", "people"),
        plural(data.institutions.len(), "institution", "institutions"),
        plural(data.places.len(), "place", "places"),
    )?;
    if data.pending > 0 {
        writeln!(
            out,
            "{} pending review: `dossier review` lists them.",
            plural(data.pending, "suggestion is", "suggestions are")
        )?;
        for p in &data.pending_problems {
            writeln!(out, "  pending: {p}")?;
        }
    }
    if show_coverage {
        coverage(data, out)?;
    }
    Ok(())
}

fn coverage(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    let report = dossier::coverage::coverage(data);
    let width = report.iter().map(|c| c.source.id.len()).max().unwrap_or(0);
    writeln!(
        out,
        "\nSentences quoted by at least one item (headings not counted):"
    )?;
    for c in &report {
        let total = c.content().count();
        writeln!(
            out,
            "  {:<width$}  {:>3} of {:>3}  ({:.0}%)  + {} heading line{}",
            c.source.id,
            c.covered(),
            total,
            100.0 * c.covered() as f64 / total.max(1) as f64,
            c.headings(),
            if c.headings() == 1 { "" } else { "s" },
        )?;
    }
    for c in report.iter().filter(|c| c.uncovered().next().is_some()) {
        writeln!(out, "\nNot quoted in {}:", c.source.id)?;
        for s in c.uncovered() {
            writeln!(out, "  - {}", s.text)?;
        }
    }
    Ok(())
}

/// `1 figure`, `2 figures`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
