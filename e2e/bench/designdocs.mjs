// The design documents preview's figure in the real window, for BENCHMARKS.md (issue 20:
// "first page of a 300-page PDF shown ≤ 500 ms"): a 300-page PDF (written here, one line of
// text and a few boxes per page) added as a document's version by the real CLI; the document
// opened from the list by a click until pdf.js has painted the first page's canvas (and a
// frame has passed), timed inside the page (performance.now() from the click), so WebDriver's
// round trips are not counted. The first open (pdf.js and its worker loaded for the first
// time), then repeat opens after closing the document. Prints a Markdown table.
//
//   node bench/designdocs.mjs            (needs a built app and CLI: make build)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli, startApp } from "../harness.mjs";

const runs = 7;
const pages = 300;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-bench-designdocs-"));
const cli = (args) => runCli([...args, "--data-dir", dataDir, "--workspace", "벤치"]);

/** A PDF of `count` A4 pages, each with its number and a drawing of a few boxes. */
function pdfOf(count) {
  const objects = [];
  const add = (body) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const tree = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const kids = [];
  for (let page = 1; page <= count; page++) {
    const boxes = Array.from(
      { length: 12 },
      (_, at) => `${60 + (at % 4) * 120} ${560 - Math.floor(at / 4) * 150} 100 120 re S`,
    ).join("\n");
    const text = `BT /F1 18 Tf 60 780 Td (Rack layout - page ${page} of ${count}) Tj ET`;
    const stream = `${text}\n0.5 w\n${boxes}\n`;
    const content = add(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}endstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 595 842] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${count} >>`;
  let out = "%PDF-1.7\n";
  const offsets = [];
  objects.forEach((body, at) => {
    offsets.push(Buffer.byteLength(out));
    out += `${at + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

const file = path.join(dataDir, "rack-layout-300.pdf");
fs.writeFileSync(file, pdfOf(pages));
cli(["workspace", "create", "벤치"]);
cli(["doc", "add", "--title", "300쪽 랙 배치도", "--kind", "rack_layout", "--file", file]);

const app = await startApp({ dataDir });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Clicks the document's row and resolves with the ms until page 1 is painted, a frame on. */
async function timeOpen() {
  return app.session.executeAsync((done) => {
    const started = performance.now();
    document.querySelector('[data-testid="designdoc-row"]').click();
    const check = () => {
      const first = document.querySelector(
        '[data-testid="designdoc-page"][data-page="1"][data-drawn="yes"]',
      );
      if (first !== null) requestAnimationFrame(() => done(performance.now() - started));
      else requestAnimationFrame(check);
    };
    check();
  });
}

try {
  await app.session.setWindowSize(1280, 800);
  await app.click("nav-designdocs");
  await app.waitForTestId("designdoc-row");
  const times = [];
  for (let run = 0; run < runs; run++) {
    times.push(await timeOpen());
    const shown = await app.session.execute(() =>
      document.querySelector('[data-testid="designdoc-pdf"]')?.getAttribute("data-pages"),
    );
    if (shown !== String(pages)) throw new Error(`the preview shows ${shown} pages, not ${pages}`);
    await app.session.keys(["Escape"]);
    await app.waitForTestId("designdoc-row");
  }
  const size = fs.statSync(file).size;
  console.log(`${pages}-page PDF (${(size / 1024).toFixed(0)} KiB), window 1280×800, ${runs} runs`);
  console.log("");
  console.log("| open | click → first page painted |");
  console.log("|---|---|");
  console.log(`| first (pdf.js loaded) | ${times[0].toFixed(1)} ms |`);
  const again = times.slice(1);
  console.log(
    `| again (median of ${again.length}) | ${median(again).toFixed(1)} ms (${again.map((ms) => ms.toFixed(0)).join(", ")}) |`,
  );
} finally {
  await app.close();
}
