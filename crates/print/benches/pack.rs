//! Times the two documents at the sizes a large site prints: a 200-rack elevation pack of 48U
//! racks with 40 devices each, and a 2,000-row power report. Prints a markdown table.
//!
//! Run with `cargo bench -p cloudwright-print`. Targets for the pack: at most 2 s and 5 MB.

use std::time::{Duration, Instant};

use cloudwright_print::{
    elevation_pack, power_report, DeviceStatus, DrawnDevice, DrawnReservation, Face, PackOptions,
    PowerReport, PowerRow, PowerSection, RackDrawing,
};

const RUNS: usize = 5;

/// Device heights in half units, repeated: 1U, 1U, 2U, half U, half U, 1U, 1U, 2U. Forty
/// devices take 90 of a 48U rack's 96 half units.
const HEIGHTS_HU: [u32; 8] = [2, 2, 4, 1, 1, 2, 2, 4];

fn device(rack: usize, index: usize, bottom_hu: u32, height_hu: u32) -> DrawnDevice {
    let (category, label) = match index % 5 {
        0 | 1 => ("server", format!("컴퓨트-{rack:03}-{index:02} (Dell R650)")),
        2 => ("switch", format!("리프 스위치-{index:02} (Arista 7050)")),
        3 => ("storage", format!("스토리지-{index:02} (NetApp AFF)")),
        _ => ("patch_panel", format!("패치 패널-{index:02}")),
    };
    let faces = match (height_hu, index % 3) {
        (1, 0) => vec![Face::Front],
        (1, _) => vec![Face::Rear],
        _ => vec![Face::Front, Face::Rear],
    };
    let status = match index % 4 {
        0 => DeviceStatus::Planned,
        1 => DeviceStatus::Verified,
        _ => DeviceStatus::Installed,
    };
    DrawnDevice {
        bottom_hu,
        height_hu,
        faces,
        label,
        asset_tag: format!("AT-{rack:03}{index:02}"),
        status,
        category: category.into(),
    }
}

fn rack(rack: usize) -> RackDrawing {
    let mut bottom_hu = 0;
    let devices = (0..40)
        .map(|index| {
            let height_hu = HEIGHTS_HU[index % HEIGHTS_HU.len()];
            let drawn = device(rack, index, bottom_hu, height_hu);
            bottom_hu += height_hu;
            drawn
        })
        .collect();
    RackDrawing {
        name: format!(
            "{}-R{:02}",
            char::from(b'A' + (rack / 20) as u8),
            rack % 20 + 1
        ),
        location: format!("평택 1센터 / 전산실 A / {}열", rack / 20 + 1),
        height_u: 48,
        starting_unit: 1,
        devices,
        reservations: vec![DrawnReservation {
            bottom_hu: 92,
            height_hu: 4,
            reason: "GPU 증설 예정".into(),
        }],
        zero_u: vec!["PDU-A (좌측, 32A)".into(), "PDU-B (우측, 32A)".into()],
        power_line: "전력 4.2 / 7.4 kW · 발열 14,330 BTU/h · 무게 612 / 1,000 kg".into(),
    }
}

fn report(rows: usize) -> PowerReport {
    PowerReport {
        title: "전력 예산 보고서".into(),
        generated: "2026-11-25 14:00 · 홍길동".into(),
        summary: vec![("랙 수".into(), rows.to_string())],
        sections: vec![PowerSection {
            title: "랙별 전력".into(),
            columns: ["랙", "부하 (kW)", "용량 (kW)", "사용률", "상태"]
                .map(String::from)
                .to_vec(),
            rows: (0..rows)
                .map(|i| PowerRow {
                    group_heading: false,
                    name: format!("A-R{i:04}"),
                    cells: vec![
                        format!("{:.1}", (i % 70) as f32 / 10.0),
                        "7.4".into(),
                        format!("{}%", (i % 70) * 100 / 74),
                        "정상".into(),
                    ],
                })
                .collect(),
            findings: vec!["A-R0069 사용률이 93%입니다".into()],
        }],
    }
}

struct Measured {
    pages: usize,
    first: Duration,
    median: Duration,
    min: Duration,
    max: Duration,
    bytes: usize,
}

fn measure(mut render: impl FnMut() -> Vec<u8>) -> Measured {
    let start = Instant::now();
    let pdf = render();
    let first = start.elapsed();
    let (bytes, pages) = (pdf.len(), count_pages(&pdf));
    if let Some(dir) = std::env::var_os("CLOUDWRIGHT_PRINT_BENCH_OUT") {
        // Keep each document for a look: CLOUDWRIGHT_PRINT_BENCH_OUT=/tmp cargo bench …
        let path = std::path::Path::new(&dir).join(format!("bench-{pages}-pages.pdf"));
        std::fs::write(&path, &pdf).expect("write the benchmark PDF");
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let pdf = render();
            let elapsed = start.elapsed();
            assert!(
                pdf.len().abs_diff(bytes) < bytes / 100,
                "output size changed"
            );
            elapsed
        })
        .collect();
    times.sort();
    Measured {
        pages,
        first,
        median: times[RUNS / 2],
        min: times[0],
        max: times[RUNS - 1],
        bytes,
    }
}

/// Page objects in an uncompressed object table: `/Type/Page` not followed by `s`.
fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|window| window.starts_with(needle) && window[needle.len()] != b's')
        .count()
}

fn main() {
    let racks: Vec<RackDrawing> = (0..200).map(rack).collect();
    let options = PackOptions {
        title: "랙 입면도 · 평택 1센터".into(),
        generated: "2026-11-25 14:00 · 홍길동".into(),
        ..PackOptions::default()
    };
    let pack = measure(|| elevation_pack(&racks, &options).expect("pack renders"));
    let long_report = report(2000);
    let power = measure(|| power_report(&long_report).expect("report renders"));

    println!("| document | pages | first run | median of {RUNS} | min | max | size |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, measured) in [
        ("elevation pack, 200 × 48U racks, 40 devices each", &pack),
        ("power report, 2,000 rows", &power),
    ] {
        println!(
            "| {name} | {} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.2} MB |",
            measured.pages,
            measured.first.as_secs_f64() * 1e3,
            measured.median.as_secs_f64() * 1e3,
            measured.min.as_secs_f64() * 1e3,
            measured.max.as_secs_f64() * 1e3,
            measured.bytes as f64 / 1e6,
        );
    }
    let within = pack.median <= Duration::from_secs(2) && pack.bytes <= 5_000_000;
    println!();
    println!(
        "Pack targets (≤ 2 s, ≤ 5 MB): {}",
        if within { "met" } else { "MISSED" }
    );
}
