//! The lifecycle on real stores: assignment and return, maintenance with plans and alerts,
//! the disposal steps and the wipe rule, history, and merges of two people's records.

use super::rules::*;
use super::*;
use crate::assets::{AssetInput, AssetStatus, Date};
use crate::stamp::{Author, Stamp};
use crate::store::Workspace;
use crate::testkit::{device, server};
use crate::testkit::{fresh_workspace, register, stamp};

fn day(text: &str) -> Date {
    Date(text.into())
}

fn key(n: u128) -> ulid::Ulid {
    ulid::Ulid(n)
}

fn as_who(name: &str, at: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at)
}

fn refused_codes(error: LifecycleError) -> Vec<LifeCode> {
    match error {
        LifecycleError::Refused(problems) => problems
            .into_iter()
            .map(|p| {
                serde_json::from_value(serde_json::Value::String(p.code)).expect("a life code")
            })
            .collect(),
        other => panic!("expected a refusal, got {other}"),
    }
}

fn assign_to(
    ws: &Workspace,
    tag: &str,
    who: &str,
    due: &str,
    today: &str,
) -> Result<crate::assets::AssetRow, LifecycleError> {
    let input = AssignInput {
        kind: "person".into(),
        assignee: who.into(),
        from: String::new(),
        due: due.into(),
        note: "현장 점검용".into(),
    };
    ws.life_step(
        tag,
        Step::Assign(&input),
        key(900),
        &day(today),
        &stamp(100),
    )
}

#[test]
fn assign_and_return_keep_both_in_the_history_and_the_persons_view() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-LT-0001");
    let row = assign_to(&ws, "PT1-LT-0001", "이서연", "2026-12-20", "2026-12-06").expect("assign");
    assert_eq!(row.asset.status, AssetStatus::InUse);
    let current = row.life.current_assignment().expect("assigned");
    assert_eq!(
        (current.assignee.as_str(), current.due.clone()),
        ("이서연", Some(day("2026-12-20")))
    );

    // Assigned twice: refused, nothing written.
    let again = assign_to(&ws, "PT1-LT-0001", "박지훈", "", "2026-12-07").expect_err("twice");
    assert_eq!(refused_codes(again), vec![LifeCode::AlreadyAssigned]);

    // A return before the assignment, with an unknown condition: both reasons at once.
    let bad = ReturnInput {
        on: "2026-12-01".into(),
        condition: "shiny".into(),
        note: String::new(),
    };
    let error = ws
        .life_step(
            "PT1-LT-0001",
            Step::Return(&bad),
            key(901),
            &day("2026-12-08"),
            &stamp(200),
        )
        .expect_err("bad return");
    assert_eq!(
        refused_codes(error),
        vec![LifeCode::UnknownValue, LifeCode::BeforeStart]
    );

    let back = ReturnInput {
        on: String::new(),
        condition: "damaged".into(),
        note: "액정 파손".into(),
    };
    let row = ws
        .life_step(
            "PT1-LT-0001",
            Step::Return(&back),
            key(902),
            &day("2026-12-10"),
            &stamp(300),
        )
        .expect("return");
    assert_eq!(row.asset.status, AssetStatus::InStock);
    assert!(row.life.current_assignment().is_none());
    let line = &row.life.assignments[0];
    assert_eq!(line.returned_on, Some(day("2026-12-10")));
    assert_eq!(line.condition, Some(Condition::Damaged));

    let history = ws.asset_history(row.asset.id).expect("history");
    let ops: Vec<&str> = history.iter().map(|entry| entry.op.as_str()).collect();
    assert_eq!(ops, ["return", "assign", "register"]);
    // Each step in words, not "no field changed": who, from when, until when, in what state.
    use crate::assets::LifeStep;
    use crate::assets::{AssigneeKind, Condition as Kept};
    let steps: Vec<&[LifeStep]> = history.iter().map(|entry| &entry.steps[..]).collect();
    assert_eq!(
        steps,
        [
            &[LifeStep::Returned {
                assignee: "이서연".into(),
                on: "2026-12-10".into(),
                condition: Kept::Damaged,
            }][..],
            &[LifeStep::Assigned {
                kind: AssigneeKind::Person,
                assignee: "이서연".into(),
                from: "2026-12-06".into(),
                due: Some("2026-12-20".into()),
            }][..],
            &[][..],
        ]
    );
    let life = ws.asset_life("PT1-LT-0001").expect("life");
    let assignment = life.assignments.values().next().expect("one");
    assert_eq!(
        assignment.returned.as_ref().map(|r| r.note.as_str()),
        Some("액정 파손")
    );
}

