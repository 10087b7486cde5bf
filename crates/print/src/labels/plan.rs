//! Where everything on one label goes, in millimetres from the label's top-left corner with y
//! growing downwards (the way ZPL counts). The PDF and ZPL writers both draw this plan, so a
//! label looks the same on a sheet printer and on a thermal printer.

use super::{LabelMedia, LabelText, MediaKind};

/// Share of a flag label's width, in the middle, that wraps around the cable and is left
/// blank; the two ends on either side become the flag's two faces.
pub(crate) const FLAG_WRAP_SHARE: f64 = 0.2;
/// Distance between baselines as a multiple of the text size.
const LINE_PITCH: f64 = 1.2;
/// The largest text a label gets, in mm of em height (about 14 pt): a big tape with one short
/// line should not print letters a centimetre tall.
const LARGEST_TEXT_MM: f64 = 5.0;
/// A headline (the first line of an asset tag) is this many times the size of the other lines.
const HEADLINE_SCALE: f64 = 1.6;
/// The QR code takes at most this share of a content area's width when text sits beside it.
const QR_WIDTH_SHARE: f64 = 0.45;
/// Points per millimetre.
pub(crate) const PT_PER_MM: f64 = 72.0 / 25.4;

/// One line of text. `top_mm` is the top of its em box and `size_mm` the em height; the
/// baseline is about 0.8 em below the top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedText {
    pub x_mm: f64,
    pub top_mm: f64,
    pub size_mm: f64,
    pub width_mm: f64,
    pub text: String,
}

/// A square QR code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedQr {
    pub x_mm: f64,
    pub top_mm: f64,
    pub side_mm: f64,
    pub payload: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LabelPlan {
    pub texts: Vec<PlacedText>,
    pub qrs: Vec<PlacedQr>,
}

/// A rectangle in the label, mm from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Area {
    pub x: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// The parts of a label that are printed on: the top strip of a wrap label, both ends of a
/// flag label, the whole of anything else.
pub(crate) fn content_areas(media: &LabelMedia) -> Vec<Area> {
    let (width, height) = (media.label_width_mm, media.label_height_mm);
    match media.kind {
        MediaKind::Wrap => vec![Area {
            x: 0.0,
            top: 0.0,
            width,
            height: media.printable_height_mm.clamp(0.0, height),
        }],
        MediaKind::Flag => {
            let flag = width * (1.0 - FLAG_WRAP_SHARE) / 2.0;
            vec![
                Area {
                    x: 0.0,
                    top: 0.0,
                    width: flag,
                    height,
                },
                Area {
                    x: width - flag,
                    top: 0.0,
                    width: flag,
                    height,
                },
            ]
        }
        MediaKind::Sheet | MediaKind::Tape => vec![Area {
            x: 0.0,
            top: 0.0,
            width,
            height,
        }],
    }
}

/// Lays `label` out on `media`. `measure(text, size_mm)` gives a text's width in mm.
pub(crate) fn plan_label(
    label: &LabelText,
    media: &LabelMedia,
    measure: &mut impl FnMut(&str, f64) -> f64,
) -> LabelPlan {
    let mut plan = LabelPlan::default();
    for area in content_areas(media) {
        plan_area(label, area, measure, &mut plan);
    }
    plan
}

