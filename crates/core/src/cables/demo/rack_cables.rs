//! The cables of each kind of rack in a row (see `plan.rs` for the plan as a whole): the
//! network rack's own, a compute rack's with its uplinks, the storage rack's.

use super::super::model::{CableKind, PortRole};
use super::plan::{
    Layer, Media, RackDevices, ACCESS, AGGREGATION, AGGREGATION_MGMT_FROM, BORDER, CONSOLE_SERVER,
    COPPER_PANEL, FIBRE_PANEL, FIREWALL, SPINE, SPINE_FABRIC_FROM, STORAGE, STORAGE_SWITCH, TOR,
};

/// The network rack's own cables: spines to border leaves to firewalls (DAC), management
/// ports to the aggregation switch, console ports to the console server.
pub(super) fn network_rack(layer: &mut Layer, net: &RackDevices, consoles: &mut usize) {
    let (spines, borders, firewalls) = (net.all(SPINE), net.all(BORDER), net.all(FIREWALL));
    for (s, spine) in spines.iter().enumerate() {
        let spine_ports = spine.interfaces(Media::Qsfp);
        for (q, border) in borders.iter().enumerate() {
            let border_ports = border.interfaces(Media::Qsfp);
            let (a, b) = (spine_ports.get(SPINE_FABRIC_FROM + q), border_ports.get(s));
            layer.lay((spine, a), (border, b), CableKind::Dac, "검정");
        }
    }
    if let [first, second, ..] = spines {
        let (a, b) = (
            first.interfaces(Media::Qsfp),
            second.interfaces(Media::Qsfp),
        );
        for port in SPINE_FABRIC_FROM + 2..SPINE_FABRIC_FROM + 4 {
            layer.lay(
                (first, a.get(port)),
                (second, b.get(port)),
                CableKind::Dac,
                "검정",
            );
        }
    }
    for (q, border) in borders.iter().enumerate() {
        let border_ports = border.interfaces(Media::Sfp);
        for (f, firewall) in firewalls.iter().enumerate() {
            let firewall_ports = firewall.interfaces(Media::Sfp);
            let (a, b) = (border_ports.get(f), firewall_ports.get(q));
            layer.lay((border, a), (firewall, b), CableKind::Dac, "검정");
        }
    }
    let console_server = net.first(CONSOLE_SERVER);
    if let Some(aggregation) = net.first(AGGREGATION) {
        let ports = aggregation.interfaces(Media::Copper);
        let managed = spines.iter().chain(firewalls).chain(console_server);
        for (n, device) in managed.enumerate() {
            let own = device.interfaces(Media::Copper);
            let port = ports.get(AGGREGATION_MGMT_FROM + n);
            layer.lay(
                (device, own.first()),
                (aggregation, port),
                CableKind::Cat6a,
                "회색",
            );
        }
    }
    if let Some(console_server) = console_server {
        let lines = console_server.ports(PortRole::Console);
        let managed = borders
            .iter()
            .chain(spines)
            .chain(firewalls)
            .chain(net.first(AGGREGATION));
        for device in managed {
            let own = device.ports(PortRole::Console);
            layer.lay(
                (device, own.first()),
                (console_server, lines.get(*consoles)),
                CableKind::Console,
                "노랑",
            );
            *consoles += 1;
        }
    }
}

