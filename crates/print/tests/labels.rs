//! Cable and asset labels: page sizes, label positions, Korean text and QR codes read back
//! from real PDFs, and the ZPL for one known label.

use std::process::Command;

use cloudwright_print::labels::{
    builtin_media, labels_pdf, labels_zpl, LabelMedia, LabelProblem, LabelText, MediaKind,
};
use cloudwright_print::PrintError;

use crate::util::{Word, WrittenPdf};

const PT_PER_MM: f64 = 72.0 / 25.4;

fn media(name: &str) -> LabelMedia {
    builtin_media()
        .into_iter()
        .find(|media| media.name == name)
        .unwrap_or_else(|| panic!("no built-in media {name}"))
}

fn cable_label(index: usize) -> LabelText {
    LabelText {
        lines: vec![
            format!("K{index:03} 케이블"),
            format!("A-R01 U{:02} → 코어 스위치", index % 42 + 1),
        ],
        qr: Some(format!("CBL-{index:06}")),
        headline: false,
    }
}

/// The page size `pdfinfo` reports, in points.
fn page_size_pt(pdf: &WrittenPdf) -> (f64, f64) {
    let output = match Command::new("pdfinfo").arg(&pdf.path).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`pdfinfo` is not installed: these tests read PDFs back with poppler; \
             install the apt package poppler-utils (apt-get install poppler-utils)"
        ),
        Err(error) => panic!("could not run pdfinfo: {error}"),
    };
    let info = String::from_utf8_lossy(&output.stdout);
    let size = info
        .lines()
        .find_map(|line| line.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("pdfinfo printed no page size:\n{info}"));
    let mut numbers = size
        .split_whitespace()
        .filter_map(|token| token.parse::<f64>().ok());
    (
        numbers.next().expect("page width"),
        numbers.next().expect("page height"),
    )
}

/// Label `index`'s box on its page in points from the top-left: (left, top, right, bottom).
fn slot_box_pt(media: &LabelMedia, index: usize) -> (f64, f64, f64, f64) {
    let slot = (index % media.labels_per_page() as usize) as u32;
    let column = f64::from(slot % media.columns);
    let row = f64::from(slot / media.columns);
    let left = media.margin_left_mm + column * (media.label_width_mm + media.gap_x_mm);
    let top = media.margin_top_mm + row * (media.label_height_mm + media.gap_y_mm);
    (
        left * PT_PER_MM,
        top * PT_PER_MM,
        (left + media.label_width_mm) * PT_PER_MM,
        (top + media.label_height_mm) * PT_PER_MM,
    )
}

fn word<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words
        .iter()
        .find(|word| word.text == text)
        .unwrap_or_else(|| panic!("no word {text:?} in {words:?}"))
}

#[test]
fn the_built_in_media_include_the_promised_stocks_and_fit_their_pages() {
    let all = builtin_media();
    for name in [
        "brady-wrap-25x38",
        "flag-76x19",
        "a4-3x8",
        "a4-4x10",
        "tape-12mm",
        "tape-18mm",
        "tape-24mm",
    ] {
        let media = all.iter().find(|media| media.name == name).expect(name);
        assert_eq!(media.check(), Ok(()), "{name}");
        assert!(!media.description.is_empty());
    }
    let wrap = media("brady-wrap-25x38");
    assert_eq!(wrap.kind, MediaKind::Wrap);
    assert!(wrap.printable_height_mm < wrap.label_height_mm);
    assert_eq!(media("tape-18mm").label_height_mm, 18.0);
}

#[test]
fn every_page_is_the_media_page_size_in_points() {
    for media in builtin_media() {
        let pdf = WrittenPdf::new(&labels_pdf(&[cable_label(1)], &media).expect("prints"));
        let (width, height) = page_size_pt(&pdf);
        let want = (
            media.page_width_mm * PT_PER_MM,
            media.page_height_mm * PT_PER_MM,
        );
        assert!(
            (width - want.0).abs() < 0.05 && (height - want.1).abs() < 0.05,
            "{}: {width} x {height} pt, want {want:?}",
            media.name
        );
    }
}

