//! The one error every command returns to the UI: `{ kind, message }`, plus the field errors
//! or import preview the UI needs to show what to fix.

use cloudwright_core::assets::{AssetError, FieldError, ImportPreview};
use cloudwright_core::cables::csv_io::{CableFileError, CableRowProblem};
use cloudwright_core::cables::labels::TemplateError;
use cloudwright_core::cables::ops::CableError;
use cloudwright_core::cables::rules::CableProblem;
use cloudwright_core::lifecycle::{LifeProblem, LifecycleError};
use cloudwright_core::racks::catalogue::CatalogueProblem;
use cloudwright_core::racks::{CheckItem, PlaceFieldError, PlacementProblem, RackError};
use cloudwright_core::store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// A cable rule broken, with the line of the file the cable came from (`None`: not a file).
pub type LineProblem = (Option<u32>, CableProblem);

#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    /// invalid, not_found, import_refused, no_workspace, workspace_exists, invalid_name, store,
    /// store_damaged, store_too_new, store_unreadable, io, life_refused, attachment_too_large,
    /// empty_batch
    pub kind: String,
    /// English text, shown only when the UI has no translation for the kind.
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldError>>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview: Option<Box<ImportPreview>>,
    /// Why a device cannot go where it was dropped (kind `placement_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Box<[PlacementProblem]>>,
    /// Fields of a site, room or rack form that are not acceptable (kind `invalid`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_fields: Option<Box<[PlaceFieldError]>>,
    /// Checklist items still to tick (kind `install_order`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_checks: Option<Box<[CheckItem]>>,
    /// Problems of a device type import (kind `catalogue_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<Box<[CatalogueProblem]>>,
    /// Why a cable (or a plan, an import, a scheme) is refused, each with the line of the
    /// file it came from when it came from one (kind `cable_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cable_problems: Option<Box<[LineProblem]>>,
    /// Rows of a cable or test results file that cannot be read (kind `rows_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Box<[CableRowProblem]>>,
    /// A file that cannot be read at all (kind `file_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<CableFileError>,
    /// Why a lifecycle step (assign, return, maintenance, disposal, a plan) was refused, each
    /// with the field it is about (kind `life_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life_problems: Option<Box<[LifeProblem]>>,
    /// A label template that does not parse (kind `template`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateError>,
}

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
            fields: None,
            preview: None,
            problems: None,
            place_fields: None,
            missing_checks: None,
            catalogue: None,
            cable_problems: None,
            rows: None,
            file: None,
            template: None,
            life_problems: None,
        }
    }

    pub fn no_workspace() -> Self {
        Self::new("no_workspace", "no workspace is open")
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        let kind = match &error {
            StoreError::UnknownWorkspace(_) => "not_found",
            StoreError::WorkspaceExists(_) => "workspace_exists",
            StoreError::InvalidWorkspaceName => "invalid_name",
            StoreError::Damaged { .. }
            | StoreError::DamagedDocument { .. }
            | StoreError::DamagedRecord { .. } => "store_damaged",
            StoreError::TooNew { .. } => "store_too_new",
            StoreError::Unreadable { .. } => "store_unreadable",
            _ => "store",
        };
        Self::new(kind, error.to_string())
    }
}

impl From<AssetError> for CommandError {
    fn from(error: AssetError) -> Self {
        let message = error.to_string();
        match error {
            AssetError::Invalid(fields) => Self {
                fields: Some(fields),
                ..Self::new("invalid", message)
            },
            AssetError::ImportRefused(preview) => Self {
                preview: Some(preview),
                ..Self::new("import_refused", message)
            },
            AssetError::NotFound(_) => Self::new("not_found", message),
            AssetError::Store(store) => store.into(),
            AssetError::Document { .. } => Self::new("store", message),
        }
    }
}

