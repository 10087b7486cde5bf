use super::*;

#[test]
fn every_starter_entry_is_valid_and_keys_are_unique() {
    let text = include_str!("../starter_catalogue.yaml");
    let inputs = parse_yaml(text).expect("the starter catalogue parses");
    for (index, input) in inputs.iter().enumerate() {
        let slug = input.slug.clone().expect("every starter entry has a slug");
        if let Err(problems) = validate(input, format!("builtin:{slug}"), index + 1) {
            panic!("starter entry {slug} is invalid: {problems:?}");
        }
    }
    let starter = starter();
    assert_eq!(starter.len(), inputs.len());
    let keys: std::collections::HashSet<_> = starter.iter().map(|t| &t.key).collect();
    assert_eq!(keys.len(), starter.len());
    for category in [
        DeviceCategory::Server,
        DeviceCategory::Switch,
        DeviceCategory::Storage,
        DeviceCategory::Pdu,
        DeviceCategory::PatchPanel,
    ] {
        assert!(
            starter.iter().any(|t| t.category == category),
            "{category:?}"
        );
    }
    let pdu = starter
        .iter()
        .find(|t| t.key == "builtin:apc-ap8886")
        .expect("vertical PDU");
    assert_eq!(pdu.height_hu, 0, "a vertical PDU is zero U");
    let blank = starter
        .iter()
        .find(|t| t.key == "builtin:blank-panel-half-u")
        .expect("half-U blank");
    assert_eq!(blank.height_hu, 1);
    let switch = starter
        .iter()
        .find(|t| t.key == "builtin:arista-7280r3-48yc8")
        .expect("switch");
    assert_eq!(switch.interfaces.len(), 48 + 8 + 1);
    assert_eq!(switch.interfaces[47].name, "Ethernet48");
}

#[test]
fn port_ranges_expand_and_bad_ranges_are_refused() {
    assert_eq!(
        expand_port_name("Ethernet1/{1-3}").expect("range"),
        vec!["Ethernet1/1", "Ethernet1/2", "Ethernet1/3"]
    );
    assert_eq!(
        expand_port_name("{1-2}-rear").expect("range"),
        ["1-rear", "2-rear"]
    );
    assert_eq!(expand_port_name("mgmt0").expect("plain"), ["mgmt0"]);
    assert_eq!(expand_port_name("e0{a-d}"), None);
    assert_eq!(expand_port_name("p{5-1}"), None);
    assert_eq!(expand_port_name("p{1-"), None);
    assert_eq!(expand_port_name("p{0-100000}"), None);
}

#[test]
fn netbox_style_yaml_imports_with_half_units_and_half_depth() {
    let yaml = r#"
manufacturer: Juniper
model: QFX5120-48Y
u_height: 1
is_full_depth: false
category: switch
weight_kg: 9.5
typical_w: 300
max_w: 420
airflow: front-to-rear
interfaces:
  - name: xe-0/0/{0-47}
    type: 25gbase-x-sfp28
"#;
    let inputs = parse_yaml(yaml).expect("one entry parses");
    let device = validate(&inputs[0], "custom".into(), 1).expect("valid");
    assert_eq!(device.height_hu, 2);
    assert!(!device.full_depth);
    assert_eq!(device.airflow, Airflow::FrontToRear);
    assert_eq!(device.interfaces.len(), 48);
    assert_eq!(device.interfaces[0].name, "xe-0/0/0");
}

#[test]
fn every_problem_of_an_entry_is_reported_at_once() {
    let input = DeviceTypeInput {
        u_height: Some(1.25),
        weight_kg: Some(-3.0),
        category: Some("toaster".into()),
        interfaces: vec![PortDef {
            name: "p{9-1}".into(),
            kind: "rj-45".into(),
        }],
        ..DeviceTypeInput::default()
    };
    let problems = validate(&input, "k".into(), 4).expect_err("invalid");
    let codes: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.code.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = [
        ("manufacturer", CatalogueProblemCode::Required),
        ("model", CatalogueProblemCode::Required),
        ("category", CatalogueProblemCode::UnknownValue),
        ("u_height", CatalogueProblemCode::OutOfRange),
        ("weight_kg", CatalogueProblemCode::OutOfRange),
        ("interfaces", CatalogueProblemCode::BadPortRange),
    ]
    .into_iter()
    .map(|(field, code)| (field, code.code()))
    .collect();
    assert_eq!(codes, expected);
    assert!(problems.iter().all(|p| p.line == Some(4)));
}

#[test]
fn csv_rows_import_with_port_lists_and_report_bad_numbers_by_line() {
    let csv =
        "manufacturer,model,category,u_height,is_full_depth,typical_w,max_w,weight_kg,interfaces\n\
               Dell,R660,server,1,yes,400,900,19,eno{1-2}:1000base-t;ens1f{0-1}:25gbase-x-sfp28\n\
               삼성,패치 패널,patch_panel,1,false,,,1.1,\n";
    let inputs = parse_csv(csv, CsvOptions::default()).expect("parses");
    assert_eq!(inputs.len(), 2);
    let server = validate(&inputs[0], "a".into(), 2).expect("valid");
    assert_eq!(server.interfaces.len(), 4);
    assert_eq!(server.interfaces[3].kind, "25gbase-x-sfp28");
    let panel = validate(&inputs[1], "b".into(), 3).expect("valid");
    assert!(!panel.full_depth);
    assert_eq!(panel.model, "패치 패널");

    let bad = "manufacturer,model,u_height\nDell,R660,one\n";
    let problem = parse_csv(bad, CsvOptions::default()).expect_err("not a number");
    assert_eq!(problem.line, Some(2));
    assert!(problem.is(CatalogueProblemCode::NotANumber));
    assert_eq!(problem.value, "one");
}

#[test]
fn unreadable_yaml_says_where() {
    let problem = parse_yaml("- manufacturer: [unclosed\n").expect_err("unreadable");
    assert!(problem.is(CatalogueProblemCode::Unreadable));
    assert!(problem.line >= Some(1));
}
