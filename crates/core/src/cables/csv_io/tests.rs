use super::*;
use crate::cables::test_plant::{end, index, RACK};
use crate::csv_file::CsvFileError;

#[test]
fn netbox_columns_parse_with_a_bom_and_missing_or_unknown_ones_are_named() {
    let text = "\u{feff}side_a_device,side_a_name,side_b_device,side_b_name,type,color,length,length_unit,label,status\n\
                builtin:dell-poweredge-r650,eno1,builtin:patch-panel-48-cat6a,front:1,cat6a,파랑,3,m,C-0001,connected\n";
    let file = parse(text.as_bytes(), CsvOptions::default()).expect("parses");
    assert_eq!(file.rows.len(), 1);
    assert_eq!(file.rows[0].line, 2);
    assert_eq!(file.rows[0].color, "파랑");
    assert!(file.problems.is_empty());
    let refused = |bytes: &[u8], options| match parse(bytes, options) {
        Err(CableError::File(errors)) => errors,
        other => panic!("not refused as a file: {:?}", other.map(|file| file.rows)),
    };
    assert_eq!(
        refused(b"side_a_device,side_b_device\nx,y\n", CsvOptions::default()),
        [CsvFileError::MissingColumns {
            columns: vec!["side_a_name".into(), "side_b_name".into(), "type".into()]
        }]
    );
    assert_eq!(refused(b"", CsvOptions::default()), [CsvFileError::Empty]);
    let misspelt = "side_a_device,side_a_name,side_b_device,side_b_name,type,colour\n\
                    a,eno1,b,eno1,cat6a,blue\n";
    let [CsvFileError::UnknownColumns { columns, known }] =
        &refused(misspelt.as_bytes(), CsvOptions::default())[..]
    else {
        panic!("refused for its unknown column");
    };
    assert_eq!(columns, &["colour"]);
    assert!(known.iter().any(|name| name == "color"), "{known:?}");
    let ignoring = CsvOptions {
        ignore_unknown_columns: true,
    };
    let file = parse(misspelt.as_bytes(), ignoring).expect("parses when told to ignore");
    assert_eq!(file.rows[0].color, "");
}

#[test]
fn a_control_character_in_any_cell_is_a_problem_at_its_line_and_column() {
    let text = "side_a_device,side_a_name,side_b_device,side_b_name,type,label\n\
                a,eno1,b,eno1,cat6a,C-1\n\
                a,eno2,b,eno2,cat6a,\"C-\u{0}2\"\n\
                a\u{1b}[31m,eno3,b,eno3,cat6a,\n";
    let file = parse(text.as_bytes(), CsvOptions::default()).expect("parses");
    let found: Vec<(Option<u32>, &str, &str)> = file
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(3), "label", "control_character"),
            (Some(4), "side_a_device", "control_character")
        ]
    );
}

#[test]
fn rows_resolve_to_ports_by_device_label_and_port_name_with_every_problem_listed() {
    let index = index();
    // The test plant labels each placement with its type key.
    let names = DeviceNames::new(&index, |_| None);
    let row =
        |line, a_dev: &str, a_port: &str, b_dev: &str, b_port: &str, kind: &str| CableCsvRow {
            line,
            side_a_device: a_dev.into(),
            side_a_name: a_port.into(),
            side_b_device: b_dev.into(),
            side_b_name: b_port.into(),
            kind: kind.into(),
            length: "2.5".into(),
            status: "planned".into(),
            ..CableCsvRow::default()
        };
    let server = "builtin:dell-poweredge-r650";
    let panel = "BUILTIN:PATCH-PANEL-48-CAT6A";
    let switch = "builtin:arista-7280r3-48yc8";
    let rows = vec![
        row(2, server, "eno1", panel, "front:1", "cat6a"),
        row(3, panel, "rear:1", panel, "rear:2", "cat6a"),
        row(4, server, "ens1f0", switch, "Ethernet1", "dac-passive"),
        row(5, "nobody", "eno1", switch, "Ethernet99", "twisted"),
        row(6, server, "", switch, "Ethernet2", "mmf-om4"),
    ];
    let mut next = 0u128;
    let (cables, problems) = names.resolve(&rows, || {
        next += 1;
        CableId(ulid::Ulid(next))
    });
    assert_eq!(cables.len(), 3);
    assert_eq!(cables[0].a, end("srv", PortRole::Interface, "eno1"));
    assert_eq!(cables[0].b, end("pp", PortRole::Front, "1"));
    assert_eq!(cables[1].a, end("pp", PortRole::Rear, "1"));
    assert_eq!(cables[2].kind, CableKind::Dac);
    assert_eq!(cables[2].length, Some(2.5));
    assert_eq!(cables[0].b.rack, RACK);
    let listed: Vec<(Option<u32>, &str, &str)> = problems
        .iter()
        .map(|p| (p.line, p.field.as_str(), p.code.as_str()))
        .collect();
    let expected: Vec<(Option<u32>, &str, &str)> = [
        (5, "side_a_device", CableRowCode::UnknownDevice),
        (5, "side_b_name", CableRowCode::UnknownPort),
        (5, "type", CableRowCode::UnknownValue),
        (6, "side_a_name", CableRowCode::Required),
    ]
    .into_iter()
    .map(|(line, column, code)| (Some(line), column, code.code()))
    .collect();
    assert_eq!(listed, expected);
}

#[test]
fn netbox_type_and_status_names_map_to_ours() {
    assert_eq!(parse_kind("smf-os2"), Some(CableKind::Os2));
    assert_eq!(parse_kind("Cat6A"), Some(CableKind::Cat6a));
    assert_eq!(parse_kind("coax"), None);
    assert_eq!(parse_status("connected"), Some(CableStatus::Installed));
    assert_eq!(parse_status(""), Some(CableStatus::Planned));
    assert_eq!(parse_status("TESTED"), Some(CableStatus::Tested));
    assert_eq!(parse_status("lost"), None);
}
