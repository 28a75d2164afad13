//! Facts each source document states, checked against the embedded dataset:
//! each must be there as an item of the right kind, with the right date (and
//! precision), side, speaker, topics and corroborating sources. Items are
//! found by what they quote, not by id, so a missing fact fails here.

use dossier::Dataset;
use dossier::dataset::{Detail, Item, Kind, Side, Stance};
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap_or_else(|p| panic!("{p}")))
}

/// The one item of `kind` whose own (first) quote contains `phrase`.
fn item(kind: Kind, phrase: &str) -> &'static Item {
    let found: Vec<&Item> = data()
        .items
        .iter()
        .filter(|i| i.kind() == kind && i.quote().contains(phrase))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{kind} quoting {phrase:?}: {:?}",
        found.iter().map(|i| &i.id).collect::<Vec<_>>()
    );
    found[0]
}

/// The one figure with this value and unit whose quote contains `phrase`.
fn figure(value: f64, unit: &str, phrase: &str) -> &'static Item {
    let found: Vec<&Item> = data()
        .items
        .iter()
        .filter(|i| i.quote().contains(phrase))
        .filter(|i| matches!(&i.detail, Detail::Figure { value: v, unit: u, .. } if *v == value && u == unit))
        .collect();
    assert_eq!(found.len(), 1, "figure {value} {unit} quoting {phrase:?}");
    found[0]
}

/// An item's date as stored (`2024-05`), or `undated`.
trait DateString {
    fn date_string(&self) -> String;
}

impl DateString for Item {
    fn date_string(&self) -> String {
        self.date
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    }
}

fn sources(i: &Item) -> Vec<&str> {
    i.citations.iter().map(|c| c.source.as_str()).collect()
}

fn has_topics(i: &Item, topics: &[&str]) {
    for t in topics {
        assert!(
            i.topics.iter().any(|x| x == t),
            "{} lacks topic {t}: {:?}",
            i.id,
            i.topics
        );
    }
}

fn statement(i: &Item) -> (&str, Side, Option<Stance>) {
    match &i.detail {
        Detail::Statement {
            speaker,
            side,
            stance,
        } => (speaker.as_str(), *side, *stance),
        _ => panic!("{} is not a statement", i.id),
    }
}

fn qualifier(i: &Item) -> Option<&str> {
    match &i.detail {
        Detail::Figure { qualifier, .. } => qualifier.as_deref(),
        _ => panic!("{} is not a figure", i.id),
    }
}

fn event_place(i: &Item) -> Option<&str> {
    match &i.detail {
        Detail::Event { place, .. } => place.as_deref(),
        _ => panic!("{} is not an event", i.id),
    }
}

const NEGLOBAL: &str = "neglobal-2024-05";
const NEWSWIRE: &str = "federal-newswire-2024-05";
const ZEYA: &str = "state-zeya-remarks-2022-04-11";
const DRL: &str = "state-drl-advancing-freedom-2010";
const MFA: &str = "mfa-kz-factsheet-2025";

// --- 000 and 001: the third High-Level Dialogue, 20 May 2024 ----------------------

#[test]
fn third_dialogue_meeting_is_one_corroborated_event() {
    let e = item(Kind::Event, "convened the third annual");
    assert_eq!(e.date_string(), "2024-05-20");
    assert_eq!(event_place(e), Some("astana"));
    assert_eq!(sources(e), [NEGLOBAL, NEWSWIRE]);
    let Detail::Event { participants, .. } = &e.detail else {
        unreachable!()
    };
    assert!(
        participants.contains(&"uzra-zeya".into())
            && participants.contains(&"erzhan-kazykhan".into())
    );
    has_topics(e, &["dialogue"]);
}

