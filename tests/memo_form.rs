//! The drafter's memo, through the real CLI: the drafter's text with its
//! citations in HTML and PDF, errors with the brief file's line, hostile
//! Markdown kept as text, the two-page `memo` form of the example brief
//! (read back with pdfinfo and pdftotext) holding the same items in HTML as
//! in PDF, and each item once in the `full` form.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{dossier, example_brief, squash, values_after, write_memo};

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test ({e}); `bash scripts/test` installs it")
    });
    assert!(out.status.success(), "{name} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of each page of a PDF, by pdftotext.
fn pages(pdf: &str) -> Vec<String> {
    tool("pdftotext", &["-layout", pdf, "-"])
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Values of `attr="…"` in an HTML text.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    values_after(html, &format!("{attr}=\""))
}

#[test]
fn the_memo_form_of_the_example_is_two_pages_then_the_annex() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = write_memo(
        tmp.path(),
        "memo.pdf",
        &[&example_brief(), "--form", "memo"],
    );
    let pages = pages(&pdf);
    let annex = pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "Background"))
        .expect("the annex, Background");
    assert!(
        annex <= 2,
        "the memo runs to {} pages before the annex",
        annex
    );
    let front = pages[..annex].join("\n");
    // Led by the drafter's bottom line and talking points, drafted and cleared at the foot.
    let at = |s: &str| front.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("Bottom line") < at("Talking points"));
    assert!(at("Talking points") < at("By topic"));
    assert!(at("By topic") < at("Drafted: Central Asia desk"));
    assert!(front.contains("Cleared: DRL/EUR; SCA/RA; L/HRR"));
    assert!(front.contains("sources up to 2025"), "how current it is");
    // The annex holds the full quotations; the sources end the document.
    let rest = pages[annex..].join("\n");
    assert!(rest.contains("Points to raise") && rest.contains("Timeline"));
    assert!(
        pages.last().unwrap().contains("Sources") || rest.rfind("Sources") > rest.rfind("Timeline")
    );

    // On A4 too.
    let a4 = write_memo(
        tmp.path(),
        "a4.pdf",
        &[&example_brief(), "--form", "memo", "--page", "a4"],
    );
    let a4_pages = self::pages(&a4);
    let a4_annex = a4_pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "Background"))
        .unwrap();
    assert!(a4_annex <= 2, "A4: {a4_annex} pages before the annex");

    // Without the annex: the two pages and the sources only.
    let short = write_memo(
        tmp.path(),
        "short.pdf",
        &[&example_brief(), "--form", "memo", "--no-annex"],
    );
    let short_pages = pages_of(&short);
    assert!(short_pages <= 3, "{short_pages} pages");
    assert!(
        !tool("pdftotext", &[&short, "-"])
            .lines()
            .any(|l| l.trim() == "Background"),
        "no annex"
    );
}

fn pages_of(pdf: &str) -> usize {
    tool("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn the_html_of_the_memo_form_holds_exactly_the_items_of_its_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = write_memo(
        tmp.path(),
        "memo.pdf",
        &[&example_brief(), "--form", "memo"],
    );
    let html_path = write_memo(
        tmp.path(),
        "memo.html",
        &[&example_brief(), "--form", "memo"],
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    let front_html = &html[..html.find("id=\"background\"").expect("the annex")];
    let facts: Vec<String> = attrs(front_html, "data-item");
    assert!(facts.len() >= 8, "{facts:?}");
    let unique: BTreeSet<&String> = facts.iter().collect();
    assert_eq!(
        unique.len(),
        facts.len(),
        "an item twice on the memo's pages"
    );

    let pages = pages(&pdf);
    let annex = pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "Background"))
        .unwrap();
    let front_pdf = pages[..annex].join("\n");
    let bullets = front_pdf.matches('•').count();
    assert_eq!(
        bullets,
        facts.len(),
        "as many fact lines in the PDF as in the HTML"
    );
    // Each fact's words are on the PDF's pages: the lead of every fact line.
    let leads: Vec<String> = front_html
        .split("<li class=\"fact\"")
        .skip(1)
        .map(|li| {
            let lead = &li[li.find("<strong>").unwrap() + 8..li.find("</strong>").unwrap()];
            lead.replace("&#x27;", "'").replace("&amp;", "&")
        })
        .collect();
    for lead in &leads {
        assert!(
            squash(&front_pdf).contains(&squash(lead)),
            "{lead} is not in the PDF's pages"
        );
    }
}

