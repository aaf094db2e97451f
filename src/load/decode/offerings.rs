//! The `offerings` section: offerings with their goods, access, service actions and
//! price lines, and the `ownership` and `per` values those share with costs
//! (docs/format.md §3.9).

use super::provision::CostOf;
use super::{Decoder, Fields, exact};
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Access, Action, Goods, Kind, Offering, Ownership, Per, PriceLine, Spanned};
use crate::source::Span;

/// The words of `ownership`: who owns an item once it is supplied.
pub(crate) const OWNERSHIP: &[(&str, Ownership)] = &[
    ("transferred", Ownership::Transferred),
    ("retained", Ownership::Retained),
];

/// The words of `per`: how often an amount falls due, on prices and costs alike.
pub(crate) const PER: &[(&str, Per)] = &[
    ("once", Per::Once),
    ("month", Per::Month),
    ("quarter", Per::Quarter),
    ("year", Per::Year),
];

/// Words practitioners write for a word of `per`, each with the word it means: suggested
/// when one of them is written (`per: annually` suggests `year`).
pub(crate) const PER_SYNONYMS: &[(&str, &str)] = &[
    ("annual", "year"),
    ("annually", "year"),
    ("yearly", "year"),
    ("monthly", "month"),
    ("quarterly", "quarter"),
    ("one-off", "once"),
    ("oneoff", "once"),
    ("once-off", "once"),
    ("one-time", "once"),
];

impl Decoder<'_> {
    pub(super) fn offering(&mut self, node: &Node) -> Option<Offering> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Offering.noun()),
            &keys::OFFERING,
        )?;
        let common = self.common(&fields, Kind::Offering.noun(), true);
        let provider = self.required_ref(&fields, names::PROVIDER, "the offering");
        let services = self.refs(&fields, names::SERVICES, "the offering");
        let targets = self.refs(&fields, names::TARGETS, "the offering");
        let goods = exact(self.list(fields.get(names::GOODS), "`goods`"), |item| {
            self.goods(item)
        });
        let access = exact(self.list(fields.get(names::ACCESS), "`access`"), |item| {
            self.access(item)
        });
        let actions = exact(self.list(fields.get(names::ACTIONS), "`actions`"), |item| {
            self.action(item)
        });
        let warranty = fields
            .get(names::WARRANTY)
            .and_then(|n| self.warranty(n, "the offering's `warranty`"));
        let price = exact(self.list(fields.get(names::PRICE), "`price`"), |item| {
            self.price_line(item)
        });
        let cost_to_serve = self.provision_costs(&fields, names::COST_TO_SERVE, CostOf::Serving);
        Some(Offering {
            common: common?,
            provider: provider?,
            services,
            targets,
            goods,
            access,
            actions,
            warranty,
            price,
            cost_to_serve,
        })
    }

    pub(super) fn ownership(
        &mut self,
        fields: &Fields<'_>,
        default: Ownership,
        span: Span,
    ) -> Option<Spanned<Ownership>> {
        match fields.get(names::OWNERSHIP) {
            None => Some(Spanned::new(default, span)),
            Some(n) => {
                let value = self.choice(n, "`ownership`", OWNERSHIP)?;
                Some(Spanned::new(value, n.span))
            }
        }
    }

    pub(super) fn goods(&mut self, node: &Node) -> Option<Goods> {
        let what = "a goods item";
        let fields = self.mapping(node, what, &keys::GOODS)?;
        let name = self.required_string(&fields, names::NAME, what);
        let ownership = self.ownership(&fields, Ownership::Transferred, node.span);
        Some(Goods {
            name: name?,
            ownership: ownership?,
            span: node.span,
        })
    }

    pub(super) fn access(&mut self, node: &Node) -> Option<Access> {
        let what = "an access item";
        let fields = self.mapping(node, what, &keys::ACCESS)?;
        let name = self.required_string(&fields, names::NAME, what);
        let period = fields
            .get(names::PERIOD)
            .map(|n| self.string(n, "`period`"));
        let ownership = self.ownership(&fields, Ownership::Retained, node.span);
        Some(Access {
            name: name?,
            period: period.map_or(Some(None), |p| p.map(Some))?,
            ownership: ownership?,
            span: node.span,
        })
    }

    pub(super) fn action(&mut self, node: &Node) -> Option<Action> {
        let what = "a service action";
        let fields = self.mapping(node, what, &keys::ACTION)?;
        let name = self.required_string(&fields, names::NAME, what);
        let agreement = fields
            .get(names::AGREEMENT)
            .map(|n| self.string(n, "`agreement`"));
        Some(Action {
            name: name?,
            agreement: agreement.map_or(Some(None), |a| a.map(Some))?,
            span: node.span,
        })
    }

    pub(super) fn per(&mut self, fields: &Fields<'_>, what: &str) -> Option<Per> {
        let node = self.required(fields, names::PER, what)?;
        self.choice_with(node, "`per`", PER, PER_SYNONYMS)
    }

    pub(super) fn price_line(&mut self, node: &Node) -> Option<PriceLine> {
        let what = "a price line";
        let fields = self.mapping(node, what, &keys::PRICE_LINE)?;
        let name = self.optional_string(&fields, names::NAME, what);
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, "`amount`"));
        let per = self.per(&fields, what);
        let unit = self.optional_string(&fields, names::UNIT, what);
        Some(PriceLine {
            name,
            amount: amount?,
            per: per?,
            unit,
            span: node.span,
        })
    }
}