#[test]
fn state_department_commends_domestic_violence_law_once_with_both_sources() {
    let s = item(
        Kind::Statement,
        "April 2024 law recriminalizing domestic violence",
    );
    assert_eq!(
        statement(s),
        (
            "us-state-department",
            Side::from_id("us").unwrap(),
            Some(Stance::Commends)
        )
    );
    assert_eq!(s.date_string(), "2024-05-20");
    assert_eq!(sources(s), [NEGLOBAL, NEWSWIRE]);
    has_topics(s, &["domestic-violence"]);
    let with_law = data()
        .items
        .iter()
        .filter(|i| {
            i.citations
                .iter()
                .any(|c| c.quote.contains("April 2024 law"))
        })
        .count();
    assert_eq!(
        with_law, 1,
        "the statement is held once, not once per source"
    );
}

#[test]
fn vassilenko_wrote_on_x_in_may_2024() {
    let s = item(Kind::Statement, "The dialogue is a good mechanism");
    assert_eq!(statement(s).0, "roman-vassilenko");
    assert_eq!(statement(s).1, Side::from_id("kz").unwrap());
    assert_eq!(s.date_string(), "2024-05", "the article gives no day");
}

#[test]
fn domestic_violence_law_signed_last_month_is_april_2024() {
    let e = item(Kind::Event, "signed last month key legislation");
    assert_eq!(e.date_string(), "2024-04");
    assert_eq!(
        sources(e),
        [NEGLOBAL, MFA],
        "the factsheet reports the same law"
    );
    has_topics(e, &["domestic-violence"]);
}

#[test]
fn next_meeting_planned_in_washington_in_2025() {
    let e = item(
        Kind::Event,
        "next meeting of the High-Level Dialogue in 2025",
    );
    assert_eq!(e.date_string(), "2025");
    assert!(e.is_planned(), "the meeting will be held: a plan");
    assert_eq!(event_place(e), Some("washington-dc"));
}

#[test]
fn c5_summit_in_new_york_last_year_is_2023() {
    let e = item(Kind::Event, "C5+1 Summit held in New York last year");
    assert_eq!(e.date_string(), "2023");
    assert_eq!(event_place(e), Some("new-york"));
}

#[test]
fn kazakh_government_on_zero_tolerance() {
    let s = item(
        Kind::Statement,
        "zero tolerance for violence against women and children",
    );
    assert_eq!(statement(s).0, "kz-government");
    assert_eq!(statement(s).1, Side::from_id("kz").unwrap());
    has_topics(s, &["domestic-violence", "children"]);
}

#[test]
fn us_calls_for_civil_society_participation() {
    let s = item(
        Kind::Statement,
        "in consultation with, civil society partners",
    );
    assert_eq!(
        statement(s),
        (
            "us-state-department",
            Side::from_id("us").unwrap(),
            Some(Stance::CallsFor)
        )
    );
    assert_eq!(sources(s), [NEGLOBAL, NEWSWIRE]);
}

#[test]
fn the_newswire_corroborates_rather_than_duplicates() {
    let cited = data()
        .items
        .iter()
        .filter(|i| sources(i).contains(&NEWSWIRE))
        .count();
    let primary = data()
        .items
        .iter()
        .filter(|i| sources(i)[0] == NEWSWIRE)
        .count();
    assert!(cited >= 8, "newswire cited by {cited} items");
    assert_eq!(
        primary, 0,
        "every newswire passage reports an item New Europe also reports"
    );
}

// --- 002: Zeya's remarks at the inaugural Dialogue, 11 April 2022 -------------------

#[test]
fn inaugural_dialogue_in_nur_sultan() {
    let e = item(Kind::Event, "hosting our inaugural High-Level dialogue");
    assert_eq!(e.date_string(), "2022-04-11");
    assert_eq!(event_place(e), Some("astana"), "Nur-Sultan is Astana");
    let astana = data().place("astana").unwrap();
    assert!(astana.aliases.iter().any(|a| a.name == "Nur-Sultan"
        && a.from.map(|d| d.to_string()) == Some("2019".into())
        && a.to.map(|d| d.to_string()) == Some("2022".into())));
}

