// Messages shared by several areas: buttons, the general error kinds, the asset vocabularies
// (fields, types, statuses) and the field and file errors that lib/errors.ts turns into text.
// A message used by one area only belongs in that area's messages.ts instead.
import type { Translation } from "./areaMessages";

export const ko = {
  "app.loading": "불러오는 중…",

  "common.cancel": "취소",
  "common.save": "저장",
  "common.saving": "저장 중…",
  "common.close": "닫기",
  "common.apply": "적용",
  "common.retry": "다시 시도",
  "common.loading": "불러오는 중…",
  "common.none": "(없음)",
  "common.arrow": "→",

  "error.invalid": "입력값을 확인하세요.",
  "error.not_found": "찾을 수 없습니다. 다른 사람이 지웠거나 다른 작업공간에 있습니다.",
  "error.import_refused": "오류가 있는 행이 있어 아무것도 가져오지 않았습니다.",
  "error.no_workspace": "열린 작업공간이 없습니다. 작업공간을 먼저 만들거나 여세요.",
  "error.workspace_exists": "같은 이름의 작업공간이 이미 있습니다.",
  "error.invalid_name": "이 이름은 쓸 수 없습니다.",
  "error.store": "로컬 저장소에 읽거나 쓰지 못했습니다.",
  "error.store_damaged":
    "로컬 저장소가 손상되어 열 수 없습니다. 아무것도 바꾸지 않았습니다. 복구(읽을 수 있는 기록으로 새 저장소 만들기)하거나, 백업에서 복원하거나, 팀 서버에서 다시 동기화하세요.",
  "error.store_too_new":
    "이 로컬 저장소는 더 새로운 버전의 Cloudwright가 만들었습니다. 앱을 업데이트하세요.",
  "error.store_unreadable":
    "로컬 저장소를 열 수 없습니다. 다른 Cloudwright 창이 같은 데이터 폴더를 쓰고 있는지 확인하세요.",
  "error.disk_full":
    "디스크가 가득 차서 아무것도 저장하지 않았습니다. 공간을 비운 뒤 다시 시도하세요. 저장된 내용은 그대로이고 계속 볼 수 있습니다.",
  "error.io": "파일을 읽거나 쓰지 못했습니다.",
  "error.ipc": "앱 내부 통신 오류입니다.",
  "error.unknown": "알 수 없는 오류입니다.",
  "error.details": "자세히: {message}",
  "error.no_such_conflict": "이미 해결된 충돌입니다.",
  "error.not_synced_yet": "이 파일은 아직 이 기기로 받는 중입니다.",
  "error.not_logged_in": "서버에 로그인되어 있지 않습니다.",
  "error.offline": "서버에 연결할 수 없습니다.",

  "field.asset_tag": "자산 태그",
  "field.asset_type": "유형",
  "field.manufacturer": "제조사",
  "field.model": "모델",
  "field.serial": "시리얼 번호",
  "field.purchase_date": "구매일",
  "field.cost": "비용",
  "field.currency": "통화",
  "field.warranty_end": "보증 만료일",
  "field.status": "상태",
  "field.site": "사이트",
  "field.room": "전산실",
  "field.row": "열",
  "field.rack": "랙",
  "field.unit": "유닛(U)",
  "field.owner": "담당",
  "field.notes": "메모",
  "field.tags": "태그",

  "assetType.server": "서버",
  "assetType.storage": "스토리지",
  "assetType.switch": "스위치",
  "assetType.router": "라우터",
  "assetType.firewall": "방화벽",
  "assetType.pdu": "분전반(PDU)",
  "assetType.patch_panel": "패치 패널",
  "assetType.other": "기타",

  "status.in_stock": "재고",
  "status.in_use": "사용 중",
  "status.maintenance": "유지보수",
  "status.retiring": "폐기 예정",
  "status.disposed": "폐기 완료",
  "status.missing": "분실",

  "problem.required": "필수 항목입니다.",
  "problem.too_long": "너무 깁니다. 200자(메모는 4,000자) 이내로 입력하세요.",
  "problem.invalid_date": "날짜 형식이 아닙니다: {value} (YYYY-MM-DD)",
  "problem.invalid_number": "숫자 형식이 아닙니다: {value} (예: 12,500,000 또는 1234.50)",
  "problem.negative_cost": "비용은 0 이상이어야 합니다: {value}",
  "problem.unknown_type": "알 수 없는 유형입니다: {value}",
  "problem.unknown_status": "알 수 없는 상태입니다: {value}",
  "problem.unknown_currency": "지원하지 않는 통화입니다: {value} (KRW, USD, EUR, JPY, CNY)",
  "problem.currency_without_cost": "통화를 지정하려면 비용을 입력하세요.",
  "problem.unit_out_of_range": "유닛은 1에서 60 사이여야 합니다: {value}",
  "problem.disposal_needs_record":
    "폐기 완료는 폐기 절차(요청 → 승인 → 데이터 삭제 → 폐기)로만 바꿀 수 있습니다.",
  "problem.warranty_before_purchase": "보증 만료일이 구매일보다 빠릅니다: {value}",
  "problem.duplicate_asset_tag": "이미 다른 자산이 쓰고 있는 태그입니다: {value}",
  "problem.atLine": "{line}행: {what}",
  "problem.unknown_value": "고를 수 있는 값이 아닙니다: {value}",
  "problem.out_of_range": "허용 범위를 벗어난 값입니다: {value}",
  "problem.not_a_number": "숫자가 아닙니다: {value}",
  "problem.duplicate": "이미 쓰고 있습니다: {value}",
  "problem.name_required": "이름을 입력하세요.",
  "problem.name_too_long": "이름이 너무 깁니다: {found}자 (최대 {max}자)",
  "problem.name_has_slash": "이름에 '/'를 쓸 수 없습니다.",
  "problem.name_spaces_at_ends": "이름의 앞뒤에 공백을 둘 수 없습니다.",
  "problem.name_control_character":
    "이름의 {position}번째 글자가 제어 문자({character})입니다. 이름은 눈에 보이는 한 줄이어야 합니다.",
  "problem.name_bidi_control":
    "이름의 {position}번째 글자가 글자 방향을 바꾸는 제어 문자({character})입니다. 이 문자 없이 입력하세요.",
  "problem.name_invisible_character":
    "이름의 {position}번째 글자가 보이지 않는 문자({character})입니다. 다른 이름과 똑같아 보일 수 있으니 이 문자 없이 입력하세요.",
  "problem.name_looks_like_id":
    "ID처럼 보이는 이름(영문·숫자 26자)은 쓸 수 없습니다. 다른 이름을 고르세요.",

  "toast.failed": "실패: {message}",
  "toast.dismiss": "알림 닫기",

  // CSV files of every import (crates/core/src/csv_file) and text refused for a control
  // character (crates/core/src/text.rs).
  "problem.empty": "파일이 비어 있거나 머리글 행이 없습니다.",
  "problem.too_large": "파일이 너무 큽니다. CSV 파일은 64MB까지 가져올 수 있습니다.",
  "problem.missing_columns": "필요한 열이 없습니다: {columns}",
  "problem.duplicate_column": "'{column}' 열이 두 번 나옵니다.",
  "problem.unknown_columns":
    "알 수 없는 열이 있습니다: {columns}. 쓸 수 있는 열은 {known}입니다. 열 이름을 고치거나, 알 수 없는 열은 무시하고 가져오세요.",
  "problem.malformed": "{line}행을 읽을 수 없습니다: {message}",
  "problem.control_character":
    "{position}번째 글자가 보이지 않는 제어 문자({character})입니다. 이 문자를 지우고 다시 입력하세요: {value}",
  "problem.cell_too_long": "칸이 너무 깁니다. 한 칸에는 64KB까지 넣을 수 있습니다.",
  "csv.ignoreUnknownColumns": "알 수 없는 열은 무시하고 가져오기",

  "attach.add": "파일 추가",

  "file.save": "저장",
  "file.saveNamed": "{name} 저장",
  "file.saved": "저장했습니다: {path}",
  "file.waiting": "동기화 대기",
  "file.waitingHint": "이 기기로 아직 받지 않은 파일입니다. 다음 동기화 때 받습니다.",
  "file.missing": "파일 없음",
  "file.missingHint": "이 기기에 없는 파일입니다.",

  "cable.print.go": "인쇄",
  "error.print": "인쇄물을 만들지 못했습니다.",
  "nav.audits": "실사",

  "error.attachment_too_large": "64MB보다 큰 파일은 첨부할 수 없습니다.",
} as const;

