use std::collections::HashMap;

use super::*;
use crate::cables::test_plant::{cable, end, index};

#[test]
fn a_cable_needs_real_ports_free_ports_a_fitting_kind_and_its_own_label() {
    let index = index();
    let copper = cable(
        1,
        CableKind::Cat6a,
        end("srv", PortRole::Interface, "eno1"),
        end("pp", PortRole::Front, "1"),
        "C1",
    );
    let none = HashMap::new();
    assert_eq!(check_cable(&copper, &index, &none, &HashMap::new()), []);

    let ports: HashMap<CableEnd, (CableId, String)> =
        [(copper.a.clone(), (copper.id, "C1".to_owned()))].into();
    let labels: HashMap<String, CableId> = [("c1".to_owned(), copper.id)].into();
    let clash = cable(
        2,
        CableKind::Om4,
        end("srv", PortRole::Interface, "eno1"),
        end("sw", PortRole::Interface, "Ethernet99"),
        " c1 ",
    );
    assert_eq!(
        check_cable(&clash, &index, &ports, &labels),
        [
            CableProblem::KindDoesNotFit {
                end: end("srv", PortRole::Interface, "eno1"),
                kind: CableKind::Om4,
                port_kind: "1000base-t".into(),
            },
            CableProblem::PortTaken {
                end: end("srv", PortRole::Interface, "eno1"),
                label: "C1".into(),
            },
            CableProblem::NoSuchPort {
                end: end("sw", PortRole::Interface, "Ethernet99"),
            },
            CableProblem::LabelTaken {
                label: " c1 ".into()
            },
        ]
    );
    // A DAC from the server's SFP28 port to the switch fits; the same port on both ends does not.
    let dac = cable(
        3,
        CableKind::Dac,
        end("srv", PortRole::Interface, "ens1f0"),
        end("sw", PortRole::Interface, "Ethernet1"),
        "C3",
    );
    assert_eq!(check_cable(&dac, &index, &ports, &labels), []);
    let loopback = cable(4, CableKind::Dac, dac.a.clone(), dac.a.clone(), "C4");
    assert_eq!(
        check_cable(&loopback, &index, &none, &HashMap::new()),
        [CableProblem::SameEnds]
    );
}

#[test]
fn merged_cables_sharing_a_port_or_a_label_or_misfitting_are_found() {
    let index = index();
    let kim = cable(
        1,
        CableKind::Cat6a,
        end("srv", PortRole::Interface, "eno1"),
        end("pp", PortRole::Front, "1"),
        "A-R01-U1-eno1",
    );
    let lee = cable(
        2,
        CableKind::Cat6a,
        end("pp", PortRole::Front, "1"),
        end("srv", PortRole::Interface, "eno2"),
        "a-r01-u1-eno1",
    );
    let fibre_in_copper = cable(
        3,
        CableKind::Os2,
        end("sw", PortRole::Interface, "Ethernet2"),
        end("pp", PortRole::Front, "2"),
        "C3",
    );
    let found = invariants([&kim, &lee, &fibre_in_copper].into_iter(), &index);
    assert_eq!(
        found,
        [
            CableInvariant::PortShared {
                end: end("pp", PortRole::Front, "1"),
                cables: vec![kim.id, lee.id],
            },
            CableInvariant::LabelShared {
                label: "A-R01-U1-eno1".into(),
                cables: vec![kim.id, lee.id],
            },
            CableInvariant::KindDoesNotFit {
                cable: fibre_in_copper.id,
                end: end("pp", PortRole::Front, "2"),
            },
        ]
    );
}
