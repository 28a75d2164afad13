//! `dossier diff BRIEF`: what is new, changed and gone since the memo last
//! recorded from a brief (`dossier brief BRIEF --record`), without writing
//! a memo. The comparison is the library's (`assemble::changes_since`), the
//! same the memo's "New since" section shows.

use std::io::{self, Write};
use std::path::Path;

use dossier::assemble::changes_since;
use dossier::brief_file::BriefFile;
use dossier::dataset::Dataset;
use dossier::ledger::Ledger;
use dossier::limits::{MAX_BRIEF_FILE, read_to_string_at_most};
use dossier::shown::{Shown, Since, path_for};

use super::failure::Failure;

/// Runs `dossier diff`.
pub fn diff(
    data: &Dataset,
    ledger: &Ledger,
    path: &Path,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let text = read_to_string_at_most(path, MAX_BRIEF_FILE).map_err(|e| {
        Failure::Other(format!(
            "cannot read the brief file {}: {e}.",
            path.display()
        ))
    })?;
    let mut brief =
        BriefFile::parse(&path.display().to_string(), &text, data).map_err(Failure::Data)?;
    brief.shown = Shown::read_for(path).map_err(|e| Failure::Other(format!("{e}.")))?;
    let since = changes_since(data, ledger, &brief)
        .map_err(|e| Failure::Usage(format!("{e}.")))?
        .ok_or_else(|| {
            Failure::Usage(format!(
                "{} has no record of what its memo showed ({} is missing); make the memo with `dossier brief {} --record --out …` first",
                path.display(),
                path_for(path).display(),
                path.display()
            ))
        })?;
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &since)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        text_of(data, ledger, &since, out)
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Other(format!("cannot write the output: {e}.")))
        }
        _ => Ok(()),
    }
}

fn text_of(data: &Dataset, ledger: &Ledger, since: &Since, out: &mut impl Write) -> io::Result<()> {
    let name = |id: &str| {
        data.items
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| id.to_string(), |i| data.item_name(i))
    };
    writeln!(out, "Since the memo of {}:", since.since.human())?;
    writeln!(out, "  {} new", since.new.len())?;
    for id in &since.new {
        let why = data
            .items
            .iter()
            .find(|i| i.id == *id)
            .and_then(|i| {
                i.accepted
                    .filter(|d| d.first_day() > since.since.last_day())
            })
            .map_or_else(String::new, |d| {
                format!(" (added to the dataset on {})", d.human())
            });
        writeln!(out, "    + {id}  {}{why}", name(id))?;
    }
    writeln!(out, "  {} changed", since.changed.len())?;
    for c in &since.changed {
        writeln!(
            out,
            "    ~ {}  {} ({} changed)",
            c.id,
            name(&c.id),
            c.what.join(" and ")
        )?;
    }
    writeln!(out, "  {} gone", since.gone.len())?;
    for id in &since.gone {
        writeln!(out, "    - {id}  {}", name(id))?;
    }
    writeln!(out, "  {} follow-up threads changed", since.threads.len())?;
    for t in &since.threads {
        let label = ledger
            .thread(&t.id)
            .map_or(t.id.as_str(), |t| t.label.as_str());
        let then = t.then.map_or("not followed", |s| s.words());
        writeln!(out, "    * {}  {label}: {then} → {}", t.id, t.now.words())?;
    }
    Ok(())
}
