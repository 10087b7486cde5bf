//! Purchasing (issue 19): vendors — the list, one vendor, add, edit — and their contract and
//! certificate files; budgets per year with what is used of them, add, edit; purchase
//! requests: the list (and "waiting for me"), one request, a new draft, submit, decide, edit,
//! cancel, copy (to reorder), ask and answer questions, and its files (drawings, spec
//! sheets). A vendor's or a request's file is saved or opened like any other file a record
//! names (`attachment_save`, `attachment_bytes`, `file_state`), by its SHA-256.

use cloudwright_core::assets::input::parse_date;
use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::request::Verdict;
use cloudwright_core::purchasing::request_ops::{person_of, RequestOutcome, SubstituteInput};
use cloudwright_core::purchasing::vendor::{VendorPage, VendorQuery};
use cloudwright_core::purchasing::views::{RequestPage, RequestQuery, RequestView};
use cloudwright_core::purchasing::{
    ApprovalRule, Budget, BudgetInput, BudgetUse, RequestInput, RuleInput, Substitute, Vendor,
    VendorFileKind, VendorInput,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Ctx, IdArgs, NoArgs};
use crate::error::CommandError;
use crate::ipc::Reply;

#[derive(Deserialize, TS)]
pub struct VendorListArgs {
    query: VendorQuery,
}

/// A window of the vendors matching the query, by name, with the totals and categories.
pub fn vendor_list(cx: &Ctx, VendorListArgs { query }: VendorListArgs) -> Reply<VendorPage> {
    Ok(cx.workspace()?.vendor_page(&query))
}

/// One vendor with its contacts and files, by id (or name, or business number).
pub fn vendor_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vendor> {
    Ok(cx.workspace()?.vendor(&id)?)
}

#[derive(Deserialize, TS)]
pub struct VendorAddArgs {
    input: VendorInput,
}

