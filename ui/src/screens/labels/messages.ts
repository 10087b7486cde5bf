// Messages of the labels area: label media, format and destination, asset tags, and the
// errors of sending labels to a printer.
import type { Translation } from "../../i18n/areaMessages";

export const ko = {
  "labels.media": "라벨 용지",
  "labels.mediaSize": "라벨 {width} × {height} mm · 페이지당 {perPage}장",
  "labels.format": "형식",
  "labels.pdf": "PDF (모든 프린터)",
  "labels.zpl": "ZPL (Zebra 라벨 프린터)",
  "labels.destination": "보낼 곳",
  "labels.toFile": "파일로 저장하고 열기",
  "labels.noPrinters": "CUPS 프린터가 없습니다: 파일로 저장합니다.",
  "labels.saved": "라벨 {count}장을 저장했습니다: {path}",
  "labels.sent": "라벨 {count}장을 {printer}(으)로 보냈습니다.",
  "error.nothing_to_print": "인쇄할 케이블이 없습니다.",
  "error.printer": "프린터로 보내지 못했습니다.",
  "labels.assetTags": "자산 태그 인쇄",
  "labels.assetTagsTitle": "자산 태그 인쇄",
  "labels.assetTagsFiltered":
    "자산 목록의 검색과 필터에 맞는 자산 {count}개의 태그를 인쇄합니다 ({first} …). 태그마다 QR 코드가 들어갑니다.",
  "labels.assetTagsAll":
    "검색이나 필터가 없어 모든 자산 {count}개의 태그를 인쇄합니다 ({first} …). 일부만 인쇄하려면 먼저 목록을 좁히세요.",
  "labels.assetTagsGo": "태그 {count}장 인쇄",
} as const;

export const en: Translation<typeof ko> = {
  "labels.media": "Label stock",
  "labels.mediaSize": "Labels {width} × {height} mm · {perPage} a page",
  "labels.format": "Format",
  "labels.pdf": "PDF (any printer)",
  "labels.zpl": "ZPL (Zebra label printers)",
  "labels.destination": "Send to",
  "labels.toFile": "Save to a file and open it",
  "labels.noPrinters": "No CUPS printers: the labels are saved to a file.",
  "labels.saved": "Saved {count} labels: {path}",
  "labels.sent": "Sent {count} labels to {printer}.",
  "error.nothing_to_print": "There are no cables to print.",
  "error.printer": "The printer did not take the job.",
  "labels.assetTags": "Print asset tags",
  "labels.assetTagsTitle": "Print asset tags",
  "labels.assetTagsFiltered":
    "Prints the tags of the {count} assets the list's search and filters show ({first} …). Each tag carries a QR code.",
  "labels.assetTagsAll":
    "No search or filter: prints the tags of all {count} assets ({first} …). Narrow the list first to print some.",
  "labels.assetTagsGo": "Print {count} tags",
};
