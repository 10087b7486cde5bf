// Messages of the findings screen: edit conflicts, duplicate asset tags, rack and cable
// findings, and signed decisions that do not hold, to review.
import type { Translation } from "../../i18n/areaMessages";

export const ko = {
  "findings.title": "발견 사항",
  "findings.count": "{count}건",
  "findings.intro": "여러 기기의 변경을 합치면서 사람이 정해야 할 항목입니다.",
  "findings.loadFailed": "발견 사항을 불러오지 못했습니다.",
  "findings.emptyTitle": "확인할 항목이 없습니다",
  "findings.emptyBody": "여러 기기의 변경이 충돌하면 여기에 나타납니다.",
  "findings.conflict": "값 충돌",
  "findings.conflictHelp":
    "여러 기기에서 같은 항목을 동시에 다른 값으로 바꿨습니다. 남길 값을 고르세요.",
  "findings.chooseValue": "{field}에 남길 값",
  "findings.shownValue": "현재 표시 값",
  "findings.resolve": "이 값으로 확정",
  "findings.resolved": "{tag} · {field} 값을 확정했습니다",
  "findings.alreadyResolved": "다른 기기에서 이미 해결했습니다. 목록을 새로 고칩니다.",
  "findings.openAsset": "자산 열기",
  "findings.setBy": "{author} · {at}",
  "findings.kind.asset": "자산",
  "findings.kind.site": "사이트",
  "findings.kind.room": "전산실",
  "findings.kind.rack": "랙",
  "findings.kind.devicetype": "장비 유형",
  "findings.kind.cable": "케이블",
  "findings.kind.labelscheme": "라벨 체계",
  "findings.kind.maintplan": "유지보수 계획",
  "findings.kind.auditschedule": "실사 일정",
  "findings.kind.audit": "실사",
  "findings.kind.vendor": "공급업체",
  "findings.duplicate": "태그 중복",
  "findings.location": "위치 확인 필요",
  "findings.locationHelp":
    "이전 버전에서 적은 위치가 어느 장소도 가리키지 않습니다. 자산을 고쳐 목록의 장소를 고르세요.",
  "findings.editLocation": "위치 고치기",
  "findings.sharedBy": "자산 {count}개가 같은 태그를 씁니다",
  "findings.duplicateHelp":
    "각 기기에서는 중복이 없었지만 변경을 합치자 같은 태그가 되었습니다. 한쪽 자산의 태그를 바꾸세요.",
  "findings.assetNumber": "자산 {number}",
  "findings.editTag": "태그 수정",
  "findings.duplicateBudget": "예산 중복",
  "findings.budgetsShareLine": "예산 {count}개가 같은 연도와 예산 항목입니다",
  "findings.duplicateBudgetHelp":
    "두 기기에서 같은 예산 항목을 따로 만들었습니다. 요청은 어느 쪽인지 알 수 없으니, 한쪽의 항목 이름이나 연도를 바꾸거나 금액을 맞춰 정리하세요.",
  "findings.budgetNumber": "예산 {number}",
  "findings.editBudget": "예산 수정",

  "findings.cable.failed":
    "케이블 {label} 시험 불합격 ({tester}, {at}): 다시 작업한 뒤 다시 시험하세요",
  "findings.cable": "케이블",
  "findings.cable.port_shared":
    "포트 {port}에 케이블 {count}개가 꽂혀 있습니다 (동기화로 생긴 충돌): {labels}",
  "findings.cable.label_shared": "라벨 {label}을(를) 여러 케이블이 씁니다: {labels}",
  "findings.cable.kind_does_not_fit": "{labels}: 케이블 종류가 포트 {port}에 맞지 않습니다",
  "findings.rackResolved": "해결했습니다.",
  "findings.rackRule": "랙 배치",
  "findings.budget": "전력·냉방·무게",
  "findings.park": "{label} 빼서 대기시키기",
  "findings.keepHere": "{rack}에 두기",
  "findings.decision": "서명된 결정",
  "findings.decisionSignedBy": "서명: {name} · {at}",
  "findings.decisionUnsigned": "서명: 없음",
  "findings.decisionHelp":
    "여기서 고칠 수는 없습니다. 권한 있는 구성원이 자산의 수명주기에서 다시 결정하면 사라집니다.",
  "findings.aside.newer": "새 버전의 기록",
  "findings.aside.damaged": "읽을 수 없는 기록",
  "findings.aside.refused": "서버가 받지 않은 기록",
  "findings.aside.newerHelp":
    "더 새로운 버전의 Cloudwright로 만든 기록입니다. 이 기기에 보관해 두었으니 앱을 업데이트하면 보입니다. 다른 기록은 계속 동기화됩니다.",
  "findings.aside.damagedHelp":
    "이 기록은 손상되어 읽을 수 없어 따로 보관했습니다. 다른 기록은 계속 동기화됩니다. 관리자에게 알리세요.",
  "findings.aside.refusedHelp":
    "팀 서버가 이 기기의 변경을 받지 않았습니다. 변경은 이 기기에 남아 있고, 기록을 다시 수정하면 다시 보냅니다. 다른 기록은 계속 동기화됩니다.",
  "findings.tooLarge": "서버에 올리기에 너무 큰 파일",
  "findings.tooLargeSize": "이 서버에는 너무 큽니다: {size}, 한도는 {limit}입니다",
  "findings.tooLargeSizeNoLimit": "이 서버에는 너무 큽니다: {size}",
  "findings.tooLargeHelp":
    "파일은 이 기기에만 있고 하루 뒤 다시 올립니다. 다른 기록과 파일은 계속 동기화됩니다. 관리자에게 서버 한도를 늘려 달라고 하거나 더 작은 파일로 바꾸세요.",
} as const;