#[test]
fn an_overdue_return_becomes_an_alert_the_day_after_it_was_due() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-LT-0001");
    assign_to(&ws, "PT1-LT-0001", "이서연", "2026-12-20", "2026-12-06").expect("assign");
    assert!(ws.life_alerts(&day("2026-12-20")).is_empty());
    let alerts = ws.life_alerts(&day("2026-12-23"));
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind, AlertKind::ReturnOverdue);
    assert_eq!(
        (alerts[0].subject.as_str(), alerts[0].days_overdue),
        ("이서연", 3)
    );
}

fn quarterly_input() -> plans::PlanInput {
    plans::PlanInput {
        name: "분기 점검".into(),
        asset: String::new(),
        asset_type: "server".into(),
        kind: "preventive".into(),
        every: 3,
        unit: "months".into(),
        start: "2026-01-31".into(),
        remind_days: 14,
        vendor: "델 테크놀로지스".into(),
        notes: String::new(),
    }
}

fn quarterly_plan(ws: &Workspace, asset_type: &str) -> MaintenancePlan {
    let input = plans::PlanInput {
        asset_type: asset_type.into(),
        ..quarterly_input()
    };
    ws.add_maintenance_plan(key(50), &input, &stamp(10))
        .expect("plan")
}

#[test]
fn maintenance_under_way_shows_in_the_status_and_plans_remind_then_go_overdue() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    let plan = quarterly_plan(&ws, "server");
    // Due 2026-01-31 (the start, never done): overdue long before today.
    let alerts = ws.life_alerts(&day("2026-02-02"));
    assert_eq!(alerts[0].kind, AlertKind::MaintenanceOverdue);
    assert_eq!(alerts[0].due, day("2026-01-31"));

    let start = MaintenanceInput {
        kind: "preventive".into(),
        on: "2026-02-03".into(),
        open: true,
        vendor: "델 테크놀로지스".into(),
        plan: plan.id.clone(),
        ..MaintenanceInput::default()
    };
    let row = ws
        .life_step(
            "PT1-SRV-0001",
            Step::Maintain(&start),
            key(60),
            &day("2026-02-03"),
            &stamp(20),
        )
        .expect("start");
    assert_eq!(row.asset.status, AssetStatus::Maintenance);
    let twice = ws
        .life_step(
            "PT1-SRV-0001",
            Step::Maintain(&start),
            key(61),
            &day("2026-02-03"),
            &stamp(21),
        )
        .expect_err("one at a time");
    assert_eq!(refused_codes(twice), vec![LifeCode::UnderMaintenance]);

    let finish = FinishMaintenanceInput {
        finished: "2026-02-04".into(),
        cost: "1,250,000".into(),
        currency: "KRW".into(),
        downtime_hours: "6.5".into(),
        notes: "팬 교체".into(),
    };
    let row = ws
        .life_step(
            "PT1-SRV-0001",
            Step::FinishMaintenance(&finish),
            key(62),
            &day("2026-02-04"),
            &stamp(30),
        )
        .expect("finish");
    assert_eq!(row.asset.status, AssetStatus::InStock);
    let history = ws.asset_history(row.asset.id).expect("history");
    use crate::assets::LifeStep;
    use crate::assets::MaintenanceKind;
    assert_eq!(
        (history[0].steps.clone(), history[1].steps.clone()),
        (
            vec![LifeStep::MaintenanceFinished {
                kind: MaintenanceKind::Preventive,
                vendor: "델 테크놀로지스".into(),
                on: "2026-02-04".into(),
            }],
            vec![LifeStep::MaintenanceBegun {
                kind: MaintenanceKind::Preventive,
                vendor: "델 테크놀로지스".into(),
                on: "2026-02-03".into(),
            }]
        )
    );
    assert_eq!(row.life.maintenance_costs[0].amount_minor, 1_250_000);
    assert_eq!(row.life.last_maintenance, Some(day("2026-02-04")));
    // Done for the 31 January occurrence: next 30 April (the end of April, not 1 May).
    assert!(ws.life_alerts(&day("2026-04-15")).is_empty());
    let due_soon = ws.life_alerts(&day("2026-04-16"));
    assert_eq!(due_soon.len(), 1);
    assert_eq!(
        (due_soon[0].kind, due_soon[0].due.clone()),
        (AlertKind::MaintenanceDue, day("2026-04-30"))
    );
    assert_eq!(due_soon[0].days_overdue, -14);
}

