//! The sample workspace: a first run's "예시 작업공간" in the app and `cloudwright demo` in the
//! CLI write it the same way, here. Assets (`demo`), then a room of racks with their devices
//! (`racks::demo`), then cables between them (`cables::demo`), all from one seed, so the same
//! plan gives the same workspace on every machine.
//!
//! ```
//! use cloudwright_core::sample::{self, SamplePlan};
//! # let dir = tempfile::tempdir().unwrap();
//! # let store = cloudwright_core::store::Store::open(dir.path()).unwrap();
//! # let meta = store.create_workspace("예시", 0).unwrap();
//! # let workspace = store.workspace(&meta.id).unwrap();
//! # let stamp = cloudwright_core::Stamp::new(cloudwright_core::Author::from_name("김민준"), 1);
//! let plan = SamplePlan { assets: 50, racks: 2, cables: Some(40), seed: 7 };
//! let made = sample::generate(&workspace, &plan, &stamp).unwrap();
//! assert_eq!(made.assets, 50);
//! assert_eq!(made.racks.as_ref().map(|racks| racks.racks), Some(2));
//! ```

use serde::Serialize;
use ts_rs::TS;

use crate::assets::AssetError;
use crate::cables::demo::{generate_cables, CableDemoOptions, CableDemoSummary, DEMO_CABLE_BATCH};
use crate::cables::ops::CableError;
use crate::racks::demo::{generate_racks, RackDemoOptions, RackDemoSummary};
use crate::racks::RackError;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// What a sample workspace holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SamplePlan {
    /// Assets in the register (servers, switches, storage … of real makes and models).
    pub assets: usize,
    /// Racks in one room, with their devices; 0 for none.
    pub racks: usize,
    /// At most this many cables between those racks; needs racks.
    pub cables: Option<usize>,
    pub seed: u64,
}

impl SamplePlan {
    /// The first run's sample: the size a build team's first hall has (the demo the issues
    /// measure against: 2,000 assets, 20 racks, 1,022 cables), written in about a second.
    pub const FIRST_RUN: SamplePlan = SamplePlan {
        assets: 2_000,
        racks: 20,
        cables: Some(1_022),
        seed: 1,
    };
}

/// What was written.
#[derive(Debug, PartialEq, Eq)]
pub struct SampleSummary {
    pub assets: usize,
    pub racks: Option<RackDemoSummary>,
    pub cables: Option<CableDemoSummary>,
}

/// Counts of a sample workspace, as the app shows them when it is ready.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SampleCounts {
    pub assets: u32,
    pub racks: u32,
    pub cables: u32,
}

impl SampleSummary {
    pub fn counts(&self) -> SampleCounts {
        SampleCounts {
            assets: self.assets as u32,
            racks: self.racks.as_ref().map_or(0, |racks| racks.racks as u32),
            cables: self
                .cables
                .as_ref()
                .map_or(0, |cables| cables.written as u32),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("cables need racks: the sample's cables run between the racks of the room it adds")]
    CablesNeedRacks,
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Rack(#[from] RackError),
    #[error(transparent)]
    Cable(#[from] CableError),
}

/// Writes `plan` into `workspace`, each part in durable batches as its generator writes it.
pub fn generate(
    workspace: &Workspace,
    plan: &SamplePlan,
    stamp: &Stamp,
) -> Result<SampleSummary, SampleError> {
    if plan.cables.is_some() && plan.racks == 0 {
        return Err(SampleError::CablesNeedRacks);
    }
    let options = crate::demo::DemoOptions {
        assets: plan.assets,
        seed: plan.seed,
    };
    let assets = crate::demo::generate(workspace, &options, stamp)?;
    if plan.racks == 0 {
        return Ok(SampleSummary {
            assets,
            racks: None,
            cables: None,
        });
    }
    let options = RackDemoOptions {
        racks: plan.racks,
        seed: plan.seed,
    };
    let racks = generate_racks(workspace, &options, stamp)?;
    let cables = match plan.cables {
        Some(cables) => Some(generate_cables(
            workspace,
            &CableDemoOptions {
                room: racks.room_id,
                cables,
                seed: plan.seed,
                batch: DEMO_CABLE_BATCH,
            },
            stamp,
        )?),
        None => None,
    };
    Ok(SampleSummary {
        assets,
        racks: Some(racks),
        cables,
    })
}