export const en: Translation<typeof ko> = {
  "findings.title": "Findings",
  "findings.count": "{count}",
  "findings.intro": "What merging several devices' changes left for a person to decide.",
  "findings.loadFailed": "Could not load the findings.",
  "findings.emptyTitle": "Nothing to review",
  "findings.emptyBody": "When changes from several devices conflict, they show up here.",
  "findings.conflict": "Conflict",
  "findings.conflictHelp":
    "Several devices changed this field to different values at the same time. Choose the value to keep.",
  "findings.chooseValue": "Value to keep for {field}",
  "findings.shownValue": "shown now",
  "findings.resolve": "Keep this value",
  "findings.resolved": "{tag} · {field} settled",
  "findings.alreadyResolved": "Already resolved on another device; refreshing the list.",
  "findings.openAsset": "Open asset",
  "findings.setBy": "{author} · {at}",
  "findings.kind.asset": "Asset",
  "findings.kind.site": "Site",
  "findings.kind.room": "Room",
  "findings.kind.rack": "Rack",
  "findings.kind.devicetype": "Device type",
  "findings.kind.cable": "Cable",
  "findings.kind.labelscheme": "Label scheme",
  "findings.kind.maintplan": "Maintenance plan",
  "findings.kind.auditschedule": "Audit schedule",
  "findings.kind.audit": "Audit",
  "findings.kind.vendor": "Vendor",
  "findings.duplicate": "Duplicate tag",
  "findings.location": "Location to check",
  "findings.locationHelp":
    "A location written by an earlier version names no place. Edit the asset and pick places from the list.",
  "findings.editLocation": "Fix the location",
  "findings.sharedBy": "{count} assets share this tag",
  "findings.duplicateHelp":
    "Each device had unique tags, but merging their changes made two the same. Change the tag of one of the assets.",
  "findings.assetNumber": "Asset {number}",
  "findings.editTag": "Edit tag",
  "findings.duplicateBudget": "Duplicate budget",
  "findings.budgetsShareLine": "{count} budgets for the same year and line",
  "findings.duplicateBudgetHelp":
    "Two devices each made a budget for this line. A request cannot tell which one it means: rename one's line, move it to another year, or settle the amounts.",
  "findings.budgetNumber": "Budget {number}",
  "findings.editBudget": "Edit budget",

  "findings.cable.failed":
    "Cable {label} failed its test ({tester}, {at}): rework it and test again",
  "findings.cable": "Cable",
  "findings.cable.port_shared": "{count} cables are in port {port} (from a merge): {labels}",
  "findings.cable.label_shared": "Several cables carry the label {label}: {labels}",
  "findings.cable.kind_does_not_fit": "{labels}: the cable's kind does not fit port {port}",
  "findings.rackResolved": "Resolved.",
  "findings.rackRule": "Rack placement",
  "findings.budget": "Power, cooling, weight",
  "findings.park": "Park {label}",
  "findings.keepHere": "Keep in {rack}",
  "findings.decision": "Signed decision",
  "findings.decisionSignedBy": "Signed by {name} · {at}",
  "findings.decisionUnsigned": "Signed by nobody",
  "findings.decisionHelp":
    "Nothing to settle here: it goes away when an entitled member decides again in the asset's lifecycle.",
  "findings.aside.newer": "Record from a newer version",
  "findings.aside.damaged": "Unreadable record",
  "findings.aside.refused": "Not taken by the server",
  "findings.aside.newerHelp":
    "Made by a newer version of Cloudwright. It is kept on this device: update the app to see it. Everything else keeps syncing.",
  "findings.aside.damagedHelp":
    "This record is damaged and cannot be read, so it is kept aside. Everything else keeps syncing. Tell an administrator.",
  "findings.aside.refusedHelp":
    "The team server did not take this device's changes to it. They stay on this device and go again when the record is edited. Everything else keeps syncing.",
  "findings.tooLarge": "File too large for the server",
  "findings.tooLargeSize": "Too large for this server: {size}, the limit is {limit}",
  "findings.tooLargeSizeNoLimit": "Too large for this server: {size}",
  "findings.tooLargeHelp":
    "The file is on this device only and goes again in a day. Everything else keeps syncing. Ask an administrator to raise the server's limit, or use a smaller file.",
};
