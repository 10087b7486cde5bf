//! Devices and reservations inside a rack view: their colours, outlines and text.

use crate::fonts::PT_PER_MM;
use crate::layout::{
    centring_drop_mm, hatch_segments, Align, Canvas, Colour, Fit, Outline, TextStyle,
};
use crate::{DeviceStatus, DrawnDevice, DrawnReservation};

use super::{RackPage, DEVICE_INSET_X, DEVICE_INSET_Y, DEVICE_PADDING, VIEW_WIDTH};

/// The fill colour of a device category.
fn category_colour(category: &str) -> Colour {
    match category {
        "server" => Colour(0.62, 0.76, 0.93),
        "switch" => Colour(0.58, 0.83, 0.62),
        "storage" => Colour(0.98, 0.77, 0.48),
        "pdu" => Colour(0.94, 0.60, 0.60),
        "patch_panel" => Colour(0.78, 0.71, 0.91),
        _ => Colour(0.80, 0.80, 0.80),
    }
}

/// How a device of `category` and `status` is filled and outlined.
pub(super) fn device_look(category: &str, status: DeviceStatus) -> (Colour, Outline) {
    let colour = category_colour(category);
    let outline_colour = colour.darken(0.45);
    match status {
        DeviceStatus::Planned => (
            colour.lighten(0.65),
            Outline {
                colour: outline_colour,
                width_pt: 0.7,
                dashed: true,
            },
        ),
        DeviceStatus::Installed | DeviceStatus::Verified => (
            colour,
            Outline {
                colour: outline_colour,
                width_pt: 0.5,
                dashed: false,
            },
        ),
    }
}

pub(super) const RESERVATION_FILL: Colour = Colour(0.93, 0.93, 0.93);
pub(super) const HATCH: Outline = Outline {
    colour: Colour(0.66, 0.66, 0.66),
    width_pt: 0.3,
    dashed: false,
};
const DEVICE_TEXT: Colour = Colour(0.08, 0.08, 0.08);

impl RackPage<'_> {
    pub(super) fn draw_reservation(
        &self,
        canvas: &mut Canvas<'_>,
        view_x: f32,
        reservation: &DrawnReservation,
    ) {
        if reservation.height_hu == 0 {
            return;
        }
        let (y, height) = self.span(reservation.bottom_hu, reservation.height_hu);
        let (x, width) = (view_x + DEVICE_INSET_X, VIEW_WIDTH - 2.0 * DEVICE_INSET_X);
        let (y, height) = (y + DEVICE_INSET_Y, height - 2.0 * DEVICE_INSET_Y);
        canvas.rect(x, y, width, height, Some(RESERVATION_FILL), None);
        canvas.lines(&hatch_segments(x, y, width, height, 1.8), HATCH);
        canvas.rect(x, y, width, height, None, Some(HATCH));

        let text = if reservation.reason.is_empty() {
            self.options.labels.reserved.clone()
        } else {
            format!("{}: {}", self.options.labels.reserved, reservation.reason)
        };
        let size = (height * PT_PER_MM * 0.55).clamp(3.5, 7.0);
        let fit = Fit {
            max_width: width - 2.0 * DEVICE_PADDING,
            min_size_pt: 3.5,
        };
        let fitted_size = canvas.fitted_size(&text, size, fit);
        let text_width = canvas
            .shaper
            .width_mm(&text, fitted_size)
            .min(fit.max_width);
        let centre = y + height / 2.0;
        let text_height = fitted_size / PT_PER_MM;
        // A white patch under the reason keeps it readable over the hatching.
        canvas.rect(
            x + DEVICE_PADDING - 0.5,
            centre - text_height / 2.0,
            text_width + 1.0,
            text_height,
            Some(Colour::WHITE),
            None,
        );
        let style = TextStyle::new(size).colour(Colour::TEXT_GREY);
        canvas.fitted_text(
            x + DEVICE_PADDING,
            centre - centring_drop_mm(fitted_size),
            Align::Left,
            style,
            fit,
            &text,
        );
    }

    pub(super) fn draw_device(&self, canvas: &mut Canvas<'_>, view_x: f32, device: &DrawnDevice) {
        let (y, height) = self.span(device.bottom_hu, device.height_hu);
        let (x, width) = (view_x + DEVICE_INSET_X, VIEW_WIDTH - 2.0 * DEVICE_INSET_X);
        let (y, height) = (y + DEVICE_INSET_Y, height - 2.0 * DEVICE_INSET_Y);
        let (fill, outline) = device_look(&device.category, device.status);
        canvas.rect(x, y, width, height, Some(fill), Some(outline));

        let inner_left = x + DEVICE_PADDING;
        let inner_width = width - 2.0 * DEVICE_PADDING;
        let centre = y + height / 2.0;
        let height_pt = height * PT_PER_MM;
        let text = TextStyle::new(7.0).colour(DEVICE_TEXT);
        let tag = TextStyle::new(6.0).colour(Colour::TEXT_GREY.darken(0.3));

        let two_lines = !device.asset_tag.is_empty() && height_pt >= 16.0;
        if two_lines {
            let label_size = (height_pt * 0.32).clamp(5.0, 8.0);
            let tag_size = label_size * 0.85;
            let gap = 0.3 * label_size / PT_PER_MM;
            let block = 0.72 * (label_size + tag_size) / PT_PER_MM + gap;
            let tag_baseline = centre - block / 2.0;
            let label_baseline = centre + block / 2.0 - 0.72 * label_size / PT_PER_MM;
            let fit = Fit {
                max_width: inner_width,
                min_size_pt: 4.0,
            };
            canvas.fitted_text(
                inner_left,
                label_baseline,
                Align::Left,
                text.size(label_size),
                fit,
                &device.label,
            );
            canvas.fitted_text(
                inner_left,
                tag_baseline,
                Align::Left,
                tag.size(tag_size),
                fit,
                &device.asset_tag,
            );
            return;
        }
        // One line, for 1U and half-U devices (and taller ones without a tag): the tag at the
        // right at its natural width (up to 45% of the box), the label in what is left. A
        // half-U box is so low that its text takes a larger share of its height.
        let share = if device.height_hu < 2 { 0.72 } else { 0.55 };
        let size = (height_pt * share).clamp(3.5, 7.0);
        let mut tag_width = 0.0;
        if !device.asset_tag.is_empty() {
            let tag_size = size * 0.9;
            let tag_fit = Fit {
                max_width: inner_width * 0.45,
                min_size_pt: 3.5,
            };
            let tag_drawn = canvas.fitted_size(&device.asset_tag, tag_size, tag_fit);
            tag_width = canvas.fitted_text(
                x + width - DEVICE_PADDING,
                centre - centring_drop_mm(tag_drawn),
                Align::Right,
                tag.size(tag_size),
                tag_fit,
                &device.asset_tag,
            ) + 2.0;
        }
        let label_fit = Fit {
            max_width: inner_width - tag_width,
            min_size_pt: 3.5,
        };
        let label_drawn = canvas.fitted_size(&device.label, size, label_fit);
        canvas.fitted_text(
            inner_left,
            centre - centring_drop_mm(label_drawn),
            Align::Left,
            text.size(size),
            label_fit,
            &device.label,
        );
    }
}
