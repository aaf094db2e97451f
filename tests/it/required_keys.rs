//! Required-ness, both ways: the declarations of `svs::keys` say which keys must be
//! written, and the decoder must report exactly those missing from an empty mapping. Each
//! mapping with a required key is written as `{}` in a place where the format reads it; a
//! mapping declared later must be given a place here, or this test fails.

use std::collections::BTreeSet;

use svs::keys::{MAPPINGS, Presence};

/// Where each mapping is read: the text before and after an empty `{}` of it, in a file
/// that is otherwise valid.
fn place(mapping: &str) -> Option<(&'static str, &'static str)> {
    Some(match mapping {
        "Catalogue" => ("svs: 1\ncatalogue: ", "\n"),
        "Organization" => ("svs: 1\norganizations:\n  - ", "\n"),
        "Person" => ("svs: 1\npeople:\n  - ", "\n"),
        "Group" => ("svs: 1\ngroups:\n  - ", "\n"),
        "Outcome" => ("svs: 1\noutcomes:\n  - ", "\n"),
        "Product" => ("svs: 1\nproducts:\n  - ", "\n"),
        "Service" => ("svs: 1\nservices:\n  - ", "\n"),
        "Offering" => ("svs: 1\nofferings:\n  - ", "\n"),
        "Relationship" => ("svs: 1\nrelationships:\n  - ", "\n"),
        "Rule" => ("svs: 1\nrules:\n  - ", "\n"),
        "Resource" => (
            "svs: 1\nproducts:\n  - { id: p, name: P, provider: o, resources: [",
            "] }\n",
        ),
        "Output" => (
            "svs: 1\nservices:\n  - { id: s, name: S, provider: o, outputs: [",
            "] }\n",
        ),
        "Capacity" => (
            "svs: 1\nservices:\n  - { id: s, name: S, provider: o, warranty: { capacity: [",
            "] } }\n",
        ),
        "ServiceLevel" => (
            "svs: 1\nservices:\n  - { id: s, name: S, provider: o, warranty: { service_levels: [",
            "] } }\n",
        ),
        "RunningCost" => (
            "svs: 1\nservices:\n  - { id: s, name: S, provider: o, running_costs: [",
            "] }\n",
        ),
        "Goods" => (
            "svs: 1\nofferings:\n  - { id: f, name: F, provider: o, goods: [",
            "] }\n",
        ),
        "Access" => (
            "svs: 1\nofferings:\n  - { id: f, name: F, provider: o, access: [",
            "] }\n",
        ),
        "Action" => (
            "svs: 1\nofferings:\n  - { id: f, name: F, provider: o, actions: [",
            "] }\n",
        ),
        "PriceLine" => (
            "svs: 1\nofferings:\n  - { id: f, name: F, provider: o, price: [",
            "] }\n",
        ),
        "CostToServe" => (
            "svs: 1\nofferings:\n  - { id: f, name: F, provider: o, cost_to_serve: [",
            "] }\n",
        ),
        "Stakeholder" => (RELATIONSHIP, "stakeholders: [{}] }\n"),
        "RequiredOutcome" => (RELATIONSHIP, "requirements: { outcomes: [{}] } }\n"),
        "RemovedCost" => (RELATIONSHIP, "costs: { removed: [{}] } }\n"),
        "ImposedCost" => (RELATIONSHIP, "costs: { imposed: [{}] } }\n"),
        "Risk" => (RELATIONSHIP, "risks: { removed: [{}] } }\n"),
        "ProvisionCost" => (RELATIONSHIP, "provision: { costs: [{}] } }\n"),
        "Benefit" => (RELATIONSHIP, "provision: { benefits: [{}] } }\n"),
        "Effect" => (
            RELATIONSHIP,
            "stakeholders: [{ party: o, role: other, effects: [{}] }] }\n",
        ),
        "Budget" => (RELATIONSHIP, "budget: {} }\n"),
        "Evidence" => ("svs: 1\nevidence:\n  - ", "\n"),
        "Measurement" => (EVIDENCE, "warranty: { capacity: [{}] } }\n"),
        "OutcomeMeasurement" => (EVIDENCE, "outcomes: [{}] }\n"),
        "Spend" => (EVIDENCE, "spend: [{}] }\n"),
        "Credit" => (EVIDENCE, "credits: [{}] }\n"),
        "Loss" => (EVIDENCE, "losses: [{}] }\n"),
        "Perception" => (EVIDENCE, "perception: [{}] }\n"),
        "Management" => (RELATIONSHIP, "management: {} }\n"),
        "Improvement" => ("svs: 1\nimprovements:\n  - ", "\n"),
        "ExpectedAmount" => (
            "svs: 1\nimprovements:\n  - { id: i, relationship: r, name: I, owner: p, \
             status: agreed, raised: 2026-01-01, expected: { costs_removed: ",
            " } }\n",
        ),
        _ => return None,
    })
}

/// An evidence record written up to where its tested part goes (that part supplies its
/// mapping).
const EVIDENCE: &str = "svs: 1\nevidence:\n  - { relationship: r, period: 2026-Q1, ";

/// A relationship written up to where its tested part goes (that part supplies `{}`).
const RELATIONSHIP: &str =
    "svs: 1\nrelationships:\n  - { id: r, provider: o, consumer: c, offering: f, ";

/// The keys reported missing in `text`, by the message every such finding carries.
fn missing(text: String) -> BTreeSet<String> {
    let loaded = svs::load::load_files(vec![("k.yaml".into(), text.into_bytes())], "k".into());
    loaded
        .diagnostics
        .iter()
        .filter_map(|d| {
            let (_, rest) = d.message.split_once("missing the required key `")?;
            Some(rest.split('`').next()?.to_owned())
        })
        .collect()
}

#[test]
fn an_empty_mapping_is_missing_exactly_its_required_keys() {
    for mapping in MAPPINGS {
        let required: BTreeSet<String> = mapping
            .keys
            .iter()
            .filter(|k| matches!(k.presence, Presence::Required))
            .map(|k| k.name.to_owned())
            .collect();
        // The file's own `svs` key is the version check (SVS003 with its own message).
        if required.is_empty() || mapping.name.is_empty() {
            continue;
        }
        let Some((before, after)) = place(mapping.name) else {
            panic!(
                "mapping `{}` has required keys {required:?}: give it a place in this test",
                mapping.name
            );
        };
        // Relationship parts write `{}` themselves, inside `after`.
        let text = if after.contains("{}") {
            format!("{before}{after}")
        } else {
            format!("{before}{{}}{after}")
        };
        assert_eq!(
            missing(text.clone()),
            required,
            "`{}` in:\n{text}",
            mapping.name
        );
    }
}
