//! `dossier ledger`: the follow-up threads (what was asked and promised,
//! and what the sources show happened since), and `ledger open`, `update`
//! and `remove`, which change them through `dossier::edit`.

use std::io::{self, Write};
use std::path::Path;

use dossier::DateRange;
use dossier::dataset::Dataset;
use dossier::edit::DatasetEdit;
use dossier::edit::ledger::NewThread;
use dossier::ledger::{Filter, Followed, Status, ThreadView, according_to, opened_words, views};

use super::brief::SelectionArgs;
use super::curate::{edit_failed, editable};
use super::failure::Failure;

/// `dossier ledger`'s flags and its subcommands.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LedgerArgs {
    #[command(subcommand)]
    action: Option<LedgerAction>,
    #[command(flatten)]
    selection: SelectionArgs,
    /// Only threads at this status by the end of the period.
    #[arg(long, value_parser = status())]
    status: Option<Status>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Changes to the ledger of a dataset folder (--data DIR).
#[derive(clap::Subcommand)]
enum LedgerAction {
    /// Open a thread from a call, a concern, a commitment or a planned event.
    Open {
        /// The item's id.
        item: String,
        /// A few neutral words naming the ask or promise (a planned
        /// event's own label when not given).
        #[arg(long)]
        label: Option<String>,
        /// The party that owes action (a party id of the dataset); found
        /// from the item when it settles it.
        #[arg(long, value_name = "PARTY")]
        owed_by: Option<String>,
    },
    /// Record what items show happened on a thread.
    Update {
        /// The thread's id.
        thread: String,
        /// What the evidence shows.
        #[arg(long, value_parser = status())]
        status: Status,
        /// The items that show it (one or more).
        #[arg(long, value_name = "ITEM", num_args = 1.., required = true)]
        evidence: Vec<String>,
        /// Your own words on it, printed as the drafter's.
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a thread and its updates.
    Remove {
        /// The thread's id.
        thread: String,
    },
}

fn status() -> impl clap::builder::TypedValueParser<Value = Status> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(Status::ALL.map(|(id, _)| id))
        .map(|id| Status::from_id(&id).expect("clap checked the status"))
}

/// Runs `dossier ledger …` on the dataset in `dir` (the embedded one for a
/// listing without --data).
pub fn ledger(dir: Option<&Path>, args: LedgerArgs, out: &mut impl Write) -> Result<(), Failure> {
    match args.action {
        None => list(dir, args.selection, args.status, args.json, out),
        Some(action) => change(
            &editable(dir, "ledger open, update and remove")?,
            action,
            out,
        ),
    }
}

fn list(
    dir: Option<&Path>,
    selection: SelectionArgs,
    status: Option<Status>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let followed = Followed::open(dir).map_err(Failure::Data)?;
    let data = &followed.data;
    if let Some(t) = selection.topics.iter().find(|t| data.topic(t).is_none()) {
        return Err(Failure::Usage(format!(
            "unknown topic '{t}'; run `dossier topics` to list them."
        )));
    }
    let filter = Filter {
        topics: (!selection.topics.is_empty()).then_some(selection.topics),
        range: DateRange::new(selection.from, selection.to)
            .map_err(|e| Failure::Usage(e.to_string()))?,
        status,
    };
    let threads = views(&followed.ledger, data, &filter);
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "threads": threads }))
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        text(data, &threads, out)
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Other(format!("cannot write the output: {e}.")))
        }
        _ => Ok(()),
    }
}

fn text(data: &Dataset, threads: &[ThreadView], out: &mut impl Write) -> io::Result<()> {
    if threads.is_empty() {
        return writeln!(out, "No follow-up thread matches.");
    }
    for t in threads {
        let opening = data.items.iter().find(|i| i.id == t.opened_by.item);
        writeln!(out, "{}  {}", t.id, t.label)?;
        writeln!(
            out,
            "  opened: {} ({}) · owed by {} · {}",
            opening.map(|i| opened_words(data, i)).unwrap_or_default(),
            t.opened_by.item,
            t.owed_by_name,
            t.topics.join(", ")
        )?;
        match t.updates.last() {
            None => writeln!(out, "  no information since {}", t.as_of.human())?,
            Some(_) => {
                for u in &t.updates {
                    writeln!(
                        out,
                        "  {}: {} — {} ({})",
                        u.date_words(),
                        u.status.words(),
                        u.evidence.join(", "),
                        according_to(data, &u.reported_by)
                    )?;
                    if let Some(n) = &u.note {
                        writeln!(out, "    drafter's note: {n}")?;
                    }
                }
            }
        }
        writeln!(out)?;
    }
    let open = threads.iter().filter(|t| !t.status.is_final()).count();
    writeln!(out, "{} threads, {open} open.", threads.len())
}

fn change(dir: &Path, action: LedgerAction, out: &mut impl Write) -> Result<(), Failure> {
    let mut edit = DatasetEdit::open_for_change(dir).map_err(edit_failed)?;
    let said = match action {
        LedgerAction::Open {
            item,
            label,
            owed_by,
        } => {
            let data = edit.dataset().map_err(edit_failed)?;
            let id = edit
                .open_thread(
                    &data,
                    &NewThread {
                        item,
                        label,
                        owed_by,
                    },
                )
                .map_err(edit_failed)?;
            format!(
                "Opened thread '{id}'. Record what follows with `dossier ledger update {id} --data {} --status … --evidence ITEM`.",
                dir.display()
            )
        }
        LedgerAction::Update {
            thread,
            status,
            evidence,
            note,
        } => {
            edit.update_thread(&thread, status, &evidence, note.as_deref())
                .map_err(edit_failed)?;
            format!("Recorded '{thread}' as {}.", status.words())
        }
        LedgerAction::Remove { thread } => {
            edit.remove_thread(&thread).map_err(edit_failed)?;
            format!("Removed thread '{thread}'.")
        }
    };
    edit.save().map_err(edit_failed)?;
    let _ = writeln!(out, "{said}");
    Ok(())
}