fn plan_area(
    label: &LabelText,
    area: Area,
    measure: &mut impl FnMut(&str, f64) -> f64,
    plan: &mut LabelPlan,
) {
    let padding = (area.width.min(area.height) * 0.06).clamp(0.5, 2.0);
    let inner = Area {
        x: area.x + padding,
        top: area.top + padding,
        width: area.width - 2.0 * padding,
        height: area.height - 2.0 * padding,
    };
    if inner.width <= 0.0 || inner.height <= 0.0 {
        return;
    }
    let lines: Vec<&str> = label
        .lines
        .iter()
        .map(String::as_str)
        .filter(|line| !line.trim().is_empty())
        .collect();
    let mut text_area = inner;
    if let Some(payload) = label.qr.as_deref().filter(|payload| !payload.is_empty()) {
        let side = if lines.is_empty() {
            inner.height.min(inner.width)
        } else {
            inner.height.min(inner.width * QR_WIDTH_SHARE)
        };
        let x = if lines.is_empty() {
            inner.x + (inner.width - side) / 2.0
        } else {
            inner.x
        };
        plan.qrs.push(PlacedQr {
            x_mm: x,
            top_mm: inner.top + (inner.height - side) / 2.0,
            side_mm: side,
            payload: payload.to_owned(),
        });
        text_area.x += side + padding;
        text_area.width -= side + padding;
    }
    if lines.is_empty() || text_area.width <= 0.0 {
        return;
    }
    let centred = label.qr.as_deref().is_none_or(str::is_empty);
    // Each line's size relative to the others: only a headline differs.
    let scales: Vec<f64> = (0..lines.len())
        .map(|index| {
            if index == 0 && label.headline {
                HEADLINE_SCALE
            } else {
                1.0
            }
        })
        .collect();
    let total_scale: f64 = scales.iter().sum();
    let mut size = (text_area.height / (total_scale * LINE_PITCH)).min(LARGEST_TEXT_MM);
    // A headline too wide for the label shrinks every line with it, so it stays the largest.
    if let (true, Some(first)) = (label.headline, lines.first()) {
        let natural = measure(first, size * HEADLINE_SCALE);
        if natural > text_area.width {
            size *= text_area.width / natural * 0.999;
        }
    }
    let mut slot_top = text_area.top + (text_area.height - total_scale * LINE_PITCH * size) / 2.0;
    for (line, scale) in lines.iter().zip(scales) {
        let size = size * scale;
        let natural = measure(line, size);
        // Shrink, never cut: a cable id with its last characters missing is a wrong id.
        let (line_size, width) = if natural > text_area.width {
            let shrunk = size * text_area.width / natural * 0.999;
            (shrunk, measure(line, shrunk))
        } else {
            (size, natural)
        };
        let x = if centred {
            text_area.x + (text_area.width - width) / 2.0
        } else {
            text_area.x
        };
        plan.texts.push(PlacedText {
            x_mm: x,
            // The shrunken line stays centred on its slot.
            top_mm: slot_top + (LINE_PITCH * size - line_size) / 2.0,
            size_mm: line_size,
            width_mm: width,
            text: (*line).to_owned(),
        });
        slot_top += LINE_PITCH * size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::builtin_media;

    fn media(name: &str) -> LabelMedia {
        builtin_media()
            .into_iter()
            .find(|media| media.name == name)
            .expect("built-in media")
    }

    /// A fixed-pitch stand-in for the font: every character is 0.6 em wide.
    fn monospace(text: &str, size_mm: f64) -> f64 {
        text.chars().count() as f64 * 0.6 * size_mm
    }

    #[test]
    fn wrap_labels_keep_everything_in_the_printable_strip() {
        let media = media("brady-wrap-25x38");
        let label = LabelText {
            lines: vec!["CBL-0001".into(), "A-R01 U12 → B-R03 U40".into()],
            qr: Some("CBL-0001".into()),
            headline: false,
        };
        let plan = plan_label(&label, &media, &mut monospace);
        assert_eq!(plan.texts.len(), 2);
        for text in &plan.texts {
            assert!(
                text.top_mm >= 0.0 && text.top_mm + text.size_mm <= 12.7,
                "{text:?}"
            );
            assert!(text.x_mm + text.width_mm <= 25.4, "{text:?}");
        }
        let qr = &plan.qrs[0];
        assert!(qr.top_mm + qr.side_mm <= 12.7, "{qr:?}");
    }

    #[test]
    fn flag_labels_print_the_text_on_both_ends() {
        let media = media("flag-76x19");
        let label = LabelText {
            lines: vec!["CBL-0001".into()],
            qr: None,
            headline: false,
        };
        let plan = plan_label(&label, &media, &mut monospace);
        assert_eq!(plan.texts.len(), 2);
        let middle = media.label_width_mm / 2.0;
        assert!(plan.texts[0].x_mm + plan.texts[0].width_mm < middle);
        assert!(plan.texts[1].x_mm > middle);
    }

    #[test]
    fn a_cables_own_label_is_the_largest_text_on_every_medium_however_long() {
        use cloudwright_core::cables::model::{Cable, CableEnd, CableKind, PortRole};
        use cloudwright_core::ids::{CableId, RackId};
        let end = |port: &str| CableEnd {
            rack: "01JD00000000000000000000R7"
                .parse::<RackId>()
                .expect("an id"),
            placement: "p1".into(),
            role: PortRole::Interface,
            port: port.into(),
        };
        let mut cable = Cable::planned(
            "01JD00000000000000000000C1"
                .parse::<CableId>()
                .expect("an id"),
            end("eno1"),
            end("1"),
            CableKind::Cat6a,
        );
        cable.label = "A-R01-U03-eno1/A-R01-U41-1".into();
        cable.colour = "파랑".into();
        cable.length = Some(3.0);
        let labels = crate::cable_labels::cable_labels(&[cable]);
        for media in builtin_media() {
            for label in &labels {
                let plan = plan_label(label, &media, &mut monospace);
                let own = plan
                    .texts
                    .iter()
                    .filter(|text| text.text == label.lines[0])
                    .map(|text| text.size_mm)
                    .fold(f64::INFINITY, f64::min);
                for other in plan.texts.iter().filter(|text| text.text != label.lines[0]) {
                    assert!(
                        own >= other.size_mm,
                        "{}: the label's {own} mm is smaller than {:?}",
                        media.name,
                        other
                    );
                }
            }
        }
    }

    #[test]
    fn a_headline_is_larger_than_the_lines_under_it_and_all_stay_on_the_label() {
        for name in ["tape-12mm", "tape-24mm", "a4-3x8", "brady-wrap-25x38"] {
            let media = media(name);
            let label = LabelText {
                lines: vec![
                    "PT1-SRV-000123".into(),
                    "R650 · S/N DE12345678".into(),
                    "A-R03 U12".into(),
                ],
                qr: Some("PT1-SRV-000123".into()),
                headline: true,
            };
            let plan = plan_label(&label, &media, &mut monospace);
            let (headline, rest) = plan.texts.split_first().expect("lines");
            assert!(
                rest.iter().all(|text| headline.size_mm > text.size_mm),
                "{name}: {:?}",
                plan.texts
            );
            let printable = content_areas(&media)[0].height;
            for (upper, lower) in plan.texts.iter().zip(&plan.texts[1..]) {
                assert!(
                    upper.top_mm + upper.size_mm <= lower.top_mm + 1e-9,
                    "{name}"
                );
            }
            for text in &plan.texts {
                assert!(text.top_mm >= 0.0, "{name}: {text:?}");
                assert!(text.top_mm + text.size_mm <= printable, "{name}: {text:?}");
                assert!(
                    text.x_mm + text.width_mm <= media.label_width_mm,
                    "{name}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn a_long_line_is_shrunk_to_the_width_not_cut() {
        let media = media("tape-12mm");
        let long = "서버실 A열 R01 U12 포트 48 → 코어 스위치 2번 포트 1/0/48".to_owned();
        let label = LabelText {
            lines: vec![long.clone()],
            qr: None,
            headline: false,
        };
        let plan = plan_label(&label, &media, &mut monospace);
        assert_eq!(plan.texts[0].text, long);
        assert!(plan.texts[0].x_mm >= 0.0);
        assert!(plan.texts[0].x_mm + plan.texts[0].width_mm <= media.label_width_mm);
    }
}