#[test]
fn citations_number_like_the_others_and_bring_their_source() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("b.brief.toml");
    std::fs::write(
        &file,
        "[memo]\nbottom_line = \"A law came [@mfa-2025-crisis-centres] and was *welcomed*.\"\ntalking_points = [\"Mention the 2010 report [@drl-2010-political-liberalization].\"]\n\n[selection]\ntopics = [\"domestic-violence\"]\nfrom = \"2024\"\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let html = std::fs::read_to_string(write_memo(tmp.path(), "m.html", &[f])).unwrap();
    // The bottom line's citation is the first marker of the memo: source 1.
    let bottom = &html
        [html.find("id=\"bottom-line\"").unwrap()..html.find("id=\"talking-points\"").unwrap()];
    assert!(bottom.contains("A law came<sup class=\"cite\"><a href=\"#source-1\">1</a></sup> and was <em>welcomed</em>."), "{bottom}");
    // An item outside the selection (2010, another topic) may be cited: its source is listed.
    assert!(
        html.contains("Advancing Freedom and Democracy"),
        "the 2010 report is in the sources"
    );
    let endnotes = &html[html.find("id=\"sources\"").unwrap()..];
    assert!(
        endnotes.contains("id=\"source-1\"") && endnotes.contains("Ministry of Foreign Affairs")
    );
    // The talking point cites a second source: marker 2, in reading order.
    let points = &html[html.find("id=\"talking-points\"").unwrap()..];
    assert!(
        points.contains(
            "Mention the 2010 report<sup class=\"cite\"><a href=\"#source-2\">2</a></sup>."
        ),
        "{points}"
    );
    // The same in the PDF: the marker follows the word, the source is listed.
    let pdf = write_memo(tmp.path(), "m.pdf", &[f]);
    let text = tool("pdftotext", &[&pdf, "-"]);
    assert!(text.contains("A law came1 and was welcomed."), "{text}");
    assert!(text.contains("Mention the 2010 report2."), "{text}");
    assert!(squash(&text).contains(&squash("Advancing Freedom and Democracy")));
}

