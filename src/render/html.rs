//! The memo as one self-contained HTML file, rendered with handlebars.
//!
//! The default templates (`templates/` in the repository) are compiled into
//! the program; a folder of the user's own may replace any one of them by
//! holding a file of the same name, and the rest fall back to the defaults,
//! as mdBook's themes do. Every value is HTML-escaped: no template uses
//! triple-brace (raw) output.

use std::collections::HashMap;
use std::path::Path;

use handlebars::Handlebars;

use crate::assemble::Memo;
use crate::assemble::sections::{Place, Section};

// The templates: file name, and the default text compiled in (every file
// of `templates/`, listed by the build script).
include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));

/// Why the HTML could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// A template folder holds a file that is no template's name.
    #[error("{0}: there is no template of this name; the templates are: {1}")]
    UnknownTemplate(String, String),
    /// A template file could not be read.
    #[error("{0}: cannot be read: {1}")]
    Read(String, std::io::Error),
    /// A template does not parse.
    #[error("{0}")]
    Template(String),
    /// Rendering failed (a template refers to something that is not there).
    #[error("{0}")]
    Render(String),
}

/// Renders briefs to HTML with the default templates and any overrides.
pub struct HtmlRenderer {
    registry: Handlebars<'static>,
}

impl HtmlRenderer {
    /// The renderer with the default templates, each replaced by the file of
    /// the same name in `overrides`, if given.
    pub fn new(overrides: Option<&Path>) -> Result<HtmlRenderer, HtmlError> {
        let mut texts: Vec<(String, String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    format!("templates/{name} (built in)"),
                    text.to_string(),
                )
            })
            .collect();
        if let Some(dir) = overrides {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| HtmlError::Read(dir.display().to_string(), e))?;
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            names.sort();
            for path in names {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                let Some(slot) = texts.iter_mut().find(|(n, _, _)| *n == name) else {
                    let known: Vec<&str> = TEMPLATES.iter().map(|(n, _)| *n).collect();
                    return Err(HtmlError::UnknownTemplate(
                        path.display().to_string(),
                        known.join(", "),
                    ));
                };
                let text =
                    crate::limits::read_to_string_at_most(&path, crate::limits::MAX_BRIEF_FILE)
                        .map_err(|e| {
                            HtmlError::Read(
                                path.display().to_string(),
                                std::io::Error::other(e.to_string()),
                            )
                        })?;
                *slot = (name, path.display().to_string(), text);
            }
        }
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_helper("css-string", Box::new(css_string));
        registry.register_helper("include", Box::new(Include));
        registry.register_helper("sections", Box::new(SectionsAt));
        for (name, origin, text) in texts {
            let key = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem);
            registry
                .register_template_string(key, text)
                .map_err(|e| HtmlError::Template(format!("{origin}: {}", e.reason())))?;
        }
        refuse_cycles(&registry)?;
        Ok(HtmlRenderer { registry })
    }

    /// The memo as a complete HTML document.
    pub fn render(&self, brief: &Memo) -> Result<String, HtmlError> {
        self.registry
            .render("memo", brief)
            .map_err(|e| HtmlError::Render(format!("the templates could not render the memo: {e}")))
    }
}

/// Refuses templates that bring themselves in, directly or through others,
/// by `{{> name}}`, `{{#> name}}` or `{{include "name"}}` (handlebars
/// refuses only a partial that names itself; a longer loop would exhaust
/// the stack). A name computed while rendering cannot be seen here; the
/// include depth limit stops those.
fn refuse_cycles(registry: &Handlebars) -> Result<(), HtmlError> {
    let templates = registry.get_templates();
    let mut names: Vec<&String> = templates.keys().collect();
    names.sort();
    let edges: HashMap<&str, Vec<String>> = names
        .iter()
        .map(|name| {
            let mut out = Vec::new();
            brought_in(&templates[*name], &mut out);
            (name.as_str(), out)
        })
        .collect();
    for start in &names {
        let mut path = vec![start.to_string()];
        if let Some(cycle) = cycle_from(&edges, &mut path) {
            return Err(HtmlError::Template(format!(
                "templates: {} brings itself in ({}); a template may not include itself, directly or through others, so remove one of these inclusions",
                cycle[0],
                cycle.join(" → ")
            )));
        }
    }
    Ok(())
}