#[test]
fn zeya_calls_for_investigations_of_torture_allegations() {
    let s = item(Kind::Statement, "torture of detainees in custody");
    assert_eq!(
        statement(s),
        (
            "uzra-zeya",
            Side::from_id("us").unwrap(),
            Some(Stance::CallsFor)
        )
    );
    assert_eq!(s.date_string(), "2022-04-11");
    has_topics(s, &["torture"]);
}

#[test]
fn reforms_announced_on_march_16_2022() {
    let e = item(Kind::Event, "announced on March 16");
    assert_eq!(e.date_string(), "2022-03-16");
    has_topics(e, &["political-reform"]);
}

#[test]
fn zeya_urges_trafficking_law_amendments() {
    let s = item(Kind::Statement, "amending the trafficking laws");
    assert_eq!(statement(s).2, Some(Stance::CallsFor));
    has_topics(s, &["trafficking"]);
}

#[test]
fn january_2022_unrest() {
    let e = item(Kind::Event, "loss of life during the January unrest");
    assert_eq!(e.date_string(), "2022-01");
}

#[test]
fn kazykhan_is_known_once_with_his_other_spelling() {
    let p = data()
        .people
        .iter()
        .filter(|p| p.name.contains("Kazykhan"))
        .collect::<Vec<_>>();
    assert_eq!(p.len(), 1);
    assert!(p[0].aliases.contains(&"Yerzhan Kazykhan".to_string()));
    assert!(
        p[0].roles.len() >= 2,
        "Special Representative (2022) and Assistant to the President (2024)"
    );
}

// --- 003: the 2010 Advancing Freedom and Democracy report ---------------------------

#[test]
fn laws_on_domestic_violence_and_gender_equality_december_2009() {
    let laws: Vec<&Item> = data()
        .items
        .iter()
        .filter(|i| i.quote().contains("in December 2009"))
        .collect();
    assert_eq!(laws.len(), 2, "two laws, two events");
    for l in laws {
        assert_eq!(l.kind(), Kind::Event);
        assert_eq!(l.date_string(), "2009-12");
        assert_eq!(sources(l), [DRL]);
    }
}

#[test]
fn prague_study_tour_march_2010_and_its_figures() {
    let e = item(Kind::Event, "international commercial law study tour");
    assert_eq!(e.date_string(), "2010-03");
    assert_eq!(event_place(e), Some("prague"));
    for (v, unit) in [(16.0, "judges"), (4.0, "coordinators"), (15.0, "women")] {
        let matching: Vec<&Item> = data()
            .items
            .iter()
            .filter(|i| matches!(&i.detail, Detail::Figure { value, unit: u, .. } if *value == v && u == unit))
            .collect();
        assert_eq!(matching.len(), 1, "{v} {unit}");
        assert_eq!(matching[0].date_string(), "2010-03");
    }
}

#[test]
fn report_figures_and_the_osce_chairmanship() {
    assert_eq!(
        figure(4.0, "cities", "democracy information centers").date_string(),
        "2010"
    );
    assert_eq!(
        figure(5.0, "parliamentarians", "Five female parliamentarians").date_string(),
        "2010"
    );
    let osce = item(
        Kind::Event,
        "acting chairman of the Organization for Security",
    );
    assert_eq!(osce.date_string(), "2010");
    let aim = item(Kind::Statement, "strategic aim of the U.S. Government");
    assert_eq!(statement(aim).0, "us-state-drl");
}

// --- 004: the Kazakh MFA factsheet, 2025 ---------------------------------------------

#[test]
fn crisis_centres_and_women_in_the_civil_service() {
    let c = figure(46.0, "crisis centres", "46 crisis centres");
    assert_eq!(c.date_string(), "2025");
    has_topics(c, &["domestic-violence"]);
    assert_eq!(
        qualifier(figure(55.0, "%", "55% of civil servants")),
        Some("around")
    );
    figure(39.0, "%", "39% of civil service leaders");
    figure(30.0, "%", "30% quota");
}

