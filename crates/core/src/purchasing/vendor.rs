//! A vendor (`vendor/{ULID}`): who the team buys from — name, business registration number,
//! contacts, categories, notes, and its contract and certificate files. Written whole from a
//! [`VendorInput`], every problem at once; files are added and removed one at a time (their
//! bytes a blob by SHA-256, written in the same batch as the document's entry).

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::business_number::{check_business_number, BusinessNumberError};
use super::PurchasingError;
use crate::problem::{Problem, ProblemCode};
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};

/// Version of the vendor document layout; stored in each document as `schema`.
pub const VENDOR_SCHEMA: u64 = 1;

/// The longest name, contact field or category, in characters.
pub const MAX_VENDOR_TEXT: usize = 200;

/// One person to reach at a vendor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct VendorContact {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    /// `123-45-67890`, its check digit verified.
    pub business_number: String,
    /// Keyed by what each contact holds (see [`contact_key`]), so different contacts two
    /// devices add both survive a merge and the same contact added twice is one.
    pub contacts: BTreeMap<String, VendorContact>,
    /// What the team buys here (`server`, `network`, `licence`…), as typed.
    pub categories: Vec<String>,
    pub notes: String,
    /// Contracts and certificates, keyed by the SHA-256 of their bytes (a blob synced apart
    /// from the document), so two devices adding different files both keep both. Absent in
    /// vendors written before files existed.
    #[autosurgeon(missing = "Default::default")]
    pub files: BTreeMap<String, VendorFile>,
}

crate::racks::text_enum!(
    /// What a vendor's file is.
    VendorFileKind {
        Contract => "contract",
        Certificate => "certificate",
        Other => "other",
    }
);

/// A file kept with a vendor (a contract, a certificate); its bytes are the blob its key names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct VendorFile {
    /// The file's name as it was added.
    pub name: String,
    pub kind: VendorFileKind,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub added_at_ms: i64,
    pub added_by: String,
}

/// The largest file a vendor keeps: an asset attachment's limit.
pub const MAX_VENDOR_FILE_BYTES: usize = crate::assets::MAX_ATTACHMENT_BYTES;

/// A vendor as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VendorInput {
    pub name: String,
    pub business_number: String,
    pub contacts: Vec<VendorContact>,
    pub categories: Vec<String>,
    pub notes: String,
}

/// Which vendors a list shows: those holding every word of `text` (in the name, number with
/// or without hyphens, categories, contacts or notes) and, when given, listing `category`;
/// rows `offset..offset + limit` of them by name (`limit` 0: all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VendorQuery {
    pub text: String,
    pub category: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

/// A window of the vendor list: its rows, how many match, how many there are, and every
/// category any vendor lists (for the list's filter).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VendorPage {
    pub rows: Vec<Vendor>,
    pub total: u32,
    pub all: u32,
    pub categories: Vec<String>,
}

impl Vendor {
    /// What a search looks in besides the name: the number (also as bare digits), the
    /// categories, the contacts and the notes.
    pub fn search_fields(&self) -> Vec<String> {
        let mut fields = vec![
            self.business_number.clone(),
            self.business_number
                .chars()
                .filter(char::is_ascii_digit)
                .collect(),
            self.categories.join(" "),
            self.notes.clone(),
        ];
        for contact in self.contacts.values() {
            fields.extend([
                contact.name.clone(),
                contact.email.clone(),
                contact.phone.clone(),
            ]);
        }
        fields
    }
}

/// Why a vendor was refused; the UI words it by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VendorCode {
    Required,
    TooLong,
    /// Not ten digits.
    BusinessNumberFormat,
    /// Ten digits, but the check digit does not hold.
    BusinessNumberCheckDigit,
    /// Another vendor has this business registration number.
    BusinessNumberTaken,
    /// Another vendor has this name.
    NameTaken,
    /// An e-mail address without an `@` and a domain.
    NotAnEmail,
    /// A file with no bytes.
    FileEmpty,
    /// A file over [`MAX_VENDOR_FILE_BYTES`]; the value is its size in bytes.
    FileTooLarge,
    /// The vendor keeps no file with this SHA-256.
    NoSuchFile,
}

