//! The `relationships` section: service relationships with their roles, stakeholders,
//! requirements (required outcomes and warranty), and the costs and risks they remove
//! and impose (docs/format.md §3.10).

use crate::keys::{self, names};
use rust_decimal::Decimal;

use super::{Decoder, exact};
use crate::load::yaml::Node;
use crate::model::{
    Balance, Cost, CostCategory, Kind, Priority, Provision, RequiredOutcome, Requirements, Risk,
    Roles, Stakeholder, StakeholderRole,
};

/// The words of a stakeholder's `role`.
pub(crate) const STAKEHOLDER_ROLES: &[(&str, StakeholderRole)] = &[
    ("employee", StakeholderRole::Employee),
    ("partner", StakeholderRole::Partner),
    ("supplier", StakeholderRole::Supplier),
    ("investor", StakeholderRole::Investor),
    ("regulator", StakeholderRole::Regulator),
    ("community", StakeholderRole::Community),
    ("charity", StakeholderRole::Charity),
    ("other", StakeholderRole::Other),
];

/// The words of a required outcome's `priority`.
pub(crate) const PRIORITIES: &[(&str, Priority)] = &[
    ("must", Priority::Must),
    ("should", Priority::Should),
    ("could", Priority::Could),
];

/// The words of a removed cost's `category`: what the consumer no longer pays for.
pub(crate) const REMOVED_COST_CATEGORIES: &[(&str, CostCategory)] = &[
    ("staff", CostCategory::Staff),
    ("technology", CostCategory::Technology),
    ("resources", CostCategory::Resources),
    ("other", CostCategory::Other),
];

/// The words of an imposed cost's `category`: what the consumer pays for instead.
pub(crate) const IMPOSED_COST_CATEGORIES: &[(&str, CostCategory)] = &[
    ("price", CostCategory::Price),
    ("allocation", CostCategory::Allocation),
    ("network", CostCategory::Network),
    ("procurement", CostCategory::Procurement),
    ("training", CostCategory::Training),
    ("other", CostCategory::Other),
];