#[test]
fn a_bad_citation_names_the_brief_file_s_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("b.brief.toml");
    std::fs::write(
        &file,
        "[memo]\ntitle = \"x\"\ntalking_points = [\n  \"One [@no-such-item].\",\n]\n\n[selection]\nexclude = [\"mfa-2025-crisis-centres\"]\n",
    )
    .unwrap();
    let out = tmp.path().join("m.html");
    let run = dossier(&[
        "brief",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{}:4: the drafter's text cites [@no-such-item], which is not an item of the dataset",
            file.display()
        )),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");
    // An excluded item cannot be cited either.
    std::fs::write(
        &file,
        "[memo]\nbottom_line = \"See [@mfa-2025-crisis-centres].\"\n\n[selection]\nexclude = [\"mfa-2025-crisis-centres\"]\n",
    )
    .unwrap();
    let run = dossier(&[
        "brief",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(":2: ") && run.stderr.contains("is excluded from this memo"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_markdown_is_shown_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("b.brief.toml");
    std::fs::write(
        &file,
        "[memo]\nbottom_line = '''<script>alert(1)</script> [click](javascript:alert(2)) ![x](http://e.vil/x.png) <img src=x onerror=alert(3)>'''\n\n[comments]\ndialogue = \"<iframe src=//e.vil></iframe>\"\n",
    )
    .unwrap();
    let html = std::fs::read_to_string(write_memo(tmp.path(), "m.html", &[file.to_str().unwrap()]))
        .unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    for tag in ["<script", "<img", "<iframe", "href=\"javascript"] {
        assert!(!body.contains(tag), "{tag} in the memo");
    }
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(body.contains("[click](javascript:alert(2))"));
    assert!(body.contains("&lt;iframe src&#x3D;//e.vil&gt;"));
    let pdf = write_memo(tmp.path(), "m.pdf", &[file.to_str().unwrap()]);
    assert!(tool("pdftotext", &[&pdf, "-"]).contains("<script>alert(1)</script>"));
}

#[test]
fn the_full_form_shows_each_item_once() {
    let tmp = tempfile::tempdir().unwrap();
    let html =
        std::fs::read_to_string(write_memo(tmp.path(), "full.html", &[&example_brief()])).unwrap();
    let topics = &html[html.find("id=\"topics\"").unwrap()..html.find("id=\"points\"").unwrap()];
    let shown = attrs(topics, "id")
        .into_iter()
        .filter(|id| id.starts_with("item-"))
        .collect::<Vec<_>>();
    let unique: BTreeSet<&String> = shown.iter().collect();
    assert!(shown.len() > 100, "{}", shown.len());
    assert_eq!(unique.len(), shown.len(), "an item's quotation is repeated");
    // Items of several topics are named under the others instead.
    assert!(topics.matches("class=\"see-also\"").count() >= 5);
    for link in attrs(topics, "href")
        .iter()
        .filter(|h| h.starts_with("#item-"))
    {
        assert!(
            unique.contains(&link[1..].to_string()),
            "see-also {link} points nowhere"
        );
    }
    // Points to raise points to the quotation instead of repeating it.
    let points = &html[html.find("id=\"points\"").unwrap()..html.find("id=\"timeline\"").unwrap()];
    assert!(points.contains("quoted under <a href=\"#item-"), "{points}");
    assert!(
        !points.contains('“'),
        "a quotation repeated under Points to raise"
    );
    for link in attrs(points, "href")
        .iter()
        .filter(|h| h.starts_with("#item-"))
    {
        assert!(
            unique.contains(&link[1..].to_string()),
            "point {link} points nowhere"
        );
    }
}

#[test]
fn a_drafter_s_text_longer_than_two_pages_is_written_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("long.brief.toml");
    let paragraph = "The delegation should be ready to discuss every reform in detail. ".repeat(40);
    let points: Vec<String> = (0..8)
        .map(|_| format!("\"{}\"", paragraph.trim()))
        .collect();
    std::fs::write(
        &file,
        format!(
            "[memo]\nform = \"memo\"\nbottom_line = \"{}\"\ntalking_points = [{}]\n",
            paragraph.trim(),
            points.join(", ")
        ),
    )
    .unwrap();
    let out = tmp.path().join("long.pdf");
    let run = dossier(&[
        "brief",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.exists(), "the memo is written");
    let note = run
        .stderr
        .lines()
        .find(|l| l.contains("drafter's text alone runs to"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    // "… runs to 3.4 pages, 1.4 more than the memo form's 2 …"
    let more: f32 = note
        .split(", ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(more > 0.0, "{note}");
}

#[test]
fn a_pinned_item_is_on_the_memo_s_pages() {
    let tmp = tempfile::tempdir().unwrap();
    // Without a pin, a 2010 figure is too weak for the two pages.
    let plain =
        std::fs::read_to_string(write_memo(tmp.path(), "a.html", &["--form", "memo"])).unwrap();
    let front = |h: &str| h[..h.find("id=\"background\"").unwrap()].to_string();
    let id = "drl-2010-open-world-parliamentarians";
    assert!(
        !front(&plain).contains(&format!("data-item=\"{id}\"")),
        "already there without a pin"
    );
    let file = tmp.path().join("p.brief.toml");
    std::fs::write(
        &file,
        format!("[memo]\nform = \"memo\"\n\n[selection]\npin = [\"{id}\"]\n"),
    )
    .unwrap();
    let pinned =
        std::fs::read_to_string(write_memo(tmp.path(), "b.html", &[file.to_str().unwrap()]))
            .unwrap();
    assert!(
        front(&pinned).contains(&format!("data-item=\"{id}\"")),
        "the pinned item is on the pages"
    );
}