#[test]
fn bad_maintenance_input_is_refused_with_every_reason() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    let input = MaintenanceInput {
        kind: "polish".into(),
        on: "2026-02-30".into(),
        cost: "-5".into(),
        downtime_hours: "a while".into(),
        ..MaintenanceInput::default()
    };
    let error = ws
        .life_step(
            "PT1-SRV-0001",
            Step::Maintain(&input),
            key(60),
            &day("2026-02-03"),
            &stamp(20),
        )
        .expect_err("refused");
    assert_eq!(
        refused_codes(error),
        vec![
            LifeCode::UnknownValue,
            LifeCode::InvalidDate,
            LifeCode::InvalidNumber,
            LifeCode::InvalidNumber
        ]
    );
    let finish = ws
        .life_step(
            "PT1-SRV-0001",
            Step::FinishMaintenance(&FinishMaintenanceInput::default()),
            key(61),
            &day("2026-02-03"),
            &stamp(21),
        )
        .expect_err("nothing open");
    assert_eq!(refused_codes(finish), vec![LifeCode::NotUnderMaintenance]);
}

fn request(
    ws: &Workspace,
    tag: &str,
    who: &str,
) -> Result<crate::assets::AssetRow, LifecycleError> {
    let input = DisposalRequestInput {
        reason: "보증 만료, 성능 부족".into(),
        on: String::new(),
    };
    ws.life_step(
        tag,
        Step::RequestDisposal(&input),
        key(70),
        &day("2026-03-02"),
        &as_who(who, 40),
    )
}

fn approve(
    ws: &Workspace,
    tag: &str,
    who: &str,
) -> Result<crate::assets::AssetRow, LifecycleError> {
    let input = DisposalDecisionInput {
        approve: true,
        note: String::new(),
        on: String::new(),
    };
    ws.life_step(
        tag,
        Step::DecideDisposal(&input, None),
        key(71),
        &day("2026-03-03"),
        &as_who(who, 41),
    )
}

fn dispose(ws: &Workspace, tag: &str) -> Result<crate::assets::AssetRow, LifecycleError> {
    let input = DisposeInput {
        on: "2026-03-10".into(),
        vendor: "(주)그린리사이클".into(),
        batch: "2026-D01".into(),
    };
    ws.life_step(
        tag,
        Step::Dispose(&input),
        key(72),
        &day("2026-03-10"),
        &stamp(43),
    )
}

