//! The help for an unknown key (SVS002): the declared key it is nearest to, or, for a bare
//! word of a flow mapping, the value a comma cut in two.

use super::Decoder;
use crate::keys::Mapping;
use crate::load::yaml::{Node, NodeKind};
use crate::suggest::closest;

/// The help for an unknown key `name` of `mapping`: the declared key it is nearest to, or
/// every declared key.
pub(super) fn help(name: &str, mapping: &Mapping) -> String {
    match closest(name, mapping.names()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "known keys here: {}",
            mapping.names().collect::<Vec<_>>().join(", ")
        ),
    }
}

impl Decoder<'_> {
    /// The help for the unknown key `pairs[index]` of the mapping `node` when it is a bare
    /// word of a flow mapping (`{ name: printing, couriers, amount: 5 }`): YAML cut a
    /// value at an unquoted comma, and the word after it became a key without a value.
    /// Names the key whose value the comma may belong to (the last one before it with a
    /// value, written plain), and shows that value quoted, with the bare words after it,
    /// when it fits on one line.
    pub(super) fn comma_in_value(
        &self,
        node: &Node,
        pairs: &[(Node, Node)],
        index: usize,
    ) -> Option<String> {
        let (key, value) = &pairs[index];
        let NodeKind::Str(name) = &key.kind else {
            return None;
        };
        if !value.is_empty() || !node.is_flow_mapping(self.text) {
            return None;
        }
        let (before_key, before) = pairs[..index].iter().rev().find(|(_, v)| !v.is_empty())?;
        let NodeKind::Str(before_name) = &before_key.kind else {
            return None;
        };
        // The bare words after it belong to the same value.
        let last = pairs[index..]
            .iter()
            .take_while(|(k, v)| matches!(k.kind, NodeKind::Str(_)) && v.is_empty())
            .last()
            .map_or(key, |(k, _)| k);
        let plain = matches!(
            before.kind,
            NodeKind::Str(_) | NodeKind::Number | NodeKind::Bool(_)
        ) && before.span.file == last.span.file
            && before.span.end() <= key.span.start()
            && key.span.end() <= last.span.end();
        let cut = plain
            .then(|| self.text.get(before.span.start()..last.span.end()))
            .flatten()
            .filter(|cut| !cut.starts_with(['"', '\'', '*', '!', '&', '|', '>']))?;
        let start = format!(
            "`{name}` has no value: if the comma before it belongs to `{before_name}`, quote \
             the value"
        );
        if cut.contains(['\n', '\r', '"', '\\']) {
            return Some(start);
        }
        Some(format!("{start}: `{before_name}: \"{cut}\"`"))
    }
}
