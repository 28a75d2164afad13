//! `dossier brief`: its flags, how they override a brief file, and writing
//! the memo in the format asked for.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use dossier::Date;
use dossier::assemble::AssembleError;
use dossier::atomic::write_atomically;
use dossier::brief_file::{BriefFile, Form, PageSize, Section};
use dossier::dataset::Dataset;
use dossier::date::Precision;
use dossier::limits::{MAX_BRIEF_FILE, read_to_string_at_most};
use dossier::render::html::HtmlRenderer;
use dossier::render::{Format, memo_for, render};
use dossier::shown::Shown;

use super::failure::Failure;

/// The topic and period flags that `items` and `brief` share.
#[derive(clap::Args, Clone)]
pub struct SelectionArgs {
    /// Only items with this topic (repeat for several; any one matches).
    /// For `brief`, replaces the brief file's topics.
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// Start of the period (2024, 2024-05 or 2024-05-20): items whose date
    /// overlaps it are in.
    #[arg(long, value_name = "DATE")]
    pub from: Option<Date>,
    /// End of the period (2024, 2024-05 or 2024-05-20).
    #[arg(long, value_name = "DATE")]
    pub to: Option<Date>,
}

/// `dossier brief`: a brief file, and flags that override it.
#[derive(clap::Args)]
pub struct BriefArgs {
    /// A brief file (*.brief.toml) to start from; the flags below override it.
    #[arg(value_name = "BRIEF.toml")]
    pub brief: Option<PathBuf>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Include this section (repeat for several); replaces the file's
    /// sections.
    #[arg(long = "section", value_name = "SECTION", value_parser = SectionValue)]
    pub sections: Vec<Section>,
    /// The memo's title.
    #[arg(long)]
    pub title: Option<String>,
    /// The TO line.
    #[arg(long, value_name = "TEXT")]
    pub memo_to: Option<String>,
    /// The FROM line.
    #[arg(long, value_name = "TEXT")]
    pub memo_from: Option<String>,
    /// The classification marking (default: the highest marking of the
    /// sources the memo cites; a lower one is refused).
    #[arg(long, value_name = "MARKING")]
    pub classification: Option<String>,
    /// Print each quoted passage's portion mark, such as (U) or (C).
    #[arg(long)]
    pub portion_marks: bool,
    /// Which memo: `memo` (two pages led by the drafter's text, the
    /// evidence as an annex) or `full` (everything, each item once).
    #[arg(long, value_enum)]
    pub form: Option<FormArg>,
    /// The `memo` form without its annex ("Background").
    #[arg(long)]
    pub no_annex: bool,
    /// The memo's date, a day such as 2025-06-02 (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    /// The paper size.
    #[arg(long, value_enum)]
    pub page: Option<PageArg>,
    /// The output format (default: from the --out extension, else html).
    #[arg(long, value_parser = output_format_arg())]
    pub format: Option<Format>,
    /// A folder of templates replacing any of the built-in ones by name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where to write the memo (`-` for standard output). The file is
    /// written whole or not at all.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Remember what this memo showed (its date, items and follow-up
    /// statuses) beside the brief file (BRIEF.shown.toml), so that the next
    /// memo made from it says what is new since.
    #[arg(long, requires = "brief")]
    pub record: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormArg {
    /// Two pages led by the drafter's text, the evidence as an annex.
    Memo,
    /// Everything selected, each item once.
    Full,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PageArg {
    A4,
    Letter,
}

impl BriefArgs {
    /// Sets in `brief` what the flags give, over what its file says.
    pub fn apply_to(&self, brief: &mut BriefFile) -> Result<(), Failure> {
        let flags = self.selection.clone();
        if !flags.topics.is_empty() {
            brief.selection.topics = Some(flags.topics);
        }
        if flags.from.is_some() {
            brief.selection.from = flags.from;
        }
        if flags.to.is_some() {
            brief.selection.to = flags.to;
        }
        if !self.sections.is_empty() {
            let mut sections = self.sections.clone();
            sections.sort();
            sections.dedup();
            brief.memo.sections = sections;
        }
        let memo = &mut brief.memo;
        for (field, value) in [
            (&mut memo.title, &self.title),
            (&mut memo.to, &self.memo_to),
            (&mut memo.from, &self.memo_from),
        ] {
            if let Some(v) = value {
                v.clone_into(field);
            }
        }
        if self.classification.is_some() {
            memo.classification = self.classification.clone();
        }
        if self.portion_marks {
            memo.portion_marks = true;
        }
        if let Some(f) = self.form {
            memo.form = match f {
                FormArg::Memo => Form::Memo,
                FormArg::Full => Form::Full,
            };
        }
        if self.no_annex {
            memo.annex = false;
        }
        if let Some(d) = self.date {
            if d.precision() != Precision::Day {
                return Err(Failure::Usage(format!(
                    "--date is the memo's date and must be a day, such as {}-01; '{d}' is not.",
                    d
                )));
            }
            memo.date = Some(d);
        }
        if let Some(p) = self.page {
            memo.page = match p {
                PageArg::A4 => PageSize::A4,
                PageArg::Letter => PageSize::Letter,
            };
        }
        Ok(())
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
pub fn output_format(args: &BriefArgs) -> Format {
    args.format.unwrap_or_else(|| Format::of_path(&args.out))
}

/// `dossier brief`: the memo the brief file and the flags ask for, written
/// whole to `--out` (or standard output).
pub fn brief(
    data: &Dataset,
    ledger: &dossier::ledger::Ledger,
    dir: Option<&Path>,
    args: BriefArgs,
) -> Result<(), Failure> {
    check_output(&args.out, args.brief.as_deref(), dir)?;
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
            let mut parsed = BriefFile::parse(&path.display().to_string(), &text, data)
                .map_err(Failure::Data)?;
            parsed.shown = match Shown::read_for(path) {
                Ok(shown) => shown,
                // Being replaced: said, and the memo made without it.
                Err(e) if args.record => {
                    eprintln!(
                        "dossier: note: {}; it is replaced by this memo's record.",
                        super::terminal::printable(&e.to_string())
                    );
                    None
                }
                Err(e) => return Err(Failure::Other(format!("{e}."))),
            };
            brief_text = Some((path.display().to_string(), text));
            parsed
        }
        None => BriefFile::default(),
    };
    args.apply_to(&mut brief)?;
    let today = Date::from(chrono::Local::now().date_naive());
    let assembled = memo_for(data, ledger, &brief, today).map_err(|e| {
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
        eprintln!(
            "dossier: note: {}.",
            super::terminal::printable(&w.to_string())
        );
    }
    let bytes = render(&assembled, format, |memo| {
        HtmlRenderer::new(args.templates.as_deref())?.render(memo)
    })
    .map_err(|e| Failure::Other(format!("{e}.")))?;
    if args.out.as_os_str() == "-" {
        // A memo cut short is a failure, even by a closed pipe.
        let mut stdout = io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|_| stdout.flush())
            .map_err(|e| {
                Failure::Other(format!(
                    "cannot write the memo to standard output: {e}; what was written is incomplete"
                ))
            })?;
    } else {
        write_atomically(&args.out, &bytes).map_err(|e| {
            Failure::Other(format!(
                "cannot write {}: {e}. Nothing was written.",
                args.out.display()
            ))
        })?;
    }
    if let (true, Some(path)) = (args.record, &args.brief) {
        let shown = dossier::assemble::record_of(data, &brief, &assembled, today);
        let on = shown.date;
        let written = shown.write_for(path).map_err(|e| {
            Failure::Other(format!(
                "the memo was written, but its record could not be: {}: {e}",
                dossier::shown::path_for(path).display()
            ))
        })?;
        eprintln!(
            "dossier: recorded what this memo showed ({} items, dated {on}) in {}.",
            shown.items.len(),
            written.display()
        );
    }
    Ok(())
}

/// Refuses, before anything is made, an output that would destroy
/// something: standard output when it is closed, a file that exists and is
/// not a regular file (a device, a pipe, a folder, a link), the brief file
/// itself, or a file of the dataset.
fn check_output(out: &Path, brief: Option<&Path>, data: Option<&Path>) -> Result<(), Failure> {
    if out.as_os_str() == "-" {
        return if stdout_is_open() {
            Ok(())
        } else {
            Err(Failure::Other(
                "standard output is closed, so the memo cannot be written there; give --out FILE, or open it. Nothing was written.".into(),
            ))
        };
    }
    let refuse = |why: String| {
        Failure::Usage(format!(
            "--out {}: {why}. Nothing was written.",
            out.display()
        ))
    };
    dossier::atomic::refuse_special(out).map_err(|e| refuse(e.to_string()))?;
    if brief.is_some_and(|b| dossier::atomic::same_file(out, b)) {
        return Err(refuse(
            "is the brief file itself, which the memo would replace; give the memo its own file, such as memo.pdf".into(),
        ));
    }
    if let Some(b) = brief {
        let record = dossier::shown::path_for(b);
        if out == record || dossier::atomic::same_file(out, &record) {
            return Err(refuse(format!(
                "is where the brief's record of its memo is kept ({}); give the memo its own file",
                record.display()
            )));
        }
    }
    if let Some(dir) = data
        && dossier::dataset::DatasetFiles::is_file_of(dir, out)
    {
        return Err(refuse(format!(
            "is a file of the dataset {}, which the memo would replace; write the memo outside the dataset's files",
            dir.display()
        )));
    }
    Ok(())
}

/// Whether the process has a standard output to write to. Rust's runtime
/// opens the null device, read and write, on a standard output that was
/// closed when the program started; a shell's `>/dev/null` opens it for
/// writing only. So the null device open for reading and writing is a
/// closed output.
fn stdout_is_open() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: fcntl and fstat on descriptor 1 only read its state.
        let flags = unsafe { libc::fcntl(1, libc::F_GETFL) };
        if flags == -1 {
            return false;
        }
        let mut stat: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(1, &mut stat) } != 0 {
            return false;
        }
        let null = std::fs::metadata("/dev/null").map(|m| m.rdev()).ok();
        let is_null = (stat.st_mode & libc::S_IFMT) == libc::S_IFCHR && Some(stat.st_rdev) == null;
        !(is_null && flags & libc::O_ACCMODE == libc::O_RDWR)
    }
    #[cfg(not(unix))]
    {
        true
    }
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

/// `--section`: a section id, read by the library's rule (and worded by
/// it when wrong); its values and what each holds come from the library's
/// registry, for the help.
#[derive(Clone)]
struct SectionValue;

impl clap::builder::TypedValueParser for SectionValue {
    type Value = Section;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Section, clap::Error> {
        let read = |id: &str| id.parse::<Section>();
        read.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Section::all().map(|s| {
            clap::builder::PossibleValue::new(s.id()).help(s.def().about)
        })))
    }
}