/// A path of inclusions from `path`'s last template back to a template on
/// the path, if there is one.
fn cycle_from(edges: &HashMap<&str, Vec<String>>, path: &mut Vec<String>) -> Option<Vec<String>> {
    let last = path.last()?.clone();
    for next in edges.get(last.as_str()).into_iter().flatten() {
        if let Some(at) = path.iter().position(|p| p == next) {
            let mut cycle = path[at..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        path.push(next.clone());
        if let Some(cycle) = cycle_from(edges, path) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

/// The names of the templates `template` brings in by name.
fn brought_in(template: &handlebars::template::Template, out: &mut Vec<String>) {
    use handlebars::template::{Parameter, TemplateElement};
    for element in &template.elements {
        match element {
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                if let Some(name) = d.name.as_name() {
                    out.push(name.to_string());
                }
                if let Some(t) = &d.template {
                    brought_in(t, out);
                }
            }
            TemplateElement::DecoratorBlock(d) => {
                if let Some(t) = &d.template {
                    brought_in(t, out);
                }
            }
            TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h)
            | TemplateElement::HelperBlock(h) => {
                if h.name.as_name() == Some("include")
                    && let Some(Parameter::Literal(serde_json::Value::String(name))) =
                        h.params.first()
                {
                    out.push(name.clone());
                }
                if h.name.as_name() == Some("sections")
                    && let Some(Parameter::Literal(serde_json::Value::String(place))) =
                        h.params.first()
                    && let Some(place) = Place::named(place)
                {
                    out.extend(
                        Section::all()
                            .map(Section::def)
                            .filter(|d| d.place == place)
                            .map(|d| d.template.trim_end_matches(".hbs").to_string()),
                    );
                }
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    brought_in(t, out);
                }
            }
            _ => {}
        }
    }
}

/// `{{include "name"}}`: the template `name` rendered in place, in the
/// current context. It does what the partial `{{> name}}` does, without the
/// deep copy of the current context that handlebars makes for every partial
/// (at the top of the memo that context is the whole brief: copying it for
/// each section and each item's markers was half the time of a render).
struct Include;

impl handlebars::HelperDef for Include {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc handlebars::Context,
        rc: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        let name = h.param(0).and_then(|v| v.value().as_str()).ok_or(
            handlebars::RenderErrorReason::ParamNotFoundForIndex("include", 0),
        )?;
        include(name, registry, context, rc, out)
    }
}

/// Renders the template `name` in place, in `context`.
fn include<'reg: 'rc, 'rc>(
    name: &str,
    registry: &'reg Handlebars<'reg>,
    context: &'rc handlebars::Context,
    rc: &mut handlebars::RenderContext<'reg, 'rc>,
    out: &mut dyn handlebars::Output,
) -> handlebars::HelperResult {
    let template = registry
        .get_template(name)
        .ok_or_else(|| handlebars::RenderErrorReason::PartialNotFound(name.to_string()))?;
    // A template that includes itself, directly or through others, is
    // refused as handlebars refuses such a partial, not left to
    // exhaust the stack.
    let depth = INCLUDE_DEPTH.with(|d| d.get());
    if depth >= MAX_INCLUDE_DEPTH
        || rc.get_current_template_name().map(String::as_str) == Some(name)
    {
        return Err(handlebars::RenderErrorReason::CannotIncludeSelf.into());
    }
    let before = rc.get_current_template_name();
    INCLUDE_DEPTH.with(|d| d.set(depth + 1));
    let result = handlebars::Renderable::render(template, registry, context, rc, out);
    INCLUDE_DEPTH.with(|d| d.set(depth));
    rc.set_current_template_name(before);
    result
}

/// `{{sections "body"}}`: the sections the memo holds in that place
/// (`masthead`, `front`, `body`, `end`), each by its own template, in the
/// registry's order, one line each.
struct SectionsAt;

