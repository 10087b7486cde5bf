//! The rack elevation pack: one A4 portrait page per rack, front and rear views side by
//! side, to one scale for the whole pack. The crate docs describe the layout.

mod devices;

use printpdf::PdfDocument;

use crate::fonts::{TextShaper, PT_PER_MM};
use crate::layout::{
    centring_drop_mm, hatch_segments, Align, Canvas, Colour, Fit, Outline, TextStyle,
};
use devices::{device_look, HATCH, RESERVATION_FILL};

use crate::{save_document, DeviceStatus, Face, PackOptions, PrintError, RackDrawing, RackProblem};

/// Page margin left and right, mm.
const MARGIN_X: f32 = 12.0;
const CONTENT_RIGHT: f32 = 210.0 - MARGIN_X;
/// Width of each of the three unit-number columns, mm.
const NUMBER_COLUMN: f32 = 7.0;
/// Width of one rack view, mm. Not to scale (see the crate docs).
const VIEW_WIDTH: f32 = 63.0;
const FRONT_VIEW_X: f32 = MARGIN_X + NUMBER_COLUMN;
const REAR_VIEW_X: f32 = FRONT_VIEW_X + VIEW_WIDTH + NUMBER_COLUMN;
/// The zero-U list and legend column, right of the rear view's unit numbers.
const SIDE_COLUMN_X: f32 = REAR_VIEW_X + VIEW_WIDTH + NUMBER_COLUMN + 5.0;
const SIDE_COLUMN_WIDTH: f32 = CONTENT_RIGHT - SIDE_COLUMN_X;
/// Baseline of the view headings; the racks hang from `RACK_TOP`.
const VIEW_HEADING_BASELINE: f32 = 257.0;
const RACK_TOP: f32 = 253.0;
/// The lowest a rack may reach, leaving room for the power line.
const RACK_LOWEST: f32 = 26.0;
/// Largest drawn unit height, so a small rack is not blown up to fill the page.
const LARGEST_MM_PER_U: f32 = 6.0;
/// Gap between a device's rectangle and its neighbours or the rails, mm.
const DEVICE_INSET_X: f32 = 1.2;
const DEVICE_INSET_Y: f32 = 0.2;
/// Padding between a device's outline and its text, mm.
const DEVICE_PADDING: f32 = 1.2;

/// Millimetres per rack unit shared by every page of a pack: the largest multiple of 0.1 mm
/// at which the tallest rack fits between the headings and the power line.
pub(crate) fn pack_mm_per_u(racks: &[RackDrawing]) -> f32 {
    let tallest = racks
        .iter()
        .map(|rack| rack.height_u)
        .max()
        .unwrap_or(1)
        .max(1);
    let fitting = (RACK_TOP - RACK_LOWEST) / tallest as f32;
    let rounded = (fitting * 10.0).floor() / 10.0;
    // A rack of thousands of units would round to zero; draw it tiny rather than flat.
    let rounded = if rounded > 0.0 { rounded } else { fitting };
    rounded.min(LARGEST_MM_PER_U)
}

/// Renders `racks` as an elevation pack, one page per rack, in the given order.
pub fn elevation_pack(racks: &[RackDrawing], options: &PackOptions) -> Result<Vec<u8>, PrintError> {
    if racks.is_empty() {
        return Err(PrintError::EmptyPack);
    }
    for rack in racks {
        check_rack(rack).map_err(|problem| PrintError::InvalidRack {
            rack: rack.name.clone(),
            problem,
        })?;
    }
    let mm_per_u = pack_mm_per_u(racks);
    let mut document = PdfDocument::new(&options.title);
    let mut shaper = TextShaper::for_document(&mut document)?;
    let mut pages = Vec::with_capacity(racks.len());
    for (index, rack) in racks.iter().enumerate() {
        let mut canvas = Canvas::new(&mut shaper);
        let page = RackPage {
            rack,
            options,
            mm_per_u,
            number: index + 1,
            page_count: racks.len(),
        };
        page.draw(&mut canvas);
        pages.push(canvas.into_page());
    }
    save_document(document, &shaper, pages)
}

