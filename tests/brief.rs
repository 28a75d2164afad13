//! `dossier brief` end to end: the memo's content, citations, escaping,
//! template overrides, brief files and atomic writing.

mod common;

use std::fs;

use common::{dossier, fixtures, minimal_copy};

fn data(name: &str) -> String {
    fixtures().join(name).to_str().unwrap().to_string()
}

/// The HTML memo of the `fixture` dataset for `args`, written to stdout.
fn memo(fixture: &str, args: &[&str]) -> String {
    let d = data(fixture);
    let mut all = vec!["brief", "--data", &d, "--date", "2025-06-02", "--out", "-"];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    run.stdout
}

/// `dossier brief` of the minimal fixture with the templates in `dir`, to standard output.
fn memo_with_templates(dir: &std::path::Path) -> common::Run {
    let d = data("minimal");
    dossier(&[
        "brief",
        "--data",
        &d,
        "--templates",
        dir.to_str().unwrap(),
        "--out",
        "-",
    ])
}

#[test]
fn snapshot_of_a_fixed_brief() {
    let html = memo(
        "minimal",
        &[
            "--title",
            "Envoy visit",
            "--memo-to",
            "The Ambassador",
            "--memo-from",
            "Political section",
            "--from",
            "2024",
        ],
    );
    insta::assert_snapshot!(html);
}

#[test]
fn out_of_range_and_unselected_items_are_absent() {
    let html = memo(
        "minimal",
        &[
            "--topic",
            "domestic-violence",
            "--from",
            "2024-05-01",
            "--to",
            "2024-05-31",
        ],
    );
    assert!(html.contains("The envoy welcomed the new law on domestic violence."));
    assert!(html.contains("46 crisis centres"));
    // ministry-un-work: out of range (2023) and of another topic.
    assert!(!html.contains("The ministry worked with the UN all year."));
    // law-adopted-2024 is dated 2024, which overlaps May 2024: it is in.
    assert!(html.contains("Law adopted"));
    assert!(html.contains("In 2024 a law was adopted."));
    // dialogue-meeting is in range but its topic is not selected.
    assert!(!html.contains("The dialogue met in Astana"));
    assert!(!html.contains("id=\"topic-dialogue\""));
}

