//! A workspace's cables as labels: two per cable (one for each end, near end first), each
//! with the cable's kind and length under it and a QR code carrying the cable id.

use cloudwright_core::cables::model::Cable;
use cloudwright_core::store::Workspace;

use crate::LabelText;

/// The labels of `cables`, both ends of each, in order.
pub fn cable_labels(workspace: &Workspace, cables: &[Cable]) -> Vec<LabelText> {
    let mut labels = Vec::with_capacity(cables.len() * 2);
    for (n, cable) in cables.iter().enumerate() {
        let (a, b) = workspace.cable_end_labels(cable, n as u64 + 1);
        let detail = match cable.length {
            Some(length) => format!(
                "{} · {length} {} · {}",
                cable.kind.code().to_uppercase(),
                cable.length_unit.code(),
                cable.colour
            ),
            None => format!("{} · {}", cable.kind.code().to_uppercase(), cable.colour),
        };
        for end in [a, b] {
            labels.push(LabelText {
                lines: vec![end, detail.trim_end_matches([' ', '·']).to_owned()],
                qr: Some(cable.id.to_string()),
                headline: false,
            });
        }
    }
    labels
}
