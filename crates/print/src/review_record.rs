//! The review record of one version of a design document (검토 결과서 / Review record,
//! issue 20), A4 portrait through the power report's table code, Korean or English: the
//! document (title, kind, owner, links) and the version (number, file, size, SHA-256 in
//! full) as the summary; each review requested on the version (rule, due date, reviewers);
//! each decision with its signer, time, verdict and comment and what this device makes of
//! its signature — judged by core's decision check against the roster this device keeps
//! (`lifecycle::verify::judge`), never assumed, so a tampered decision, one over other
//! content or one this device cannot check says so; then the comments on the version with
//! their pins (page and spot), replies and resolution. Every comment's text is printed whole
//! (wrapped) under its table; table cells that do not fit are cut with "…".

use std::collections::BTreeMap;

use cloudwright_core::designdocs::decisions::held;
use cloudwright_core::designdocs::model::{DesignDoc, DocKind, ReviewRule, ReviewVerdict};
use cloudwright_core::designdocs::state::{version_states, DecisionFlag, VersionState};
use cloudwright_core::designdocs::views::{comment_threads, review_views, CommentThread};
use cloudwright_core::designdocs::{CommentPin, DesignDocError, DocCode};
use cloudwright_core::lifecycle::verify::judge;
use cloudwright_core::lifecycle::DecisionCheck;
use cloudwright_core::problem::Problem;
use cloudwright_core::purchasing::request_ops::format_won;
use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::{StoreError, Workspace};
use cloudwright_core::sync::RosterState;

use crate::racks::Language;
use crate::report::table_report;
use crate::sheet::Sheet;
use crate::{PowerReport, PowerRow, PowerSection, PrintError};

#[derive(Debug, thiserror::Error)]
pub enum ReviewRecordError {
    #[error(transparent)]
    Doc(#[from] DesignDocError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Print(#[from] PrintError),
}

/// What this device makes of each decision of `doc`, by the decision's key: core's check of
/// its signature against `roster` and the content (the version's hash) it names.
pub fn decision_checks(doc: &DesignDoc, roster: &RosterState) -> BTreeMap<String, DecisionCheck> {
    let doc_id = doc.doc_id();
    // `held` lists the decisions in the document's key order.
    let held: Vec<_> = held(doc)
        .into_iter()
        .map(|held| (doc_id.clone(), held))
        .collect();
    doc.decisions
        .keys()
        .cloned()
        .zip(judge(roster, &held))
        .collect()
}

/// The record of version `version` (the current one when none) of the document `key`, as
/// this device holds it, judged by the roster it keeps.
pub fn review_record_pdf(
    workspace: &Workspace,
    key: &str,
    version: Option<u32>,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, ReviewRecordError> {
    let doc = workspace.design_doc(key)?;
    let checks = decision_checks(&doc, &workspace.roster()?);
    let model = review_record_model(
        &doc,
        version,
        &checks,
        &workspace.meta().name,
        language,
        generated,
    )?;
    Ok(review_record_pdf_of(&model)?)
}

/// A record's model as a PDF.
pub fn review_record_pdf_of(model: &PowerReport) -> Result<Vec<u8>, PrintError> {
    table_report(model, &Sheet::PORTRAIT)
}

fn kind_word(language: Language, kind: DocKind) -> &'static str {
    match kind {
        DocKind::Architecture => language.pick("아키텍처", "Architecture"),
        DocKind::Network => language.pick("네트워크", "Network"),
        DocKind::PowerCooling => language.pick("전력·냉각", "Power and cooling"),
        DocKind::RackLayout => language.pick("랙 배치", "Rack layout"),
        DocKind::Cabling => language.pick("케이블링", "Cabling"),
        DocKind::Security => language.pick("보안", "Security"),
        DocKind::Procedure => language.pick("절차서", "Procedure"),
        DocKind::Other => language.pick("기타", "Other"),
    }
}

fn link_kind_word(language: Language, kind: &str) -> String {
    match kind {
        "site" => language.pick("사이트", "Site"),
        "room" => language.pick("전산실", "Room"),
        "rack" => language.pick("랙", "Rack"),
        "cable" => language.pick("케이블", "Cable"),
        "purchase" => language.pick("구매 요청", "Purchase request"),
        other => return other.to_owned(),
    }
    .to_owned()
}

fn state_word(language: Language, state: VersionState) -> &'static str {
    match state {
        VersionState::Draft => language.pick("초안", "Draft"),
        VersionState::InReview => language.pick("검토 중", "In review"),
        VersionState::ChangesRequested => language.pick("보완 요청", "Changes requested"),
        VersionState::Approved => language.pick("승인 (잠김)", "Approved (locked)"),
        VersionState::Rejected => language.pick("반려", "Rejected"),
        VersionState::Superseded => language.pick("대체됨", "Superseded"),
        VersionState::Outdated => {
            language.pick("새 버전으로 지난 검토", "Outdated by a newer version")
        }
    }
}

