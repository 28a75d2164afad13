//! The dataset cache (`dataset::cache`) through the real CLI: a second
//! load takes the files that did not change from it, and says exactly
//! what a load without it says, whatever happened to the files or to the
//! cache between the two.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, dossier_with};

/// A copy of the default dataset with a cache folder of its own.
struct Folder {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

fn setup() -> Folder {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    let run = dossier_with(&["init", data.to_str().unwrap()], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Folder {
        _tmp: tmp,
        data,
        cache,
    }
}

impl Folder {
    /// `dossier ARGS --data DATA` with this folder's cache and the load's
    /// own account of it on stderr.
    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &OsStr)]) -> Run {
        let mut all = args.to_vec();
        all.extend(["--data", self.data.to_str().unwrap()]);
        let mut env = env.to_vec();
        env.extend([
            ("XDG_CACHE_HOME", self.cache.as_os_str()),
            ("DOSSIER_LOAD_TIMINGS", OsStr::new("1")),
        ]);
        dossier_with(&all, &env)
    }

    /// The same, without the cache: what every cached answer must equal.
    fn uncached(&self, args: &[&str]) -> Run {
        self.run_with(args, &[("DOSSIER_CACHE", OsStr::new("off"))])
    }

    /// The cache's entry files, with their bytes.
    fn entries(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        let Ok(folders) = fs::read_dir(self.cache.join("dossier/datasets")) else {
            return out;
        };
        for folder in folders {
            for entry in fs::read_dir(folder.unwrap().path()).unwrap() {
                let path = entry.unwrap().path();
                out.insert(path.clone(), fs::read(path).unwrap());
            }
        }
        out
    }

    /// The folder of the cache's entries.
    fn entry_folder(&self) -> PathBuf {
        let entries = self.entries();
        let first = entries.keys().next().expect("the cache has entries");
        first.parent().unwrap().to_path_buf()
    }

    /// The first source record file holding `needle`.
    fn source_with(&self, needle: &str) -> PathBuf {
        let mut paths: Vec<PathBuf> = fs::read_dir(self.data.join("sources"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .find(|p| fs::read_to_string(p).unwrap().contains(needle))
            .unwrap()
    }
}

/// How many source files the load took from the cache, and how many it read.
fn taken_and_read(run: &Run) -> (usize, usize) {
    let line = (run.stderr.lines())
        .find(|l| l.starts_with("load: cache: "))
        .unwrap_or_else(|| panic!("no cache line in:\n{}", run.stderr));
    let numbers: Vec<usize> = line.split(' ').filter_map(|w| w.parse().ok()).collect();
    (numbers[0], numbers[1])
}

/// Replaces a file's text, keeping its modification time: an edit made
/// within the same second as the last load looks, by its time, unchanged.
fn edit_keeping_time(path: &Path, edit: impl FnOnce(String) -> String) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    let text = edit(fs::read_to_string(path).unwrap());
    fs::write(path, text).unwrap();
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), modified);
}

