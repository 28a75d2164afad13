//! Reading `people.toml` and `places.toml`: people, institutions and
//! places, each checked where it is defined.

use super::*;

impl Loader<'_> {
    pub(super) fn people(&mut self, root: &Record, seen: &mut Seen) {
        for r in root.tables("person", "this [[person]]") {
            self.pending_aware(&r, |l| l.person(&r, seen));
        }
        for r in root.tables("institution", "this [[institution]]") {
            self.pending_aware(&r, |l| l.institution(&r, seen));
        }
        root.finish(&["person", "institution"]);
    }

    pub(super) fn person(&mut self, r: &Record, seen: &mut Seen) {
        let id = r.string("id");
        let name = r.string("name");
        let aliases = r.opt_string_list("aliases");
        let side = self.side(r);
        let mut roles = Vec::new();
        let mut roles_ok = true;
        for role in r.tables("role", "this [[person.role]]") {
            let title = role.string("title");
            let from = role.opt_date("from");
            let to = role.opt_date("to");
            role.finish(ROLE_FIELDS);
            check_order(&role, from.as_ref(), to.as_ref());
            match title {
                Some(t) => roles.push(Role {
                    title: t.value,
                    from: from.map(|d| d.value),
                    to: to.map(|d| d.value),
                }),
                None => roles_ok = false,
            }
        }
        r.finish(PERSON_FIELDS);
        let Some(id) = valid_id(r, id) else {
            return;
        };
        if !first_definition(seen, r, &id, "person or institution") {
            return;
        }
        if name.is_none() || side.is_none() || !roles_ok {
            self.broken.insert(Ns::Speaker.key(&id.value));
        }
        if let (Some(name), Some(side), true) = (name, side, roles_ok) {
            self.data.people.push(Person {
                id: id.value,
                name: name.value,
                aliases: aliases.into_iter().map(|a| a.value).collect(),
                side: side.value,
                roles,
            });
        }
    }

    pub(super) fn institution(&mut self, r: &Record, seen: &mut Seen) {
        let id = r.string("id");
        let name = r.string("name");
        let aliases = r.opt_string_list("aliases");
        let side = self.side(r);
        r.finish(INSTITUTION_FIELDS);
        let Some(id) = valid_id(r, id) else {
            return;
        };
        if !first_definition(seen, r, &id, "person or institution") {
            return;
        }
        if name.is_none() || side.is_none() {
            self.broken.insert(Ns::Speaker.key(&id.value));
        }
        if let (Some(name), Some(side)) = (name, side) {
            self.data.institutions.push(Institution {
                id: id.value,
                name: name.value,
                aliases: aliases.into_iter().map(|a| a.value).collect(),
                side: side.value,
            });
        }
    }

    pub(super) fn places(&mut self, root: &Record) {
        let mut seen = Seen::new();
        for r in root.tables("place", "this [[place]]") {
            let id = r.string("id");
            let name = r.string("name");
            let mut aliases = Vec::new();
            let mut aliases_ok = true;
            for a in r.tables("alias", "this [[place.alias]]") {
                let alias = a.string("name");
                let from = a.opt_date("from");
                let to = a.opt_date("to");
                a.finish(ALIAS_FIELDS);
                check_order(&a, from.as_ref(), to.as_ref());
                match alias {
                    Some(n) => aliases.push(PlaceAlias {
                        name: n.value,
                        from: from.map(|d| d.value),
                        to: to.map(|d| d.value),
                    }),
                    None => aliases_ok = false,
                }
            }
            r.finish(PLACE_FIELDS);
            let Some(id) = valid_id(&r, id) else { continue };
            if !first_definition(&mut seen, &r, &id, "place") {
                continue;
            }
            if name.is_none() || !aliases_ok {
                self.broken.insert(Ns::Place.key(&id.value));
            }
            if let (Some(name), true) = (name, aliases_ok) {
                self.data.places.push(Place {
                    id: id.value,
                    name: name.value,
                    aliases,
                });
            }
        }
        root.finish(&["place"]);
    }
}
