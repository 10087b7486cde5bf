//! A workspace's cables as labels: two per cable (one for each end, A end first), each with
//! the cable's kind, length and colour under it and a QR code carrying the cable id. The
//! cable's own label is what a technician reads first, so it is the headline: the largest
//! text on the label, however long it is (a long one shrinks the line under it too).

use cloudwright_core::cables::model::Cable;

use crate::LabelText;

/// The labels of `cables`, both ends of each, in order.
pub fn cable_labels(cables: &[Cable]) -> Vec<LabelText> {
    let mut labels = Vec::with_capacity(cables.len() * 2);
    for cable in cables {
        let (a, b) = cable.end_labels();
        let kind = cable.kind.code().to_uppercase();
        let length = cable
            .length
            .map(|length| format!("{length} {}", cable.length_unit.code()));
        let detail: Vec<&str> = [Some(kind.as_str()), length.as_deref(), Some(&cable.colour)]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect();
        for end in [a, b] {
            labels.push(LabelText {
                lines: vec![end.to_owned(), detail.join(" · ")],
                qr: Some(cable.id.to_string()),
                headline: true,
            });
        }
    }
    labels
}
