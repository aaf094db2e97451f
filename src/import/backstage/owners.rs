//! Owners: the organisation chart, and the organisation each entity belongs to.
//!
//! Groups become organisations, each with its parent (from `spec.parent`, else from a
//! parent's `spec.children`), and a parent that would close a cycle is cut. Users become
//! people of their first imported group (by `memberOf`, else the first group whose
//! `spec.members` lists them). Each system, component and resource belongs to
//! the organisation its `spec.owner` names: a group, or a user standing for that user's
//! organisation.
//!
//! Real installations load their groups and users from an organisation provider (GitHub,
//! LDAP, Keycloak), so descriptors name owners that are not among the files read. Each
//! distinct reference that names nothing read is an organisation of its own
//! ([`Org::Missing`]), said once with the number of entities it owns, so that two teams
//! outside the files stay two teams and the relationships between them survive. Only
//! an entity that names no owner at all is placed in the one placeholder organisation.
//!
//! This is the one place that decides who owns what: the products, the offerings and
//! the relationships of the later stages are all between the [`Org`]s found here.

use std::collections::HashMap;

use super::entities::{Entities, Ref, parse_ref};
use super::members::Members;
use super::read::get;
use super::warnings::Warnings;

/// The organisation something belongs to: an imported group, an organisation a
/// reference names outside the files read, or the placeholder for entities that name no
/// owner at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Org {
    /// The organisation a group becomes, by entity.
    Group(usize),
    /// An organisation named but not among the entities read, by position in
    /// [`Owners::missing`].
    Missing(usize),
    /// The one organisation that stands in for entities that name no owner.
    Placeholder,
}

/// An organisation a reference names that no entity read defines: a group of the
/// organisation provider, most often.
pub(super) struct MissingOrg {
    /// Its name as first written, without the kind (`team-phoenix`,
    /// `redhat/one-platform-devs`).
    pub(super) shown: String,
    /// Its namespace, lower case.
    pub(super) namespace: String,
    /// Its name, lower case.
    pub(super) name: String,
    /// The entity that first named it.
    pub(super) first: usize,
    /// The full reference (`group:default/team-phoenix`), as warnings show it.
    pub(super) reference: String,
    /// A hint for a reference that is likely a slip, said with the warning.
    hint: String,
    /// How many systems, components and resources it owns.
    owns: usize,
    /// How many groups name it as their parent.
    children: usize,
    /// How many users name it first among their groups.
    users: usize,
}

/// Who owns what; every table is indexed by entity.
pub(super) struct Owners {
    /// The parent of each group, cycles cut.
    pub(super) parent: Vec<Option<Org>>,
    /// The organisation of each user.
    pub(super) organization: Vec<Org>,
    /// The organisation that owns each system, component and resource.
    pub(super) owner: Vec<Org>,
    /// That owner as a product shows it among its resources.
    pub(super) owner_shown: Vec<String>,
    /// The organisations named but not read, in the order first named.
    pub(super) missing: Vec<MissingOrg>,
    /// Each missing organisation by `(kind, namespace, name)`, lower case.
    missing_index: HashMap<(String, String, String), usize>,
    /// Whether anything was placed in the placeholder organisation.
    pub(super) placeholder_used: bool,
}

impl Owners {
    /// The parents of groups, the organisations of users, then the owners of systems,
    /// components and resources, each with its warnings.
    pub(super) fn resolve(entities: &Entities, members: &Members, warnings: &mut Warnings) -> Self {
        let n = entities.len();
        let mut owners = Owners {
            parent: vec![None; n],
            organization: vec![Org::Placeholder; n],
            owner: vec![Org::Placeholder; n],
            owner_shown: vec![String::new(); n],
            missing: Vec::new(),
            missing_index: HashMap::new(),
            placeholder_used: false,
        };
        owners.parents(entities, warnings);
        owners.memberships(entities, members, warnings);
        let owned = entities.systems.iter().chain(&entities.components);
        for &e in owned.chain(&entities.resources) {
            let (org, shown) = owners.owner_of(entities, e, warnings);
            owners.owner[e] = org;
            owners.owner_shown[e] = shown;
        }
        owners
    }

