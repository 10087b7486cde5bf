//! Which ports the demo cables, rack by rack: a pure function of the places index. The rows
//! follow the rack demo's shape (`racks::demo`): a network rack, compute racks and a storage
//! rack, found by the device types in them, so a row missing one of them is cabled as far as
//! it goes.
//!
//! In a compute rack, each server's management port (and first other copper port) goes to the
//! rack's Catalyst and its SFP28 ports to the Arista (DAC) while ports last. The Catalyst's last
//! port goes to the rack's patch panel, whose rear is trunked to the network rack's panel; that
//! panel is a cross-connect: its first half takes the trunks, its second half mirrors the row's
//! EX4400 aggregation switch, and a patch cord joins the two. So the management uplink is four
//! cables through three panel pass-throughs. The Arista's uplinks run over OM4 through the
//! network rack's fibre panel to the first spine and over AOC straight to the second.

use std::collections::{BTreeMap, HashMap};

use super::super::media::{socket, Socket};
use super::super::model::{CableEnd, CableKind, PortRole};
use super::super::rules::ports_of;
use crate::ids::RoomId;
use crate::racks::catalogue::DeviceType;
use crate::racks::index::PlaceIndex;
use crate::racks::model::{InstallStatus, Rack, RackStatus};
use crate::racks::rules::DeviceTypes;
use crate::racks::DeviceCategory;

const FIBRE_PANEL: &str = "builtin:fiber-panel-24-lc";
const COPPER_PANEL: &str = "builtin:patch-panel-48-cat6a";
const AGGREGATION: &str = "builtin:juniper-ex4400-48t";
const BORDER: &str = "builtin:juniper-qfx5120-48y";
const SPINE: &str = "builtin:nvidia-sn4600c";
const FIREWALL: &str = "builtin:fortinet-fortigate-1800f";
const CONSOLE_SERVER: &str = "builtin:opengear-cm8148";
const TOR: &str = "builtin:arista-7050sx3-48yc8";
const ACCESS: &str = "builtin:cisco-catalyst-9300-48t";
const STORAGE: &str = "builtin:netapp-aff-a400";
const STORAGE_SWITCH: &str = "builtin:cisco-nexus-93180yc-fx3";

/// The aggregation switch's ports from here on take the network rack's management ports.
const AGGREGATION_MGMT_FROM: usize = 40;
/// Spine ports from here on interconnect the spines and the border leaves.
const SPINE_FABRIC_FROM: usize = 60;

/// One cable the demo lays: its ends, kind, jacket colour and length.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Link {
    pub a: CableEnd,
    pub b: CableEnd,
    pub kind: CableKind,
    pub colour: &'static str,
    pub length_m: f64,
    /// An end's device or rack is still planned: so is the cable.
    pub planned: bool,
}

/// What a port takes, for picking ports by kind.
#[derive(Clone, Copy, PartialEq)]
enum Media {
    Copper,
    Sfp,
    Qsfp,
}

fn media_of(port_kind: &str) -> Option<Media> {
    match socket(port_kind) {
        Socket::Copper => Some(Media::Copper),
        Socket::Cage if port_kind.contains("qsfp") => Some(Media::Qsfp),
        Socket::Cage if port_kind.contains("sfp") => Some(Media::Sfp),
        _ => None,
    }
}

/// A placed device.
struct Device<'a> {
    rack: &'a Rack,
    placement: &'a str,
    device_type: &'a DeviceType,
    bottom_hu: u32,
    planned: bool,
}

impl Device<'_> {
    fn end(&self, role: PortRole, port: &str) -> CableEnd {
        CableEnd {
            rack: self.rack.id,
            placement: self.placement.to_owned(),
            role,
            port: port.to_owned(),
        }
    }

    /// Interfaces of one medium, in the type's order.
    fn interfaces(&self, media: Media) -> Vec<CableEnd> {
        self.device_type
            .interfaces
            .iter()
            .filter(|port| media_of(&port.kind) == Some(media))
            .map(|port| self.end(PortRole::Interface, &port.name))
            .collect()
    }

    fn ports(&self, role: PortRole) -> Vec<CableEnd> {
        ports_of(self.device_type, role)
            .iter()
            .map(|port| self.end(role, &port.name))
            .collect()
    }
}

/// The placed devices of one rack by type key, top first.
struct RackDevices<'a> {
    by_type: HashMap<&'a str, Vec<Device<'a>>>,
    servers: Vec<Device<'a>>,
}

