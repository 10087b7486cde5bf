// The same 30,000 cable labels as crates/print/benches/labels.rs (two Hangul lines and a QR
// code each, A4 3 x 8 sheets of 70 x 37 mm, NanumGothic subset into the PDF), printed with
// pdfkit: the median of three runs and the size. Run: npm install && node labels.mjs
// Set LABELS_PDF_OUT=path to keep the PDF.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

const RUNS = 3;
const LABELS = 30_000;
const MM = 72 / 25.4;
const FONT = readFileSync(fileURLToPath(new URL("../../crates/print/fonts/NanumGothic.ttf", import.meta.url)));

// a4-3x8 from builtin_media(), and the Rust layout's numbers for it: 2 mm padding, the QR
// code at most 45% of the width with a one-module quiet zone, two lines sharing a 5 mm em.
const SHEET = { columns: 3, rows: 8, width: 70, height: 37, marginLeft: 0, marginTop: 0.5 };
const PADDING = 2;
const LINE_PITCH = 1.2;
const LARGEST_TEXT_MM = 5;

function cableLabel(index) {
  const cable = Math.floor(index / 2) + 1;
  const end = index % 2 === 0 ? "A" : "B";
  const id = String(cable).padStart(6, "0");
  return {
    lines: [
      `CBL-${id} ${end}단`,
      `A-R${String((cable % 20) + 1).padStart(2, "0")} U${String((cable % 42) + 1).padStart(2, "0")} → 코어 스위치 ${(cable % 4) + 1}`,
    ],
    qr: `CBL-${id}-${end}`,
  };
}

function drawQr(doc, payload, x, y, side) {
  const code = QRCode.create(payload, { errorCorrectionLevel: "M" });
  const size = code.modules.size;
  const data = code.modules.data;
  const module = side / (size + 2);
  const left = x + module;
  const top = y + module;
  // Horizontal runs of dark modules as rectangles, filled once per code.
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column++;
      doc.rect(left + start * module, top + row * module, (column - start) * module, module);
    }
  }
  doc.fill("black");
}

function printLabels(labels) {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false });
    const chunks = [];
    doc.on("data", (chunk) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.registerFont("nanum", FONT);
    doc.font("nanum");
    const perPage = SHEET.columns * SHEET.rows;
    labels.forEach((label, index) => {
      const slot = index % perPage;
      if (slot === 0) doc.addPage({ size: "A4", margin: 0 });
      const x = (SHEET.marginLeft + (slot % SHEET.columns) * SHEET.width) * MM;
      const y = (SHEET.marginTop + Math.floor(slot / SHEET.columns) * SHEET.height) * MM;
      const innerWidth = (SHEET.width - 2 * PADDING) * MM;
      const innerHeight = (SHEET.height - 2 * PADDING) * MM;
      const side = Math.min(innerHeight, innerWidth * 0.45);
      drawQr(doc, label.qr, x + PADDING * MM, y + PADDING * MM + (innerHeight - side) / 2, side);
      const textX = x + PADDING * MM + side + PADDING * MM;
      const textWidth = innerWidth - side - PADDING * MM;
      const size = Math.min(innerHeight / (label.lines.length * LINE_PITCH), LARGEST_TEXT_MM * MM);
      const blockTop = y + PADDING * MM + (innerHeight - label.lines.length * LINE_PITCH * size) / 2;
      label.lines.forEach((line, lineIndex) => {
        doc.fontSize(size);
        const natural = doc.widthOfString(line);
        const lineSize = natural > textWidth ? (size * textWidth) / natural * 0.999 : size;
        doc.fontSize(lineSize);
        const top = blockTop + lineIndex * LINE_PITCH * size + (LINE_PITCH * size - lineSize) / 2;
        doc.text(line, textX, top, { lineBreak: false });
      });
    });
    doc.end();
  });
}

const labels = Array.from({ length: LABELS }, (_, index) => cableLabel(index));
const pages = Math.ceil(LABELS / (SHEET.columns * SHEET.rows));
const times = [];
let bytes;
for (let run = 0; run < RUNS; run++) {
  const start = process.hrtime.bigint();
  bytes = await printLabels(labels);
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
if (process.env.LABELS_PDF_OUT) writeFileSync(process.env.LABELS_PDF_OUT, bytes);
console.log(`| document | pages | median of ${RUNS} | per 1,000 pages | size |`);
console.log("|---|---|---|---|---|");
console.log(
  `| ${LABELS} labels, a4-3x8, pdfkit | ${pages} | ${median.toFixed(3)} s | ${((median * 1000) / pages).toFixed(3)} s | ${(bytes.length / 1e6).toFixed(2)} MB (${bytes.length} bytes) |`,
);