#[test]
fn a_second_load_takes_every_file_from_the_cache_and_says_the_same() {
    let f = setup();
    let first = f.run(&["items", "--json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let sources = fs::read_dir(f.data.join("sources")).unwrap().count() / 2;
    assert_eq!(taken_and_read(&first), (0, sources));
    let written = f.entries();
    assert_eq!(written.len(), sources, "one entry a source file");

    let second = f.run(&["items", "--json"]);
    assert_eq!(taken_and_read(&second), (sources, 0));
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(second.stdout, f.uncached(&["items", "--json"]).stdout);
    assert!(
        f.entries() == written,
        "nothing changed: nothing written again"
    );
    for args in [
        &["check"][..],
        &["sources", "--json"],
        &["ledger", "--json"],
    ] {
        assert_eq!(f.run(args).stdout, f.uncached(args).stdout, "{args:?}");
    }
}

#[test]
fn a_file_edited_within_the_same_second_is_read_again() {
    let f = setup();
    f.run(&["items", "--json"]);
    let path = f.source_with("label = \"");
    edit_keeping_time(&path, |t| t.replacen("label = \"", "label = \"Edited ", 1));
    let after = f.run(&["items", "--json"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    let sources = fs::read_dir(f.data.join("sources")).unwrap().count() / 2;
    // The file is read again, with any file whose items cite it (their
    // quotes are checked against its text); every other is taken.
    let (taken, read) = taken_and_read(&after);
    let citing = fs::read_dir(f.data.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != &path && p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            fs::read_to_string(p)
                .unwrap()
                .contains(&format!("source = \"{stem}\""))
        })
        .count();
    assert_eq!((taken, read), (sources - 1 - citing, 1 + citing));
    assert!(after.stdout.contains("\"Edited "), "the edit is seen");
    assert_eq!(after.stdout, f.uncached(&["items", "--json"]).stdout);

    // An edit that breaks the file is reported, file and line, as without a cache.
    edit_keeping_time(&path, |t| {
        t.replacen("quote = \"", "quote = \"Not in the text ", 1)
    });
    let broken = f.run(&["check"]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("is not found verbatim"),
        "{}",
        broken.stderr
    );
    let plain = f.uncached(&["check"]);
    assert_eq!(problems(&broken), problems(&plain));
}

/// The problems a run printed, without the load's own account.
fn problems(run: &Run) -> String {
    (run.stderr.lines())
        .filter(|l| !l.starts_with("load: "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_truncated_or_corrupt_cache_is_ignored_and_written_again() {
    let f = setup();
    let expected = f.run(&["items", "--json"]).stdout;
    let whole = f.entries();
    let sources = whole.len();
    let (path, bytes) = whole.iter().next().unwrap();

    fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
    let run = f.run(&["items", "--json"]);
    assert_eq!((run.code, taken_and_read(&run)), (0, (sources - 1, 1)));
    assert_eq!(run.stdout, expected);
    assert!(f.entries() == whole, "written again, whole");

    // A byte changed in the middle of every entry: the checksums catch it.
    for (path, bytes) in &whole {
        let mut corrupt = bytes.clone();
        let middle = corrupt.len() / 2;
        corrupt[middle] ^= 0x20;
        fs::write(path, &corrupt).unwrap();
    }
    let run = f.run(&["items", "--json"]);
    assert_eq!(taken_and_read(&run), (0, sources));
    assert_eq!(run.stdout, expected);
    assert!(f.entries() == whole);

    // Not a cache at all.
    fs::write(path, "not a cache").unwrap();
    let run = f.run(&["items", "--json"]);
    assert_eq!((run.code, taken_and_read(&run)), (0, (sources - 1, 1)));
    assert_eq!(run.stdout, expected);
}

#[test]
fn the_cache_of_another_dataset_is_ignored() {
    let a = setup();
    let b = setup();
    let path = b.source_with("label = \"");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replacen("label = \"", "label = \"Only in B ", 1),
    )
    .unwrap();
    a.run(&["items", "--json"]);
    b.run(&["items", "--json"]);
    // A's entries put where B's are looked for.
    let into = b.entry_folder();
    for (path, bytes) in a.entries() {
        fs::write(into.join(path.file_name().unwrap()), bytes).unwrap();
    }
    let run = b.run(&["items", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(taken_and_read(&run).0, 0);
    assert!(run.stdout.contains("Only in B "));
    assert_eq!(run.stdout, b.uncached(&["items", "--json"]).stdout);
}

#[test]
fn checks_across_files_cover_the_files_the_cache_gives() {
    let f = setup();
    f.run(&["check"]);
    // A new source that sorts first and defines the ids of a file the
    // cache holds: the duplicates are that file's to report.
    let original = f.source_with("[[statement]]");
    let copy = f.data.join("sources/aaa-copy.toml");
    fs::copy(&original, &copy).unwrap();
    fs::copy(original.with_extension("txt"), copy.with_extension("txt")).unwrap();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    let name = original.file_name().unwrap().to_str().unwrap();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(name) && l.contains("duplicate item id")),
        "{}",
        run.stderr
    );
    assert_eq!(problems(&run), problems(&f.uncached(&["check"])));

    // A topic taken away sets the whole cache aside: every file is checked
    // against the new topics.
    fs::remove_file(&copy).unwrap();
    fs::remove_file(copy.with_extension("txt")).unwrap();
    assert_eq!(f.run(&["check"]).code, 0);
    let topics = f.data.join("topics.toml");
    let text = fs::read_to_string(&topics).unwrap();
    let cut = text.rfind("[[topic]]").unwrap();
    fs::write(&topics, &text[..cut]).unwrap();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unknown topic"), "{}", run.stderr);
    assert_eq!(taken_and_read(&run).0, 0);
    assert_eq!(problems(&run), problems(&f.uncached(&["check"])));
}

#[test]
fn a_person_added_keeps_the_cache_and_a_person_gone_is_missed() {
    let f = setup();
    f.run(&["check"]);
    let sources = f.entries().len();
    let people = f.data.join("people.toml");
    let text = fs::read_to_string(&people).unwrap();
    // A new person (as ingest adds them): every source is still taken.
    fs::write(
        &people,
        format!(
            "{text}\n[[person]]\nid = \"new-person\"\nname = \"New Person\"\nside = \"other\"\n"
        ),
    )
    .unwrap();
    let run = f.run(&["check"]);
    assert_eq!((run.code, taken_and_read(&run)), (0, (sources, 0)));

    // A person the statements name taken away: reported, as without a cache.
    let first = text.find("[[person]]").unwrap();
    let second = first + 1 + text[first + 1..].find("[[person]]").unwrap();
    fs::write(&people, format!("{}{}", &text[..first], &text[second..])).unwrap();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown speaker 'uzra-zeya'"),
        "{}",
        run.stderr
    );
    assert_eq!(problems(&run), problems(&f.uncached(&["check"])));
}

#[test]
fn a_suggestion_whose_problem_names_another_file_is_read_every_time() {
    let f = setup();
    // A suggestion in the last file that takes the id of an item of an
    // earlier one: a pending problem naming that item's line.
    let zeya = f.data.join("sources/state-zeya-remarks-2022-04-11.toml");
    let text = fs::read_to_string(&zeya).unwrap();
    let quote = "In preparing for my visit, my first to this region, I learned about your esteemed poet, Abai.";
    fs::write(
        &zeya,
        format!(
            "{text}\n[[statement]]\nid = \"mfa-2025-comprehensive-reform-programme\"\nsuggested = true\nspeaker = \"uzra-zeya\"\nside = \"us\"\ntopics = [\"dialogue\"]\nquote = \"{quote}\"\n"
        ),
    )
    .unwrap();
    let first = f.run(&["check"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.contains("duplicate item id"),
        "{}",
        first.stdout
    );
    // The earlier file's item moves down three lines.
    let mfa = f.data.join("sources/mfa-kz-factsheet-2025.toml");
    let moved = format!(
        "# one\n# two\n# three\n{}",
        fs::read_to_string(&mfa).unwrap()
    );
    fs::write(&mfa, moved).unwrap();
    let run = f.run(&["check"]);
    assert_eq!(run.stdout, f.uncached(&["check"]).stdout);
    assert_ne!(run.stdout, first.stdout, "the line named is the new one");
}
