//! `cloudwright purchase rfq|quote|compare|select` (issue 19) through the real CLI and a real
//! team server: an approved request sent to three vendors (a 견적요청서 PDF each), bad quotes
//! refused at their fields, three quotes (one in dollars, one with the vendor's file), the
//! comparison with vendors as columns as JSON, CSV and PDF, a selection refused for a member
//! without select_vendors, and park's signed selection line by line read on kim's device.

use crate::util::{pdf_text, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

#[test]
fn quotes_are_asked_for_entered_compared_and_a_vendor_chosen_signed_through_the_cli() {
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
    for (name, number) in [
        ("가온시스템", "220-81-62517"),
        ("나래네트웍스", "124-81-00998"),
        ("다솜정보통신", "120-81-47521"),
    ] {
        kim.run(&["vendor", "add", "--name", name, "--business-number", number])
            .ok();
    }
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
            "--department",
            "인프라팀",
            "--needed-by",
            "2099-12-31",
            "--budget",
            "2027/인프라 증설",
            "--rate",
            "USD=1385.2",
            "--line",
            "R760 서버|hardware|Dell|R760|2|EA|10,000,000|KRW",
            "--line",
            "S5248F 스위치|hardware|Dell|S5248F|4|EA|3,000,000|KRW",
        ])
        .ok();
    let number = made
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("{made}"))
        .to_owned();
    kim.run(&["purchase", "submit", &number]).ok();
    // Not approved yet: no quotes asked for.
    let early = kim
        .run(&[
            "purchase",
            "rfq",
            &number,
            "--vendor",
            "가온시스템",
            "--reply-by",
            "2099-01-31",
        ])
        .fails();
    assert!(early.contains("the request is submitted"), "{early}");
    kim.run(&["sync"]).ok();
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    park.run(&["purchase", "approve", &number]).ok();
    park.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();

    // kim asks three vendors; a past date and an unknown vendor are refused first.
    let refused = kim
        .run(&[
            "purchase",
            "rfq",
            &number,
            "--vendor",
            "가온시스템",
            "--vendor",
            "없는업체",
            "--reply-by",
            "2020-01-01",
            "--today",
            "2027-01-10",
        ])
        .fails();
    for reason in [
        "reply_by: 2020-01-01 is already past",
        "vendors.1: no vendor has the name or id '없는업체'",
    ] {
        assert!(refused.contains(reason), "{reason} in {refused}");
    }
    let folder = kim.path("rfq");
    let asked = kim
        .run(&[
            "purchase",
            "rfq",
            &number,
            "--vendor",
            "가온시스템",
            "--vendor",
            "나래네트웍스",
            "--vendor",
            "120-81-47521",
            "--reply-by",
            "2099-01-31",
            "--pdf",
            folder.to_str().expect("path"),
        ])
        .ok();
    assert!(
        asked.contains(&format!("{number}: quotes_requested")),
        "{asked}"
    );
    let rfq = folder.join(format!("RFQ-{number}-다솜정보통신.pdf"));
    let text = pdf_text(&rfq);
    for expected in [
        "견적요청서",
        "다솜정보통신",
        "120-81-47521",
        "S5248F 스위치",
        "2099-01-31",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the RFQ:\n{text}"
        );
    }

    // A bad quote: every problem at its field, nothing kept.
    let bad = kim
        .run(&[
            "purchase",
            "quote",
            &number,
            "--vendor",
            "가온시스템",
            "--price",
            "1=abc",
            "--price",
            "9=5",
            "--currency",
            "EUR",
            "--lead-days",
            "3주",
            "--warranty-months",
            "36",
        ])
        .fails();
    for reason in [
        "currency: no KRW rate is recorded for EUR",
        "'abc' is not a number",
        "the request has no line '9'",
        "lead_time_days: '3주' is not a number",
    ] {
        assert!(bad.contains(reason), "{reason} in {bad}");
    }
    let quote_file = kim.path("가온_견적서.pdf");
    std::fs::write(&quote_file, b"%PDF-1.4 Gaon quote").expect("write");
    kim.run(&[
        "purchase",
        "quote",
        &number,
        "--vendor",
        "가온시스템",
        "--price",
        "1=9,800,000",
        "--price",
        "2=2,900,000",
        "--lead-days",
        "21",
        "--warranty-months",
        "36",
        "--valid-until",
        "2099-02-28",
        "--terms",
        "월말 마감 익월 말 현금",
        "--file",
        quote_file.to_str().expect("path"),
    ])
    .ok();
    kim.run(&[
        "purchase",
        "quote",
        &number,
        "--vendor",
        "나래네트웍스",
        "--currency",
        "USD",
        "--price",
        "1=7000",
        "--price",
        "2=2093.75",
        "--lead-days",
        "30",
        "--warranty-months",
        "60",
    ])
    .ok();
    let partial = kim
        .run(&[
            "purchase",
            "quote",
            &number,
            "--vendor",
            "다솜정보통신",
            "--price",
            "2=2,900,000",
            "--lead-days",
            "7",
            "--warranty-months",
            "12",
        ])
        .ok();
    assert!(partial.contains("1 of 2 lines"), "{partial}");

    let comparison = kim.run(&["purchase", "compare", &number, "--json"]).json();
    let vendors: Vec<&str> = comparison["vendors"]
        .as_array()
        .expect("vendors")
        .iter()
        .map(|v| v["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(vendors, ["가온시스템", "나래네트웍스", "다솜정보통신"]);
    let totals: Vec<i64> = comparison["vendors"]
        .as_array()
        .expect("vendors")
        .iter()
        .map(|v| v["total_krw"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(totals, [31_200_000, 30_993_850, 11_600_000]);
    let best = |line: usize| -> Vec<bool> {
        comparison["lines"][line]["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .map(|c| c["best"].as_bool().unwrap_or(false))
            .collect()
    };
    assert_eq!(best(0), [false, true, false], "나래 in dollars is cheapest");
    assert_eq!(best(1), [true, false, true], "a tie marks both");
    let table = kim.run(&["purchase", "compare", &number]).ok();
    assert!(table.contains("USD 22,375.00 = ₩30,993,850 *"), "{table}");

    let (csv, pdf) = (kim.path("비교.csv"), kim.path("비교.pdf"));
    kim.run(&[
        "purchase",
        "compare",
        &number,
        "--csv",
        csv.to_str().expect("path"),
        "--pdf",
        pdf.to_str().expect("path"),
    ])
    .ok();
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    assert!(csv_text.starts_with('\u{feff}'), "a BOM for spreadsheets");
    assert!(csv_text.contains("나래네트웍스 단가 (USD)"), "{csv_text}");
    assert!(csv_text.contains(",합계,"), "{csv_text}");
    let text = pdf_text(&pdf);
    for expected in ["견적 비교표", "가온시스템", "30,993,850", "★"] {
        assert!(
            text.contains(expected),
            "{expected} missing from the comparison:\n{text}"
        );
    }
    kim.run(&["sync"]).ok();

    // lee holds no select_vendors: refused on the device, before anything is written.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let refused = lee
        .run(&[
            "purchase",
            "select",
            &number,
            "--vendor",
            "가온시스템",
            "--reason",
            "최저가",
        ])
        .fails();
    assert!(
        refused.contains("you do not hold the capability select_vendors"),
        "{refused}"
    );
    // park: the servers from 나래, the switches from 다솜, with the reason; signed.
    park.run(&["sync"]).ok();
    let missing = park
        .run(&[
            "purchase",
            "select",
            &number,
            "--line",
            "2=다솜정보통신",
            "--reason",
            "품목별 최저가",
        ])
        .fails();
    assert!(missing.contains("has no vendor chosen"), "{missing}");
    let chosen = park
        .run(&[
            "purchase",
            "select",
            &number,
            "--line",
            "1=나래네트웍스",
            "--line",
            "2=다솜정보통신",
            "--reason",
            "품목별 최저가",
        ])
        .ok();
    assert!(chosen.contains("vendor_selected (signed)"), "{chosen}");
    assert!(chosen.contains("line 1\t나래네트웍스"), "{chosen}");
    park.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    let after = kim.run(&["purchase", "compare", &number, "--json"]).json();
    assert_eq!(after["status"], "vendor_selected");
    assert_eq!(after["selection_reason"], "품목별 최저가");
    assert_eq!(after["lines"][1]["selected"], after["vendors"][2]["vendor"]);
}
