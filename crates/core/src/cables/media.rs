//! Which cable kinds fit which ports, by the port's type slug (NetBox's names, as the device
//! type catalogue uses them). A cable whose kind does not fit both of its ports is a finding.

use super::model::CableKind;

/// What a port physically takes, from its type slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Socket {
    /// An RJ-45 copper jack: twisted pair (and console cables on console ports).
    Copper,
    /// A transceiver cage (SFP, SFP28, QSFP, OSFP): direct-attach copper, active optical, or
    /// fibre through an optic.
    Cage,
    /// A fibre connector on a panel or device (LC, SC, MPO).
    Fibre,
    /// An RJ-45 or DB-9 serial console.
    Console,
    /// A power inlet or outlet (IEC 60320, IEC 60309, NEMA).
    Power,
    /// A type slug we do not know: nothing is refused.
    Unknown,
}

/// The socket a port type slug names.
pub fn socket(port_kind: &str) -> Socket {
    let kind = port_kind.trim().to_ascii_lowercase();
    let has = |part: &str| kind.contains(part);
    if has("iec-60320") || has("iec-60309") || has("nema") {
        Socket::Power
    } else if has("sfp") || has("qsfp") || has("osfp") || has("cfp") {
        Socket::Cage
    } else if kind == "lc" || kind == "sc" || has("mpo") || has("-lc") || has("-sc") {
        Socket::Fibre
    } else if kind == "de-9" || kind == "db-9" {
        Socket::Console
    } else if has("base-t") || kind == "8p8c" || kind == "rj-45" || kind == "cat6" {
        Socket::Copper
    } else {
        Socket::Unknown
    }
}

/// Whether a cable of `kind` fits a port of type `port_kind`.
pub fn fits(kind: CableKind, port_kind: &str) -> bool {
    use CableKind::*;
    let copper = matches!(kind, Cat5e | Cat6 | Cat6a | Cat7);
    let fibre = matches!(kind, Om3 | Om4 | Os2);
    match socket(port_kind) {
        Socket::Copper => copper || kind == Console,
        Socket::Cage => matches!(kind, Dac | Aoc) || fibre,
        Socket::Fibre => fibre,
        Socket::Console => kind == Console,
        Socket::Power => kind == Power,
        Socket::Unknown => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CableKind::*;

    #[test]
    fn each_socket_takes_its_cables_and_refuses_the_rest() {
        let cases: &[(&str, &[CableKind], &[CableKind])] = &[
            (
                "1000base-t",
                &[Cat5e, Cat6, Cat6a, Cat7],
                &[Om4, Dac, Power],
            ),
            ("8p8c", &[Cat6a], &[Os2]),
            (
                "25gbase-x-sfp28",
                &[Dac, Aoc, Om3, Om4, Os2],
                &[Cat6, Power],
            ),
            ("100gbase-x-qsfp28", &[Dac, Om4], &[Cat6a]),
            ("400gbase-x-osfp", &[Aoc, Os2], &[Cat7]),
            ("lc", &[Om3, Os2], &[Dac, Cat6]),
            ("iec-60320-c14", &[Power], &[Cat6, Om4]),
            ("iec-60309-3p-e-6h", &[Power], &[Console]),
            ("rj-45", &[Console, Cat6], &[Om3]),
            ("de-9", &[Console], &[Cat6]),
        ];
        for (port, fitting, refused) in cases {
            for kind in *fitting {
                assert!(fits(*kind, port), "{kind:?} fits {port}");
            }
            for kind in *refused {
                assert!(!fits(*kind, port), "{kind:?} does not fit {port}");
            }
        }
    }

    #[test]
    fn an_unknown_port_type_refuses_nothing() {
        assert_eq!(socket("usb-c"), Socket::Unknown);
        assert!(fits(Om4, "usb-c"));
        assert!(fits(Power, ""));
    }
}
