//! Parties: the `organizations`, `people` and `groups` sections (docs/format.md
//! §3.2 to §3.4).

use super::Decoder;
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Group, Kind, Organization, Person, Spanned};

impl Decoder<'_> {
    pub(super) fn organization(&mut self, node: &Node) -> Option<Organization> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Organization.noun()),
            &keys::ORGANIZATION,
        )?;
        let common = self.common(&fields, Kind::Organization.noun(), true);
        let parent = self.optional_ref(&fields, names::PARENT, "the organization");
        let target_margin = fields.get(names::TARGET_MARGIN).map(|n| {
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
        let fields = self.mapping(node, &self.entity_what(Kind::Person.noun()), &keys::PERSON)?;
        let common = self.common(&fields, Kind::Person.noun(), true);
        let organization = self.required_ref(&fields, names::ORGANIZATION, "the person");
        let title = self.optional_string(&fields, names::TITLE, "the person");
        Some(Person {
            common: common?,
            organization: organization?,
            title,
        })
    }

    pub(super) fn group(&mut self, node: &Node) -> Option<Group> {
        let fields = self.mapping(node, &self.entity_what(Kind::Group.noun()), &keys::GROUP)?;
        let common = self.common(&fields, Kind::Group.noun(), true);
        let organization = self.optional_ref(&fields, names::ORGANIZATION, "the group");
        let size = fields
            .get(names::SIZE)
            .and_then(|n| self.whole(n, "`size`", 0, u64::MAX));
        let members = self.refs(&fields, names::MEMBERS, "the group");
        Some(Group {
            common: common?,
            organization,
            size,
            members,
        })
    }
}