#[test]
fn asset_recovery_figures() {
    let usd = figure(4e9, "USD", "$4 billion");
    assert_eq!(qualifier(usd), Some("more than"));
    has_topics(usd, &["anti-corruption"]);
    figure(82.0, "schools", "82 schools");
    figure(46_000.0, "students", "46,000 students");
    figure(750e6, "USD", "$750 million");
    assert_eq!(
        item(Kind::Event, "2023 Asset Recovery Law").date_string(),
        "2023"
    );
}

#[test]
fn torture_complaints_fell_30_percent_in_2024_after_50_percent_the_previous_year() {
    assert_eq!(
        figure(30.0, "%", "decreased by 30% in 2024").date_string(),
        "2024"
    );
    assert_eq!(
        figure(50.0, "%", "50% reduction the previous year").date_string(),
        "2023"
    );
    assert_eq!(
        qualifier(figure(800.0, "visits", "over 800 unannounced visits")),
        Some("over")
    );
}

#[test]
fn institutions_and_laws_with_their_years() {
    let court = item(
        Kind::Event,
        "Constitutional Court was re-established in 2023",
    );
    assert_eq!(court.date_string(), "2023");
    let assemblies = item(Kind::Event, "2020 Law on Peaceful Assemblies");
    assert_eq!(assemblies.date_string(), "2020");
    has_topics(assemblies, &["assembly"]);
    assert_eq!(item(Kind::Event, "Law on Mass Media").date_string(), "2024");
    assert_eq!(
        item(Kind::Event, "Law on Combating Human Trafficking").date_string(),
        "2024"
    );
    assert_eq!(
        item(Kind::Event, "stalking, harassment and forced marriage").date_string(),
        "2025"
    );
    assert_eq!(
        item(Kind::Event, "Priority Action Plan for Human Rights (2021)").date_string(),
        "2021"
    );
    let fund = item(Kind::Event, "Compensation Fund for Victims of Torture");
    assert_eq!(
        fund.date_string(),
        "undated",
        "the factsheet gives no date for it"
    );
    assert_eq!(fund.reported.to_string(), "2025");
}

#[test]
fn digital_and_civil_society_figures() {
    assert_eq!(figure(24.0, "rank", "ranks 24th").date_string(), "2024");
    assert_eq!(
        qualifier(figure(1300.0, "services", "1,300 public services")),
        Some("more than")
    );
    figure(92.0, "%", "92% fully automated");
    figure(10e6, "citizens", "10 million citizens");
    assert_eq!(
        qualifier(figure(22_000.0, "NGOs", "22,000 registered NGOs")),
        Some("over")
    );
    figure(10.0, "founders", "from 10 to 3");
    figure(3.0, "founders", "from 10 to 3");
    figure(71.0, "deputies", "71 deputies with disabilities");
    figure(6.0, "deputies", "6 serving in the national Parliament");
    figure(18.0, "denominations", "18 officially registered");
}

#[test]
fn un_experts_commendation_is_theirs_not_the_ministrys() {
    let s = item(Kind::Statement, "UN experts commended Kazakhstan");
    assert_eq!(
        statement(s),
        (
            "un-human-rights-committee-experts",
            Side::Other,
            Some(Stance::Commends)
        )
    );
    let claims = data()
        .items
        .iter()
        .filter(|i| sources(i)[0] == MFA && i.kind() == Kind::Statement);
    for c in claims.filter(|c| c.id != s.id) {
        assert_eq!(statement(c).0, "kz-mfa", "{}", c.id);
    }
}

#[test]
fn optional_protocols_ratified_in_2023_are_two_events() {
    let both: Vec<&Item> = data()
        .items
        .iter()
        .filter(|i| {
            i.kind() == Kind::Event && i.quote().contains("ratified the Optional Protocols")
        })
        .collect();
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|e| e.date_string() == "2023"));
    has_topics(
        both.iter()
            .find(|e| e.topics.contains(&"children".into()))
            .unwrap(),
        &["multilateral"],
    );
    has_topics(
        both.iter()
            .find(|e| e.topics.contains(&"disability".into()))
            .unwrap(),
        &["multilateral"],
    );
}