#[test]
fn an_asset_holding_data_cannot_be_disposed_without_a_verified_wipe() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    // Nothing requested yet: no approval, no disposal.
    assert_eq!(
        refused_codes(approve(&ws, "PT1-SRV-0001", "박팀장").expect_err("none")),
        vec![LifeCode::NoDisposalRequest]
    );
    let row = request(&ws, "PT1-SRV-0001", "김민준").expect("request");
    assert_eq!(row.asset.status, AssetStatus::Retiring);
    assert_eq!(row.life.disposal, Some(DisposalStage::Requested));
    // Not approved yet; and the requester cannot approve their own request.
    assert_eq!(
        refused_codes(dispose(&ws, "PT1-SRV-0001").expect_err("unapproved")),
        vec![LifeCode::NotApproved]
    );
    assert_eq!(
        refused_codes(approve(&ws, "PT1-SRV-0001", "김민준").expect_err("self")),
        vec![LifeCode::SamePerson]
    );
    let row = approve(&ws, "PT1-SRV-0001", "박팀장").expect("approved");
    let history = ws.asset_history(row.asset.id).expect("history");
    use crate::assets::LifeStep;
    assert_eq!(
        (history[0].steps.clone(), history[1].steps.clone()),
        (
            vec![LifeStep::Disposal {
                stage: DisposalStage::Approved,
                by: "박팀장".into()
            }],
            vec![LifeStep::Disposal {
                stage: DisposalStage::Requested,
                by: "김민준".into()
            }]
        )
    );
    // Approved but not wiped: a server holds data.
    assert_eq!(
        refused_codes(dispose(&ws, "PT1-SRV-0001").expect_err("no wipe")),
        vec![LifeCode::WipeRequired]
    );
    // A wipe checked by the one who did it is no verification.
    let mut wipe = WipeInput {
        method: "purge".into(),
        tool: "Blancco Drive Eraser 7".into(),
        on: "2026-03-05".into(),
        wiped_by: "최도윤".into(),
        verified_by: "최도윤".into(),
        certificate: "BL-2026-000451".into(),
    };
    let same = ws
        .life_step(
            "PT1-SRV-0001",
            Step::Wipe(&wipe, None, None),
            key(73),
            &day("2026-03-05"),
            &stamp(42),
        )
        .expect_err("same person");
    assert_eq!(refused_codes(same), vec![LifeCode::SamePerson]);
    wipe.verified_by = "정하은".into();
    let report = b"%PDF-1.4 wipe report";
    let row = ws
        .life_step(
            "PT1-SRV-0001",
            Step::Wipe(&wipe, Some(("wipe.pdf", report)), None),
            key(73),
            &day("2026-03-05"),
            &stamp(42),
        )
        .expect("wiped");
    assert_eq!(row.life.disposal, Some(DisposalStage::Wiped));
    let row = dispose(&ws, "PT1-SRV-0001").expect("disposed");
    assert_eq!(row.asset.status, AssetStatus::Disposed);
    assert_eq!(row.life.disposal_batch, "2026-D01");
    let life = ws.asset_life("PT1-SRV-0001").expect("life");
    let wipe = life.disposal.and_then(|d| d.wipe).expect("wipe kept");
    // The report keeps the name it was attached under, for the screen to list and save.
    assert_eq!(wipe.attachment_name.as_deref(), Some("wipe.pdf"));
    let sha = wipe.attachment.expect("report kept");
    assert_eq!(
        crate::sync::blobs::get(ws.tree.as_ref(), &sha)
            .expect("read")
            .as_deref(),
        Some(&report[..])
    );
    // Nothing further happens to a disposed asset, and an edit cannot bring it there either.
    assert_eq!(
        refused_codes(
            assign_to(&ws, "PT1-SRV-0001", "이서연", "", "2026-03-11").expect_err("gone")
        ),
        vec![LifeCode::Disposed]
    );
}

#[test]
fn a_patch_panel_holds_no_data_and_an_edit_cannot_skip_the_disposal_steps() {
    let (_dir, _store, ws) = fresh_workspace();
    let id = crate::AssetId(ulid::Ulid(2));
    let input = AssetInput {
        asset_tag: Some("PT1-PP-0001".into()),
        asset_type: Some("patch_panel".into()),
        status: Some("in_use".into()),
        ..AssetInput::default()
    };
    ws.register_asset(id, &input, &stamp(5)).expect("register");
    let edit = AssetInput {
        status: Some("disposed".into()),
        ..AssetInput::default()
    };
    let error = ws
        .edit_asset(id, &edit, &stamp(6))
        .expect_err("no shortcut");
    assert!(error.to_string().contains("disposal steps"), "{error}");
    request(&ws, "PT1-PP-0001", "김민준").expect("request");
    approve(&ws, "PT1-PP-0001", "박팀장").expect("approve");
    let row = dispose(&ws, "PT1-PP-0001").expect("no wipe needed");
    assert!(!row.life.holds_data);
    assert_eq!(row.asset.status, AssetStatus::Disposed);
}