pub fn vendor_add(cx: &Ctx, VendorAddArgs { input }: VendorAddArgs) -> Reply<Vendor> {
    Ok(cx
        .workspace()?
        .add_vendor(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct VendorEditArgs {
    // The vendor's id.
    id: String,
    input: VendorInput,
}

pub fn vendor_edit(cx: &Ctx, VendorEditArgs { id, input }: VendorEditArgs) -> Reply<Vendor> {
    Ok(cx.workspace()?.edit_vendor(&id, &input, &cx.stamp()?)?)
}

/// What a vendor's file is; its bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct VendorFileAddArgs {
    // The vendor's id.
    id: String,
    name: String,
    kind: VendorFileKind,
}

pub fn vendor_file_add(
    cx: &Ctx,
    VendorFileAddArgs { id, name, kind }: VendorFileAddArgs,
    bytes: &[u8],
) -> Reply<Vendor> {
    let (vendor, _) = cx
        .workspace()?
        .add_vendor_file(&id, &name, kind, bytes, &cx.stamp()?)?;
    Ok(vendor)
}

#[derive(Deserialize, TS)]
pub struct VendorFileRemoveArgs {
    // The vendor's id.
    id: String,
    sha256: String,
}

pub fn vendor_file_remove(
    cx: &Ctx,
    VendorFileRemoveArgs { id, sha256 }: VendorFileRemoveArgs,
) -> Reply<Vendor> {
    Ok(cx
        .workspace()?
        .remove_vendor_file(&id, &sha256, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct BudgetListArgs {
    // The year to list (none: every year).
    #[ts(type = "number | null")]
    year: Option<i64>,
}

/// The budgets of a year with what the purchase requests use of each, and every year that
/// has a budget (for the year picker).
#[derive(Serialize, TS)]
#[ts(export)]
pub struct BudgetList {
    pub uses: Vec<BudgetUse>,
    #[ts(type = "Array<number>")]
    pub years: Vec<i64>,
}

pub fn budget_list(cx: &Ctx, BudgetListArgs { year }: BudgetListArgs) -> Reply<BudgetList> {
    let workspace = cx.workspace()?;
    let mut years: Vec<i64> = workspace.budgets().iter().map(|b| b.year).collect();
    years.dedup();
    Ok(BudgetList {
        uses: workspace.budget_uses(year),
        years,
    })
}

#[derive(Deserialize, TS)]
pub struct BudgetAddArgs {
    input: BudgetInput,
}

pub fn budget_add(cx: &Ctx, BudgetAddArgs { input }: BudgetAddArgs) -> Reply<Budget> {
    Ok(cx
        .workspace()?
        .add_budget(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct BudgetEditArgs {
    // The budget's id.
    id: String,
    input: BudgetInput,
}

pub fn budget_edit(cx: &Ctx, BudgetEditArgs { id, input }: BudgetEditArgs) -> Reply<Budget> {
    Ok(cx.workspace()?.edit_budget(&id, &input, &cx.stamp()?)?)
}

/// The user's local date, as the window sends it.
fn day(today: &str) -> Reply<Date> {
    parse_date(today).ok_or_else(|| {
        CommandError::new(
            "invalid_date",
            format!("'{today}' is not a date (YYYY-MM-DD)"),
        )
    })
}

#[derive(Deserialize, TS)]
pub struct PurchasePageArgs {
    query: RequestQuery,
    // The user's local date (YYYY-MM-DD): who waits on whom depends on substitutes' dates.
    today: String,
}

/// A window of the purchase requests matching the query, newest first; "waiting for me" is
/// the member logged in here (or this device's name outside a team).
pub fn purchase_page(
    cx: &Ctx,
    PurchasePageArgs { query, today }: PurchasePageArgs,
) -> Reply<RequestPage> {
    let me = person_of(&cx.stamp()?).who;
    Ok(cx.workspace()?.purchase_page(&query, &me, &today))
}

/// One request as the screen shows it, by id or number.
pub fn purchase_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.purchase_request(&id)?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseCreateArgs {
    input: RequestInput,
    today: String,
}

/// A new draft request.
pub fn purchase_create(
    cx: &Ctx,
    PurchaseCreateArgs { input, today }: PurchaseCreateArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.create_purchase_request(
        ulid::Ulid::new(),
        &input,
        &day(&today)?,
        &cx.stamp()?,
    )?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseSubmitArgs {
    // The request's id or number.
    id: String,
    today: String,
}

/// Submits a draft (or resubmits it after changes were asked for); the budget's policy
/// answers with its numbers.
pub fn purchase_submit(
    cx: &Ctx,
    PurchaseSubmitArgs { id, today }: PurchaseSubmitArgs,
) -> Reply<RequestOutcome> {
    Ok(cx
        .workspace()?
        .submit_purchase_request(&id, &day(&today)?, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct PurchaseDecideArgs {
    // The request's id or number.
    id: String,
    verdict: Verdict,
    comment: String,
    today: String,
}

/// Approves, rejects or sends back for changes; signed by the member logged in here (in a
/// team's workspace), refused beyond what the roster lets them approve.
pub fn purchase_decide(
    cx: &Ctx,
    PurchaseDecideArgs {
        id,
        verdict,
        comment,
        today,
    }: PurchaseDecideArgs,
) -> Reply<RequestOutcome> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    Ok(cx.workspace()?.decide_purchase_request(
        &id,
        verdict,
        &comment,
        &day(&today)?,
        &cx.stamp()?,
        signer.as_ref(),
    )?)
}

#[derive(Deserialize, TS)]
pub struct PurchaseEditArgs {
    // The request's id or number.
    id: String,
    input: RequestInput,
    today: String,
}

/// Changes a request while it is a draft, submitted, in review, sent back or approved; lines
/// keep their keys, so approvals of what did not change still hold.
pub fn purchase_edit(
    cx: &Ctx,
    PurchaseEditArgs { id, input, today }: PurchaseEditArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.edit_purchase_request(&id, &input, &day(&today)?, &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseCancelArgs {
    // The request's id or number.
    id: String,
    // Why (required).
    reason: String,
}

/// Cancels a request that has not been received, closed or rejected.
pub fn purchase_cancel(
    cx: &Ctx,
    PurchaseCancelArgs { id, reason }: PurchaseCancelArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.cancel_purchase_request(&id, &reason, &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

/// What a request's file is called; its bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct PurchaseFileAddArgs {
    // The request, by id or number.
    id: String,
    name: String,
}

/// Keeps a drawing or spec sheet with a request (refused at `file_name` or `file`).
pub fn purchase_file_add(
    cx: &Ctx,
    PurchaseFileAddArgs { id, name }: PurchaseFileAddArgs,
    bytes: &[u8],
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let (request, _) = workspace.add_request_file(&id, &name, bytes, &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseFileRemoveArgs {
    // The request, by id or number.
    id: String,
    sha256: String,
}

/// Takes a file off a request's list (`unknown_file` when it names none).
pub fn purchase_file_remove(
    cx: &Ctx,
    PurchaseFileRemoveArgs { id, sha256 }: PurchaseFileRemoveArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.remove_request_file(&id, &sha256, &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseCopyArgs {
    // The request to copy, by id or number.
    id: String,
    today: String,
}

/// A new draft with a past request's lines, budget and justification (to reorder).
pub fn purchase_copy(
    cx: &Ctx,
    PurchaseCopyArgs { id, today }: PurchaseCopyArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request =
        workspace.copy_purchase_request(&id, ulid::Ulid::new(), &day(&today)?, &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseAskArgs {
    // The request's id or number.
    id: String,
    text: String,
    // The question this answers (its key); none to ask a question.
    answers: Option<String>,
}

/// Asks a question on a request, or answers one.
pub fn purchase_ask(
    cx: &Ctx,
    PurchaseAskArgs { id, text, answers }: PurchaseAskArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.ask_purchase_question(&id, &text, answers.as_deref(), &cx.stamp()?)?;
    Ok(workspace.request_view(&request))
}

/// The approval rules (결재선 규칙), by the bottom of their amount band.
pub fn approval_rule_list(cx: &Ctx, _: NoArgs) -> Reply<Vec<ApprovalRule>> {
    Ok(cx.workspace()?.approval_rules())
}

#[derive(Deserialize, TS)]
pub struct ApprovalRulePutArgs {
    // The rule to replace; none: a new rule.
    id: Option<String>,
    input: RuleInput,
}

/// Adds an approval rule, or replaces the one `id` names.
pub fn approval_rule_put(
    cx: &Ctx,
    ApprovalRulePutArgs { id, input }: ApprovalRulePutArgs,
) -> Reply<ApprovalRule> {
    Ok(cx
        .workspace()?
        .put_approval_rule(rule_id(id)?, &input, &cx.stamp()?)?)
}

/// The id of the rule to put: a fresh ULID for a new rule, else the one named.
fn rule_id(id: Option<String>) -> Reply<ulid::Ulid> {
    match id {
        None => Ok(ulid::Ulid::new()),
        Some(id) => ulid::Ulid::from_string(id.trim())
            .map_err(|_| CommandError::new("not_found", format!("no approval rule '{id}'"))),
    }
}

/// The substitutes (대결) named, by their first day.
pub fn substitute_list(cx: &Ctx, _: NoArgs) -> Reply<Vec<Substitute>> {
    Ok(cx.workspace()?.substitutes())
}

#[derive(Deserialize, TS)]
pub struct SubstituteAddArgs {
    input: SubstituteInput,
}

/// Names a substitute for an absent approver over a range of days.
pub fn substitute_add(
    cx: &Ctx,
    SubstituteAddArgs { input }: SubstituteAddArgs,
) -> Reply<Substitute> {
    Ok(cx
        .workspace()?
        .add_substitute(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct PolicyRemoveArgs {
    // The rule's or substitute's id.
    id: String,
    // Why (may be empty).
    reason: String,
}

/// Removes an approval rule: it chooses no line from then on (lines it chose stay).
pub fn approval_rule_remove(
    cx: &Ctx,
    PolicyRemoveArgs { id, reason }: PolicyRemoveArgs,
) -> Reply<ApprovalRule> {
    Ok(cx
        .workspace()?
        .remove_approval_rule(&id, &reason, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct SubstituteEditArgs {
    id: String,
    input: SubstituteInput,
}

/// Changes a substitute as a whole; lines chosen from then on use the new values.
pub fn substitute_edit(
    cx: &Ctx,
    SubstituteEditArgs { id, input }: SubstituteEditArgs,
) -> Reply<Substitute> {
    Ok(cx.workspace()?.edit_substitute(&id, &input, &cx.stamp()?)?)
}

/// Removes a substitute: it no longer acts, on lines chosen before too.
pub fn substitute_remove(
    cx: &Ctx,
    PolicyRemoveArgs { id, reason }: PolicyRemoveArgs,
) -> Reply<Substitute> {
    Ok(cx
        .workspace()?
        .remove_substitute(&id, &reason, &cx.stamp()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudwright_core::purchasing::request::Person;
    use cloudwright_core::purchasing::request_ops::RuleStepInput;
    use cloudwright_core::stamp::{Author, Stamp};
    use cloudwright_core::store::Store;

    /// A rule put without an id is a new one; put again with its id it is replaced, not
    /// doubled; an id that is not one is refused as not found.
    #[test]
    fn a_rule_without_an_id_is_new_and_with_its_id_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");
        let stamp = Stamp::new(Author::from_name("박서준"), 1_800_000_000_000);
        let person = |name: &str| Person {
            who: name.to_owned(),
            name: name.to_owned(),
        };
        let mut input = RuleInput {
            name: "고액 구매".to_owned(),
            min_krw: "10,000,000".to_owned(),
            steps: vec![
                RuleStepInput {
                    kind: "agree".to_owned(),
                    approvers: vec![person("최재무"), person("정보안")],
                },
                RuleStepInput {
                    kind: "결재".to_owned(),
                    approvers: vec![person("강대표")],
                },
            ],
            ..RuleInput::default()
        };
        let first = workspace
            .put_approval_rule(rule_id(None).expect("id"), &input, &stamp)
            .expect("saved");
        input.name = "고액 구매 (개정)".to_owned();
        let again = workspace
            .put_approval_rule(rule_id(Some(first.id.clone())).expect("id"), &input, &stamp)
            .expect("saved");
        assert_eq!(again.id, first.id);
        let rules = workspace.approval_rules();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].name, "고액 구매 (개정)");
        assert_eq!(rules[0].steps[0].approvers.len(), 2);
        assert_ne!(rule_id(None).expect("id"), rule_id(None).expect("id"));

        let refused = rule_id(Some("규칙-1".to_owned())).expect_err("refused");
        assert_eq!(refused.kind, "not_found");
        assert!(refused.message.contains("규칙-1"), "{}", refused.message);
    }

    /// A request's file as the upload command keeps it is in the view the screen reads, and
    /// the refusals the files list shows come back as problems at `file`: an empty file, a
    /// file the request does not name.
    #[test]
    fn a_request_file_is_in_its_view_and_refusals_are_at_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");
        let stamp = Stamp::new(Author::from_name("김민준"), 1_800_000_000_000);
        let input = RequestInput {
            title: "A동 증설 서버".to_owned(),
            lines: vec![cloudwright_core::purchasing::request_ops::LineInput {
                description: "1U 서버".to_owned(),
                kind: "hardware".to_owned(),
                quantity: "4".to_owned(),
                unit_price: "12000000".to_owned(),
                currency: "KRW".to_owned(),
                ..Default::default()
            }],
            ..RequestInput::default()
        };
        let today = day("2027-01-15").expect("day");
        let request = workspace
            .create_purchase_request(ulid::Ulid::new(), &input, &today, &stamp)
            .expect("draft");

        let (added, sha) = workspace
            .add_request_file(&request.number, "랙배치도.pdf", b"%PDF-1.4", &stamp)
            .expect("added");
        let view = workspace.request_view(&added);
        let file = &view.request.files[&sha];
        assert_eq!((file.name.as_str(), file.size), ("랙배치도.pdf", 8));

        let empty: CommandError = workspace
            .add_request_file(&request.id, "빈파일.pdf", b"", &stamp)
            .expect_err("empty refused")
            .into();
        assert_eq!(empty.kind, "invalid");
        assert_eq!(
            (
                empty.problems[0].field.as_str(),
                empty.problems[0].code.as_str()
            ),
            ("file", "required")
        );

        let unknown: CommandError = workspace
            .remove_request_file(&request.id, "ab12", &stamp)
            .expect_err("unknown refused")
            .into();
        assert_eq!(
            (
                unknown.problems[0].field.as_str(),
                unknown.problems[0].code.as_str()
            ),
            ("file", "unknown_file")
        );
        let removed = workspace
            .remove_request_file(&request.id, &sha, &stamp)
            .expect("removed");
        assert!(removed.files.is_empty());
    }

    /// What the screens show for the refusals of this new writes: a file for a
    /// cancelled request is invalid at `file` (request_closed), a rule or a substitute
    /// removed already is not found.
    #[test]
    fn a_closed_request_refuses_a_file_and_a_removed_rule_or_substitute_is_not_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");
        let stamp = Stamp::new(Author::from_name("김민준"), 1_800_000_000_000);
        let input = RequestInput {
            title: "A동 증설 서버".to_owned(),
            ..RequestInput::default()
        };
        let today = day("2027-01-15").expect("day");
        let request = workspace
            .create_purchase_request(ulid::Ulid::new(), &input, &today, &stamp)
            .expect("draft");
        workspace
            .cancel_purchase_request(&request.id, "중복", &stamp)
            .expect("cancelled");
        let closed: CommandError = workspace
            .add_request_file(&request.id, "랙배치도.pdf", b"%PDF-1.4", &stamp)
            .expect_err("closed")
            .into();
        assert_eq!(closed.kind, "invalid");
        assert_eq!(
            (
                closed.problems[0].field.as_str(),
                closed.problems[0].code.as_str(),
                closed.problems[0].value.as_str()
            ),
            ("file", "request_closed", "cancelled")
        );

        let person = Person {
            who: "박팀장".to_owned(),
            name: "박팀장".to_owned(),
        };
        let rule = workspace
            .put_approval_rule(
                ulid::Ulid::new(),
                &RuleInput {
                    name: "소액".to_owned(),
                    steps: vec![RuleStepInput {
                        kind: "approve".to_owned(),
                        approvers: vec![person.clone()],
                    }],
                    ..RuleInput::default()
                },
                &stamp,
            )
            .expect("rule");
        workspace
            .remove_approval_rule(&rule.id, "", &stamp)
            .expect("removed");
        let again: CommandError = workspace
            .remove_approval_rule(&rule.id, "", &stamp)
            .expect_err("gone")
            .into();
        assert_eq!(again.kind, "not_found");
        assert!(workspace.approval_rules().is_empty());

        let substitute = workspace
            .add_substitute(
                ulid::Ulid::new(),
                &SubstituteInput {
                    absent: person.clone(),
                    substitute: Person {
                        who: "오대리".to_owned(),
                        name: "오대리".to_owned(),
                    },
                    from: "2027-01-10".to_owned(),
                    until: "2027-01-20".to_owned(),
                    reason: String::new(),
                },
                &stamp,
            )
            .expect("substitute");
        workspace
            .remove_substitute(&substitute.id, "", &stamp)
            .expect("removed");
        let edit: CommandError = workspace
            .edit_substitute(
                &substitute.id,
                &SubstituteInput {
                    absent: person,
                    ..SubstituteInput::default()
                },
                &stamp,
            )
            .expect_err("gone")
            .into();
        assert_eq!(edit.kind, "not_found");
    }
}