fn check_rack(rack: &RackDrawing) -> Result<(), RackProblem> {
    if rack.height_u == 0 {
        return Err(RackProblem::NoUnits);
    }
    let rack_hu = u64::from(rack.height_u) * 2;
    for device in &rack.devices {
        if device.height_hu == 0 {
            return Err(RackProblem::EmptyDevice {
                label: device.label.clone(),
            });
        }
        let top_hu = u64::from(device.bottom_hu) + u64::from(device.height_hu);
        if top_hu > rack_hu {
            return Err(RackProblem::DeviceOutside {
                label: device.label.clone(),
                bottom_hu: device.bottom_hu,
                top_hu,
                rack_hu,
            });
        }
    }
    for reservation in &rack.reservations {
        let top_hu = u64::from(reservation.bottom_hu) + u64::from(reservation.height_hu);
        if top_hu > rack_hu {
            return Err(RackProblem::ReservationOutside {
                reason: reservation.reason.clone(),
                bottom_hu: reservation.bottom_hu,
                top_hu,
                rack_hu,
            });
        }
    }
    Ok(())
}

/// Everything one page needs.
struct RackPage<'a> {
    rack: &'a RackDrawing,
    options: &'a PackOptions,
    mm_per_u: f32,
    number: usize,
    page_count: usize,
}