#[test]
fn a_rejected_request_gives_the_status_back_and_a_new_one_can_follow() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    request(&ws, "PT1-SRV-0001", "김민준").expect("request");
    let no_reason = DisposalDecisionInput {
        approve: false,
        note: String::new(),
        on: String::new(),
    };
    let error = ws
        .life_step(
            "PT1-SRV-0001",
            Step::DecideDisposal(&no_reason, None),
            key(80),
            &day("2026-03-03"),
            &as_who("박팀장", 50),
        )
        .expect_err("a rejection says why");
    assert_eq!(refused_codes(error), vec![LifeCode::Required]);
    let reject = DisposalDecisionInput {
        approve: false,
        note: "예비 장비로 전환".into(),
        on: String::new(),
    };
    let row = ws
        .life_step(
            "PT1-SRV-0001",
            Step::DecideDisposal(&reject, None),
            key(80),
            &day("2026-03-03"),
            &as_who("박팀장", 51),
        )
        .expect("rejected");
    assert_eq!(row.asset.status, AssetStatus::InStock);
    assert_eq!(row.life.disposal, Some(DisposalStage::Rejected));
    request(&ws, "PT1-SRV-0001", "김민준").expect("asked again");
}

#[test]
fn two_people_record_maintenance_offline_and_both_records_survive_the_merge() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    kim.register(1, "PT1-SRV-0001");
    kim.sync();
    lee.sync();
    let work = |vendor: &str, cost: &str| MaintenanceInput {
        kind: "repair".into(),
        on: "2026-05-01".into(),
        vendor: vendor.into(),
        cost: cost.into(),
        ..MaintenanceInput::default()
    };
    kim.workspace
        .life_step(
            "PT1-SRV-0001",
            Step::Maintain(&work("델", "100000")),
            key(1001),
            &day("2026-05-01"),
            &kim.stamp(100),
        )
        .expect("kim");
    lee.workspace
        .life_step(
            "PT1-SRV-0001",
            Step::Maintain(&work("HPE", "250000")),
            key(1002),
            &day("2026-05-01"),
            &lee.stamp(101),
        )
        .expect("lee");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        let row = side.workspace.asset("PT1-SRV-0001").expect("row");
        assert_eq!(row.life.maintenance_count, 2);
        assert_eq!(row.life.maintenance_costs[0].amount_minor, 350_000);
    }
}

#[test]
fn a_persons_view_lists_current_assignments_first_and_plans_say_when_they_are_next_due() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    register(&ws, 2, "PT1-SRV-0002");
    assign_to(&ws, "PT1-SRV-0001", "이서연", "", "2026-01-05").expect("assign");
    let back = ReturnInput {
        on: "2026-01-09".into(),
        condition: "good".into(),
        note: String::new(),
    };
    ws.life_step(
        "PT1-SRV-0001",
        Step::Return(&back),
        key(901),
        &day("2026-01-09"),
        &stamp(110),
    )
    .expect("return");
    assign_to(&ws, "PT1-SRV-0002", "이서연", "2026-02-01", "2026-01-10").expect("assign");

    let view = ws.assigned_to(" 이서연 ");
    let tags: Vec<(&str, bool)> = view
        .iter()
        .map(|p| (p.tag.as_str(), p.line.returned_on.is_some()))
        .collect();
    assert_eq!(tags, [("PT1-SRV-0002", false), ("PT1-SRV-0001", true)]);
    assert!(ws.assigned_to("박서연").is_empty());
    assert_eq!(ws.assignees(), ["이서연"]);

    let plan = quarterly_plan(&ws, "server");
    let dues = ws.plan_dues();
    assert_eq!(dues.len(), 1);
    assert_eq!(dues[0].assets, 2);
    assert_eq!(dues[0].next_due, Some(day("2026-01-31")));
    // Work for the plan on one server moves its next date; the other is still due first.
    let work = MaintenanceInput {
        kind: "preventive".into(),
        on: "2026-01-30".into(),
        plan: plan.id.clone(),
        ..MaintenanceInput::default()
    };
    ws.life_step(
        "PT1-SRV-0001",
        Step::Maintain(&work),
        key(902),
        &day("2026-01-30"),
        &stamp(120),
    )
    .expect("maintain");
    let dues = ws.plan_dues();
    assert_eq!(
        (dues[0].next_due.clone(), dues[0].next_tag.as_str()),
        (Some(day("2026-01-31")), "PT1-SRV-0002")
    );
    let input = plans::PlanInput {
        name: plan.name.clone(),
        asset: String::new(),
        asset_type: "server".into(),
        kind: "preventive".into(),
        every: 3,
        unit: "months".into(),
        start: "2026-01-31".into(),
        remind_days: 14,
        vendor: String::new(),
        notes: String::new(),
    };
    ws.edit_maintenance_plan(&plan.id, &input, false, &stamp(130))
        .expect("stop");
    assert_eq!(ws.plan_dues()[0].next_due, None);
}

