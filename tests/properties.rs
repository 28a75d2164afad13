//! Property tests over generated valid datasets and briefs (proptest):
//! assembling and rendering never panics; every selected quote is in the
//! HTML and in the PDF's text (read back by pdf-extract, an independent
//! reader); no data string becomes markup in the HTML; every line of text
//! lies inside the page's margins; the PDF passes `qpdf --check`.

use std::process::Command;

use dossier::brief_file::{BriefFile, Form, PageSize, Section};
use dossier::dataset::{DatasetFiles, load};
use dossier::render::html::HtmlRenderer;
use dossier::render::memo_for;
use dossier::render::pdf::{self, fonts::Fonts, layout, memo};
use proptest::prelude::*;

/// Words the generated texts are made of: plain, accented, Cyrillic, and
/// strings that would be markup if they were not escaped.
const WORDS: [&str; 16] = [
    "reform",
    "court",
    "law",
    "rights",
    "adopted",
    "Astana",
    "женщин",
    "закон",
    "Ürümqi",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "&amp;",
    "\"quoted\"",
    "it's",
    "{{title}}",
    "]]>",
];

const TOPICS: [&str; 4] = ["dialogue", "torture", "domestic-violence", "civil-society"];

/// One generated item: its kind (0 statement, 1 figure, 2 event), topic
/// choices, the date's year/month, and its sentence's words.
#[derive(Debug, Clone)]
struct GenItem {
    kind: u8,
    topics: Vec<usize>,
    year: i32,
    month: Option<u32>,
    words: Vec<usize>,
}

