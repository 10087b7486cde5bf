// Messages of the app shell: title, navigation, workspaces, first run, profile, language,
// the offline indicator and the keyboard shortcut help.
import type { Translation } from "../../i18n/areaMessages";

export const ko = {
  "app.name": "Cloudwright",
  "app.heading": "데이터센터 구축 관리",
  "app.tagline": "설계부터 구매, 자산, 랙과 케이블, 컴퓨트 풀까지 한곳에서 관리합니다.",
  "app.welcome": "{name}에 오신 것을 환영합니다",
  "app.loadFailed": "앱 상태를 불러오지 못했습니다.",

  "recover.title": "로컬 저장소가 손상되었습니다",
  "recover.whatToDo": "할 수 있는 일",
  "recover.optionRecover":
    "복구: 손상된 저장소를 그대로 옆에 복사해 두고, 아직 읽을 수 있는 모든 기록과 파일로 새 저장소를 만듭니다.",
  "recover.optionBackup": "백업에서 복원: 최근 백업으로 작업공간을 되살립니다 (store restore).",
  "recover.optionServer":
    "팀 서버와 동기화한 작업공간은 서버에 모든 동기화된 기록이 있으므로, 복구 후 다음 동기화에서 다시 받아옵니다.",
  "recover.button": "읽을 수 있는 것 복구하기",
  "recover.running": "복구하는 중…",
  "recover.failed": "복구하지 못했습니다. {message}",
  "recover.doneTitle": "복구를 마쳤습니다",
  "recover.counts": "복구한 기록 {recovered}건, 잃은 기록 {lost}건",
  "recover.filesLost": "읽을 수 없는 파일 {count}개",
  "recover.kept": "손상된 저장소는 바꾸지 않고 여기에 두었습니다: {path}",
  "recover.reportFile": "이 보고서는 파일로도 저장했습니다: {path}",
  "recover.nextSync":
    "동기화하는 작업공간은 다음 동기화에서 팀 서버의 모든 기록을 다시 받아옵니다.",
  "recover.open": "복구한 저장소 열기",
  "recover.kind.asset": "자산",
  "recover.kind.rack": "랙",
  "recover.kind.room": "전산실",
  "recover.kind.site": "사이트",
  "recover.kind.cable": "케이블",
  "recover.kind.devicetype": "장비 유형",
  "recover.kind.audit": "실사",

  "language.label": "언어",
  "language.ko": "한국어",
  "language.en": "English",

  "nav.label": "주 메뉴",
  "nav.assets": "자산",
  "nav.findings": "발견 사항",
  "nav.findingsCount": "확인할 항목 {count}건",

  "offline.label": "로컬 저장소 · 오프라인 작동",
  "offline.tooltip":
    "모든 데이터는 이 컴퓨터의 로컬 저장소에 저장되므로 네트워크 없이도 모든 기능이 작동합니다.",
  "offline.path": "저장 위치: {path}",

  "workspace.label": "작업공간",
  "workspace.none": "작업공간 없음",
  "workspace.list": "작업공간 목록",
  "workspace.create": "새 작업공간",
  "workspace.createTitle": "새 작업공간 만들기",
  "workspace.name": "이름",
  "workspace.namePlaceholder": "예: 평택 1센터",
  "workspace.nameHelp":
    "데이터센터 하나 또는 구축 프로젝트 하나를 작업공간 하나로 관리합니다. 최대 80자, '/'는 쓸 수 없습니다.",
  "workspace.createButton": "만들기",
  "workspace.creating": "만드는 중…",
  "workspace.assetCount": "자산 {count}개",
  "workspace.login": "팀 서버에 로그인…",

  "firstRun.title": "첫 작업공간을 만드세요",
  "firstRun.body":
    "작업공간은 데이터센터 하나의 구축 프로젝트입니다. 자산, 위치, 변경 이력이 작업공간마다 따로 저장됩니다.",
  "firstRun.offline": "모든 데이터는 이 컴퓨터에 저장되며 네트워크 없이 작동합니다.",
  "firstRun.login": "팀 서버에 로그인",
  "firstRun.name": "내 이름",
  "firstRun.nameHelp":
    "변경 이력과 서명에 작성자로 남는 이름입니다. 나중에 프로필에서 바꿀 수 있습니다.",
  "firstRun.namePlaceholder": "예: 김민준",
  "firstRun.nameNeeded": "이름을 입력하세요. 변경 이력에 작성자로 남습니다.",
  "firstRun.sample": "예시 작업공간 만들기",
  "firstRun.sampleMaking": "예시 데이터를 만드는 중…",
  "firstRun.sampleHelp":
    "예시 작업공간에는 자산 2,000개, 랙 20개가 있는 전산실 하나, 케이블 1,022개가 들어 있어 화면을 둘러보기 좋습니다. 실제 작업공간과 따로 저장됩니다.",
  "firstRun.sampleName": "예시 데이터센터",
  "firstRun.sampleMade":
    "예시 작업공간을 만들었습니다: 자산 {assets}개 · 랙 {racks}개 · 케이블 {cables}개",

  "profile.label": "내 프로필: {name}",
  "profile.title": "내 프로필",
  "profile.setName": "이름 설정",
  "profile.name": "이름",
  "profile.initials": "이니셜",
  "profile.help": "변경 이력에 이 이름과 이니셜이 작성자로 기록됩니다.",
  "profile.saved": "프로필을 저장했습니다",

  "help.title": "키보드 단축키",
  "help.open": "단축키 도움말",
  "help.newAsset": "새 자산 등록",
  "help.search": "검색창으로 이동",
  "help.edit": "선택한 자산 수정",
  "help.import": "CSV 가져오기",
  "help.move": "목록에서 선택 이동",
  "help.openRow": "선택한 자산 열기",
  "help.close": "패널 · 대화상자 닫기",
  "help.save": "양식 저장",
  "help.help": "이 도움말 보기",
  "help.note": "입력란에 글자를 입력하는 중에는 단축키가 작동하지 않습니다.",
  "help.or": "또는",
  "help.syncNow": "지금 동기화",

  "nav.racks": "랙·전산실",

  "nav.cables": "케이블",
  "help.floorZoom": "평면도: 확대 · 축소 (마우스 휠도 됨)",
  "help.floorFit": "평면도: 전체 보기",
  "help.bulkPlan": "케이블: 일괄 계획",
  "help.printLabels": "케이블: 라벨 인쇄",
  "help.selectRow": "케이블: 커서가 있는 행 선택/해제",

  "nav.alerts": "알림",
  "nav.alertsCount": "알림 {count}건",
  "nav.plans": "유지보수 계획",
  "nav.people": "담당자별",

  "nav.reports": "보고서",
} as const;

