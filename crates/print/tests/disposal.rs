//! The certificate of disposal, from its lines to a PDF read back with pdftotext: the Hangul
//! title, the batch, each tag with its wipe, and the signature lines; English the same way.

use cloudwright_core::lifecycle::WipeMethod;
use cloudwright_print::disposal_certificate::{certificate_report, CertificateLine};
use cloudwright_print::power_report;
use cloudwright_print::racks::Language;

use crate::util::WrittenPdf;

fn line(tag: &str, method: Option<WipeMethod>, on: &str) -> CertificateLine {
    CertificateLine {
        tag: tag.into(),
        asset_type: if method.is_some() {
            "server"
        } else {
            "patch_panel"
        }
        .into(),
        model: "Dell PowerEdge R760".into(),
        serial: format!("SN-{tag}"),
        method,
        tool: if method.is_some() { "Blancco 7" } else { "" }.into(),
        certificate: if method.is_some() { "WC-2026-0042" } else { "" }.into(),
        wiped_by: "이도윤".into(),
        verified_by: "최지우".into(),
        disposed_on: on.into(),
        vendor: "그린리사이클".into(),
    }
}

fn lines() -> Vec<CertificateLine> {
    vec![
        line("PT1-SRV-0001", Some(WipeMethod::Purge), "2026-03-02"),
        line("PT1-PP-0001", None, "2026-03-05"),
    ]
}

#[test]
fn the_korean_certificate_reads_back_with_its_title_batch_tags_and_signatures() {
    let report = certificate_report(&lines(), "2026-Q1-01", "평택 구축", Language::Korean, "gen");
    let pdf = WrittenPdf::new(&power_report(&report).expect("the PDF"));
    let text = pdf.text();
    for expected in [
        "평택 구축 — 자산 폐기 확인서",
        "2026-Q1-01",
        "2026-03-02 ~ 2026-03-05",
        "PT1-SRV-0001",
        "PT1-PP-0001",
        "완전삭제(Purge) · Blancco 7",
        "해당 없음 (데이터 없음)",
        "이도윤 / 최지우",
        "인수자 (폐기 업체)",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn the_english_certificate_names_the_standard_and_the_method() {
    let report = certificate_report(&lines(), "2026-Q1-01", "Pyeongtaek", Language::English, "g");
    let text = WrittenPdf::new(&power_report(&report).expect("the PDF")).text();
    for expected in [
        "Certificate of disposal",
        "NIST SP 800-88",
        "Purge · Blancco 7",
        "Signatures",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
