//! The certificate of disposal of one batch: the title (자산 폐기 확인서 / Certificate of
//! disposal), the batch, its vendors and the range of disposal dates, a table of every asset
//! that left in the batch with its data wipe (NIST SP 800-88 method, tool, certificate number,
//! who wiped and who verified), then signature lines. Drawn by the power report's table code,
//! so headers repeat on every page; Korean or English like every printed page.

use cloudwright_core::assets::model::ASSET_TYPES;
use cloudwright_core::assets::{AssetQuery, AssetRow};
use cloudwright_core::lifecycle::{DisposalStage, LifecycleError, WipeMethod};
use cloudwright_core::natural::natural_key;
use cloudwright_core::store::Workspace;

use crate::racks::Language;
use crate::{power_report, PowerReport, PowerRow, PowerSection, PrintError};

/// One disposed asset of the batch, as the certificate lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateLine {
    pub tag: String,
    pub asset_type: String,
    pub model: String,
    pub serial: String,
    /// `None`: the asset held no data and was not wiped.
    pub method: Option<WipeMethod>,
    pub tool: String,
    pub certificate: String,
    pub wiped_by: String,
    pub verified_by: String,
    pub disposed_on: String,
    pub vendor: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("no disposed asset is in batch '{0}'")]
    EmptyBatch(String),
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    #[error(transparent)]
    Print(#[from] PrintError),
}

/// Every asset disposed of in `batch` (compared trimmed and case-insensitively), by tag.
pub fn batch_lines(
    workspace: &Workspace,
    batch: &str,
) -> Result<Vec<CertificateLine>, CertificateError> {
    let wanted = batch.trim();
    let rows: Vec<AssetRow> = workspace
        .query_assets(&AssetQuery::default())
        .rows
        .into_iter()
        .filter(|row| {
            row.life.disposal == Some(DisposalStage::Disposed)
                && row.life.disposal_batch.trim().eq_ignore_ascii_case(wanted)
        })
        .collect();
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let life = workspace.asset_life(&row.asset.id.to_string())?;
        // A row whose summary says disposed has a disposal in its document; should a damaged
        // store say otherwise, the line has blank wipe and vendor fields.
        let disposal = life.disposal.as_ref();
        let wipe = disposal.and_then(|d| d.wipe.as_ref());
        let asset = &row.asset;
        lines.push(CertificateLine {
            tag: asset.asset_tag.clone(),
            asset_type: ASSET_TYPES.code(asset.asset_type).to_owned(),
            model: [asset.manufacturer.as_str(), asset.model.as_str()]
                .iter()
                .filter(|part| !part.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            serial: asset.serial.clone(),
            method: wipe.map(|w| w.method),
            tool: wipe.map(|w| w.tool.clone()).unwrap_or_default(),
            certificate: wipe.map(|w| w.certificate.clone()).unwrap_or_default(),
            wiped_by: wipe.map(|w| w.wiped_by.clone()).unwrap_or_default(),
            verified_by: wipe.map(|w| w.verified_by.clone()).unwrap_or_default(),
            disposed_on: row
                .life
                .disposed_on
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
            vendor: disposal.map(|d| d.vendor.clone()).unwrap_or_default(),
        });
    }
    lines.sort_by_cached_key(|line| natural_key(&line.tag));
    if lines.is_empty() {
        return Err(CertificateError::EmptyBatch(wanted.to_owned()));
    }
    Ok(lines)
}

