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
use crate::racks::DeviceCategory;
use crate::racks::DeviceType;
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;
use crate::racks::{InstallStatus, Rack, RackStatus};

use super::rack_cables;

pub(super) const FIBRE_PANEL: &str = "builtin:fiber-panel-24-lc";
pub(super) const COPPER_PANEL: &str = "builtin:patch-panel-48-cat6a";
pub(super) const AGGREGATION: &str = "builtin:juniper-ex4400-48t";
pub(super) const BORDER: &str = "builtin:juniper-qfx5120-48y";
pub(super) const SPINE: &str = "builtin:nvidia-sn4600c";
pub(super) const FIREWALL: &str = "builtin:fortinet-fortigate-1800f";
pub(super) const CONSOLE_SERVER: &str = "builtin:opengear-cm8148";
pub(super) const TOR: &str = "builtin:arista-7050sx3-48yc8";
pub(super) const ACCESS: &str = "builtin:cisco-catalyst-9300-48t";
pub(super) const STORAGE: &str = "builtin:netapp-aff-a400";
pub(super) const STORAGE_SWITCH: &str = "builtin:cisco-nexus-93180yc-fx3";

/// The aggregation switch's ports from here on take the network rack's management ports.
pub(super) const AGGREGATION_MGMT_FROM: usize = 40;
/// Spine ports from here on interconnect the spines and the border leaves.
pub(super) const SPINE_FABRIC_FROM: usize = 60;

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
pub(super) enum Media {
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
pub(super) struct Device<'a> {
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
    pub(super) fn interfaces(&self, media: Media) -> Vec<CableEnd> {
        self.device_type
            .interfaces
            .iter()
            .filter(|port| media_of(&port.kind) == Some(media))
            .map(|port| self.end(PortRole::Interface, &port.name))
            .collect()
    }

    pub(super) fn ports(&self, role: PortRole) -> Vec<CableEnd> {
        ports_of(self.device_type, role)
            .iter()
            .map(|port| self.end(role, &port.name))
            .collect()
    }
}

/// The placed devices of one rack by type key, top first.
pub(super) struct RackDevices<'a> {
    by_type: HashMap<&'a str, Vec<Device<'a>>>,
    pub(super) servers: Vec<Device<'a>>,
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

    pub(super) fn all(&self, key: &str) -> &[Device<'a>] {
        self.by_type.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    pub(super) fn first(&self, key: &str) -> Option<&Device<'a>> {
        self.all(key).first()
    }
}

/// Lays cables, with lengths from where their devices are.
pub(super) struct Layer {
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
    pub(super) fn lay(
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
        rack_cables::network_rack(layer, network, &mut consoles);
    }
    let computes = racks.iter().filter(|rack| {
        rack.first(TOR).is_some() && rack.first(ACCESS).is_some() && !rack.servers.is_empty()
    });
    for (position, compute) in computes.enumerate() {
        rack_cables::compute_rack(layer, compute, position, network);
    }
    if let Some(storage) = racks.iter().find(|rack| rack.first(STORAGE).is_some()) {
        rack_cables::storage_rack(layer, storage, network, consoles);
    }
}
