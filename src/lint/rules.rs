//! The lint rules of SVS101–SVS401, one file each, and the registry in code order.
//!
//! Each rule's Markdown file is both its rustdoc and the text of `svs explain`: what it
//! does, why it matters, an example that fires and the fix. The tests at the bottom
//! hold every rule to its documentation.

use super::Rule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module; pub use $module::$rule;)*
        /// Every lint rule, in code order.
        pub static REGISTRY: &[&dyn Rule] = &[$(&$rule),*];
    };
}

registry! {
    offering_without_target::OfferingWithoutTarget,
    offering_without_service::OfferingWithoutService,
    empty_offering::EmptyOffering,
    goods_ownership_retained::GoodsOwnershipRetained,
    access_ownership_transferred::AccessOwnershipTransferred,
    access_without_period::AccessWithoutPeriod,
    action_without_agreement::ActionWithoutAgreement,
    offering_without_warranty::OfferingWithoutWarranty,
    offering_without_price::OfferingWithoutPrice,
    offering_service_provider_mismatch::OfferingServiceProviderMismatch,
    service_without_outcome::ServiceWithoutOutcome,
    service_without_product::ServiceWithoutProduct,
    output_without_outcome::OutputWithoutOutcome,
    warranty_exceeds_upstream::WarrantyExceedsUpstream,
    dependency_not_consumed::DependencyNotConsumed,
    service_product_provider_mismatch::ServiceProductProviderMismatch,
    unrecovered_running_cost::UnrecoveredRunningCost,
    relationship_without_customer::RelationshipWithoutCustomer,
    relationship_without_sponsor::RelationshipWithoutSponsor,
    relationship_without_user::RelationshipWithoutUser,
    relationship_without_requirements::RelationshipWithoutRequirements,
    self_relationship::SelfRelationship,
    relationship_provider_mismatch::RelationshipProviderMismatch,
    consumer_not_targeted::ConsumerNotTargeted,
    negative_value::NegativeValue,
    unknown_outcome_requirement::UnknownOutcomeRequirement,
    role_outside_consumer::RoleOutsideConsumer,
    unsustainable_provision::UnsustainableProvision,
    one_sided_value::OneSidedValue,
    funding_not_allocated::FundingNotAllocated,
    over_budget::OverBudget,
    budget_not_authorised::BudgetNotAuthorised,
    budget_expired::BudgetExpired,
    warranty_breached::WarrantyBreached,
    value_not_perceived::ValueNotPerceived,
    evidence_not_required::EvidenceNotRequired,
    evidence_stale::EvidenceStale,
    review_overdue::ReviewOverdue,
    relationship_unmanaged::RelationshipUnmanaged,
    improvement_overdue::ImprovementOverdue,
    management_outside_parties::ManagementOutsideParties,
    unused_entity::UnusedEntity,
}

/// Where to point when an item's optional text agrees on nothing: at a blank value, or at
/// the item when the key is missing; `None` when the text is there.
pub(crate) fn missing_text(
    item: crate::source::Span,
    text: Option<&crate::model::Spanned<String>>,
) -> Option<crate::source::Span> {
    match text {
        None => Some(item),
        Some(text) if text.value.trim().is_empty() => Some(text.span),
        Some(_) => None,
    }
}

/// The rule with this code (`SVS104`) or name (`goods-ownership-retained`).
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|rule| {
        let code = rule.code();
        code.code.eq_ignore_ascii_case(code_or_name) || code.name == code_or_name
    })
}

/// The YAML of the first fenced `yaml` block under the `## {heading}` section of a doc.
pub fn example<'d>(doc: &'d str, heading: &str) -> Option<&'d str> {
    let section = doc.split("\n## ").find(|s| s.starts_with(heading))?;
    let start = section.find("```yaml\n")? + "```yaml\n".len();
    let end = start + section[start..].find("```")?;
    Some(&section[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes;
    use crate::lint::index::Index;

    #[test]
    fn the_registry_has_every_rule_code_once_in_code_order() {
        let registered: Vec<&str> = REGISTRY.iter().map(|r| r.code().code).collect();
        let expected: Vec<&str> = codes::ALL
            .iter()
            .filter(|c| !c.is_structural())
            .map(|c| c.code)
            .collect();
        assert_eq!(registered, expected);
    }

    #[test]
    fn every_doc_has_its_sections() {
        for rule in REGISTRY {
            let doc = rule.doc();
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Use instead",
            ] {
                assert!(
                    doc.contains(heading),
                    "{}: missing `{heading}`",
                    rule.code().code
                );
            }
        }
    }

    fn fires(rule: &dyn Rule, yaml: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let loaded = crate::load::load_files(
            vec![("example.yaml".into(), yaml.as_bytes().to_vec())],
            "example".into(),
        );
        let catalogue = loaded.catalogue.unwrap_or_else(|| {
            panic!(
                "{}: the example does not load: {:?}",
                rule.code().code,
                loaded
                    .diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            )
        });
        let index = Index::new(&catalogue);
        let mut out = Vec::new();
        rule.check(&index, &mut out);
        out
    }

    #[test]
    fn every_docs_bad_example_fires_and_its_good_example_does_not() {
        for rule in REGISTRY {
            let code = rule.code().code;
            let bad =
                example(rule.doc(), "Example").unwrap_or_else(|| panic!("{code}: no example"));
            let good =
                example(rule.doc(), "Use instead").unwrap_or_else(|| panic!("{code}: no fix"));
            let found = fires(*rule, bad);
            assert!(!found.is_empty(), "{code}: the example does not fire");
            assert!(
                found.iter().all(|d| d.code.code() == code),
                "{code}: another code fired"
            );
            assert_eq!(fires(*rule, good), vec![], "{code}: the fix still fires");
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(
            find("svs104").map(|r| r.code().name),
            Some("goods-ownership-retained")
        );
        assert_eq!(
            find("goods-ownership-retained").map(|r| r.code().code),
            Some("SVS104")
        );
        assert!(find("SVS001").is_none());
    }
}
