//! Orders and receipts through the real CLI and a real team server (issue 19): a request
//! approved, quoted and its vendor chosen by park; kim orders (the 발주서 PDF written),
//! receives two servers by their serials on device A, which creates two assets; on device B
//! (lee) after a sync both assets are in the register with their order, and the receipt lists
//! them. A receipt of a third unit of two ordered, or of a serial already in the register, is
//! refused with the reason and writes nothing; the three-way match and vendor performance.

use crate::util::{Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

#[test]
fn a_receipt_on_one_device_creates_assets_another_device_sees_with_their_order() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    for capability in ["approve_purchases", "select_vendors"] {
        data.admin(&[
            "user",
            "grant",
            "park",
            "--workspace",
            WORKSPACE,
            "--capability",
            capability,
        ])
        .ok();
    }
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let park_id = kim.member_id("park");
    kim.run(&[
        "vendor",
        "add",
        "--name",
        "(주)한빛시스템",
        "--business-number",
        "220-81-62517",
    ])
    .ok();
    kim.run(&[
        "budget",
        "add",
        "--year",
        "2027",
        "--line",
        "인프라 증설",
        "--kind",
        "cost_centre",
        "--amount",
        "500,000,000",
        "--policy",
        "warn",
    ])
    .ok();
    kim.run(&[
        "approval-rule",
        "add",
        "--name",
        "결재",
        "--step",
        &format!("approve:{park_id}=park"),
    ])
    .ok();
    let made = kim
        .run(&[
            "purchase",
            "create",
            "--title",
            "평택 컴퓨트 증설",
            "--needed-by",
            "2099-12-31",
            "--budget",
            "2027/인프라 증설",
            "--line",
            "R650 서버|hardware|Dell|R650-XS|2|EA|9,000,000|KRW",
        ])
        .ok();
    let number = made
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("{made}"))
        .to_owned();
    kim.run(&["purchase", "submit", &number]).ok();
    kim.run(&["sync"]).ok();
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    park.run(&["purchase", "approve", &number]).ok();
    park.run(&[
        "purchase",
        "rfq",
        &number,
        "--vendor",
        "(주)한빛시스템",
        "--reply-by",
        "2099-12-31",
    ])
    .ok();
    park.run(&[
        "purchase",
        "quote",
        &number,
        "--vendor",
        "(주)한빛시스템",
        "--price",
        "1=8,800,000",
        "--lead-days",
        "14",
        "--warranty-months",
        "36",
        "--valid-until",
        "2099-12-31",
    ])
    .ok();
    park.run(&[
        "purchase",
        "select",
        &number,
        "--vendor",
        "(주)한빛시스템",
        "--reason",
        "단독 견적",
    ])
    .ok();
    park.run(&["sync"]).ok();

    // Device A: kim orders and receives the two servers by their serials.
    kim.run(&["sync"]).ok();
    let pdf = kim.path("발주서.pdf");
    let ordered = kim
        .run(&[
            "purchase",
            "order",
            &number,
            "--promised",
            "1=2099-01-31",
            "--pdf",
            pdf.to_str().expect("path"),
        ])
        .ok();
    let po = ordered
        .split_whitespace()
        .find(|word| word.starts_with("PO-"))
        .unwrap_or_else(|| panic!("{ordered}"))
        .to_owned();
    assert!(std::fs::read(&pdf)
        .expect("the 발주서")
        .starts_with(b"%PDF"));
    let received = kim
        .run(&[
            "purchase", "receive", &number, "--order", &po, "--line", "1", "--serial", "CN7X001",
            "--serial", "CN7X002",
        ])
        .ok();
    assert!(
        received.contains("2 accepted, 0 rejected, 2 assets created"),
        "{received}"
    );
    assert!(
        received.contains(&format!("{po}-001\tCN7X001")),
        "{received}"
    );
    // A third unit of two ordered, and a serial already in the register: refused, nothing written.
    let refused = kim
        .run(&[
            "purchase", "receive", &number, "--order", &po, "--line", "1", "--serial", "CN7X001",
        ])
        .fails();
    assert!(
        refused.contains("lines.0.serials.0: serial 'CN7X001' is already in the register"),
        "{refused}"
    );
    assert!(
        refused.contains("lines.0.accepted: 1 more than were ordered"),
        "{refused}"
    );
    kim.run(&["sync"]).ok();

    // Device B: lee sees both assets with their order, and the receipt naming them.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let shown = lee
        .run(&["asset", "show", &format!("{po}-002"), "--json"])
        .json();
    let asset = &shown["asset"];
    assert_eq!(asset["asset"]["serial"], "CN7X002");
    assert_eq!(asset["asset"]["model"], "R650-XS");
    assert_eq!(asset["asset"]["cost"]["amount_minor"], 8_800_000);
    assert_eq!(asset["purchase"]["order_number"], po.as_str());
    assert_eq!(asset["purchase"]["request_number"], number.as_str());
    assert_eq!(asset["purchase"]["vendor_name"], "(주)한빛시스템");
    let text = lee.run(&["asset", "show", &format!("{po}-001")]).ok();
    assert!(
        text.contains(&format!(
            "purchase       {po} ({number}) from (주)한빛시스템"
        )),
        "{text}"
    );
    let request = lee.run(&["purchase", "show", &number, "--json"]).json();
    assert_eq!(request["status"], "received");
    let receipts = request["request"]["receipts"]
        .as_object()
        .expect("receipts");
    assert_eq!(receipts.len(), 1, "the refused receipt wrote nothing");
    let line = receipts.values().next().expect("receipt")["lines"]
        .as_object()
        .and_then(|lines| lines.values().next().cloned())
        .expect("line");
    assert_eq!(line["assets"].as_array().map(Vec::len), Some(2));
    assert_eq!(line["assets"][1], asset["asset"]["id"]);

    // The invoice on device B; the match flags what differs.
    lee.run(&[
        "purchase",
        "invoice",
        &number,
        "--order",
        &po,
        "--amount",
        "18,000,000",
    ])
    .ok();
    let matched = lee.run(&["purchase", "match", &number]).ok();
    assert!(matched.contains(&format!("{po}\tMISMATCH")), "{matched}");
    assert!(
        matched.contains(
            "invoice_over_ordered: invoiced 18,000,000 is 400,000 more than ordered 17,600,000"
        ),
        "{matched}"
    );
    let performance = lee
        .run(&["vendor", "performance", "(주)한빛시스템", "--json"])
        .json();
    assert_eq!(performance["orders"], 1);
    assert_eq!(performance["rejection"]["numerator"], 0.0);
    assert_eq!(performance["rejection"]["denominator"], 2.0);

    // A receipt CSV with a broken row: refused by its line, nothing written.
    let csv = lee.path("입고.csv");
    std::fs::write(&csv, "line,serial,rejected\n1,CN7X009,\n1,CN7X010,x\n").expect("csv");
    let refused = lee
        .run(&[
            "purchase",
            "receive",
            &number,
            "--order",
            &po,
            "--csv",
            csv.to_str().expect("path"),
        ])
        .fails();
    assert!(
        refused.contains("line 3: rejected: 'x' is not a whole number"),
        "{refused}"
    );
    assert_eq!(lee.assets().len(), 2);
}