fn verdict_word(language: Language, verdict: ReviewVerdict) -> &'static str {
    match verdict {
        ReviewVerdict::Approve => language.pick("승인", "Approve"),
        ReviewVerdict::Reject => language.pick("반려", "Reject"),
        ReviewVerdict::Changes => language.pick("보완 요청", "Request changes"),
    }
}

/// What the signature check says, in words (`DecisionCheck::verdict`'s codes).
pub fn verification_words(language: Language, check: Option<&DecisionCheck>) -> String {
    let Some(check) = check else {
        return language
            .pick(
                "확인 불가 — 결정을 찾지 못함",
                "cannot verify: decision not found",
            )
            .to_owned();
    };
    let words = match check.verdict.as_str() {
        "valid" => {
            return match check.key_revoked_at_ms {
                Some(at) => format!(
                    "{} ({} {})",
                    language.pick("서명 확인됨", "signature verified"),
                    language.pick("키는 이후 폐기됨:", "key revoked since:"),
                    UtcTime::from_ms(at)
                ),
                None => language
                    .pick("서명 확인됨", "signature verified")
                    .to_owned(),
            }
        }
        "signature_invalid" => language.pick(
            "서명 불일치 — 변조됨",
            "signature does not verify: tampered",
        ),
        "unknown_signer" => language.pick("서명자가 명단에 없음", "signer is not in the roster"),
        "unknown_key" => language.pick(
            "서명자에게 등록되지 않은 키",
            "key not registered to the signer",
        ),
        "key_revoked" => language.pick("폐기된 키로 서명함", "signed with a revoked key"),
        "not_entitled" => language.pick(
            "서명자에게 설계 승인 권한 없음",
            "signer did not hold sign_off_designs",
        ),
        "content_changed" => language.pick(
            "서명한 내용과 다름 — 파일이 바뀜",
            "content differs from what was signed: the file changed",
        ),
        "other_record" => language.pick("다른 기록에 대한 서명", "signed for another record"),
        "unsigned" => language.pick("서명 없음", "unsigned"),
        "unsigned_local" => language.pick(
            "서명 없음 (팀이 없는 작업 공간)",
            "unsigned (a workspace with no team)",
        ),
        "no_roster" => language.pick(
            "확인 불가 — 이 기기에 명단이 없음",
            "cannot verify: no roster on this device",
        ),
        "roster_tampered" => language.pick(
            "확인 불가 — 명단이 변조됨",
            "cannot verify: the roster is tampered",
        ),
        other => return other.to_owned(),
    };
    words.to_owned()
}

/// Whether a decision counts, in words: its flag, or replaced by the reviewer's later one.
fn counts_word(language: Language, flag: Option<DecisionFlag>, latest: bool) -> &'static str {
    match flag {
        Some(DecisionFlag::OtherVersion) => language.pick(
            "반영 안 됨 — 다른 버전에 대한 결정",
            "not counted: on another version",
        ),
        Some(DecisionFlag::NotAReviewer) => {
            language.pick("반영 안 됨 — 검토자 아님", "not counted: not a reviewer")
        }
        Some(DecisionFlag::AfterOutcome) => language.pick(
            "반영 안 됨 — 검토가 끝난 뒤",
            "not counted: after the review ended",
        ),
        None if latest => language.pick("반영", "counted"),
        None => language.pick("이후 결정으로 대체", "replaced by a later decision"),
    }
}

fn rule_words(language: Language, rule: ReviewRule, required: u32, named: usize) -> String {
    match rule {
        ReviewRule::All => language.pick("모두 승인", "All approve").to_owned(),
        ReviewRule::AnyOne => language.pick("한 명 승인", "Any one approves").to_owned(),
        ReviewRule::NOfM => match language {
            Language::Korean => format!("{named}명 중 {required}명 승인"),
            Language::English => format!("{required} of {named} approve"),
        },
    }
}

fn pin_words(language: Language, pin: Option<&CommentPin>) -> String {
    let Some(pin) = pin else {
        return language.pick("일반", "General").to_owned();
    };
    let x = (pin.x * 100.0).round();
    let y = (pin.y * 100.0).round();
    match language {
        Language::Korean => format!("{}쪽 (가로 {x}%, 세로 {y}%)", pin.page),
        Language::English => format!("page {} (x {x}%, y {y}%)", pin.page),
    }
}

fn bytes_words(language: Language, size: u64) -> String {
    format!(
        "{} {}",
        format_won(i64::try_from(size).unwrap_or(i64::MAX)),
        language.pick("바이트", "bytes")
    )
}

