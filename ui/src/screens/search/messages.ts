// Messages of going between screens: Back, record links and the global search (Ctrl K).
import type { Translation } from "../../i18n/areaMessages";

export const ko = {
  "nav.back": "뒤로",
  "nav.backTitle": "이전 화면으로 (Alt+←)",

  "search.button": "전체 검색",
  "search.open": "모든 기록 검색 (Ctrl K)",
  "search.title": "전체 검색",
  "search.input": "검색어",
  "search.placeholder": "자산, 랙, 전산실, 케이블, 담당자… 무엇이든 입력하세요",
  "search.hint": "↑↓로 고르고 Enter로 엽니다. Esc로 닫습니다.",
  "search.searching": "찾는 중…",
  "search.none": "‘{text}’에 맞는 기록이 없습니다.",
  "search.results": "검색 결과",
  "search.more": "결과가 많습니다. 검색어를 더 입력하면 좁혀집니다.",
  "search.failed": "검색하지 못했습니다. {message}",
  "search.kind.asset": "자산",
  "search.kind.rack": "랙",
  "search.kind.room": "전산실",
  "search.kind.site": "사이트",
  "search.kind.cable": "케이블",
  "search.kind.person": "담당자",
  "search.kind.audit": "실사",
  "help.globalSearch": "전체 검색",
  "help.back": "이전 화면으로",
};

export const en: Translation<typeof ko> = {
  "nav.back": "Back",
  "nav.backTitle": "Previous screen (Alt+←)",

  "search.button": "Search all",
  "search.open": "Search every record (Ctrl K)",
  "search.title": "Search all",
  "search.input": "Search text",
  "search.placeholder": "Assets, racks, rooms, cables, people… type anything",
  "search.hint": "↑↓ to choose, Enter to open, Esc to close.",
  "search.searching": "Searching…",
  "search.none": "No record matches ‘{text}’.",
  "search.results": "Results",
  "search.more": "Many results: type more to narrow them.",
  "search.failed": "Could not search. {message}",
  "search.kind.asset": "Asset",
  "search.kind.rack": "Rack",
  "search.kind.room": "Room",
  "search.kind.site": "Site",
  "search.kind.cable": "Cable",
  "search.kind.person": "Person",
  "search.kind.audit": "Audit",
  "help.globalSearch": "Search all",
  "help.back": "Previous screen",
};