impl<'a> RackDevices<'a> {
    fn new(places: &'a PlaceIndex, rack: &'a Rack) -> Self {
        let mut by_type: HashMap<&str, Vec<Device>> = HashMap::new();
        let mut servers = Vec::new();
        for (id, placement) in &rack.placements {
            let (Some(device_type), Some(bottom_hu)) = (
                places.device_type(&placement.device_type),
                placement.bottom_hu,
            ) else {
                continue;
            };
            let device = Device {
                rack,
                placement: id,
                device_type,
                bottom_hu,
                planned: placement.status == InstallStatus::Planned
                    || rack.status == RackStatus::Planned,
            };
            if device_type.category == DeviceCategory::Server {
                servers.push(device);
            } else {
                by_type
                    .entry(placement.device_type.as_str())
                    .or_default()
                    .push(device);
            }
        }
        for devices in by_type.values_mut() {
            devices.sort_by_key(|device| std::cmp::Reverse(device.bottom_hu));
        }
        servers.sort_by_key(|server| server.bottom_hu);
        RackDevices { by_type, servers }
    }

    fn all(&self, key: &str) -> &[Device<'a>] {
        self.by_type.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    fn first(&self, key: &str) -> Option<&Device<'a>> {
        self.all(key).first()
    }
}

/// Lays cables, with lengths from where their devices are.
struct Layer {
    tile_mm: f64,
    links: Vec<Link>,
}

/// Cable lengths as they are sold, in metres.
const STOCK_LENGTHS: [f64; 14] = [
    0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0,
];

impl Layer {
    fn length(&self, a: &Device, b: &Device) -> f64 {
        let needed = if a.rack.id == b.rack.id {
            // Up or down the rack (a unit is 44.45 mm) plus slack through the cable manager.
            f64::from(a.bottom_hu.abs_diff(b.bottom_hu)) * 0.022_225 + 0.6
        } else {
            // Along the tray over the aisle, then down into each rack.
            let tiles = a.rack.x.abs_diff(b.rack.x) + a.rack.y.abs_diff(b.rack.y);
            f64::from(tiles) * self.tile_mm / 1000.0 + 2.0 * 1.5
        };
        STOCK_LENGTHS
            .into_iter()
            .find(|stock| *stock >= needed)
            .unwrap_or(needed.ceil())
    }

    /// A cable between `a`'s port and `b`'s, when both ports exist.
    fn lay(
        &mut self,
        (a, a_end): (&Device, Option<&CableEnd>),
        (b, b_end): (&Device, Option<&CableEnd>),
        kind: CableKind,
        colour: &'static str,
    ) {
        let (Some(a_end), Some(b_end)) = (a_end, b_end) else {
            return;
        };
        self.links.push(Link {
            a: a_end.clone(),
            b: b_end.clone(),
            kind,
            colour,
            length_m: self.length(a, b),
            planned: a.planned || b.planned,
        });
    }
}

/// Every cable the demo would lay in a room, row by row (network rack, compute racks, storage).
pub(super) fn plan_room(places: &PlaceIndex, room: RoomId) -> Vec<Link> {
    let mut rows: BTreeMap<(u32, &str), Vec<&Rack>> = BTreeMap::new();
    for rack in places.racks.values().filter(|rack| rack.room == room) {
        rows.entry((rack.y, rack.row.as_str()))
            .or_default()
            .push(rack);
    }
    let mut layer = Layer {
        tile_mm: places
            .rooms
            .get(&room)
            .map_or(600.0, |room| f64::from(room.tile_mm)),
        links: Vec::new(),
    };
    for racks in rows.values_mut() {
        racks.sort_by(|a, b| (a.x, &a.name).cmp(&(b.x, &b.name)));
        let racks: Vec<RackDevices> = racks
            .iter()
            .map(|rack| RackDevices::new(places, rack))
            .collect();
        plan_row(&mut layer, &racks);
    }
    layer.links
}

fn plan_row(layer: &mut Layer, racks: &[RackDevices]) {
    let network = racks
        .iter()
        .find(|rack| rack.first(FIBRE_PANEL).is_some() && rack.first(AGGREGATION).is_some());
    let mut consoles = 0;
    if let Some(network) = network {
        network_rack(layer, network, &mut consoles);
    }
    let computes = racks.iter().filter(|rack| {
        rack.first(TOR).is_some() && rack.first(ACCESS).is_some() && !rack.servers.is_empty()
    });
    for (position, compute) in computes.enumerate() {
        compute_rack(layer, compute, position, network);
    }
    if let Some(storage) = racks.iter().find(|rack| rack.first(STORAGE).is_some()) {
        storage_rack(layer, storage, network, consoles);
    }
}

/// The network rack's own cables: spines to border leaves to firewalls (DAC), management
/// ports to the aggregation switch, console ports to the console server.
fn network_rack(layer: &mut Layer, net: &RackDevices, consoles: &mut usize) {
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
fn compute_rack(layer: &mut Layer, rack: &RackDevices, position: usize, net: Option<&RackDevices>) {
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
fn storage_rack(layer: &mut Layer, rack: &RackDevices, net: Option<&RackDevices>, console: usize) {
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
