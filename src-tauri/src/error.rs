//! The one error every command returns to the UI: `{ kind, message, problems }` (and a refused
//! import's preview).

use cloudwright_core::assets::{AssetError, ImportPreview};
use cloudwright_core::cables::ops::CableError;
use cloudwright_core::lifecycle::LifecycleError;
use cloudwright_core::problem::Problem;
use cloudwright_core::racks::{RackError, Unchecked};
use cloudwright_core::store::backup::BackupError;
use cloudwright_core::store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// The one shape every refused command takes: what kind of refusal, its English text, and
/// every problem found, each at its field (the UI shows them under the fields of the form
/// that sent them, in the user's language).
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    /// invalid, not_found, import_refused, no_workspace, workspace_exists, invalid_name, store,
    /// store_damaged, store_too_new, store_unreadable, disk_full, io, life_refused, attachment_too_large,
    /// empty_batch, placement_refused, install_order, catalogue_refused, cable_refused,
    /// rows_refused, file_refused, template, folder_refused, export_damaged, …
    pub kind: String,
    /// English text, shown only when the UI has no translation for the kind.
    pub message: String,
    pub problems: Vec<Problem>,
    /// A refused import's rows, each with its problems, for the preview table (kind
    /// `import_refused`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview: Option<Box<ImportPreview>>,
}

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
            problems: Vec::new(),
            preview: None,
        }
    }

    /// A refusal of `kind` for every one of `problems`.
    pub fn refused(kind: &str, message: impl Into<String>, problems: Vec<Problem>) -> Self {
        Self {
            problems,
            ..Self::new(kind, message)
        }
    }

    pub fn no_workspace() -> Self {
        Self::new("no_workspace", "no workspace is open")
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        if let StoreError::InvalidName(problem) = &error {
            return Self::refused(
                "invalid_name",
                error.to_string(),
                vec![problem.problem("name")],
            );
        }
        let kind = match &error {
            StoreError::UnknownWorkspace(_) => "not_found",
            StoreError::WorkspaceExists(_) => "workspace_exists",
            StoreError::Damaged { .. }
            | StoreError::DamagedDocument { .. }
            | StoreError::DamagedRecord { .. } => "store_damaged",
            StoreError::TooNew { .. } => "store_too_new",
            StoreError::Unreadable { .. } => "store_unreadable",
            StoreError::DiskFull => "disk_full",
            _ => "store",
        };
        Self::new(kind, error.to_string())
    }
}

impl From<cloudwright_core::sample::SampleError> for CommandError {
    fn from(error: cloudwright_core::sample::SampleError) -> Self {
        use cloudwright_core::sample::SampleError;
        match error {
            SampleError::Asset(error) => error.into(),
            SampleError::Rack(error) => error.into(),
            SampleError::Cable(error) => error.into(),
            SampleError::CablesNeedRacks => {
                CommandError::refused("invalid_input", error.to_string(), Vec::new())
            }
        }
    }
}

impl From<AssetError> for CommandError {
    fn from(error: AssetError) -> Self {
        let message = error.to_string();
        match error {
            AssetError::Invalid(problems) => Self::refused("invalid", message, problems),
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
        if cloudwright_core::store::is_disk_full(&error) {
            return StoreError::DiskFull.into();
        }
        Self::new("io", error.to_string())
    }
}

impl From<RackError> for CommandError {
    fn from(error: RackError) -> Self {
        let message = error.to_string();
        match error {
            RackError::Invalid(problems) => Self::refused("invalid", message, problems),
            RackError::Refused(problems) => Self::refused(
                "placement_refused",
                message,
                problems.iter().map(|p| Problem::tagged("", p)).collect(),
            ),
            RackError::InstallOrder { missing, .. } => Self::refused(
                "install_order",
                message,
                missing
                    .into_iter()
                    .map(|item| Problem::new("checklist", Unchecked, item.code()))
                    .collect(),
            ),
            RackError::Parked { .. } => Self::new("placement_parked", message),
            RackError::BuiltinType { .. } => Self::new("builtin_type", message),
            RackError::Catalogue(problems) => Self::refused("catalogue_refused", message, problems),
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
            CableError::Refused(problems) => Self::refused(
                "cable_refused",
                message,
                problems.iter().map(|p| Problem::tagged("", p)).collect(),
            ),
            CableError::RefusedRows(problems) => Self::refused(
                "cable_refused",
                message,
                problems
                    .iter()
                    .map(|(line, p)| Problem::tagged("", p).at_line(*line))
                    .collect(),
            ),
            CableError::Rows(rows) => Self::refused("rows_refused", message, rows),
            CableError::File(errors) => Self::refused(
                "file_refused",
                message,
                errors
                    .iter()
                    .map(|error| Problem::tagged("", error))
                    .collect(),
            ),
            CableError::Invalid(problems) => Self::refused("invalid", message, problems),
            CableError::Template(template) => {
                Self::refused("template", message, vec![Problem::tagged("", &template)])
            }
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
            LifecycleError::Refused(problems) => Self::refused("life_refused", message, problems),
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

impl From<cloudwright_core::purchasing::PurchasingError> for CommandError {
    fn from(error: cloudwright_core::purchasing::PurchasingError) -> Self {
        use cloudwright_core::purchasing::PurchasingError;
        let message = error.to_string();
        match error {
            PurchasingError::Refused(problems) => Self::refused("invalid", message, problems),
            PurchasingError::Store(store) => store.into(),
            PurchasingError::AmbiguousBudget { .. } => Self::new("ambiguous", message),
            // A vendor, budget or request this device does not know.
            _ => Self::new("not_found", message),
        }
    }
}

impl From<cloudwright_core::designdocs::DesignDocError> for CommandError {
    fn from(error: cloudwright_core::designdocs::DesignDocError) -> Self {
        use cloudwright_core::designdocs::DesignDocError;
        let message = error.to_string();
        match error {
            DesignDocError::Refused(problems) => Self::refused("invalid", message, problems),
            DesignDocError::Store(store) => store.into(),
            DesignDocError::NoSuchDoc(_) => Self::new("not_found", message),
            // A version's file that could not be read or kept (the large-file store's own
            // failures, once versions are kept there).
            #[allow(unreachable_patterns)]
            _ => Self::new("file", message),
        }
    }
}

impl From<BackupError> for CommandError {
    fn from(error: BackupError) -> Self {
        let message = error.to_string();
        let problems = error.problems();
        match error {
            BackupError::Store(store) => store.into(),
            BackupError::Io { source, .. } => {
                if cloudwright_core::store::is_disk_full(&source) {
                    StoreError::DiskFull.into()
                } else {
                    Self::new("io", message)
                }
            }
            BackupError::UnknownBackup(_) => Self::new("not_found", message),
            BackupError::Damaged { .. } => Self::refused("export_damaged", message, problems),
            BackupError::NotAnExport { .. }
            | BackupError::TooNew { .. }
            | BackupError::TargetNotEmpty(_)
            | BackupError::WorkspaceExists { .. } => {
                Self::refused("folder_refused", message, problems)
            }
        }
    }
}