impl handlebars::HelperDef for SectionsAt {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc handlebars::Context,
        rc: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        let name = h.param(0).and_then(|v| v.value().as_str()).ok_or(
            handlebars::RenderErrorReason::ParamNotFoundForIndex("sections", 0),
        )?;
        let place = Place::named(name).ok_or_else(|| {
            handlebars::RenderErrorReason::Other(format!(
                "{{{{sections \"{name}\"}}}}: there is no such place; the places are: {}",
                Place::ALL.map(|(n, _)| n).join(", ")
            ))
        })?;
        let defs = Section::all()
            .map(Section::def)
            .filter(|d| d.place == place);
        for (n, def) in defs.enumerate() {
            let absent = context.data().get(def.key).is_none_or(|v| v.is_null());
            // A section that exists only with a record leaves no trace
            // without one: the memo reads as it did before it existed.
            if def.needs_record && absent {
                continue;
            }
            if n > 0 {
                out.write("\n")?;
            }
            if !absent {
                let stem = def.template.trim_end_matches(".hbs");
                include(stem, registry, context, rc, out)?;
            }
        }
        Ok(())
    }
}

/// How deep `{{include}}`s may nest: far more than the templates need, far
/// less than the stack allows.
const MAX_INCLUDE_DEPTH: usize = 32;

thread_local! {
    /// The `{{include}}`s being rendered on this thread, nested.
    static INCLUDE_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `{{css-string x}}`: `x` escaped for the inside of a CSS string (every
/// character but letters, digits and spaces as a `\hex ` escape), so that
/// data cannot end the string or the style sheet. The result holds nothing
/// that HTML escaping changes.
fn css_string(
    h: &handlebars::Helper,
    _: &Handlebars,
    _: &handlebars::Context,
    _: &mut handlebars::RenderContext,
    out: &mut dyn handlebars::Output,
) -> handlebars::HelperResult {
    let value = h
        .param(0)
        .and_then(|v| v.value().as_str())
        .unwrap_or_default();
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_alphanumeric() || c == ' ' {
            escaped.push(c);
        } else {
            escaped.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.write(&escaped)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_section_has_its_template_and_a_key_of_its_own() {
        let f = crate::ledger::Followed::embedded().unwrap();
        let memo = crate::render::memo_for(
            &f.data,
            &f.ledger,
            &crate::brief_file::BriefFile::default(),
            "2025-06-30".parse().unwrap(),
        )
        .unwrap();
        let json = serde_json::to_value(&memo).unwrap();
        let fields = json.as_object().unwrap();
        let mut keys = BTreeSet::new();
        for section in Section::all() {
            let def = section.def();
            assert!(
                TEMPLATES.iter().any(|(name, _)| *name == def.template),
                "{}: no template {}",
                def.id,
                def.template
            );
            assert!(
                keys.insert(def.key),
                "{}: key {} used twice",
                def.id,
                def.key
            );
            // The memo's data holds each key once, as this section's (one
            // that needs a record is null without one).
            assert!(
                def.needs_record || fields.get(def.key).is_some_and(|v| !v.is_null()),
                "{}",
                def.key
            );
        }
        // No section's key is also one of the memo's own fields: written
        // out, the memo's data names each key once.
        let text = serde_json::to_string(&memo).unwrap();
        let written: KeysWritten = serde_json::from_str(&text).unwrap();
        assert_eq!(written.0, fields.len(), "a key is written twice");
    }

    /// How many keys a JSON object's text holds, repeats counted.
    struct KeysWritten(usize);

    impl<'de> serde::Deserialize<'de> for KeysWritten {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Count;
            impl<'de> serde::de::Visitor<'de> for Count {
                type Value = KeysWritten;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<KeysWritten, A::Error> {
                    let mut n = 0;
                    while map.next_entry::<String, serde::de::IgnoredAny>()?.is_some() {
                        n += 1;
                    }
                    Ok(KeysWritten(n))
                }
            }
            d.deserialize_map(Count)
        }
    }
}
