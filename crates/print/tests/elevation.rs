//! Elevation packs, read back as text and as pixels.

use cloudwright_print::{
    elevation_pack, DeviceStatus, DrawnDevice, DrawnReservation, Face, Labels, PackOptions,
    PrintError, RackDrawing, RackProblem,
};

use crate::util::{coloured_pixels, ink_fraction, mean_coloured_brightness, WrittenPdf};

fn options() -> PackOptions {
    PackOptions {
        title: "랙 입면도 · 평택 1센터".into(),
        generated: "2026-11-25 14:00 · 홍길동".into(),
        labels: Labels {
            front: "전면".into(),
            rear: "후면".into(),
            page: "쪽".into(),
            reserved: "예약".into(),
            zero_u: "제로U 장치".into(),
            planned: "계획 (미설치)".into(),
        },
    }
}

fn device(bottom_hu: u32, height_hu: u32, label: &str, tag: &str) -> DrawnDevice {
    DrawnDevice {
        bottom_hu,
        height_hu,
        faces: vec![Face::Front, Face::Rear],
        label: label.into(),
        asset_tag: tag.into(),
        status: DeviceStatus::Installed,
        category: "server".into(),
    }
}

fn rack(name: &str, height_u: u32, devices: Vec<DrawnDevice>) -> RackDrawing {
    RackDrawing {
        name: name.into(),
        location: "평택 1센터 / 전산실 A / A열".into(),
        height_u,
        starting_unit: 1,
        devices,
        reservations: Vec::new(),
        zero_u: Vec::new(),
        power_line: "전력 4.2 / 7.4 kW · 발열 14,330 BTU/h · 무게 612 / 1,000 kg".into(),
    }
}

/// Three racks of different heights, with every kind of thing a page can show.
fn varied_pack() -> Vec<RackDrawing> {
    let mut first = rack(
        "A-R01",
        42,
        vec![
            device(0, 4, "컴퓨트-07 (Dell R650)", "AT-000107"),
            device(4, 2, "컴퓨트-08", "AT-000108"),
            DrawnDevice {
                category: "switch".into(),
                faces: vec![Face::Rear],
                ..device(80, 2, "리프-01 (Arista)", "AT-000201")
            },
            DrawnDevice {
                category: "patch_panel".into(),
                faces: vec![Face::Front],
                ..device(78, 1, "패치-01", "AT-000401")
            },
            DrawnDevice {
                status: DeviceStatus::Planned,
                category: "storage".into(),
                ..device(20, 4, "스토리지-01 (계획)", "AT-000301")
            },
        ],
    );
    first.reservations.push(DrawnReservation {
        bottom_hu: 40,
        height_hu: 8,
        reason: "GPU 증설 예정".into(),
    });
    first.zero_u = vec!["PDU-A (좌측)".into(), "PDU-B (우측)".into()];
    let second = rack("A-R02", 48, vec![device(10, 2, "컴퓨트-21", "AT-000221")]);
    let third = rack("B-R01", 45, Vec::new());
    vec![first, second, third]
}

#[test]
fn a_pack_has_one_page_per_rack_with_its_names_labels_and_tags() {
    let pdf = WrittenPdf::new(&elevation_pack(&varied_pack(), &options()).expect("pack renders"));
    assert_eq!(pdf.page_count(), 3);

    let first = pdf.page_text(1);
    for expected in [
        "A-R01",
        "평택 1센터 / 전산실 A / A열",
        "2026-11-25 14:00 · 홍길동",
        "전면",
        "후면",
        "컴퓨트-07 (Dell R650)",
        "AT-000107",
        "AT-000108",
        "리프-01 (Arista)",
        "패치-01",
        "AT-000401",
        "스토리지-01 (계획)",
        "GPU 증설 예정",
        "PDU-A (좌측)",
        "제로U 장치",
        "쪽 1 / 3",
        "1U = 4.7 mm",
        "전력 4.2 / 7.4 kW",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{first}"
        );
    }
    assert!(pdf.page_text(2).contains("A-R02") && pdf.page_text(2).contains("쪽 2 / 3"));
    assert!(pdf.page_text(3).contains("B-R01") && pdf.page_text(3).contains("쪽 3 / 3"));
}

#[test]
fn unit_numbers_run_from_the_starting_unit_at_the_bottom() {
    let mut drawing = rack("C-R09", 42, Vec::new());
    drawing.starting_unit = 101;
    let pdf = WrittenPdf::new(&elevation_pack(&[drawing], &options()).expect("pack renders"));
    let words = pdf.page_words(1);
    let lowest = |number: &str| {
        words
            .iter()
            .filter(|word| word.text == number)
            .map(|word| word.y_min)
            .fold(f32::NAN, f32::max)
    };
    assert!(!words
        .iter()
        .any(|word| word.text == "100" || word.text == "143"));
    // y grows downwards in pdftotext's boxes: the first unit is lowest on the page.
    assert!(lowest("101") > lowest("102"), "101 is not below 102");
    assert!(lowest("102") > lowest("142"), "102 is not below 142");
    let columns = words.iter().filter(|word| word.text == "101").count();
    assert_eq!(
        columns, 3,
        "unit numbers left of, between and right of the views"
    );
}