#[test]
fn every_source_yields_items_of_the_kinds_it_holds() {
    for (source, kinds) in [
        (NEGLOBAL, &[Kind::Statement, Kind::Event][..]),
        (ZEYA, &[Kind::Statement, Kind::Event, Kind::Figure]),
        (DRL, &[Kind::Statement, Kind::Event, Kind::Figure]),
        (MFA, &[Kind::Statement, Kind::Event, Kind::Figure]),
    ] {
        for k in kinds {
            assert!(
                data()
                    .items
                    .iter()
                    .any(|i| sources(i)[0] == source && i.kind() == *k),
                "{source} has no {k}"
            );
        }
    }
}

// --- Dates the texts give, and those they do not --------------------------------------

#[test]
fn factsheet_reforms_without_a_date_are_undated_and_reported_in_2025() {
    for phrase in [
        "single seven-year presidential term",
        "direct elections of rural akims",
        "“Against All” option",
        "A mixed electoral system",
        "Ombudsman for Human Rights",
        "144th session",
        "Compensation Fund for Victims of Torture",
        "decriminalised defamation",
        "2023–2026 Anti-Corruption Action Plan",
    ] {
        let found: Vec<&Item> = data()
            .items
            .iter()
            .filter(|i| i.kind() == Kind::Event && i.quote().contains(phrase))
            .collect();
        assert!(!found.is_empty(), "no event quotes {phrase:?}");
        for e in found {
            assert_eq!(e.date_string(), "undated", "{}", e.id);
            assert_eq!(e.reported.to_string(), "2025", "{}", e.id);
            assert!(e.date_words().starts_with("date not given"), "{}", e.id);
        }
    }
}

#[test]
fn events_the_factsheet_reports_only_inside_statements() {
    for (phrase, topic) in [
        ("abolition of the death penalty", "rule-of-law"),
        ("new Social Code prohibits discrimination", "disability"),
        ("expanded the scope of jury trials", "rule-of-law"),
        (
            "The National Kurultai, a consultative assembly",
            "civil-society",
        ),
        ("The Commissioner for Children’s Rights", "children"),
        ("The Concept of Inclusive Policy through 2030", "disability"),
    ] {
        let e = item(Kind::Event, phrase);
        assert_eq!(e.date_string(), "undated", "{}: no date in the text", e.id);
        assert!(!e.is_planned(), "{}", e.id);
        assert_eq!(sources(e), ["mfa-kz-factsheet-2025"]);
        has_topics(e, &[topic]);
    }
}

#[test]
fn bishkek_conference_was_proposed_for_2011_a_plan() {
    let e = item(Kind::Event, "proposed 2011 Women's Empowerment Conference");
    assert_eq!(e.date_string(), "2011");
    assert!(e.is_planned());
    assert_eq!(e.reported.to_string(), "2010");
    assert_eq!(event_place(e), Some("bishkek"));
}

#[test]
fn inaugural_dialogue_launched_the_day_of_the_speech() {
    let e = item(Kind::Event, "hosting our inaugural High-Level dialogue");
    assert_eq!(e.date_string(), "2022-04-11");
    assert!(!e.is_planned());
}

#[test]
fn a_past_state_figure_is_undated_a_present_one_is_as_of_its_source() {
    let before = figure(10.0, "founders", "from 10 to 3");
    assert_eq!(
        before.date_string(),
        "undated",
        "before the undated amendments"
    );
    let after = figure(3.0, "founders", "from 10 to 3");
    assert_eq!(after.date_string(), "2025", "the rule now in force");
    let fund = figure(50.0, "%", "half of the National Fund");
    assert_eq!(
        fund.date_string(),
        "2025",
        "since 2023 is a start, not a date"
    );
}

#[test]
fn a_corroborated_item_is_reported_by_its_earliest_source() {
    let law = item(Kind::Event, "signed last month");
    assert_eq!(law.reported.to_string(), "2024-05", "New Europe, May 2024");
    let statement = item(Kind::Statement, "commended the Republic of Kazakhstan");
    assert_eq!(statement.reported.to_string(), "2024-05");
}
