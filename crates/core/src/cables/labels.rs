//! Cable label templates: a naming scheme per workspace with fields such as the rack, unit,
//! device and port of the end the label hangs on and of the far end, and a cable number. The
//! default follows the TIA-606 habit of naming both ends, near first:
//! `A-R01-U12-eno1/A-R20-U41-Ethernet7`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The default naming scheme (TIA-606 spirit: this end, then the far end).
pub const DEFAULT_TEMPLATE: &str = "{rack}-U{unit}-{port}/{far_rack}-U{far_unit}-{far_port}";

/// What a label can say about one end of a cable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndFacts {
    pub site: String,
    pub room: String,
    pub row: String,
    pub rack: String,
    /// The unit number the device starts at; empty for zero-U devices.
    pub unit: Option<u32>,
    pub device: String,
    pub port: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Site,
    Room,
    Row,
    Rack,
    Unit,
    Device,
    Port,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Near(Field),
    Far(Field),
    /// The cable number, zero-padded to this width.
    Number(usize),
}

/// A parsed template, ready to render many labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// Why a template cannot be used, with where (character position) it goes wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateError {
    #[error("'{{{name}}}' at {at} is not a label field (site, room, row, rack, unit, device, port, far_…, n, n:WIDTH)")]
    UnknownField { name: String, at: usize },
    #[error("the '{{' at {at} is never closed")]
    Unclosed { at: usize },
    #[error("a label template needs at least one field, so that labels differ")]
    NoField,
}

fn field(name: &str) -> Option<Field> {
    Some(match name {
        "site" => Field::Site,
        "room" => Field::Room,
        "row" => Field::Row,
        "rack" => Field::Rack,
        "unit" => Field::Unit,
        "device" => Field::Device,
        "port" => Field::Port,
        _ => return None,
    })
}

impl Template {
    /// [`DEFAULT_TEMPLATE`], built without parsing.
    pub fn tia606() -> Template {
        let end = |near: bool| {
            let field = |f| if near { Piece::Near(f) } else { Piece::Far(f) };
            vec![
                field(Field::Rack),
                Piece::Text("-U".into()),
                field(Field::Unit),
                Piece::Text("-".into()),
                field(Field::Port),
            ]
        };
        let mut pieces = end(true);
        pieces.push(Piece::Text("/".into()));
        pieces.extend(end(false));
        Template { pieces }
    }

    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, ch)) = chars.next() {
            if ch != '{' {
                literal.push(ch);
                continue;
            }
            let mut name = String::new();
            let mut closed = false;
            for (_, next) in chars.by_ref() {
                if next == '}' {
                    closed = true;
                    break;
                }
                name.push(next);
            }
            if !closed {
                return Err(TemplateError::Unclosed { at });
            }
            let name = name.trim();
            let piece = if let Some(near) = field(name) {
                Piece::Near(near)
            } else if let Some(far) = name.strip_prefix("far_").and_then(field) {
                Piece::Far(far)
            } else if name == "n" {
                Piece::Number(0)
            } else if let Some(width) = name.strip_prefix("n:").and_then(|w| w.parse().ok()) {
                Piece::Number(width)
            } else {
                return Err(TemplateError::UnknownField {
                    name: name.to_owned(),
                    at,
                });
            };
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(piece);
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        if !pieces.iter().any(|p| !matches!(p, Piece::Text(_))) {
            return Err(TemplateError::NoField);
        }
        Ok(Template { pieces })
    }

    /// The label on the `near` end of cable number `number`, whose other end is `far`.
    pub fn render(&self, near: &EndFacts, far: &EndFacts, number: u64) -> String {
        let value = |facts: &EndFacts, field: Field| match field {
            Field::Site => facts.site.clone(),
            Field::Room => facts.room.clone(),
            Field::Row => facts.row.clone(),
            Field::Rack => facts.rack.clone(),
            Field::Unit => facts.unit.map(|u| u.to_string()).unwrap_or_default(),
            Field::Device => facts.device.clone(),
            Field::Port => facts.port.clone(),
        };
        let mut label = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => label.push_str(text),
                Piece::Near(field) => label.push_str(&value(near, *field)),
                Piece::Far(field) => label.push_str(&value(far, *field)),
                Piece::Number(width) => label.push_str(&format!("{number:0width$}")),
            }
        }
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(rack: &str, unit: u32, device: &str, port: &str) -> EndFacts {
        EndFacts {
            site: "PT1".into(),
            room: "전산실 A".into(),
            row: "A열".into(),
            rack: rack.into(),
            unit: Some(unit),
            device: device.into(),
            port: port.into(),
        }
    }

    #[test]
    fn the_default_names_both_ends_near_first() {
        let template = Template::parse(DEFAULT_TEMPLATE).expect("default parses");
        assert_eq!(template, Template::tia606());
        let server = end("A-R01", 12, "web-01", "eno1");
        let switch = end("A-R20", 41, "tor-1", "Ethernet7");
        assert_eq!(
            template.render(&server, &switch, 1),
            "A-R01-U12-eno1/A-R20-U41-Ethernet7"
        );
        assert_eq!(
            template.render(&switch, &server, 1),
            "A-R20-U41-Ethernet7/A-R01-U12-eno1"
        );
    }

    #[test]
    fn numbers_pad_and_korean_text_passes_through() {
        let template = Template::parse("{room} 케이블 C{n:5} ({device}:{port})").expect("parses");
        let near = end("A-R01", 3, "스위치", "1");
        assert_eq!(
            template.render(&near, &EndFacts::default(), 42),
            "전산실 A 케이블 C00042 (스위치:1)"
        );
        let zero_u = EndFacts {
            unit: None,
            ..end("B-R02", 0, "pdu-a", "C13-1")
        };
        let plain = Template::parse("{rack}U{unit}{n}").expect("parses");
        assert_eq!(plain.render(&zero_u, &zero_u, 7), "B-R02U7");
    }

    #[test]
    fn bad_templates_say_what_and_where() {
        assert_eq!(
            Template::parse("{rack}-{shelf}"),
            Err(TemplateError::UnknownField {
                name: "shelf".into(),
                at: 7
            })
        );
        assert_eq!(
            Template::parse("{rack}-{port"),
            Err(TemplateError::Unclosed { at: 7 })
        );
        assert_eq!(Template::parse("CABLE"), Err(TemplateError::NoField));
        let message = Template::parse("{far_shelf}")
            .expect_err("unknown")
            .to_string();
        assert!(message.contains("far_shelf"), "{message}");
    }
}