#[test]
fn a_plan_survives_a_restart_and_keeps_its_json_shape() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let store = crate::store::Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("ws");
        let ws = store.workspace(&meta.id).expect("open");
        register(&ws, 1, "PT1-SRV-0001");
        quarterly_plan(&ws, "server");
        let one = plans::PlanInput {
            asset: "PT1-SRV-0001".into(),
            asset_type: String::new(),
            ..quarterly_input()
        };
        ws.add_maintenance_plan(key(51), &one, &stamp(11))
            .expect("asset plan");
    }
    let store = crate::store::Store::open(dir.path()).expect("reopen");
    let meta = store.workspaces().expect("list")[0].clone();
    let ws = store
        .workspace(&meta.id)
        .expect("the plans' projections read back");
    let mut targets: Vec<String> = ws
        .maintenance_plans()
        .iter()
        .map(|plan| serde_json::to_string(&plan.target).expect("json"))
        .collect();
    targets.sort();
    assert_eq!(
        targets,
        [
            r#"{"kind":"asset","value":"00000000000000000000000001"}"#,
            r#"{"kind":"asset_type","value":"server"}"#,
        ]
    );
    let back: PlanTarget =
        serde_json::from_str(r#"{"kind":"asset_type","value":"switch"}"#).expect("parse");
    assert_eq!(
        back,
        PlanTarget::AssetType(crate::assets::AssetType::Switch)
    );
}

#[test]
fn a_plan_says_how_many_alerts_it_would_raise_before_it_is_saved() {
    let (_dir, _store, ws) = fresh_workspace();
    for n in 1..=12 {
        register(&ws, n, &format!("PT1-SRV-{n:04}"));
    }
    let mut input = quarterly_input();
    input.start = "2020-01-01".into();
    let preview = ws
        .preview_maintenance_plan(None, &input, &day("2026-03-01"))
        .expect("previewed");
    assert_eq!(
        (preview.assets, preview.overdue, preview.due_soon),
        (12, 12, 0),
        "a first due date long past raises an overdue alert for every server"
    );
    assert_eq!(preview.first.len(), 8);
    assert_eq!(preview.first[0], "PT1-SRV-0001");
    assert!(ws.maintenance_plans().is_empty(), "nothing saved");
    assert!(ws.life_alerts(&day("2026-03-01")).is_empty());

    input.start = "2026-03-10".into();
    let soon = ws
        .preview_maintenance_plan(None, &input, &day("2026-03-01"))
        .expect("previewed");
    assert_eq!(
        (soon.overdue, soon.due_soon),
        (0, 12),
        "within its 14 reminder days"
    );
    input.start = "2026-06-01".into();
    let later = ws
        .preview_maintenance_plan(None, &input, &day("2026-03-01"))
        .expect("previewed");
    assert_eq!((later.assets, later.overdue, later.due_soon), (12, 0, 0));
    input.name = String::new();
    assert!(ws
        .preview_maintenance_plan(None, &input, &day("2026-03-01"))
        .is_err());
}
