//! Parties: the `organizations`, `people` and `groups` sections (docs/format.md
//! §3.2 to §3.4).

use super::Decoder;
use crate::keys;
use crate::load::yaml::Node;
use crate::model::{Group, Organization, Person, Spanned};

impl Decoder<'_> {
    pub(super) fn organization(&mut self, node: &Node) -> Option<Organization> {
        let fields = self.mapping(node, &self.entity_what("organization"), &keys::ORGANIZATION)?;
        let common = self.common(&fields, "organization", true);
        let parent = self.optional_ref(&fields, "parent", "the organization");
        let target_margin = fields.get("target_margin").map(|n| {
            self.percent_of_revenue(n, "`target_margin`")
                .map(|value| Spanned::new(value, n.span))
        });
        Some(Organization {
            common: common?,
            parent,
            target_margin: target_margin.map_or(Some(None), |t| t.map(Some))?,
        })
    }

    pub(super) fn person(&mut self, node: &Node) -> Option<Person> {
        let fields = self.mapping(node, &self.entity_what("person"), &keys::PERSON)?;
        let common = self.common(&fields, "person", true);
        let organization = self.required_ref(&fields, "organization", "the person");
        let title = self.optional_string(&fields, "title", "the person");
        Some(Person {
            common: common?,
            organization: organization?,
            title,
        })
    }

    pub(super) fn group(&mut self, node: &Node) -> Option<Group> {
        let fields = self.mapping(node, &self.entity_what("group"), &keys::GROUP)?;
        let common = self.common(&fields, "group", true);
        let organization = self.optional_ref(&fields, "organization", "the group");
        let size = fields
            .get("size")
            .and_then(|n| self.whole(n, "`size`", 0, u64::MAX));
        let members = self.refs(&fields, "members", "the group");
        Some(Group {
            common: common?,
            organization,
            size,
            members,
        })
    }
}