fn when(at_ms: i64) -> String {
    UtcTime::from_ms(at_ms).to_string()
}

fn row(name: String, cells: Vec<String>) -> PowerRow {
    PowerRow {
        name,
        cells,
        group_heading: false,
    }
}

/// The version `number` of `doc` (the current one when none): its key, as every command
/// finds it (the newest of that number).
fn version_key(doc: &DesignDoc, number: Option<u32>) -> Result<String, DesignDocError> {
    let order = doc.versions_in_order();
    let found = match number {
        None => order.last(),
        Some(number) => order.iter().rev().find(|(_, v)| v.number == number),
    };
    found.map(|(key, _)| (*key).clone()).ok_or_else(|| {
        let (code, value) = match number {
            None => (DocCode::NoVersion, String::new()),
            Some(number) => (DocCode::UnknownVersion, number.to_string()),
        };
        DesignDocError::Refused(vec![Problem::new("version", code, value)])
    })
}

/// The record of version `version` (the current one when none) of `doc` as the table model,
/// every string formatted and translated; `checks` is [`decision_checks`]' answer.
pub fn review_record_model(
    doc: &DesignDoc,
    version: Option<u32>,
    checks: &BTreeMap<String, DecisionCheck>,
    workspace: &str,
    language: Language,
    generated: &str,
) -> Result<PowerReport, DesignDocError> {
    let key = version_key(doc, version)?;
    let entry = &doc.versions[&key];
    let state = version_states(doc)
        .get(&key)
        .copied()
        .unwrap_or(VersionState::Draft);
    let current = doc.current_version().map(|(k, _)| k) == Some(&key);
    let pick = |ko: &'static str, en: &'static str| language.pick(ko, en).to_owned();
    let links: Vec<String> = doc
        .links
        .values()
        .map(|link| {
            let title = if link.title.is_empty() {
                &link.id
            } else {
                &link.title
            };
            format!("{} {title}", link_kind_word(language, &link.kind))
        })
        .collect();
    let mut summary = vec![
        (pick("작업 공간", "Workspace"), workspace.to_owned()),
        (pick("문서", "Document"), doc.title.clone()),
        (
            pick("종류", "Kind"),
            kind_word(language, doc.kind).to_owned(),
        ),
        (pick("소유자", "Owner"), doc.owner.name.clone()),
        (
            pick("연결", "Linked to"),
            if links.is_empty() {
                "—".to_owned()
            } else {
                links.join(", ")
            },
        ),
        (
            pick("버전", "Version"),
            format!(
                "{}{}",
                entry.number,
                if current {
                    pick(" (현재 버전)", " (current)")
                } else {
                    String::new()
                }
            ),
        ),
        (
            pick("상태", "State"),
            state_word(language, state).to_owned(),
        ),
        (pick("파일", "File"), entry.file_name.clone()),
        (pick("크기", "Size"), bytes_words(language, entry.size)),
        ("SHA-256".to_owned(), entry.sha256.clone()),
        (
            pick("올린 사람", "Uploaded by"),
            format!("{} · {}", entry.by.name, when(entry.at_ms)),
        ),
    ];
    if !entry.note.is_empty() {
        summary.push((pick("메모", "Note"), entry.note.clone()));
    }

    let reviews: Vec<_> = review_views(doc)
        .into_iter()
        .filter(|review| review.review.version == key)
        .collect();
    let review_section = PowerSection {
        title: pick("검토 요청", "Reviews"),
        columns: vec![
            pick("요청", "Requested"),
            pick("규칙", "Rule"),
            pick("기한", "Due"),
            pick("승인", "Approvals"),
            pick("상태", "State"),
        ],
        rows: reviews
            .iter()
            .map(|review| {
                row(
                    format!("{} · {}", review.review.by.name, when(review.review.at_ms)),
                    vec![
                        rule_words(
                            language,
                            review.review.rule,
                            review.required,
                            review.review.reviewers.len(),
                        ),
                        if review.review.due.is_empty() {
                            "—".to_owned()
                        } else {
                            review.review.due.clone()
                        },
                        format!("{} / {}", review.approvals, review.required),
                        state_word(language, review.state).to_owned(),
                    ],
                )
            })
            .collect(),
        findings: if reviews.is_empty() {
            vec![pick(
                "이 버전에 요청된 검토가 없습니다",
                "No review was requested on this version",
            )]
        } else {
            reviews
                .iter()
                .enumerate()
                .map(|(index, review)| {
                    let mut names: Vec<String> = review
                        .review
                        .reviewers
                        .iter()
                        .map(|r| r.name.clone())
                        .collect();
                    if !review.review.capability.is_empty() {
                        names.push(match language {
                            Language::Korean => {
                                format!("{} 권한 보유자", review.review.capability)
                            }
                            Language::English => {
                                format!("holders of {}", review.review.capability)
                            }
                        });
                    }
                    format!(
                        "{} {}: {}",
                        pick("검토", "Review"),
                        index + 1,
                        match language {
                            Language::Korean => format!("검토자 {}", names.join(", ")),
                            Language::English => format!("reviewers {}", names.join(", ")),
                        }
                    )
                })
                .collect()
        },
    };

    let decisions: Vec<_> = reviews.iter().flat_map(|r| r.decisions.iter()).collect();
    let decision_section = PowerSection {
        title: pick("결정과 서명", "Decisions and signatures"),
        columns: vec![
            pick("검토자", "Reviewer"),
            pick("시각", "Time"),
            pick("판정", "Verdict"),
            pick("서명", "Signature"),
            pick("반영", "Counts"),
        ],
        rows: decisions
            .iter()
            .map(|view| {
                let decision = &view.decision;
                row(
                    decision.by.name.clone(),
                    vec![
                        when(decision.at_ms),
                        verdict_word(language, decision.verdict).to_owned(),
                        verification_words(language, checks.get(&view.key)),
                        counts_word(language, view.flag, view.latest).to_owned(),
                    ],
                )
            })
            .collect(),
        findings: if decisions.is_empty() {
            vec![pick("아직 결정이 없습니다", "No decision yet")]
        } else {
            decisions
                .iter()
                .map(|view| {
                    let decision = &view.decision;
                    let check = checks.get(&view.key);
                    let signer = check
                        .filter(|c| !c.signer.is_empty())
                        .map(|c| {
                            let name = if c.signer_name.is_empty() {
                                &c.signer
                            } else {
                                &c.signer_name
                            };
                            format!(" ({} {name})", language.pick("서명자", "signed by"))
                        })
                        .unwrap_or_default();
                    let mut line = format!(
                        "{} · {} · {}: {}{signer}",
                        decision.by.name,
                        when(decision.at_ms),
                        verdict_word(language, decision.verdict),
                        verification_words(language, check),
                    );
                    if !decision.comment.is_empty() {
                        line.push_str(&format!(" — {}", decision.comment));
                    }
                    line
                })
                .collect()
        },
    };

    let threads = comment_threads(doc, &key);
    let comment_section = comments_section(language, &threads);
    Ok(PowerReport {
        title: pick("검토 결과서", "Review record"),
        generated: generated.to_owned(),
        summary,
        sections: vec![review_section, decision_section, comment_section],
    })
}