impl ProblemCode for VendorCode {
    fn code(self) -> &'static str {
        match self {
            VendorCode::Required => "required",
            VendorCode::TooLong => "too_long",
            VendorCode::BusinessNumberFormat => "business_number_format",
            VendorCode::BusinessNumberCheckDigit => "business_number_check_digit",
            VendorCode::BusinessNumberTaken => "business_number_taken",
            VendorCode::NameTaken => "vendor_name_taken",
            VendorCode::NotAnEmail => "not_an_email",
            VendorCode::FileEmpty => "file_empty",
            VendorCode::FileTooLarge => "file_too_large",
            VendorCode::NoSuchFile => "no_such_vendor_file",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            VendorCode::Required => "is required".to_owned(),
            VendorCode::TooLong => format!("is longer than {MAX_VENDOR_TEXT} characters"),
            VendorCode::BusinessNumberFormat => {
                format!("'{value}' is not ten digits (write it as 123-45-67890)")
            }
            VendorCode::BusinessNumberCheckDigit => {
                format!("'{value}' is not a valid business registration number (its check digit does not match)")
            }
            VendorCode::BusinessNumberTaken => {
                format!("another vendor already has the business registration number {value}")
            }
            VendorCode::NameTaken => format!("another vendor is already named '{value}'"),
            VendorCode::NotAnEmail => format!("'{value}' is not an e-mail address"),
            VendorCode::FileEmpty => "the file is empty".to_owned(),
            VendorCode::FileTooLarge => format!(
                "the file is {value} bytes; a vendor's file may be at most {MAX_VENDOR_FILE_BYTES} bytes"
            ),
            VendorCode::NoSuchFile => format!("the vendor keeps no file {value}"),
        }
    }
}

/// A contact's key in the vendor's map: the first 16 hex digits of the SHA-256 of its fields.
pub fn contact_key(contact: &VendorContact) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in [&contact.name, &contact.role, &contact.phone, &contact.email] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex::encode(&hasher.finalize()[..8])
}

fn text_problems(field: &str, value: &str, problems: &mut Vec<Problem>) {
    if let Some(problem) = check_text(field, value, TextRule::SingleLine) {
        problems.push(problem);
    } else if value.chars().count() > MAX_VENDOR_TEXT {
        problems.push(Problem::new(field, VendorCode::TooLong, value));
    }
}

impl Workspace {
    /// Every vendor, by name.
    pub fn vendors(&self) -> Vec<Vendor> {
        let index = self.indexes().read::<super::VendorIndex>();
        let mut list: Vec<Vendor> = index.vendors.values().cloned().collect();
        list.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        list
    }

    /// The vendors `query` asks for, by name.
    pub fn vendor_page(&self, query: &VendorQuery) -> VendorPage {
        let all = self.vendors();
        let words = crate::search::SearchQuery::new(&query.text);
        let category = query.category.as_deref().map(str::trim).unwrap_or("");
        let mut categories: Vec<String> = all.iter().flat_map(|v| v.categories.clone()).collect();
        categories.sort();
        categories.dedup();
        let matching: Vec<Vendor> = all
            .iter()
            .filter(|vendor| category.is_empty() || vendor.categories.iter().any(|c| c == category))
            .filter(|vendor| {
                words.is_empty() || {
                    let fields = vendor.search_fields();
                    let others: Vec<&str> = fields.iter().map(String::as_str).collect();
                    words.rank(&vendor.name, &others).is_some()
                }
            })
            .cloned()
            .collect();
        let total = matching.len() as u32;
        let limit = if query.limit == 0 {
            usize::MAX
        } else {
            query.limit as usize
        };
        VendorPage {
            rows: matching
                .into_iter()
                .skip(query.offset as usize)
                .take(limit)
                .collect(),
            total,
            all: all.len() as u32,
            categories,
        }
    }

    /// The vendor with this id, name or business registration number.
    pub fn vendor(&self, key: &str) -> Result<Vendor, PurchasingError> {
        let key = key.trim();
        let number = check_business_number(key).ok().map(|n| n.to_string());
        self.vendors()
            .into_iter()
            .find(|v| v.id == key || v.name == key || Some(&v.business_number) == number.as_ref())
            .ok_or_else(|| PurchasingError::NoSuchVendor(key.to_owned()))
    }

