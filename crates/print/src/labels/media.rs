//! The label stock Cloudwright knows out of the box. A declarative table: every number is a
//! physical size in millimetres as printed on the stock's box.

use super::{LabelMedia, MediaKind};

/// Every built-in label stock, in the order a picker should list them.
pub fn builtin_media() -> Vec<LabelMedia> {
    vec![
        // Self-laminating wrap label (Brady/Panduit 1" x 1.5" class): the top 12.7 mm is
        // printed, the clear 25.4 mm below it wraps over the print to protect it.
        roll(
            "brady-wrap-25x38",
            "자체 라미네이팅 랩 라벨 25.4 × 38.1 mm (인쇄 영역 위쪽 12.7 mm)",
            MediaKind::Wrap,
            (25.4, 38.1),
            12.7,
            300,
        ),
        // Flag label: the middle fifth wraps the cable, the two ends stick together as a
        // flag, so the text is printed on both ends.
        roll(
            "flag-76x19",
            "깃발형 라벨 76.2 × 19 mm (양쪽 깃발에 같은 내용 인쇄)",
            MediaKind::Flag,
            (76.2, 19.0),
            19.0,
            300,
        ),
        // A4 sheet of 24 labels (Avery 3474 class): no side margins, 0.5 mm top margin.
        LabelMedia {
            name: "a4-3x8".into(),
            description: "A4 시트 3 × 8 (70 × 37 mm, 24장)".into(),
            kind: MediaKind::Sheet,
            label_width_mm: 70.0,
            label_height_mm: 37.0,
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            columns: 3,
            rows: 8,
            margin_left_mm: 0.0,
            margin_top_mm: 0.5,
            gap_x_mm: 0.0,
            gap_y_mm: 0.0,
            printable_height_mm: 37.0,
            dpi: 300,
        },
        // A4 sheet of 40 labels (Avery 3657 class).
        LabelMedia {
            name: "a4-4x10".into(),
            description: "A4 시트 4 × 10 (48.5 × 25.4 mm, 40장)".into(),
            kind: MediaKind::Sheet,
            label_width_mm: 48.5,
            label_height_mm: 25.4,
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            columns: 4,
            rows: 10,
            margin_left_mm: 8.0,
            margin_top_mm: 21.5,
            gap_x_mm: 0.0,
            gap_y_mm: 0.0,
            printable_height_mm: 25.4,
            dpi: 300,
        },
        tape("tape-12mm", "연속 테이프 12 mm (라벨당 50 mm)", 12.0, 50.0),
        tape("tape-18mm", "연속 테이프 18 mm (라벨당 60 mm)", 18.0, 60.0),
        tape("tape-24mm", "연속 테이프 24 mm (라벨당 70 mm)", 24.0, 70.0),
    ]
}

/// Roll media print one label per page, the page being the label.
fn roll(
    name: &str,
    description: &str,
    kind: MediaKind,
    (width_mm, height_mm): (f64, f64),
    printable_height_mm: f64,
    dpi: u32,
) -> LabelMedia {
    LabelMedia {
        name: name.into(),
        description: description.into(),
        kind,
        label_width_mm: width_mm,
        label_height_mm: height_mm,
        page_width_mm: width_mm,
        page_height_mm: height_mm,
        columns: 1,
        rows: 1,
        margin_left_mm: 0.0,
        margin_top_mm: 0.0,
        gap_x_mm: 0.0,
        gap_y_mm: 0.0,
        printable_height_mm,
        dpi,
    }
}

/// Continuous tape: the label's height is the tape's width, its width the cut length.
fn tape(name: &str, description: &str, tape_width_mm: f64, length_mm: f64) -> LabelMedia {
    roll(
        name,
        description,
        MediaKind::Tape,
        (length_mm, tape_width_mm),
        tape_width_mm,
        300,
    )
}