impl RackPage<'_> {
    fn rack_bottom(&self) -> f32 {
        RACK_TOP - self.rack.height_u as f32 * self.mm_per_u
    }

    /// The bottom y and height in mm of a span given in half units.
    fn span(&self, bottom_hu: u32, height_hu: u32) -> (f32, f32) {
        let half = self.mm_per_u / 2.0;
        (
            self.rack_bottom() + bottom_hu as f32 * half,
            height_hu as f32 * half,
        )
    }

    fn draw(&self, canvas: &mut Canvas<'_>) {
        self.draw_title_block(canvas);
        self.draw_unit_grid(canvas);
        for view_x in [FRONT_VIEW_X, REAR_VIEW_X] {
            for reservation in &self.rack.reservations {
                self.draw_reservation(canvas, view_x, reservation);
            }
        }
        for (face, view_x) in [(Face::Front, FRONT_VIEW_X), (Face::Rear, REAR_VIEW_X)] {
            for device in self.rack.devices.iter().filter(|d| d.faces.contains(&face)) {
                self.draw_device(canvas, view_x, device);
            }
        }
        self.draw_frames_and_numbers(canvas);
        let list_bottom = self.draw_zero_u_list(canvas);
        self.draw_legend(canvas, list_bottom - 6.0);
        self.draw_power_line(canvas);
    }

    fn draw_title_block(&self, canvas: &mut Canvas<'_>) {
        let labels = &self.options.labels;
        let small_grey = TextStyle::new(9.0).colour(Colour::TEXT_GREY);
        let page = format!("{} {} / {}", labels.page, self.number, self.page_count);
        let page_width = canvas.text(CONTENT_RIGHT, 287.0, Align::Right, small_grey, &page);
        let title_fit = Fit {
            max_width: CONTENT_RIGHT - MARGIN_X - page_width - 6.0,
            min_size_pt: 6.0,
        };
        canvas.fitted_text(
            MARGIN_X,
            287.0,
            Align::Left,
            small_grey,
            title_fit,
            &self.options.title,
        );

        let scale = format!("1U = {:.1} mm", self.mm_per_u);
        let scale_width = canvas.text(
            CONTENT_RIGHT,
            278.5,
            Align::Right,
            TextStyle::new(9.0),
            &scale,
        );
        let name_fit = Fit {
            max_width: CONTENT_RIGHT - MARGIN_X - scale_width - 6.0,
            min_size_pt: 10.0,
        };
        let name_style = TextStyle::new(20.0).bold();
        canvas.fitted_text(
            MARGIN_X,
            278.5,
            Align::Left,
            name_style,
            name_fit,
            &self.rack.name,
        );

        let full_width = Fit {
            max_width: CONTENT_RIGHT - MARGIN_X,
            min_size_pt: 6.0,
        };
        canvas.fitted_text(
            MARGIN_X,
            271.5,
            Align::Left,
            TextStyle::new(10.0),
            full_width,
            &self.rack.location,
        );
        let generated_style = TextStyle::new(8.0).colour(Colour::TEXT_GREY);
        canvas.fitted_text(
            MARGIN_X,
            266.5,
            Align::Left,
            generated_style,
            full_width,
            &self.options.generated,
        );
        let rule = Outline {
            colour: Colour::RULE_GREY,
            width_pt: 0.5,
            dashed: false,
        };
        canvas.line((MARGIN_X, 263.0), (CONTENT_RIGHT, 263.0), rule);

        let heading = TextStyle::new(10.0).bold();
        for (x, label) in [(FRONT_VIEW_X, &labels.front), (REAR_VIEW_X, &labels.rear)] {
            canvas.text(
                x + VIEW_WIDTH / 2.0,
                VIEW_HEADING_BASELINE,
                Align::Centre,
                heading,
                label,
            );
        }
    }

    /// Faint lines at every unit boundary, so empty units can be counted on paper.
    fn draw_unit_grid(&self, canvas: &mut Canvas<'_>) {
        let bottom = self.rack_bottom();
        let mut segments = Vec::with_capacity(self.rack.height_u as usize * 2);
        for unit in 1..self.rack.height_u {
            let y = bottom + unit as f32 * self.mm_per_u;
            for view_x in [FRONT_VIEW_X, REAR_VIEW_X] {
                segments.push(((view_x, y), (view_x + VIEW_WIDTH, y)));
            }
        }
        let grid = Outline {
            colour: Colour::GRID_GREY,
            width_pt: 0.3,
            dashed: false,
        };
        canvas.lines(&segments, grid);
    }

    fn draw_frames_and_numbers(&self, canvas: &mut Canvas<'_>) {
        let bottom = self.rack_bottom();
        let height = RACK_TOP - bottom;
        let frame = Outline {
            colour: Colour(0.2, 0.2, 0.2),
            width_pt: 1.0,
            dashed: false,
        };
        for view_x in [FRONT_VIEW_X, REAR_VIEW_X] {
            canvas.rect(view_x, bottom, VIEW_WIDTH, height, None, Some(frame));
        }
        let size = (self.mm_per_u * PT_PER_MM * 0.5).clamp(3.5, 6.5);
        let style = TextStyle::new(size).colour(Colour::TEXT_GREY);
        let columns = [
            MARGIN_X + NUMBER_COLUMN / 2.0,
            FRONT_VIEW_X + VIEW_WIDTH + NUMBER_COLUMN / 2.0,
            REAR_VIEW_X + VIEW_WIDTH + NUMBER_COLUMN / 2.0,
        ];
        for unit in 0..self.rack.height_u {
            let centre = bottom + (unit as f32 + 0.5) * self.mm_per_u;
            let number = (u64::from(self.rack.starting_unit) + u64::from(unit)).to_string();
            for x in columns {
                canvas.text(
                    x,
                    centre - centring_drop_mm(size),
                    Align::Centre,
                    style,
                    &number,
                );
            }
        }
    }

    /// Lists the zero-U devices under a heading; returns the y below the list.
    fn draw_zero_u_list(&self, canvas: &mut Canvas<'_>) -> f32 {
        let heading = TextStyle::new(8.0).bold();
        let fit = Fit {
            max_width: SIDE_COLUMN_WIDTH,
            min_size_pt: 5.0,
        };
        canvas.fitted_text(
            SIDE_COLUMN_X,
            VIEW_HEADING_BASELINE,
            Align::Left,
            heading,
            fit,
            &self.options.labels.zero_u,
        );
        let style = TextStyle::new(7.0);
        let line_height = 3.6;
        // Keep room for the legend under the list.
        let lowest_line = self.rack_bottom().max(RACK_LOWEST) + 20.0;
        let mut y = RACK_TOP - 3.0;
        if self.rack.zero_u.is_empty() {
            canvas.text(
                SIDE_COLUMN_X,
                y,
                Align::Left,
                style.colour(Colour::TEXT_GREY),
                "—",
            );
            return y - line_height;
        }
        for (index, device) in self.rack.zero_u.iter().enumerate() {
            let remaining = self.rack.zero_u.len() - index;
            if y - line_height < lowest_line && remaining > 1 {
                canvas.text(
                    SIDE_COLUMN_X,
                    y,
                    Align::Left,
                    style,
                    &format!("… +{remaining}"),
                );
                return y - line_height;
            }
            canvas.fitted_text(
                SIDE_COLUMN_X,
                y,
                Align::Left,
                style,
                fit,
                &format!("• {device}"),
            );
            y -= line_height;
        }
        y
    }

    /// Sample swatches for the planned look and for reservations.
    fn draw_legend(&self, canvas: &mut Canvas<'_>, top: f32) {
        let labels = &self.options.labels;
        let (swatch_width, swatch_height) = (7.0, 3.5);
        let style = TextStyle::new(6.5).colour(Colour::TEXT_GREY);
        let fit = Fit {
            max_width: SIDE_COLUMN_WIDTH - swatch_width - 2.0,
            min_size_pt: 4.5,
        };
        let text_x = SIDE_COLUMN_X + swatch_width + 2.0;
        let drop = centring_drop_mm(style.size_pt);

        let planned_y = top - swatch_height;
        let (fill, outline) = device_look("server", DeviceStatus::Planned);
        canvas.rect(
            SIDE_COLUMN_X,
            planned_y,
            swatch_width,
            swatch_height,
            Some(fill),
            Some(outline),
        );
        canvas.fitted_text(
            text_x,
            planned_y + swatch_height / 2.0 - drop,
            Align::Left,
            style,
            fit,
            &labels.planned,
        );

        let reserved_y = planned_y - swatch_height - 2.0;
        canvas.rect(
            SIDE_COLUMN_X,
            reserved_y,
            swatch_width,
            swatch_height,
            Some(RESERVATION_FILL),
            None,
        );
        canvas.lines(
            &hatch_segments(SIDE_COLUMN_X, reserved_y, swatch_width, swatch_height, 1.8),
            HATCH,
        );
        canvas.rect(
            SIDE_COLUMN_X,
            reserved_y,
            swatch_width,
            swatch_height,
            None,
            Some(HATCH),
        );
        canvas.fitted_text(
            text_x,
            reserved_y + swatch_height / 2.0 - drop,
            Align::Left,
            style,
            fit,
            &labels.reserved,
        );
    }

    fn draw_power_line(&self, canvas: &mut Canvas<'_>) {
        let rule = Outline {
            colour: Colour::RULE_GREY,
            width_pt: 0.5,
            dashed: false,
        };
        canvas.line((MARGIN_X, 21.0), (CONTENT_RIGHT, 21.0), rule);
        let fit = Fit {
            max_width: CONTENT_RIGHT - MARGIN_X,
            min_size_pt: 6.0,
        };
        canvas.fitted_text(
            MARGIN_X,
            15.5,
            Align::Left,
            TextStyle::new(9.0),
            fit,
            &self.rack.power_line,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DrawnDevice;

    fn rack(height_u: u32) -> RackDrawing {
        RackDrawing {
            name: "A-R01".into(),
            height_u,
            ..RackDrawing::default()
        }
    }

    #[test]
    fn one_scale_fits_the_tallest_rack_of_the_pack() {
        let scale = pack_mm_per_u(&[rack(42), rack(48)]);
        assert!((scale - 4.7).abs() < 1e-4, "{scale}");
        assert!(48.0 * scale <= RACK_TOP - RACK_LOWEST);
        assert!((pack_mm_per_u(&[rack(10)]) - LARGEST_MM_PER_U).abs() < 1e-4);
        assert!(pack_mm_per_u(&[rack(5000)]) > 0.0);
    }

    #[test]
    fn a_device_above_the_top_unit_is_refused() {
        let mut drawing = rack(42);
        drawing.devices.push(DrawnDevice {
            bottom_hu: 83,
            height_hu: 2,
            label: "스위치".into(),
            ..DrawnDevice::default()
        });
        assert!(matches!(
            check_rack(&drawing),
            Err(RackProblem::DeviceOutside {
                top_hu: 85,
                rack_hu: 84,
                ..
            })
        ));
        drawing.devices[0].bottom_hu = 82;
        assert_eq!(check_rack(&drawing), Ok(()));
    }
}
