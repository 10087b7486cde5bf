//! The workspace's own device types: import (all or nothing) and front/rear images.

use super::*;

impl Workspace {
    /// Sets the front or rear image of a device type the workspace added (the starter
    /// catalogue is read-only: import a copy to give it images). The image is a blob written in
    /// the same batch; the elevation draws it in the device's box.
    pub fn set_device_type_image(
        &self,
        key: &str,
        face: Face,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<DeviceType, RackError> {
        if key.starts_with(catalogue::BUILTIN_PREFIX) {
            return Err(RackError::BuiltinType { key: key.into() });
        }
        let (sha, batch) = self.stage_blob("image", bytes)?;
        let mut cache = self.lock_docs();
        let doc_id = format!("{}/{key}", DeviceType::PREFIX);
        let mut device: DeviceType = self.load_place(&mut cache, &doc_id, "device type")?;
        match face {
            Face::Front => device.front_image = Some(sha),
            Face::Rear => device.rear_image = Some(sha),
        }
        let pending = self.stage(&mut cache, &device, stamp, "device_type_image")?;
        self.write(&mut cache, vec![pending], batch)?;
        Ok(device)
    }

    /// Adds device types to the workspace's catalogue: all of them, or none when any entry has
    /// a problem. `ids` gives each new type its id (the caller's randomness).
    pub fn import_device_types(
        &self,
        inputs: &[catalogue::DeviceTypeInput],
        ids: &[DeviceTypeId],
        stamp: &Stamp,
    ) -> Result<Vec<DeviceType>, RackError> {
        let mut problems: Vec<Problem> = Vec::new();
        let mut types = Vec::new();
        let known: std::collections::HashSet<(String, String)> = self
            .places()
            .device_types()
            .iter()
            .map(|t| (t.manufacturer.to_lowercase(), t.model.to_lowercase()))
            .collect();
        let mut seen = std::collections::HashSet::new();
        for (index, (input, id)) in inputs.iter().zip(ids).enumerate() {
            match catalogue::validate(input, id.to_string(), index + 1) {
                Ok(device) => {
                    let name = (
                        device.manufacturer.to_lowercase(),
                        device.model.to_lowercase(),
                    );
                    if known.contains(&name) || !seen.insert(name) {
                        problems.push(catalogue::catalogue_problem(
                            index + 1,
                            "model",
                            catalogue::CatalogueProblemCode::DuplicateModel,
                            device.display_name(),
                        ));
                    }
                    types.push(device);
                }
                Err(mut found) => problems.append(&mut found),
            }
        }
        if !problems.is_empty() {
            return Err(RackError::Catalogue(problems));
        }
        let mut cache = self.lock_docs();
        let mut pending = Vec::with_capacity(types.len());
        for device in &types {
            pending.push(self.stage(&mut cache, device, stamp, "import_device_type")?);
        }
        self.write(&mut cache, pending, Batch::default())?;
        Ok(types)
    }
}