/// A compute rack: servers to its switches, then the uplinks to the network rack.
pub(super) fn compute_rack(
    layer: &mut Layer,
    rack: &RackDevices,
    position: usize,
    net: Option<&RackDevices>,
) {
    let (Some(tor), Some(access)) = (rack.first(TOR), rack.first(ACCESS)) else {
        return;
    };
    let access_ports = access.interfaces(Media::Copper);
    let tor_ports = tor.interfaces(Media::Sfp);
    // The access switch keeps its last two ports for the ToR's management and its uplink.
    let server_ports = access_ports.len().saturating_sub(2);
    let (mut next_access, mut next_tor) = (0, 0);
    for server in &rack.servers {
        for own in server.interfaces(Media::Copper).iter().take(2) {
            if next_access < server_ports {
                let port = access_ports.get(next_access);
                layer.lay(
                    (server, Some(own)),
                    (access, port),
                    CableKind::Cat6a,
                    "파랑",
                );
                next_access += 1;
            }
        }
        for own in server.interfaces(Media::Sfp) {
            layer.lay(
                (server, Some(&own)),
                (tor, tor_ports.get(next_tor)),
                CableKind::Dac,
                "검정",
            );
            next_tor += 1;
        }
    }
    let tor_management = tor.interfaces(Media::Copper);
    layer.lay(
        (tor, tor_management.first()),
        (access, access_ports.get(server_ports)),
        CableKind::Cat6a,
        "회색",
    );
    let Some(panel) = rack.first(COPPER_PANEL) else {
        return;
    };
    let (front, rear) = (panel.ports(PortRole::Front), panel.ports(PortRole::Rear));
    layer.lay(
        (access, access_ports.get(server_ports + 1)),
        (panel, front.first()),
        CableKind::Cat6a,
        "파랑",
    );
    let Some(net) = net else {
        return;
    };
    if let (Some(cross), Some(aggregation)) = (net.first(COPPER_PANEL), net.first(AGGREGATION)) {
        let (cross_front, cross_rear) = (cross.ports(PortRole::Front), cross.ports(PortRole::Rear));
        // The panel's first half takes the row's trunks, its second half the switch's ports.
        let half = cross_front.len() / 2;
        let aggregation_ports = aggregation.interfaces(Media::Copper);
        if position < half && position < AGGREGATION_MGMT_FROM {
            let (trunk, mirror) = (position, half + position);
            layer.lay(
                (panel, rear.first()),
                (cross, cross_rear.get(trunk)),
                CableKind::Cat6a,
                "흰색",
            );
            layer.lay(
                (cross, cross_front.get(trunk)),
                (cross, cross_front.get(mirror)),
                CableKind::Cat6a,
                "빨강",
            );
            layer.lay(
                (cross, cross_rear.get(mirror)),
                (aggregation, aggregation_ports.get(position)),
                CableKind::Cat6a,
                "회색",
            );
        }
    }
    // Uplinks for all but the fibre panel's last port, which is the storage rack's.
    let (Some(fibre), [first_spine, second_spine, ..]) = (net.first(FIBRE_PANEL), net.all(SPINE))
    else {
        return;
    };
    let (fibre_front, fibre_rear) = (fibre.ports(PortRole::Front), fibre.ports(PortRole::Rear));
    if position + 1 >= fibre_front.len() {
        return;
    }
    let uplinks = tor.interfaces(Media::Qsfp);
    layer.lay(
        (tor, uplinks.first()),
        (fibre, fibre_front.get(position)),
        CableKind::Om4,
        "아쿠아",
    );
    layer.lay(
        (fibre, fibre_rear.get(position)),
        (
            first_spine,
            first_spine.interfaces(Media::Qsfp).get(position),
        ),
        CableKind::Om4,
        "아쿠아",
    );
    layer.lay(
        (tor, uplinks.get(1)),
        (
            second_spine,
            second_spine.interfaces(Media::Qsfp).get(position),
        ),
        CableKind::Aoc,
        "주황",
    );
}

/// The storage rack: the array to its switch, the switch up to the spines, management and
/// console to the network rack.
pub(super) fn storage_rack(
    layer: &mut Layer,
    rack: &RackDevices,
    net: Option<&RackDevices>,
    console: usize,
) {
    let (Some(array), Some(switch)) = (rack.first(STORAGE), rack.first(STORAGE_SWITCH)) else {
        return;
    };
    let switch_ports = switch.interfaces(Media::Sfp);
    for (n, own) in array.interfaces(Media::Sfp).iter().enumerate() {
        layer.lay(
            (array, Some(own)),
            (switch, switch_ports.get(n)),
            CableKind::Dac,
            "검정",
        );
    }
    let Some(net) = net else {
        return;
    };
    let uplinks = switch.interfaces(Media::Qsfp);
    let spines = net.all(SPINE);
    if let (Some(fibre), Some(spine)) = (net.first(FIBRE_PANEL), spines.first()) {
        let (front, rear) = (fibre.ports(PortRole::Front), fibre.ports(PortRole::Rear));
        let last = front.len().saturating_sub(1);
        let spine_ports = spine.interfaces(Media::Qsfp);
        layer.lay(
            (switch, uplinks.first()),
            (fibre, front.get(last)),
            CableKind::Om4,
            "아쿠아",
        );
        layer.lay(
            (fibre, rear.get(last)),
            (spine, spine_ports.get(last)),
            CableKind::Om4,
            "아쿠아",
        );
        if let Some(second) = spines.get(1) {
            let ports = second.interfaces(Media::Qsfp);
            layer.lay(
                (switch, uplinks.get(1)),
                (second, ports.get(last)),
                CableKind::Aoc,
                "주황",
            );
        }
    }
    if let Some(aggregation) = net.first(AGGREGATION) {
        let ports = aggregation.interfaces(Media::Copper);
        let managed = net.all(SPINE).len() + net.all(FIREWALL).len() + 1;
        layer.lay(
            (switch, switch.interfaces(Media::Copper).first()),
            (aggregation, ports.get(AGGREGATION_MGMT_FROM + managed)),
            CableKind::Cat6a,
            "회색",
        );
    }
    if let Some(console_server) = net.first(CONSOLE_SERVER) {
        layer.lay(
            (switch, switch.ports(PortRole::Console).first()),
            (
                console_server,
                console_server.ports(PortRole::Console).get(console),
            ),
            CableKind::Console,
            "노랑",
        );
    }
}