    /// The organisation `reference` names outside the files read, first named by `e`
    /// as `written`: created on first mention.
    fn missing_org(
        &mut self,
        entities: &Entities,
        e: usize,
        reference: &Ref,
        written: &str,
    ) -> usize {
        let kind = reference.kind.clone().unwrap_or_else(|| "group".to_owned());
        let key = (
            kind.clone(),
            reference.namespace.clone(),
            reference.name.clone(),
        );
        if let Some(&m) = self.missing_index.get(&key) {
            return m;
        }
        let hint = match kind.as_str() {
            "user" if entities.find("group", reference).is_some() => format!(
                " (a group `{}` exists: write `group:{}`)",
                reference.name, reference.name
            ),
            _ => String::new(),
        };
        self.missing.push(MissingOrg {
            shown: written
                .split_once(':')
                .map_or(written, |(_, rest)| rest)
                .trim()
                .to_owned(),
            namespace: reference.namespace.clone(),
            name: reference.name.clone(),
            first: e,
            reference: format!("{kind}:{}/{}", reference.namespace, reference.name),
            hint,
            owns: 0,
            children: 0,
            users: 0,
        });
        self.missing_index.insert(key, self.missing.len() - 1);
        self.missing.len() - 1
    }

    /// One warning per organisation named but not read, in the file that first names
    /// it, with the id it was given (`ids`, as [`Owners::missing`]) and what it stands
    /// for.
    pub(super) fn say_missing(&self, entities: &Entities, ids: &[String], warnings: &mut Warnings) {
        for (m, id) in self.missing.iter().zip(ids) {
            // The stem and its endings for one and for many (`entit`, `y`, `ies`).
            let counted = |n: usize, stem: &str, one: &str, many: &str| {
                (n > 0).then(|| format!("{n} {stem}{}", if n == 1 { one } else { many }))
            };
            let roles: Vec<String> = [
                counted(m.owns, "entit", "y", "ies").map(|c| format!("owner of {c}")),
                counted(m.children, "group", "", "s").map(|c| format!("the parent of {c}")),
                counted(m.users, "user", "", "s").map(|c| format!("the group of {c}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            warnings.entity(
                entities.file_of(m.first),
                m.reference.clone(),
                format!(
                    "is not among the entities read{}; imported as the organisation `{id}`, {}",
                    m.hint,
                    roles.join(", ")
                ),
            );
        }
    }

    /// The parent of each group: its `spec.parent` (a group read, or an organisation of
    /// its own when it names none), else the group whose `spec.children` names it; then
    /// the link that would close each cycle is cut.
    fn parents(&mut self, entities: &Entities, warnings: &mut Warnings) {
        for &g in &entities.groups {
            let Some(text) = entities[g].spec_string("parent") else {
                continue;
            };
            let reference = parse_ref(&text, Some("group"), &entities[g].namespace);
            if reference.kind.as_deref() != Some("group") {
                warnings.about(
                    entities,
                    g,
                    format!("parent `{text}` does not name a group; imported without a parent"),
                );
                continue;
            }
            match entities.find("group", &reference) {
                Some(p) if p == g => warnings.about(
                    entities,
                    g,
                    format!("parent `{text}` names the group itself; imported without a parent"),
                ),
                Some(p) => self.parent[g] = Some(Org::Group(p)),
                None => {
                    let m = self.missing_org(entities, g, &reference, &text);
                    self.missing[m].children += 1;
                    self.parent[g] = Some(Org::Missing(m));
                }
            }
        }
        for &g in &entities.groups {
            for text in entities[g].spec_list("children") {
                let reference = parse_ref(&text, Some("group"), &entities[g].namespace);
                if let Some(child) = entities.find("group", &reference) {
                    if self.parent[child].is_none() && child != g {
                        self.parent[child] = Some(Org::Group(g));
                    }
                }
            }
        }
        cut_cycles(entities, &mut self.parent, warnings);
    }

    /// The organisation of each user: its first `memberOf` that names an imported group.
    fn memberships(&mut self, entities: &Entities, members: &Members, warnings: &mut Warnings) {
        for &u in &entities.users {
            let member_of = entities[u].spec_list("memberOf");
            let found = member_of.iter().find_map(|text| {
                let reference = parse_ref(text, Some("group"), &entities[u].namespace);
                (reference.kind.as_deref() == Some("group"))
                    .then(|| entities.find("group", &reference))
                    .flatten()
            });
            if let Some(g) = found.or(members.first_listed[u]) {
                self.organization[u] = Org::Group(g);
            } else if let Some(first) = member_of.first() {
                let reference = parse_ref(first, Some("group"), &entities[u].namespace);
                let m = self.missing_org(entities, u, &reference, first);
                self.missing[m].users += 1;
                self.organization[u] = Org::Missing(m);
            } else {
                self.placeholder_used = true;
                warnings.about(
                    entities,
                    u,
                    "is a member of no group; placed in the placeholder organisation".to_owned(),
                );
            }
        }
    }

    /// The organisation that owns entity `e`, and the owner as shown in its product.
    fn owner_of(
        &mut self,
        entities: &Entities,
        e: usize,
        warnings: &mut Warnings,
    ) -> (Org, String) {
        let owners = entities[e].spec_list("owner");
        let listed = matches!(
            get(&entities[e].value, &["spec", "owner"]),
            Some(serde_json::Value::Array(_))
        );
        if listed && !owners.is_empty() {
            warnings.about(
                entities,
                e,
                format!(
                    "`spec.owner` is a list, which Backstage rejects: an entity has one owner; \
                     the first, `{}`, is taken",
                    owners[0]
                ),
            );
        }
        let Some(text) = owners.into_iter().next() else {
            self.placeholder_used = true;
            warnings.about(
                entities,
                e,
                "has no `spec.owner`; placed in the placeholder organisation".to_owned(),
            );
            return (Org::Placeholder, "unknown owner".to_owned());
        };
        let reference = parse_ref(&text, Some("group"), &entities[e].namespace);
        match reference.kind.as_deref() {
            Some("group") => {
                if let Some(g) = entities.find("group", &reference) {
                    let g_entity = &entities[g];
                    return (
                        Org::Group(g),
                        g_entity.display_name().unwrap_or_else(|| g_entity.title()),
                    );
                }
            }
            Some("user") => {
                if let Some(u) = entities.find("user", &reference) {
                    let shown = entities[u]
                        .display_name()
                        .unwrap_or_else(|| entities[u].name.clone());
                    return (self.organization[u], shown);
                }
            }
            _ => {}
        }
        let m = self.missing_org(entities, e, &reference, &text);
        self.missing[m].owns += 1;
        (Org::Missing(m), self.missing[m].shown.clone())
    }
}

/// Removes the parent link that closes each cycle of groups, with a warning.
fn cut_cycles(entities: &Entities, parent: &mut [Option<Org>], warnings: &mut Warnings) {
    // 0: not visited, 1: on the current chain, 2: done.
    let mut state = vec![0u8; parent.len()];
    for &start in &entities.groups {
        let mut chain: Vec<usize> = Vec::new();
        let mut current = start;
        loop {
            match state[current] {
                2 => break,
                1 => {
                    let last = *chain.last().expect("a cycle has a link");
                    let to = parent[last].take();
                    let to = match to {
                        Some(Org::Group(t)) => entities[t].reference(),
                        _ => String::new(),
                    };
                    warnings.about(
                        entities,
                        last,
                        format!(
                            "parent `{to}` would close a cycle of groups; imported without a parent"
                        ),
                    );
                    break;
                }
                _ => {}
            }
            state[current] = 1;
            chain.push(current);
            match parent[current] {
                Some(Org::Group(p)) => current = p,
                _ => break,
            }
        }
        for c in chain {
            state[c] = 2;
        }
    }
}