#[test]
fn corroborated_items_carry_every_source_marker_and_endnotes_list_each_source_once() {
    let html = memo(
        "minimal",
        &[
            "--topic",
            "domestic-violence",
            "--section",
            "topics",
            "--section",
            "sources",
        ],
    );
    let statement = html.split("The envoy welcomed").nth(1).unwrap();
    let markers = &statement[..statement.find("</sup>").unwrap()];
    assert!(
        markers.contains(r##"<a href="#source-1">1</a>,<a href="#source-2">2</a>"##),
        "{markers}"
    );
    assert_eq!(html.matches("<li id=\"source-").count(), 2);
    assert_eq!(html.matches("Alpha report").count(), 1);
    assert!(html.contains(
        r#"<li id="source-1" value="1">Alpha Publisher, “Alpha report” (news article), May 2024."#
    ));
    assert!(html.contains(
        r#"<li id="source-2" value="2">Beta Ministry, “Beta statement” (press release), 2023."#
    ));
}

#[test]
fn markers_are_numbered_in_order_of_first_appearance() {
    // Key figures come first and cite alpha; beta first appears later.
    let html = memo("minimal", &[]);
    let first = html.find("href=\"#source-1\"").unwrap();
    let second = html.find("href=\"#source-2\"").unwrap();
    assert!(first < second);
    let figures =
        &html[html.find("id=\"key-figures\"").unwrap()..html.find("id=\"topics\"").unwrap()];
    assert!(
        figures.contains(r##"<a href="#source-1">1</a>"##),
        "{figures}"
    );
}

#[test]
fn an_empty_selection_says_so_plainly() {
    let html = memo("minimal", &["--from", "1990", "--to", "1991"]);
    assert!(html.contains("Nothing in the dataset matches this selection."));
    assert!(html.contains("Nothing in the dataset matches this selection (all topics, from 1990 to 1991). The memo is empty."));
    assert!(html.contains("No figures in this selection."));
    assert!(html.contains("No events in this selection."));
    assert!(html.contains("No sources are cited."));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn sections_can_be_left_out() {
    let html = memo(
        "minimal",
        &["--section", "summary", "--section", "timeline"],
    );
    assert!(html.contains("id=\"summary\"") && html.contains("id=\"timeline\""));
    for gone in [
        "id=\"key-figures\"",
        "id=\"topics\"",
        "id=\"points\"",
        "id=\"sources\"",
        "class=\"routing\"",
    ] {
        assert!(!html.contains(gone), "{gone} should be left out");
    }
    assert!(html.contains("<h1>Briefing Memo</h1>"), "the title stays");
}

#[test]
fn hostile_strings_show_as_text() {
    let html = memo(
        "hostile",
        &[
            "--title",
            "<script>alert(9)</script>",
            "--classification",
            "SECRET//\"; } body { display: none } /*",
        ],
    );
    for raw in [
        "<script>alert",
        "<img src=x",
        "<b onmouseover",
        "</title><script>",
    ] {
        assert!(!html.contains(raw), "{raw:?} reached the HTML unescaped");
    }
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(
        !style.contains("display: none }"),
        "the marking broke out of its CSS string"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"));
    assert!(
        html.contains("{{title}}"),
        "template syntax in data is shown, not evaluated"
    );
    assert!(html.contains("{{#each x}}{{/each}} meeting &amp;lt;held&amp;gt;"));
    assert!(
        html.contains("Alpha &amp;amp; Sons"),
        "an entity in the data is shown as typed"
    );
    assert!(html.contains("<title>&lt;script&gt;alert(9)&lt;/script&gt;</title>"));
    assert!(html.contains(
        r#"content: "SECRET\2f \2f \22 \3b  \7d  body \7b  display\3a  none \7d  \2f \2a ""#
    ));
}

#[test]
fn no_template_uses_raw_output() {
    for entry in
        fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")).unwrap()
    {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("{{{") && !text.contains("{{&"),
            "{} uses raw output",
            path.display()
        );
    }
}

#[test]
fn the_html_is_self_contained() {
    let html = memo("minimal", &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(external), "{external} found");
    }
    assert!(html.contains("<th scope=\"col\">Figure</th>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("size: a4;"));
    assert!(memo("minimal", &["--page", "letter"]).contains("size: letter;"));
    assert!(html.contains("@top-center { content: \"UNCLASSIFIED\""));
    assert!(html.contains("counter(page) \" of \" counter(pages)"));
}

#[test]
fn a_template_folder_overrides_one_template_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("summary.hbs"),
        "<section id=\"summary\"><h2>In brief</h2><p>{{summary.text}} (custom)</p></section>\n",
    )
    .unwrap();
    let html = memo("minimal", &["--templates", dir.path().to_str().unwrap()]);
    assert!(html.contains("<h2>In brief</h2>"));
    assert!(html.contains("(custom)"));
    assert!(
        html.contains("<h2 id=\"key-figures-title\">Key figures</h2>"),
        "other templates are the defaults"
    );

    fs::write(dir.path().join("sumary.hbs"), "typo").unwrap();
    let run = memo_with_templates(dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sumary.hbs: there is no template of this name; the templates are: memo.hbs, style.css, drafted-closing.hbs"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn the_section_flag_offers_the_library_s_sections() {
    let run = dossier(&["brief", "--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for section in dossier::brief_file::Section::all() {
        let line = format!("- {}:", section.id());
        let at = run
            .stdout
            .find(&line)
            .unwrap_or_else(|| panic!("{line} in {}", run.stdout));
        assert!(
            run.stdout[at..]
                .lines()
                .next()
                .unwrap()
                .contains(section.def().about),
            "{line}"
        );
    }
}

#[test]
fn a_page_template_may_place_sections_by_name_or_by_place() {
    let dir = tempfile::tempdir().unwrap();
    // A desk's own memo.hbs written before sections had places: each
    // section by its key still renders, and one left out is null.
    fs::write(
        dir.path().join("memo.hbs"),
        "<main>{{#if timeline}}{{include \"timeline\"}}{{/if}}{{#if points}}POINTS{{/if}}</main>\n",
    )
    .unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let html = memo(
        "minimal",
        &["--templates", dir_arg, "--section", "timeline"],
    );
    assert!(
        html.contains("<h2 id=\"timeline-title\">Timeline</h2>"),
        "{html}"
    );
    assert!(!html.contains("POINTS") && !html.contains("key-figures"));

    fs::write(
        dir.path().join("memo.hbs"),
        "<main>{{sections \"body\"}}|{{sections \"end\"}}</main>\n",
    )
    .unwrap();
    let html = memo(
        "minimal",
        &[
            "--templates",
            dir_arg,
            "--section",
            "points",
            "--section",
            "sources",
        ],
    );
    let (body, end) = html.split_once('|').unwrap();
    assert!(body.contains("id=\"points\"") && !body.contains("id=\"timeline\""));
    assert!(end.contains("id=\"sources\""));

    fs::write(dir.path().join("memo.hbs"), "{{sections \"appendix\"}}\n").unwrap();
    let run = memo_with_templates(dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("there is no such place; the places are: masthead, front, body, end"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn templates_that_include_themselves_are_refused_not_a_crash() {
    for (name, text) in [
        ("summary.hbs", "{{include \"summary\"}}"),
        ("summary.hbs", "{{include \"header\"}}"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(name), text).unwrap();
        fs::write(dir.path().join("header.hbs"), "{{include \"summary\"}}").unwrap();
        let run = memo_with_templates(dir.path());
        assert_eq!(run.code, 1, "{text}: {}", run.stderr);
        assert!(
            run.stderr.contains("brings itself in")
                && run.stderr.contains("a template may not include itself"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn a_broken_template_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("timeline.hbs"),
        "{{#each timeline.items}} unclosed",
    )
    .unwrap();
    let out = dir.path().join("memo.html");
    fs::write(&out, "the previous memo").unwrap();
    let d = data("minimal");
    let run = dossier(&[
        "brief",
        "--data",
        &d,
        "--templates",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("timeline.hbs"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "the previous memo",
        "an existing file is untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn writing_is_atomic_and_reports_failures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("memo.html");
    let d = data("minimal");
    let run = dossier(&["brief", "--data", &d, "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::read_to_string(&out).unwrap().ends_with("</html>\n"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the memo"
    );

    let missing = dir.path().join("no/such/dir/memo.html");
    let run = dossier(&["brief", "--data", &d, "--out", missing.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with(&format!("dossier: cannot write {}: ", missing.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.trim_end().ends_with("Nothing was written."),
        "{}",
        run.stderr
    );
}

#[test]
fn brief_files_are_read_and_flags_override_them() {
    let (_tmp, dataset) = minimal_copy();
    let brief = dataset.parent().unwrap().join("test.brief.toml");
    fs::write(
        &brief,
        "[memo]\ntitle = \"From the file\"\nto = \"File reader\"\ndate = \"2025-01-15\"\nsections = [\"header\", \"timeline\"]\n\n[selection]\ntopics = [\"dialogue\"]\nexclude = [\"no-such-item\"]\n",
    )
    .unwrap();
    let d = dataset.to_str().unwrap();
    let b = brief.to_str().unwrap();
    let run = dossier(&["brief", b, "--data", d, "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<h1>From the file</h1>"));
    assert!(run.stdout.contains("<td>File reader</td>"));
    assert!(run.stdout.contains("15 January 2025"));
    assert!(run.stdout.contains("Dialogue meeting held"));
    assert!(!run.stdout.contains("id=\"summary\""));
    assert_eq!(
        run.stderr,
        "dossier: note: the excluded item 'no-such-item' is not in the dataset; it was ignored.\n"
    );

    let run = dossier(&[
        "brief",
        b,
        "--data",
        d,
        "--title",
        "From the flag",
        "--topic",
        "multilateral",
        "--section",
        "topics",
        "--out",
        "-",
    ]);
    assert!(run.stdout.contains("<h1>From the flag</h1>"));
    assert!(run.stdout.contains("The ministry worked with the UN"));
    assert!(!run.stdout.contains("Dialogue meeting held"));
    assert!(!run.stdout.contains("class=\"routing\""));
}

#[test]
fn excluded_items_are_left_out() {
    let (_tmp, dataset) = minimal_copy();
    let brief = dataset.parent().unwrap().join("x.brief.toml");
    fs::write(&brief, "[selection]\nexclude = [\"crisis-centres\"]\n").unwrap();
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--data",
        dataset.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains("46 crisis centres"));
    assert!(run.stdout.contains("The envoy welcomed"));
}

#[test]
fn a_bad_brief_file_lists_its_problems_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("bad.brief.toml");
    fs::write(
        &brief,
        "[memo]\ntitle = 3\n\n[selection]\ntopic = [\"dialogue\"]\n",
    )
    .unwrap();
    let out = dir.path().join("memo.html");
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    let b = brief.display();
    assert_eq!(
        run.stderr,
        format!(
            "{b}:2: `title` must be a string, not an integer\n\
             {b}:5: unknown field `topic` in the [selection] table; did you mean `topics`?\n\
             The brief file {b} has 2 problems; fix them and try again.\n"
        )
    );
    assert!(!out.exists());
}

#[test]
fn usage_errors_for_brief() {
    let d = data("minimal");
    let run = dossier(&["brief", "--data", &d, "--topic", "torture", "--out", "-"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "dossier: the brief names a topic the dataset does not have: 'torture'; run `dossier topics` to list them.\n"
    );
    let run = dossier(&["brief", "--data", &d, "--date", "2025-06", "--out", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--date is the memo's date and must be a day"),
        "{}",
        run.stderr
    );
    let run = dossier(&["brief", "--data", &d, "--section", "appendix", "--out", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("'appendix' is not a section"),
        "{}",
        run.stderr
    );
    let run = dossier(&["brief", "--data", &d]);
    assert_eq!(run.code, 2, "--out is required");
}

#[test]
fn the_example_briefs_render_from_the_embedded_dataset() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "next-dialogue.brief.toml",
        "domestic-violence-2024-2025.brief.toml",
    ] {
        let path = root.join("examples").join(name);
        let run = dossier(&[
            "brief",
            path.to_str().unwrap(),
            "--date",
            "2025-06-02",
            "--out",
            "-",
        ]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stdout.contains("id=\"sources\""), "{name}");
        assert!(
            !run.stdout.contains("Nothing in the dataset matches"),
            "{name}"
        );
    }
}

#[test]
fn the_full_default_memo_carries_every_quote_of_the_dataset() {
    let html = dossier(&["brief", "--date", "2025-06-02", "--out", "-"]).stdout;
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&dossier(&["items", "--json"]).stdout).unwrap();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;")
            .replace('=', "&#x3D;")
            .replace('`', "&#x60;")
    };
    let missing: Vec<&str> = items
        .iter()
        .map(|i| i["quote"].as_str().unwrap())
        .filter(|q| !html.contains(&escape(q)))
        .collect();
    assert!(
        missing.is_empty(),
        "{} quotes missing, first: {:?}",
        missing.len(),
        missing.first()
    );
}