fn comments_section(language: Language, threads: &[CommentThread]) -> PowerSection {
    let pick = |ko: &'static str, en: &'static str| language.pick(ko, en).to_owned();
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for (index, thread) in threads.iter().enumerate() {
        let number = index + 1;
        let comment = &thread.comment;
        let state = match &comment.resolved {
            Some(resolution) => format!(
                "{} ({} · {})",
                pick("해결됨", "Resolved"),
                resolution.by.name,
                when(resolution.at_ms)
            ),
            None => pick("미해결", "Open"),
        };
        let made_on = if thread.carried {
            match language {
                Language::Korean => format!("v{}에서 이어짐", thread.made_on),
                Language::English => format!("from v{}", thread.made_on),
            }
        } else {
            format!("v{}", thread.made_on)
        };
        rows.push(row(
            format!("{} {number}", pick("의견", "Comment")),
            vec![
                comment.by.name.clone(),
                when(comment.at_ms),
                pin_words(language, comment.pin.as_ref()),
                made_on,
                state.clone(),
            ],
        ));
        findings.push(format!(
            "{} {number} · {} · {}: {}",
            pick("의견", "Comment"),
            pin_words(language, comment.pin.as_ref()),
            comment.by.name,
            comment.text
        ));
        for (_, reply) in &thread.replies {
            rows.push(row(
                format!("   {}", pick("답글", "Reply")),
                vec![
                    reply.by.name.clone(),
                    when(reply.at_ms),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            ));
            findings.push(format!(
                "{} {number} {} · {}: {}",
                pick("의견", "Comment"),
                pick("답글", "reply"),
                reply.by.name,
                reply.text
            ));
        }
        if comment.resolved.is_some() {
            findings.push(format!("{} {number}: {state}", pick("의견", "Comment")));
        }
    }
    if threads.is_empty() {
        findings.push(pick(
            "이 버전에 의견이 없습니다",
            "No comments on this version",
        ));
    }
    PowerSection {
        title: pick("의견", "Comments"),
        columns: vec![
            pick("번호", "No."),
            pick("작성자", "By"),
            pick("시각", "Time"),
            pick("위치", "Pinned at"),
            pick("버전", "Version"),
            pick("상태", "State"),
        ],
        rows,
        findings,
    }
}
