use rust_decimal_macros::dec;

use super::{BadRow, Input, import};
use crate::model::{Perceiver, Period};

fn read(text: &str) -> Result<super::Imported, Vec<BadRow>> {
    import(&[Input {
        file: "q.csv",
        bytes: text.as_bytes(),
    }])
}

fn faults(text: &str) -> Vec<String> {
    read(text)
        .expect_err("bad rows")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn rows_are_grouped_by_relationship_and_period_in_the_order_they_first_appear() {
    let imported = read(
        "relationship,period,kind,name,value\n\
         b,2026-Q2,availability,,99.5\n\
         a,2026-Q1,outcome,reach,true\n\
         b,2026-Q2,capacity,users,40\n\
         a,2026-Q1,outcome,email,FALSE\n\
         b,2026-Q1,security_failed,mfa,false\n",
    )
    .expect("rows that are all good");
    let keys: Vec<(String, Period)> = imported
        .records
        .iter()
        .map(|r| (r.relationship.id.to_string(), r.period.value))
        .collect();
    assert_eq!(
        keys,
        [
            ("b".to_owned(), Period::Quarter(2026, 2)),
            ("a".to_owned(), Period::Quarter(2026, 1)),
            ("b".to_owned(), Period::Quarter(2026, 1)),
        ]
    );
    assert_eq!(imported.rows, 5);
    assert_eq!(imported.relationships(), 2);
    let b = &imported.records[0];
    let warranty = b.warranty.as_ref().expect("an achieved warranty");
    assert_eq!(
        warranty.availability.as_ref().map(|a| a.value),
        Some(dec!(99.5))
    );
    assert_eq!(warranty.capacity[0].metric.value, "users");
    let a = &imported.records[1];
    let outcomes: Vec<(&str, bool)> = a
        .outcomes
        .iter()
        .map(|o| (&*o.outcome.id, o.achieved))
        .collect();
    assert_eq!(outcomes, [("reach", true), ("email", false)]);
    // A control that held reports security without a failure.
    let security = imported.records[2]
        .warranty
        .as_ref()
        .unwrap()
        .security
        .as_ref();
    assert_eq!(security.map(|s| s.failed.len()), Some(0));
}

#[test]
fn a_perception_row_names_a_role_or_a_party_and_its_scale_defaults_to_one() {
    let imported = read(
        "relationship,period,kind,name,value,min,max,responses\n\
         a,2026,perception,user,4,,5,10\n\
         a,2026,perception,staff,7,0,10,3\n",
    )
    .unwrap();
    let entries = &imported.records[0].perception;
    assert!(matches!(entries[0].who, Perceiver::Role(_)));
    assert_eq!(entries[0].min, dec!(1));
    assert!(matches!(&entries[1].who, Perceiver::Party(p) if &*p.id == "staff"));
    assert_eq!((entries[1].min, entries[1].responses), (dec!(0), 3));
}

#[test]
fn every_bad_cell_is_named_by_its_line_and_column() {
    let found = faults(
        "relationship,period,kind,name,value,category,max,responses\n\
         a,2026-Q5,availability,,99,,,\n\
         a,2026-Q1,availabilty,,99,,,\n\
         a,2026-Q1,availability,,100.5,,,\n\
         a,2026-Q1,spend,fee,ten,price,,\n\
         a,2026-Q1,spend,fee,10,,,\n\
         a,2026-Q1,outcome,reach,yes,,,\n\
         a,2026-Q1,perception,user,4,,,\n\
         Acme,2026-Q1,credit,back,-1,,,\n",
    );
    let expected = [
        "q.csv:2: column `period`: `2026-Q5` is not a period",
        "q.csv:3: column `kind`: must be one of availability, capacity, service_level, \
         rto_hours, rpo_hours, security_failed, outcome, spend, credit, loss, perception, \
         found `availabilty`; did you mean `availability`?",
        "q.csv:4: column `value`: an availability is from 0 to 100 (percent), found 100.5",
        "q.csv:5: column `value`: must be a number: `ten` is not a decimal number",
        "q.csv:6: column `category`: a `spend` row needs a category",
        "q.csv:7: column `value`: must be true or false, found `yes`",
        "q.csv:8: column `max`: a `perception` row needs the top of the scale",
        "q.csv:8: column `responses`: a `perception` row needs the number of responses",
        "q.csv:9: column `relationship`: must be the id of a relationship",
        "q.csv:9: column `value`: must be 0 or more, found -1",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (found, expected) in found.iter().zip(expected) {
        assert!(found.starts_with(expected), "{found}\nexpected: {expected}");
    }
}

#[test]
fn the_header_must_name_the_required_columns_once_and_no_unknown_one() {
    let found = faults("relationship,period,kind,valeu,kind\na,2026,loss,x,1\n");
    assert_eq!(
        found,
        [
            "q.csv:1: the header names an unknown column `valeu`: did you mean `value`? (the \
             columns are relationship, period, kind, name, value, category, min, max, responses)",
            "q.csv:1: column `kind`: the header names this column twice",
            "q.csv:1: column `name`: the header lacks this required column (every file needs \
             `relationship`, `period`, `kind`, `name` and `value`)",
            "q.csv:1: column `value`: the header lacks this required column (every file needs \
             `relationship`, `period`, `kind`, `name` and `value`)",
        ]
    );
    assert_eq!(
        faults(""),
        [
            "q.csv:1: the file has no header row: the first line names the columns, such as \
          `relationship,period,kind,name,value`"
        ]
    );
}

#[test]
fn what_a_record_holds_once_cannot_be_given_twice() {
    let found = faults(
        "relationship,period,kind,name,value\n\
         a,2026,availability,,99\n\
         a,2026,capacity,users,4\n\
         a,2026,availability,,98\n\
         a,2026,capacity,users,5\n\
         a,2025,capacity,users,5\n\
         a,2026,spend,fee,1\n",
    );
    assert_eq!(
        found,
        [
            "q.csv:4: column `kind`: `availability` of `a` in 2026 is given twice: first at q.csv:2",
            "q.csv:5: column `name`: `capacity` `users` of `a` in 2026 is given twice: first at \
             q.csv:3",
            "q.csv:7: column `category`: a `spend` row needs a category, one of price, \
             allocation, network, procurement, training, other: it is empty",
        ]
    );
}

#[test]
fn a_row_of_the_wrong_width_and_a_cell_that_is_not_text_are_reported() {
    let mut bytes = b"relationship,period,kind,name,value\na,2026,loss,x\na,2026,loss,".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b",1\n");
    let found: Vec<String> = import(&[Input {
        file: "q.csv",
        bytes: &bytes,
    }])
    .unwrap_err()
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        found,
        [
            "q.csv:2: the row has 4 fields where the header has 5: quote a field that holds a comma",
            "q.csv:3: column `name`: is not UTF-8 text",
        ]
    );
}