impl From<cloudwright_core::findings::FindingError> for CommandError {
    fn from(error: cloudwright_core::findings::FindingError) -> Self {
        use cloudwright_core::findings::FindingError;
        let message = error.to_string();
        match error {
            FindingError::NotFound(_) => Self::new("not_found", message),
            FindingError::NoSuchConflict(_) => Self::new("no_such_conflict", message),
            FindingError::Store(store) => store.into(),
        }
    }
}

impl From<std::io::Error> for CommandError {
    fn from(error: std::io::Error) -> Self {
        Self::new("io", error.to_string())
    }
}

impl From<RackError> for CommandError {
    fn from(error: RackError) -> Self {
        let message = error.to_string();
        match error {
            RackError::Invalid(fields) => Self {
                place_fields: Some(fields.into_boxed_slice()),
                ..Self::new("invalid", message)
            },
            RackError::Refused(problems) => Self {
                problems: Some(problems.into_boxed_slice()),
                ..Self::new("placement_refused", message)
            },
            RackError::InstallOrder { missing, .. } => Self {
                missing_checks: Some(missing.into_boxed_slice()),
                ..Self::new("install_order", message)
            },
            RackError::Parked { .. } => Self::new("placement_parked", message),
            RackError::BuiltinType { .. } => Self::new("builtin_type", message),
            RackError::Catalogue(problems) => Self {
                catalogue: Some(problems.into_boxed_slice()),
                ..Self::new("catalogue_refused", message)
            },
            RackError::NotFound { .. } => Self::new("not_found", message),
            RackError::Asset(asset) => asset.into(),
            RackError::Store(store) => store.into(),
        }
    }
}

impl From<CableError> for CommandError {
    fn from(error: CableError) -> Self {
        let message = error.to_string();
        match error {
            CableError::Refused(problems) => Self {
                cable_problems: Some(problems.into_iter().map(|p| (None, p)).collect()),
                ..Self::new("cable_refused", message)
            },
            CableError::RefusedRows(problems) => Self {
                cable_problems: Some(
                    problems
                        .into_iter()
                        .map(|(line, p)| (Some(line), p))
                        .collect(),
                ),
                ..Self::new("cable_refused", message)
            },
            CableError::Rows(rows) => Self {
                rows: Some(rows.into_boxed_slice()),
                ..Self::new("rows_refused", message)
            },
            CableError::File(file) => Self {
                file: Some(file),
                ..Self::new("file_refused", message)
            },
            CableError::Template(template) => Self {
                template: Some(template),
                ..Self::new("template", message)
            },
            CableError::Transition { .. } => Self::new("cable_transition", message),
            CableError::Rack(rack) => rack.into(),
        }
    }
}

impl From<cloudwright_print::racks::RackPrintError> for CommandError {
    fn from(error: cloudwright_print::racks::RackPrintError) -> Self {
        match error {
            cloudwright_print::racks::RackPrintError::Rack(rack) => rack.into(),
            cloudwright_print::racks::RackPrintError::Print(print) => {
                CommandError::new("print", print.to_string())
            }
        }
    }
}

impl From<LifecycleError> for CommandError {
    fn from(error: LifecycleError) -> Self {
        let message = error.to_string();
        match error {
            LifecycleError::Refused(problems) => Self {
                life_problems: Some(problems.into_boxed_slice()),
                ..Self::new("life_refused", message)
            },
            LifecycleError::AttachmentTooLarge(_) => Self::new("attachment_too_large", message),
            LifecycleError::NoSuchPlan(_) => Self::new("not_found", message),
            LifecycleError::Asset(asset) => asset.into(),
            LifecycleError::Store(store) => store.into(),
        }
    }
}

impl From<cloudwright_print::disposal_certificate::CertificateError> for CommandError {
    fn from(error: cloudwright_print::disposal_certificate::CertificateError) -> Self {
        use cloudwright_print::disposal_certificate::CertificateError;
        let message = error.to_string();
        match error {
            CertificateError::EmptyBatch(_) => Self::new("empty_batch", message),
            CertificateError::Lifecycle(life) => life.into(),
            CertificateError::Print(print) => Self::new("print", print.to_string()),
        }
    }
}