#[test]
fn every_page_has_ink() {
    let pdf = WrittenPdf::new(&elevation_pack(&varied_pack(), &options()).expect("pack renders"));
    let pages = pdf.render_pages();
    assert_eq!(pages.len(), 3);
    for (index, page) in pages.iter().enumerate() {
        let ink = ink_fraction(page);
        assert!(
            ink > 0.03,
            "page {} is nearly blank ({ink:.3} inked)",
            index + 1
        );
    }
}

/// Page regions as fractions of width (from the left) and height (from the top). The front
/// view spans about 9–39 % of the width and the rear view 43–72 %.
const FRONT_VIEW: (f64, f64) = (0.11, 0.37);
const REAR_VIEW: (f64, f64) = (0.45, 0.70);
const LOWER_PART: (f64, f64) = (0.80, 0.91);
const UPPER_PART: (f64, f64) = (0.16, 0.60);

#[test]
fn a_device_at_the_bottom_is_drawn_at_the_bottom_of_its_face_only() {
    let half_depth = DrawnDevice {
        faces: vec![Face::Front],
        ..device(0, 4, "컴퓨트-01", "AT-000001")
    };
    let pdf = WrittenPdf::new(
        &elevation_pack(&[rack("A-R01", 42, vec![half_depth])], &options()).expect("pack renders"),
    );
    let page = &pdf.render_pages()[0];
    let lower_front = coloured_pixels(page, FRONT_VIEW, LOWER_PART);
    assert!(
        lower_front > 100,
        "no device fill low in the front view ({lower_front} px)"
    );
    assert_eq!(
        coloured_pixels(page, FRONT_VIEW, UPPER_PART),
        0,
        "colour high in the front view"
    );
    assert_eq!(
        coloured_pixels(page, REAR_VIEW, (0.1, 0.95)),
        0,
        "a front-only device on the rear view"
    );
}

#[test]
fn a_full_depth_device_is_drawn_on_both_views_and_a_planned_one_is_paler() {
    let installed = device(0, 4, "컴퓨트-01", "AT-000001");
    let planned = DrawnDevice {
        status: DeviceStatus::Planned,
        ..installed.clone()
    };
    let render = |drawn: DrawnDevice| {
        let pdf = WrittenPdf::new(
            &elevation_pack(&[rack("A-R01", 42, vec![drawn])], &options()).expect("pack renders"),
        );
        pdf.render_pages().remove(0)
    };
    let installed_page = render(installed);
    assert!(
        coloured_pixels(&installed_page, REAR_VIEW, LOWER_PART) > 100,
        "not on the rear view"
    );
    let planned_page = render(planned);
    let solid = mean_coloured_brightness(&installed_page, FRONT_VIEW, LOWER_PART);
    let pale = mean_coloured_brightness(&planned_page, FRONT_VIEW, LOWER_PART);
    assert!(
        pale > solid + 20.0,
        "planned fill ({pale:.0}) is not paler than installed ({solid:.0})"
    );
}

#[test]
fn drawings_that_cannot_be_drawn_are_refused_with_the_reason() {
    assert!(matches!(
        elevation_pack(&[], &options()),
        Err(PrintError::EmptyPack)
    ));
    let outside = rack("A-R01", 42, vec![device(83, 2, "스위치-09", "")]);
    match elevation_pack(&[outside], &options()) {
        Err(PrintError::InvalidRack {
            rack,
            problem: RackProblem::DeviceOutside { label, .. },
        }) => {
            assert_eq!((rack.as_str(), label.as_str()), ("A-R01", "스위치-09"));
        }
        other => panic!("expected DeviceOutside, got {other:?}"),
    }
}

#[test]
fn english_labels_replace_the_korean_ones() {
    let labels = Labels {
        front: "FRONT".into(),
        rear: "REAR".into(),
        page: "Page".into(),
        reserved: "Reserved".into(),
        zero_u: "Zero-U".into(),
        planned: "Planned".into(),
    };
    let options = PackOptions {
        labels,
        ..options()
    };
    let pdf = WrittenPdf::new(&elevation_pack(&varied_pack(), &options).expect("pack renders"));
    let text = pdf.page_text(1);
    for expected in [
        "FRONT",
        "REAR",
        "Page 1 / 3",
        "Reserved: GPU 증설 예정",
        "Zero-U",
        "Planned",
    ] {
        assert!(
            text.contains(expected),
            "page 1 lacks {expected:?}:\n{text}"
        );
    }
    assert!(!text.contains("전면"));
}