export const en: Translation<typeof ko> = {
  "app.loading": "Loading…",

  "common.cancel": "Cancel",
  "common.save": "Save",
  "common.saving": "Saving…",
  "common.close": "Close",
  "common.apply": "Apply",
  "common.retry": "Try again",
  "common.loading": "Loading…",
  "common.none": "(empty)",
  "common.arrow": "→",

  "error.invalid": "Please check the highlighted fields.",
  "error.not_found": "Not found. Someone may have removed it, or it is in another workspace.",
  "error.import_refused": "Some rows have errors, so nothing was imported.",
  "error.no_workspace": "No workspace is open. Create or open one first.",
  "error.workspace_exists": "A workspace with this name already exists.",
  "error.invalid_name": "This name cannot be used.",
  "error.store": "Could not read or write the local store.",
  "error.store_damaged":
    "The local store is damaged and cannot be opened. Nothing was changed. Recover it (a new store from every record still readable), restore it from a backup, or sync again from the team server.",
  "error.store_too_new":
    "This local store was written by a newer Cloudwright. Please update the app.",
  "error.store_unreadable":
    "The local store cannot be opened. Check whether another Cloudwright window uses the same data folder.",
  "error.disk_full":
    "The disk is full: nothing was saved. Free some space, then try again. What was saved before is safe and can still be read.",
  "error.io": "Could not read or write the file.",
  "error.ipc": "Internal app communication error.",
  "error.unknown": "Unknown error.",
  "error.details": "Details: {message}",
  "error.no_such_conflict": "This conflict has already been resolved.",
  "error.not_synced_yet": "This file has not arrived on this device yet.",
  "error.not_logged_in": "You are not logged in to a server.",
  "error.offline": "The server cannot be reached.",

  "field.asset_tag": "Asset tag",
  "field.asset_type": "Type",
  "field.manufacturer": "Manufacturer",
  "field.model": "Model",
  "field.serial": "Serial number",
  "field.purchase_date": "Purchase date",
  "field.cost": "Cost",
  "field.currency": "Currency",
  "field.warranty_end": "Warranty end",
  "field.status": "Status",
  "field.site": "Site",
  "field.room": "Room",
  "field.row": "Row",
  "field.rack": "Rack",
  "field.unit": "Unit (U)",
  "field.owner": "Owner",
  "field.notes": "Notes",
  "field.tags": "Tags",

  "assetType.server": "Server",
  "assetType.storage": "Storage",
  "assetType.switch": "Switch",
  "assetType.router": "Router",
  "assetType.firewall": "Firewall",
  "assetType.pdu": "PDU",
  "assetType.patch_panel": "Patch panel",
  "assetType.other": "Other",

  "status.in_stock": "In stock",
  "status.in_use": "In use",
  "status.maintenance": "Maintenance",
  "status.retiring": "Retiring",
  "status.disposed": "Disposed",
  "status.missing": "Missing",

  "problem.required": "This field is required.",
  "problem.too_long": "Too long: at most 200 characters (4,000 for notes).",
  "problem.invalid_date": "Not a date: {value} (use YYYY-MM-DD)",
  "problem.invalid_number": "Not a number: {value} (e.g. 12,500,000 or 1234.50)",
  "problem.negative_cost": "Cost cannot be negative: {value}",
  "problem.unknown_type": "Unknown type: {value}",
  "problem.unknown_status": "Unknown status: {value}",
  "problem.unknown_currency": "Unsupported currency: {value} (KRW, USD, EUR, JPY, CNY)",
  "problem.currency_without_cost": "Enter a cost to set a currency.",
  "problem.unit_out_of_range": "Unit must be between 1 and 60: {value}",
  "problem.disposal_needs_record":
    "An asset becomes disposed only through the disposal steps (request → approval → wipe → disposed).",
  "problem.warranty_before_purchase": "Warranty ends before the purchase date: {value}",
  "problem.duplicate_asset_tag": "Another asset already uses this tag: {value}",
  "problem.atLine": "Line {line}: {what}",
  "problem.unknown_value": "Not one of the choices: {value}",
  "problem.out_of_range": "Out of the allowed range: {value}",
  "problem.not_a_number": "Not a number: {value}",
  "problem.duplicate": "Already used: {value}",
  "problem.name_required": "Enter a name.",
  "problem.name_too_long": "The name is too long: {found} characters (at most {max}).",
  "problem.name_has_slash": "A name cannot contain '/'.",
  "problem.name_spaces_at_ends": "A name cannot begin or end with a space.",
  "problem.name_control_character":
    "Character {position} of the name is a control character ({character}): a name is one line of visible text.",
  "problem.name_bidi_control":
    "Character {position} of the name is a control that changes the direction text is shown in ({character}): type the name without it.",
  "problem.name_invisible_character":
    "Character {position} of the name is an invisible character ({character}), which would make it look like another name: type the name without it.",
  "problem.name_looks_like_id":
    "A name cannot look like an id (26 letters and digits): choose another name.",

  "toast.failed": "Failed: {message}",
  "toast.dismiss": "Dismiss",

  "problem.empty": "The file is empty or has no header row.",
  "problem.too_large": "The file is too large: a CSV file may be at most 64 MB.",
  "problem.missing_columns": "The file lacks the columns {columns}",
  "problem.duplicate_column": "The column '{column}' appears twice.",
  "problem.unknown_columns":
    "Unknown columns: {columns}. The columns known are {known}. Rename them, or import ignoring unknown columns.",
  "problem.malformed": "Line {line} cannot be read: {message}",
  "problem.control_character":
    "Character {position} is an invisible control character ({character}). Remove it and enter the value again: {value}",
  "problem.cell_too_long": "The cell is too long: a cell holds at most 64 KB.",
  "csv.ignoreUnknownColumns": "Import without unknown columns",

  "attach.add": "Add files",

  "file.save": "Save",
  "file.saveNamed": "Save {name}",
  "file.saved": "Saved: {path}",
  "file.waiting": "Waiting for sync",
  "file.waitingHint": "This file has not reached this device yet; the next sync brings it.",
  "file.missing": "File missing",
  "file.missingHint": "This file is not on this device.",

  "cable.print.go": "Print",
  "error.print": "The printout could not be made.",
  "nav.audits": "Audits",

  "error.attachment_too_large": "Files over 64 MB cannot be attached.",
};