    /// The vendor `input` describes as `id` (a new one, or an edit of `id`, keeping `files`),
    /// or every problem.
    fn vendor_from_input(
        &self,
        id: &str,
        input: &VendorInput,
        files: BTreeMap<String, VendorFile>,
    ) -> Result<Vendor, PurchasingError> {
        let mut problems = Vec::new();
        let name = input.name.trim();
        if name.is_empty() {
            problems.push(Problem::new("name", VendorCode::Required, ""));
        } else {
            text_problems("name", name, &mut problems);
        }
        let typed = input.business_number.trim();
        let number = match check_business_number(typed) {
            _ if typed.is_empty() => {
                problems.push(Problem::new("business_number", VendorCode::Required, ""));
                String::new()
            }
            Ok(number) => number.to_string(),
            Err(BusinessNumberError::NotTenDigits) => {
                problems.push(Problem::new(
                    "business_number",
                    VendorCode::BusinessNumberFormat,
                    typed,
                ));
                String::new()
            }
            Err(BusinessNumberError::CheckDigit) => {
                problems.push(Problem::new(
                    "business_number",
                    VendorCode::BusinessNumberCheckDigit,
                    typed,
                ));
                String::new()
            }
        };
        for other in self.vendors().iter().filter(|other| other.id != id) {
            if !number.is_empty() && other.business_number == number {
                problems.push(Problem::new(
                    "business_number",
                    VendorCode::BusinessNumberTaken,
                    number.as_str(),
                ));
            }
            if !name.is_empty() && other.name == name {
                problems.push(Problem::new("name", VendorCode::NameTaken, name));
            }
        }
        let mut contacts = BTreeMap::new();
        for contact in &input.contacts {
            let contact = VendorContact {
                name: contact.name.trim().to_owned(),
                role: contact.role.trim().to_owned(),
                phone: contact.phone.trim().to_owned(),
                email: contact.email.trim().to_owned(),
            };
            for (field, value) in [
                ("contact_name", &contact.name),
                ("contact_role", &contact.role),
                ("contact_phone", &contact.phone),
                ("contact_email", &contact.email),
            ] {
                text_problems(field, value, &mut problems);
            }
            let email_ok = contact.email.is_empty()
                || contact
                    .email
                    .split_once('@')
                    .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
            if !email_ok {
                problems.push(Problem::new(
                    "contact_email",
                    VendorCode::NotAnEmail,
                    contact.email.as_str(),
                ));
            }
            if contact != VendorContact::default() {
                contacts.insert(contact_key(&contact), contact);
            }
        }
        let mut categories: Vec<String> = Vec::new();
        for category in &input.categories {
            let category = category.trim();
            text_problems("categories", category, &mut problems);
            if !category.is_empty() && !categories.iter().any(|c| c == category) {
                categories.push(category.to_owned());
            }
        }
        if let Some(problem) = check_text("notes", &input.notes, TextRule::MultiLine) {
            problems.push(problem);
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        Ok(Vendor {
            id: id.to_owned(),
            name: name.to_owned(),
            business_number: number,
            contacts,
            categories,
            notes: input.notes.trim().to_owned(),
            files,
        })
    }

    /// Adds a vendor (`id` a fresh ULID from the caller), refused with every problem at once.
    pub fn add_vendor(
        &self,
        id: ulid::Ulid,
        input: &VendorInput,
        stamp: &Stamp,
    ) -> Result<Vendor, PurchasingError> {
        let vendor = self.vendor_from_input(&id.to_string(), input, BTreeMap::new())?;
        self.save_one(&vendor, stamp, "vendor-add")?;
        Ok(vendor)
    }

    /// Changes a vendor as a whole.
    pub fn edit_vendor(
        &self,
        key: &str,
        input: &VendorInput,
        stamp: &Stamp,
    ) -> Result<Vendor, PurchasingError> {
        let current = self.vendor(key)?;
        let vendor = self.vendor_from_input(&current.id, input, current.files)?;
        self.save_one(&vendor, stamp, "vendor-edit")?;
        Ok(vendor)
    }

    /// Keeps a file with a vendor as one durable change: its bytes (a blob, uploaded on the
    /// next sync) and the vendor's entry for it in the same batch. The same bytes again
    /// replace the entry (a new name or kind); refused when empty, too large or badly named.
    pub fn add_vendor_file(
        &self,
        key: &str,
        name: &str,
        kind: VendorFileKind,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<(Vendor, String), PurchasingError> {
        self.vendor(key)?;
        let name = name.trim();
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(Problem::new("file_name", VendorCode::Required, ""));
        } else {
            text_problems("file_name", name, &mut problems);
        }
        if bytes.is_empty() {
            problems.push(Problem::new("file", VendorCode::FileEmpty, ""));
        } else if bytes.len() > MAX_VENDOR_FILE_BYTES {
            problems.push(Problem::new(
                "file",
                VendorCode::FileTooLarge,
                bytes.len().to_string(),
            ));
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        // Read under the writers' lock, so a change written meanwhile is not lost.
        let mut cache = self.lock_docs();
        let mut vendor = self.vendor(key)?;
        let mut batch = Batch::default();
        let sha = self.put_file(&mut batch, bytes)?;
        vendor.files.insert(
            sha.clone(),
            VendorFile {
                name: name.to_owned(),
                kind,
                size: bytes.len() as u64,
                added_at_ms: stamp.at_ms,
                added_by: stamp.author.name.clone(),
            },
        );
        let pending = self.stage(&mut cache, &vendor, stamp, "vendor-file-add")?;
        self.write(&mut cache, vec![pending], batch)?;
        Ok((vendor, sha))
    }

    /// Takes a file off a vendor's list. Its bytes stay on the device (another record may
    /// name the same file).
    pub fn remove_vendor_file(
        &self,
        key: &str,
        sha256: &str,
        stamp: &Stamp,
    ) -> Result<Vendor, PurchasingError> {
        let mut cache = self.lock_docs();
        let mut vendor = self.vendor(key)?;
        if vendor.files.remove(sha256).is_none() {
            return Err(PurchasingError::Refused(vec![Problem::new(
                "file",
                VendorCode::NoSuchFile,
                sha256,
            )]));
        }
        let pending = self.stage(&mut cache, &vendor, stamp, "vendor-file-remove")?;
        self.write(&mut cache, vec![pending], Batch::default())?;
        Ok(vendor)
    }
}