#[test]
fn sheet_labels_land_in_their_row_and_column() {
    for name in ["a4-3x8", "a4-4x10"] {
        let media = media(name);
        let per_page = media.labels_per_page() as usize;
        let labels: Vec<LabelText> = (0..per_page + 5).map(cable_label).collect();
        let pdf = WrittenPdf::new(&labels_pdf(&labels, &media).expect("prints"));
        assert_eq!(pdf.page_count(), 2, "{name}");
        for (index, _) in labels.iter().enumerate() {
            let words = pdf.page_words(index / per_page + 1);
            let first = word(&words, &format!("K{index:03}"));
            let (left, top, right, bottom) = slot_box_pt(&media, index);
            assert!(
                first.x_min >= left as f32
                    && first.x_max <= right as f32
                    && first.y_min >= top as f32
                    && first.y_min <= bottom as f32,
                "{name} label {index}: {first:?} outside {:?}",
                (left, top, right, bottom)
            );
        }
    }
}

#[test]
fn korean_text_reads_back() {
    let pdf = WrittenPdf::new(&labels_pdf(&[cable_label(7)], &media("a4-3x8")).expect("prints"));
    let text = pdf.text();
    assert!(text.contains("K007 케이블"), "{text}");
    assert!(text.contains("A-R01 U08 → 코어 스위치"), "{text}");
}

#[test]
fn qr_codes_are_drawn_at_the_left_of_the_label() {
    let media = media("a4-3x8");
    let with_qr = cable_label(1);
    let without_qr = LabelText {
        lines: vec!["A".into()],
        qr: None,
        headline: false,
    };
    let pdf = WrittenPdf::new(&labels_pdf(&[with_qr, without_qr], &media).expect("prints"));
    let page = &pdf.render_pages()[0];
    let px_per_pt = f64::from(page.width()) / (media.page_width_mm * PT_PER_MM);
    // The left third of a label, away from its edges, as pixel ranges.
    let dark_in_left_third = |index: usize| {
        let (left, top, right, bottom) = slot_box_pt(&media, index);
        let width = right - left;
        let height = bottom - top;
        let columns =
            ((left + 0.08 * width) * px_per_pt) as u32..((left + 0.38 * width) * px_per_pt) as u32;
        let rows =
            ((top + 0.2 * height) * px_per_pt) as u32..((top + 0.8 * height) * px_per_pt) as u32;
        let total = columns.len() * rows.len();
        let dark = rows
            .flat_map(|row| columns.clone().map(move |column| (column, row)))
            .filter(|&(column, row)| page.get_pixel(column, row).0.iter().all(|&c| c < 128))
            .count();
        dark as f64 / total as f64
    };
    let coded = dark_in_left_third(0);
    assert!((0.25..0.75).contains(&coded), "QR area {coded:.2} dark");
    assert_eq!(
        dark_in_left_third(1),
        0.0,
        "a label without a QR code has none"
    );
}

#[test]
fn a_long_line_is_set_smaller_to_fit_rather_than_cut() {
    let media = media("tape-12mm");
    let long = "서버실 A열 R01 U12 포트 48 → 코어 스위치 2번 포트 1/0/48 (이중화 B 경로)";
    let label = LabelText {
        lines: vec![long.into()],
        qr: None,
        headline: false,
    };
    let pdf = WrittenPdf::new(&labels_pdf(&[label], &media).expect("prints"));
    assert_eq!(pdf.text().trim(), long);
    let page_width = (media.page_width_mm * PT_PER_MM) as f32;
    for word in pdf.page_words(1) {
        assert!(
            word.x_min >= 0.0 && word.x_max <= page_width,
            "{word:?} leaves the {page_width} pt label"
        );
    }
}

