//! `dossier`: the command-line adapter over the dossier library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

use cli::brief::{BriefArgs, SelectionArgs, brief, output_format};
use cli::curate;
use cli::failure::Failure;
use cli::listings::{KindArg, check, items, topics};
use cli::terminal::{Printable, printable};
use dossier::dataset::Kind;
use dossier::ledger::Followed;
use dossier::render::Format;
use dossier::{DateRange, Selection};

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
    /// What is new, changed and gone since the memo last recorded from a
    /// brief file (`dossier brief BRIEF --record`), without writing a memo.
    Diff {
        /// The brief file.
        #[arg(value_name = "BRIEF.toml")]
        brief: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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
    /// List the follow-up threads (what was asked and promised, and what
    /// the sources show happened since), or open, update or remove one.
    Ledger(cli::ledger::LedgerArgs),
    /// Reads a document for `ingest`, in a process of its own (internal).
    #[command(hide = true)]
    ReadDocument {
        /// text, html, pdf or docx.
        format: String,
        /// The document.
        file: PathBuf,
    },
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
            eprintln!("dossier: {}", printable(&msg));
            ExitCode::from(2)
        }
        Err(Failure::Data(problems)) => {
            eprintln!("{}", printable(&problems.to_string()));
            ExitCode::from(1)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("dossier: {}", printable(&msg));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut out = Printable(io::stdout().lock());
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
        Command::Ledger(args) => Some(cli::ledger::ledger(cli.data.as_deref(), args, &mut out)),
        Command::Edit(args) => Some(
            curate::editable(cli.data.as_deref(), "edit")
                .and_then(|dir| curate::edit(&dir, args, &mut out)),
        ),
        command => {
            return run_on_dataset(cli.data.as_deref(), command, &mut out);
        }
    };
    curated.unwrap_or(Ok(()))
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
    let followed = Followed::open(dir).map_err(Failure::Data)?;
    let data = &followed.data;
    let written = match command {
        Command::Topics { json } => topics(data, json, out),
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
            let unknown = selection.unknown_topics(data);
            if !unknown.is_empty() {
                return Err(Failure::Usage(format!(
                    "unknown topic '{}'; run `dossier topics` to list them.",
                    unknown.join("', '")
                )));
            }
            items(data, &selection, json, out)
        }
        Command::Check { coverage } => check(&followed, coverage, out),
        Command::Brief(args) => return brief(data, &followed.ledger, dir, args),
        Command::Diff { brief, json } => {
            return cli::diff::diff(data, &followed.ledger, &brief, json, out);
        }
        _ => unreachable!("curation commands are run above"),
    };
    // The process ends here: freeing a large dataset item by item would
    // only delay it.
    std::mem::forget(followed);
    match written {
        Ok(()) => Ok(()),
        // A closed pipe (`dossier items | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!("cannot write the output: {e}."))),
    }
}