/// The certificate of `batch` as a PDF.
pub fn disposal_certificate_pdf(
    workspace: &Workspace,
    batch: &str,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, CertificateError> {
    let lines = batch_lines(workspace, batch)?;
    let report = certificate_report(
        &lines,
        batch.trim(),
        &workspace.meta().name,
        language,
        generated,
    );
    Ok(power_report(&report)?)
}

/// The certificate as the report model: every string formatted and translated.
pub fn certificate_report(
    lines: &[CertificateLine],
    batch: &str,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let mut vendors: Vec<&str> = lines.iter().map(|l| l.vendor.as_str()).collect();
    vendors.sort_unstable();
    vendors.dedup();
    let dates = lines
        .iter()
        .map(|l| l.disposed_on.as_str())
        .filter(|d| !d.is_empty());
    let first = dates.clone().min().unwrap_or("—");
    let last = dates.max().unwrap_or("—");
    let wiped = lines.iter().filter(|l| l.method.is_some()).count();
    let summary = vec![
        (language.pick("배치", "Batch").to_owned(), batch.to_owned()),
        (
            language.pick("폐기 업체", "Disposal vendor").to_owned(),
            vendors.join(", "),
        ),
        (
            language.pick("폐기일", "Disposed").to_owned(),
            if first == last {
                first.to_owned()
            } else {
                format!("{first} ~ {last}")
            },
        ),
        (
            language.pick("자산", "Assets").to_owned(),
            format!(
                "{} ({} {})",
                lines.len(),
                language.pick("데이터 삭제", "data wiped"),
                wiped
            ),
        ),
        (
            language.pick("기준", "Standard").to_owned(),
            "NIST SP 800-88".to_owned(),
        ),
    ];
    PowerReport {
        title: format!(
            "{workspace_name} — {}",
            language.pick("자산 폐기 확인서", "Certificate of disposal")
        ),
        generated: generated.to_owned(),
        summary,
        sections: vec![assets_section(lines, language), signatures(language)],
    }
}

fn assets_section(lines: &[CertificateLine], language: Language) -> PowerSection {
    let columns = [
        ("자산 태그", "Asset tag"),
        ("유형", "Type"),
        ("모델", "Model"),
        ("시리얼", "Serial"),
        ("삭제 방법 · 도구", "Wipe method · tool"),
        ("인증서 번호", "Certificate no."),
        ("삭제 / 검증", "Wiped / verified by"),
        ("폐기일", "Disposed on"),
    ]
    .iter()
    .map(|(ko, en)| language.pick(ko, en).to_owned())
    .collect();
    let rows = lines
        .iter()
        .map(|line| PowerRow {
            name: line.tag.clone(),
            cells: vec![
                type_text(&line.asset_type, language),
                dash(&line.model),
                dash(&line.serial),
                match line.method {
                    Some(method) => format!("{} · {}", method_text(method, language), line.tool),
                    None => language
                        .pick("해당 없음 (데이터 없음)", "n/a (holds no data)")
                        .to_owned(),
                },
                dash(&line.certificate),
                if line.method.is_some() {
                    format!("{} / {}", line.wiped_by, line.verified_by)
                } else {
                    "—".to_owned()
                },
                dash(&line.disposed_on),
            ],
            group_heading: false,
        })
        .collect();
    PowerSection {
        title: language.pick("폐기 자산", "Disposed assets").to_owned(),
        columns,
        rows,
        findings: Vec::new(),
    }
}

/// Blank lines to sign on paper: who handed over, who took the assets, who checked.
fn signatures(language: Language) -> PowerSection {
    let blank = "_______________________";
    let rows = [
        ("인계자 (자산 담당)", "Handed over by (asset owner)"),
        ("인수자 (폐기 업체)", "Received by (disposal vendor)"),
        (
            "확인자 (정보보호 담당)",
            "Verified by (information security)",
        ),
    ]
    .iter()
    .map(|(ko, en)| PowerRow {
        name: language.pick(ko, en).to_owned(),
        cells: vec![blank.to_owned(), blank.to_owned(), "____-__-__".to_owned()],
        group_heading: false,
    })
    .collect();
    PowerSection {
        title: language.pick("서명", "Signatures").to_owned(),
        columns: [
            ("역할", "Role"),
            ("성명", "Name"),
            ("서명", "Signature"),
            ("날짜", "Date"),
        ]
        .iter()
        .map(|(ko, en)| language.pick(ko, en).to_owned())
        .collect(),
        rows,
        findings: vec![language
            .pick(
                "위 자산이 저장 매체의 데이터 삭제(NIST SP 800-88) 후 폐기되었음을 확인합니다.",
                "We confirm that the assets above were disposed of after their data was wiped per NIST SP 800-88.",
            )
            .to_owned()],
    }
}

fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

fn type_text(code: &str, language: Language) -> String {
    ASSET_TYPES
        .entries
        .iter()
        .find(|entry| entry.1 == code)
        .map(|entry| match language {
            Language::Korean => entry.3,
            Language::English => entry.2,
        })
        .unwrap_or(code)
        .to_owned()
}

fn method_text(method: WipeMethod, language: Language) -> &'static str {
    match method {
        WipeMethod::Clear => language.pick("소거(Clear)", "Clear"),
        WipeMethod::Purge => language.pick("완전삭제(Purge)", "Purge"),
        WipeMethod::Destroy => language.pick("물리적 파괴(Destroy)", "Destroy"),
    }
}