export const en: Translation<typeof ko> = {
  "app.name": "Cloudwright",
  "app.heading": "Datacenter build management",
  "app.tagline": "Design, purchasing, assets, racks and cables, and the compute pool in one place.",
  "app.welcome": "Welcome to {name}",
  "app.loadFailed": "Could not load the app state.",

  "recover.title": "The local store is damaged",
  "recover.whatToDo": "What you can do",
  "recover.optionRecover":
    "Recover: keep a copy of the damaged store as it is, and build a new store from every record and file that can still be read.",
  "recover.optionBackup":
    "Restore from a backup: bring a workspace back from a recent backup (store restore).",
  "recover.optionServer":
    "A workspace synced with a team server: the server has everything synced, and the next sync after recovery fetches it again.",
  "recover.button": "Recover what can be read",
  "recover.running": "Recovering…",
  "recover.failed": "Recovery failed. {message}",
  "recover.doneTitle": "Recovery finished",
  "recover.counts": "{recovered} records recovered, {lost} lost",
  "recover.filesLost": "{count} files could not be read",
  "recover.kept": "The damaged store was kept unchanged in {path}",
  "recover.reportFile": "This report was also written to {path}",
  "recover.nextSync": "Synced workspaces fetch everything the team server has on the next sync.",
  "recover.open": "Open the recovered store",
  "recover.kind.asset": "Asset",
  "recover.kind.rack": "Rack",
  "recover.kind.room": "Room",
  "recover.kind.site": "Site",
  "recover.kind.cable": "Cable",
  "recover.kind.devicetype": "Device type",
  "recover.kind.audit": "Audit",

  "language.label": "Language",
  "language.ko": "한국어",
  "language.en": "English",

  "nav.label": "Main navigation",
  "nav.assets": "Assets",
  "nav.findings": "Findings",
  "nav.findingsCount": "{count} to review",

  "offline.label": "Local store · works offline",
  "offline.tooltip":
    "Everything is kept in the local store on this computer, so every feature works without a network.",
  "offline.path": "Stored in: {path}",

  "workspace.label": "Workspace",
  "workspace.none": "No workspace",
  "workspace.list": "Workspaces",
  "workspace.create": "New workspace",
  "workspace.createTitle": "Create a workspace",
  "workspace.name": "Name",
  "workspace.namePlaceholder": "e.g. Pyeongtaek DC 1",
  "workspace.nameHelp":
    "One workspace holds one datacenter or build-out project. Up to 80 characters, no '/'.",
  "workspace.createButton": "Create",
  "workspace.creating": "Creating…",
  "workspace.assetCount": "{count} assets",
  "workspace.login": "Log in to a team server…",

  "firstRun.title": "Create your first workspace",
  "firstRun.body":
    "A workspace is the build-out project of one datacenter. Its assets, locations and change history are kept separately from other workspaces.",
  "firstRun.offline": "Everything is stored on this computer and works without a network.",
  "firstRun.login": "Log in to a team server",
  "firstRun.name": "Your name",
  "firstRun.nameHelp":
    "Change history and signatures record this name as the author. You can change it later in your profile.",
  "firstRun.namePlaceholder": "e.g. Minjun Kim",
  "firstRun.nameNeeded": "Enter your name: change history records it as the author.",
  "firstRun.sample": "Create a sample workspace",
  "firstRun.sampleMaking": "Creating sample data…",
  "firstRun.sampleHelp":
    "The sample workspace holds 2,000 assets, a room of 20 racks and 1,022 cables to look around in. It is kept apart from your real workspaces.",
  "firstRun.sampleName": "Sample datacenter",
  "firstRun.sampleMade":
    "Sample workspace created: {assets} assets · {racks} racks · {cables} cables",

  "profile.label": "My profile: {name}",
  "profile.title": "My profile",
  "profile.setName": "Set your name",
  "profile.name": "Name",
  "profile.initials": "Initials",
  "profile.help": "Change history records this name and these initials as the author.",
  "profile.saved": "Profile saved",

  "help.title": "Keyboard shortcuts",
  "help.open": "Keyboard shortcuts",
  "help.newAsset": "Register a new asset",
  "help.search": "Go to search",
  "help.edit": "Edit the selected asset",
  "help.import": "Import CSV",
  "help.move": "Move the selection in the list",
  "help.openRow": "Open the selected asset",
  "help.close": "Close the panel or dialog",
  "help.save": "Save the form",
  "help.help": "Show this help",
  "help.note": "Shortcuts do not fire while you are typing in a field.",
  "help.or": "or",
  "help.syncNow": "Sync now",

  "nav.racks": "Racks & rooms",

  "nav.cables": "Cables",
  "help.floorZoom": "Floor plan: zoom in · out (or the mouse wheel)",
  "help.floorFit": "Floor plan: fit",
  "help.bulkPlan": "Cables: bulk plan",
  "help.printLabels": "Cables: print labels",
  "help.selectRow": "Cables: select or unselect the row at the cursor",

  "nav.alerts": "Alerts",
  "nav.alertsCount": "{count} alerts",
  "nav.plans": "Maintenance plans",
  "nav.people": "By person",

  "nav.reports": "Reports",
};