fn gen_item() -> impl Strategy<Value = GenItem> {
    (
        0u8..3,
        proptest::collection::vec(0..TOPICS.len(), 1..3),
        2015i32..2026,
        proptest::option::of(1u32..13),
        proptest::collection::vec(0..WORDS.len(), 3..14),
    )
        .prop_map(|(kind, topics, year, month, words)| GenItem {
            kind,
            topics,
            year,
            month,
            words,
        })
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A valid dataset folder's files: the built-in topics, two speakers, one
/// source whose text is the items' sentences.
fn dataset(items: &[GenItem]) -> DatasetFiles {
    let embedded = DatasetFiles::embedded();
    let mut files = vec![
        ("topics.toml".to_string(), embedded.get("topics.toml").unwrap().to_string()),
        (
            "people.toml".to_string(),
            "[[person]]\nid = \"ann\"\nname = \"Ann <b>Envoy</b>\"\nside = \"us\"\n\n[[institution]]\nid = \"mfa\"\nname = \"Министерство & Co\"\nside = \"kz\"\n".to_string(),
        ),
        ("places.toml".to_string(), "[[place]]\nid = \"astana\"\nname = \"Astana\"\n".to_string()),
    ];
    let mut text = String::from("Generated source\n\n");
    let mut records = String::from(
        "[source]\ntitle = \"Generated <i>source</i>\"\npublisher = \"Press & Co\"\ndate = \"2026\"\nkind = \"news\"\n",
    );
    for (n, item) in items.iter().enumerate() {
        // Each sentence is unique (its number), so each quote is found once.
        let sentence = format!(
            "Item {n} {}.",
            item.words
                .iter()
                .map(|w| WORDS[*w])
                .collect::<Vec<_>>()
                .join(" ")
        );
        text.push_str(&sentence);
        text.push('\n');
        let date = match item.month {
            Some(m) => format!("{}-{m:02}", item.year),
            None => item.year.to_string(),
        };
        let mut topics: Vec<&str> = item.topics.iter().map(|t| TOPICS[*t]).collect();
        topics.sort();
        topics.dedup();
        let topics = topics
            .iter()
            .map(|t| toml_string(t))
            .collect::<Vec<_>>()
            .join(", ");
        let quote = toml_string(&sentence);
        records.push_str(&match item.kind {
            0 => format!(
                "\n[[statement]]\nid = \"s{n}\"\nspeaker = \"{}\"\nside = \"{}\"\ndate = \"{date}\"\ntopics = [{topics}]\nquote = {quote}\n",
                if n % 2 == 0 { "ann" } else { "mfa" },
                if n % 2 == 0 { "us" } else { "kz" },
            ),
            1 => format!(
                "\n[[figure]]\nid = \"f{n}\"\nvalue = {}\nunit = \"cases <u>\"\nlabel = {}\ndate = \"{date}\"\ntopics = [{topics}]\nquote = {quote}\n",
                n * 7 + 1,
                toml_string(&format!("Label {n} & <em>more</em>")),
            ),
            _ => format!(
                "\n[[event]]\nid = \"e{n}\"\nlabel = {}\ndate = \"{date}\"\nplace = \"astana\"\ntopics = [{topics}]\nquote = {quote}\n",
                toml_string(&format!("Event {n} <script>x</script>")),
            ),
        });
    }
    files.push(("sources/gen.txt".to_string(), text));
    files.push(("sources/gen.toml".to_string(), records));
    DatasetFiles {
        root: "generated".to_string(),
        files,
        cache: None,
    }
}

fn gen_brief() -> impl Strategy<Value = BriefFile> {
    (
        proptest::option::of(proptest::collection::vec(0..TOPICS.len(), 1..4)),
        proptest::option::of(2015i32..2026),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(any::<bool>(), Section::ids().len()),
        proptest::collection::vec(0..WORDS.len(), 0..6),
    )
        .prop_map(|(topics, from, memo_form, letter, sections, drafted)| {
            let mut b = BriefFile::default();
            b.selection.topics = topics.map(|t| {
                let mut t: Vec<String> = t.iter().map(|i| TOPICS[*i].to_string()).collect();
                t.sort();
                t.dedup();
                t
            });
            b.selection.from = from.map(|y| y.to_string().parse().unwrap());
            b.memo.form = if memo_form { Form::Memo } else { Form::Full };
            b.memo.page = if letter {
                PageSize::Letter
            } else {
                PageSize::A4
            };
            b.memo.sections = Section::all()
                .zip(&sections)
                .filter(|(_, keep)| **keep)
                .map(|(s, _)| s)
                .collect();
            // Every brief keeps its topics and sources, so quotes can be found.
            for s in ["topics", "sources"].map(|s| s.parse::<Section>().unwrap()) {
                if !b.memo.sections.contains(&s) {
                    b.memo.sections.push(s);
                }
            }
            b.memo.sections.sort();
            b.memo.title = format!("Title <script>{}</script>", drafted.len());
            if !drafted.is_empty() {
                b.memo.bottom_line = Some(
                    drafted
                        .iter()
                        .map(|w| WORDS[*w])
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            b
        })
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x3D;", "=")
        .replace("&#x60;", "`")
        .replace("&amp;", "&")
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn generated_memos_hold_every_quote_and_no_markup(
        items in proptest::collection::vec(gen_item(), 1..12),
        brief in gen_brief(),
    ) {
        let data = load(&dataset(&items)).expect("the generated dataset is valid");
        let memo = memo_for(&data, &dossier::ledger::Ledger::default(), &brief, "2026-11-30".parse().unwrap()).expect("it assembles");
        let selected: Vec<&dossier::dataset::Item> = data
            .items
            .iter()
            .filter(|i| {
                brief.selection.topics.as_ref().is_none_or(|t| i.topics.iter().any(|x| t.contains(x)))
                    && brief.selection.from.is_none_or(|f| i.when().last_day() >= f.first_day())
            })
            .collect();

        // HTML: every selected quote of the full assembly, and no element from the data.
        let html = HtmlRenderer::new(None).unwrap().render(&memo).unwrap();
        let body = &html[html.find("<body>").unwrap()..];
        for tag in ["<script", "<img", "<em>more", "<u>", "<i>source", "<b>Envoy"] {
            prop_assert!(!body.contains(tag), "{} became markup", tag);
        }
        let text = unescape(body);
        let annexed = brief.memo.form == Form::Full || brief.memo.annex;
        if annexed {
            for i in &selected {
                prop_assert!(text.contains(i.quote()), "quote of {} missing from the HTML", i.id);
            }
        }

        // PDF: every selected quote in the text an independent reader extracts.
        let bytes = pdf::render(&memo);
        let read = dossier::ingest::read::read(&bytes, dossier::ingest::read::Format::Pdf)
            .expect("pdf-extract reads it");
        let flat = squash(&read.text);
        if annexed {
            for i in &selected {
                prop_assert!(flat.contains(&squash(i.quote())), "quote of {} missing from the PDF", i.id);
            }
        }

        // Every line of text within the margins.
        let spec = memo::page_spec(memo.page);
        let (_, blocks) = memo::blocks(&memo);
        let doc = layout::paginate(Fonts::get(), &spec, &blocks);
        for page in &doc.pages {
            for d in &page.draws {
                if let layout::Draw::Text(line) = d {
                    let right = line.runs.iter().map(|r| line.x + r.x + r.width + line.stretch * r.gaps_before as f32).fold(0.0f32, f32::max);
                    prop_assert!(line.x >= spec.left - 0.5, "a line starts in the left margin");
                    prop_assert!(right <= spec.width - spec.right + 0.5, "a line runs into the right margin: {}", right);
                    prop_assert!(line.baseline >= spec.top && line.baseline <= spec.height - spec.bottom + 0.5, "a line outside the text block");
                }
            }
        }

        // qpdf finds nothing wrong.
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &bytes).unwrap();
        let check = Command::new("qpdf").arg("--check").arg(file.path()).output().expect("qpdf runs; `bash scripts/test` installs it");
        prop_assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    }
}
