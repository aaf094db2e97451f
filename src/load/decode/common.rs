//! The fields every entity has: `id`, `name`, `description` and the entity's own `lint`
//! block (docs/format.md §1, "Ids, references and the keys every entity has").

use super::{Decoder, Fields, is_valid_id};
use crate::keys::{self, names};
use crate::model::{Common, EntityLint, Id};

impl Decoder<'_> {
    /// Decodes the fields every entity has. Sets the current entity for later findings.
    pub(super) fn common(
        &mut self,
        fields: &Fields<'_>,
        kind: &str,
        named: bool,
    ) -> Option<Common> {
        let what = format!("an {kind}");
        let what = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            what
        } else {
            format!("a {kind}")
        };
        let id = self.id(fields, &what);
        let what = match &id {
            Some(id) => format!("{kind} `{}`", id.value),
            None => what,
        };
        let name = if named {
            self.required_string(fields, names::NAME, &what)
                .map(|s| s.value)
        } else {
            None
        };
        let description = self.optional_string(fields, names::DESCRIPTION, &what);
        let mut lint = EntityLint::default();
        if let Some(block) = fields.get(names::LINT) {
            if let Some(inner) = self.mapping(
                block,
                &format!("the `lint` block of {what}"),
                &keys::ENTITY_LINT,
            ) {
                lint.allow = self.code_list(inner.get(names::ALLOW), "`lint.allow`");
            }
        }
        Some(Common {
            id: id?,
            name: if named { Some(name?) } else { None },
            description,
            lint,
            span: fields.span,
        })
    }

    pub(super) fn id(&mut self, fields: &Fields<'_>, what: &str) -> Option<Id> {
        let node = self.required(fields, names::ID, what)?;
        let id = self.string(node, "`id`")?;
        if !is_valid_id(&id.value) {
            self.invalid(node.span, format!("`{}` is not a valid id", id.value))
                .help = Some(
                "ids are 1 to 63 characters: lower-case letters, digits, `.`, `_` and `-`, \
                 starting with a letter or digit"
                    .to_owned(),
            );
            return None;
        }
        Some(id)
    }
}