#[test]
fn wrap_labels_print_only_in_the_printable_strip() {
    let media = media("brady-wrap-25x38");
    let pdf = WrittenPdf::new(&labels_pdf(&[cable_label(3)], &media).expect("prints"));
    let strip_pt = (media.printable_height_mm * PT_PER_MM) as f32;
    let words = pdf.page_words(1);
    assert!(words.iter().any(|word| word.text == "K003"), "{words:?}");
    for word in &words {
        assert!(word.y_min < strip_pt, "{word:?} below the printable strip");
    }
    let page = &pdf.render_pages()[0];
    let strip_rows = (f64::from(page.height()) * media.printable_height_mm / media.label_height_mm)
        .ceil() as u32;
    let inked_below = (strip_rows + 1..page.height())
        .flat_map(|row| (0..page.width()).map(move |column| (column, row)))
        .filter(|&(column, row)| page.get_pixel(column, row).0.iter().any(|&c| c < 235))
        .count();
    assert_eq!(inked_below, 0, "ink on the clear laminate");
}

#[test]
fn flag_labels_print_the_text_on_both_flags() {
    let media = media("flag-76x19");
    let pdf = WrittenPdf::new(&labels_pdf(&[cable_label(5)], &media).expect("prints"));
    let words = pdf.page_words(1);
    let copies: Vec<&Word> = words.iter().filter(|word| word.text == "K005").collect();
    assert_eq!(copies.len(), 2, "{words:?}");
    let middle = (media.label_width_mm / 2.0 * PT_PER_MM) as f32;
    assert!(
        copies[0].x_max < middle && copies[1].x_min > middle,
        "{copies:?}"
    );
}

#[test]
fn zpl_escapes_command_characters_and_gives_every_label_its_own_format() {
    let labels = [
        LabelText {
            lines: vec!["A^B~C_D".into()],
            qr: None,
            headline: false,
        },
        cable_label(2),
    ];
    let zpl = labels_zpl(&labels, &media("brady-wrap-25x38"));
    assert_eq!(zpl.matches("^XA").count(), 2);
    assert_eq!(zpl.matches("^XZ").count(), 2);
    assert!(zpl.contains("^FH^FDA_5EB_7EC_5FD^FS"), "{zpl}");
    assert!(zpl.contains("^FDK002 케이블^FS"), "{zpl}");
}

#[test]
fn nothing_to_print_and_impossible_media_are_errors() {
    let sheet = media("a4-3x8");
    assert!(matches!(
        labels_pdf(&[], &sheet),
        Err(PrintError::InvalidLabels {
            problem: LabelProblem::NoLabels,
            ..
        })
    ));
    let too_wide = LabelMedia {
        columns: 4,
        ..sheet
    };
    assert!(matches!(
        labels_pdf(&[cable_label(1)], &too_wide),
        Err(PrintError::InvalidLabels {
            problem: LabelProblem::OffThePage { .. },
            ..
        })
    ));
}

#[test]
fn zpl_for_a_known_tape_label() {
    let label = LabelText {
        lines: vec!["K001 케이블".into(), "A-R01 → 코어".into()],
        qr: Some("CBL-000001".into()),
        headline: false,
    };
    let zpl = labels_zpl(&[label], &media("tape-12mm"));
    // 50 x 12 mm at 300 dpi is 591 x 142 dots. The padding is 0.72 mm (9 dots); the QR code
    // (21 modules + a module of quiet zone each side) gets the 10.56 mm inner height, so 5
    // dots a module; the two lines share 4.4 mm (52 dots) and start right of the code.
    let expected = "\
^XA
^CI28
^PW591
^LL142
^FO14,14^BQN,2,5^FDMA,CBL-000001^FS
^FO142,14^A@N,52,52,E:NANUM.TTF^FDK001 케이블^FS
^FO142,76^A@N,52,52,E:NANUM.TTF^FDA-R01 → 코어^FS
^XZ
";
    assert_eq!(zpl, expected);
}