impl Decoder<'_> {
    pub(super) fn relationship(&mut self, node: &Node) -> Option<crate::model::Relationship> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Relationship.noun()),
            &keys::RELATIONSHIP,
        )?;
        let common = self.common(&fields, Kind::Relationship.noun(), false);
        let what = "the relationship";
        let provider = self.required_ref(&fields, names::PROVIDER, what);
        let consumer = self.required_ref(&fields, names::CONSUMER, what);
        let offering = self.required_ref(&fields, names::OFFERING, what);
        let quantity = fields
            .get(names::QUANTITY)
            .map(|n| self.bounded(n, "`quantity`", |d| !d.is_sign_negative(), "0 or more"));
        let mut roles = Roles::default();
        if let Some(block) = fields.get(names::ROLES) {
            if let Some(inner) = self.mapping(block, "`roles`", &keys::ROLES) {
                roles.customer = self.refs(&inner, names::CUSTOMER, "`roles`");
                roles.user = self.refs(&inner, names::USER, "`roles`");
                roles.sponsor = self.refs(&inner, names::SPONSOR, "`roles`");
            }
        }
        let stakeholders = exact(
            self.list(fields.get(names::STAKEHOLDERS), "`stakeholders`"),
            |item| self.stakeholder(item),
        );
        let requirements = fields
            .get(names::REQUIREMENTS)
            .map(|n| self.requirements(n));
        let costs = fields
            .get(names::COSTS)
            .map(|n| self.balance(n, "`costs`", &keys::COSTS, Self::cost));
        let risks = fields
            .get(names::RISKS)
            .map(|n| self.balance(n, "`risks`", &keys::RISKS, Self::risk));
        let provision = fields.get(names::PROVISION).map(|n| self.provision(n));
        let budget = fields.get(names::BUDGET).map(|n| self.budget(n));
        let management = fields.get(names::MANAGEMENT).map(|n| self.management(n));
        Some(crate::model::Relationship {
            common: common?,
            provider: provider?,
            consumer: consumer?,
            offering: offering?,
            quantity: quantity.unwrap_or(Some(Decimal::ONE))?,
            roles,
            stakeholders,
            requirements: requirements.unwrap_or_else(|| Some(Requirements::default()))?,
            costs: costs.unwrap_or_else(|| Some(Balance::default()))?,
            risks: risks.unwrap_or_else(|| Some(Balance::default()))?,
            provision: provision.unwrap_or_else(|| Some(Provision::default()))?,
            budget: budget.map_or(Some(None), |b| b.map(Some))?,
            management: management.map_or(Some(None), |m| m.map(Some))?,
        })
    }

    pub(super) fn stakeholder(&mut self, node: &Node) -> Option<Stakeholder> {
        let what = "a stakeholder";
        let fields = self.mapping(node, what, &keys::STAKEHOLDER)?;
        let party = self.required_ref(&fields, names::PARTY, what);
        let role = self
            .required(&fields, names::ROLE, what)
            .and_then(|n| self.choice(n, "`role`", STAKEHOLDER_ROLES));
        let interest = self.optional_string(&fields, names::INTEREST, what);
        let effects = self.effects(&fields);
        Some(Stakeholder {
            party: party?,
            role: role?,
            interest,
            effects,
        })
    }

    pub(super) fn requirements(&mut self, node: &Node) -> Option<Requirements> {
        let fields = self.mapping(node, "`requirements`", &keys::REQUIREMENTS)?;
        let outcomes = exact(
            self.list(fields.get(names::OUTCOMES), "`requirements.outcomes`"),
            |item| self.required_outcome(item),
        );
        let warranty = fields
            .get(names::WARRANTY)
            .and_then(|n| self.warranty(n, "the required `warranty`"));
        Some(Requirements { outcomes, warranty })
    }

    pub(super) fn required_outcome(&mut self, node: &Node) -> Option<RequiredOutcome> {
        let what = "a required outcome";
        let fields = self.mapping(node, what, &keys::REQUIRED_OUTCOME)?;
        let outcome = self.required_ref(&fields, names::OUTCOME, what);
        let priority = fields
            .get(names::PRIORITY)
            .map(|n| self.choice(n, "`priority`", PRIORITIES));
        let weight = fields
            .get(names::WEIGHT)
            .map(|n| self.bounded(n, "`weight`", |d| d > Decimal::ZERO, "above 0"));
        Some(RequiredOutcome {
            outcome: outcome?,
            priority: priority.unwrap_or(Some(Priority::Should))?,
            weight: weight.unwrap_or(Some(Decimal::ONE))?,
        })
    }

    pub(super) fn balance<T>(
        &mut self,
        node: &Node,
        what: &str,
        keys: &'static keys::Mapping,
        item: fn(&mut Self, &Node, bool) -> Option<T>,
    ) -> Option<Balance<T>> {
        let fields = self.mapping(node, what, keys)?;
        let removed = exact(
            self.list(fields.get(names::REMOVED), &format!("{what} `removed`")),
            |n| item(self, n, true),
        );
        let imposed = exact(
            self.list(fields.get(names::IMPOSED), &format!("{what} `imposed`")),
            |n| item(self, n, false),
        );
        Some(Balance { removed, imposed })
    }

    pub(super) fn cost(&mut self, node: &Node, removed: bool) -> Option<Cost> {
        let what = if removed {
            "a removed cost"
        } else {
            "an imposed cost"
        };
        let keys = if removed {
            &keys::REMOVED_COST
        } else {
            &keys::IMPOSED_COST
        };
        let fields = self.mapping(node, what, keys)?;
        let name = self.required_string(&fields, names::NAME, what);
        let category = self.required(&fields, names::CATEGORY, what).and_then(|n| {
            if removed {
                self.choice(n, "the category of a removed cost", REMOVED_COST_CATEGORIES)
            } else {
                self.choice(
                    n,
                    "the category of an imposed cost",
                    IMPOSED_COST_CATEGORIES,
                )
            }
        });
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, "`amount`"));
        let per = self.per(&fields, what);
        Some(Cost {
            name: name?.value,
            category: category?,
            amount: amount?,
            per: per?,
            span: node.span,
        })
    }

    pub(super) fn risk(&mut self, node: &Node, removed: bool) -> Option<Risk> {
        let what = if removed {
            "a removed risk"
        } else {
            "an imposed risk"
        };
        self.risk_item(node, what)
    }

    /// A risk: a name, a likelihood per year and an impact.
    pub(super) fn risk_item(&mut self, node: &Node, what: &str) -> Option<Risk> {
        let fields = self.mapping(node, what, &keys::RISK)?;
        let name = self.required_string(&fields, names::NAME, what);
        let likelihood = self
            .required(&fields, names::LIKELIHOOD, what)
            .and_then(|n| {
                self.bounded(
                    n,
                    "`likelihood`",
                    |d| d >= Decimal::ZERO && d <= Decimal::ONE,
                    "a probability from 0 to 1",
                )
            });
        let impact = self
            .required(&fields, names::IMPACT, what)
            .and_then(|n| self.amount(n, "`impact`"));
        Some(Risk {
            name: name?.value,
            likelihood: likelihood?,
            impact: impact?,
            span: node.span,
        })
    }
}
