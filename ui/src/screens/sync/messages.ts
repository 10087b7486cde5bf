// Messages of team sync: the status pill, login, sync states, reasons and explanations.
import type { Translation } from "../../i18n/areaMessages";

export const ko = {
  "sync.panel.title": "팀 동기화",
  "sync.state.not_configured": "서버 미연결",
  "sync.state.logged_out": "로그아웃됨",
  "sync.state.connecting": "연결 확인 중…",
  "sync.state.offline": "오프라인",
  "sync.state.syncing": "동기화 중…",
  "sync.state.synced": "동기화됨",
  "sync.state.error": "동기화 오류",
  "sync.pill.syncedAt": "동기화됨 {time}",
  "sync.pill.waiting": "동기화 대기",
  "sync.pill.error": "오류: {reason}",
  "sync.pill.pending": "보낼 변경 {count}건",
  "sync.progress.push": "보내는 중 {done}/{total}",
  "sync.progress.pull": "받는 중 {count}건",
  "sync.progress.files": "파일 {done}/{total}",
  "sync.reason.offline": "서버 연결 안 됨",
  "sync.reason.read_only": "보기 전용 계정",
  "sync.reason.unauthenticated": "로그인 필요",
  "sync.reason.token_expired": "로그인 만료",
  "sync.reason.not_logged_in": "로그인 필요",
  "sync.reason.forbidden": "접근 권한 없음",
  "sync.reason.unknown_workspace": "서버에 작업공간 없음",
  "sync.reason.body_too_large": "변경이 너무 큼",
  "sync.reason.store": "로컬 저장소 오류",
  "sync.reason.sync": "동기화 실패",
  "sync.reason.bad_answer": "알 수 없는 서버 응답",
  "sync.reason.internal": "서버 내부 오류",
  "sync.reason.server_key_changed": "서버 키가 바뀜",
  "sync.reason.insufficient_storage": "서버 디스크 가득 참",
  "sync.reason.unknown": "알 수 없는 오류",
  "sync.explain.not_configured":
    "이 작업공간은 이 컴퓨터에만 저장되어 있습니다. 팀 서버에 로그인하면 다른 기기와 변경을 자동으로 주고받습니다.",
  "sync.explain.logged_out":
    "로그아웃되어 있어 변경을 주고받지 않습니다. 이 컴퓨터의 변경은 그대로 남아 있고, 다시 로그인하면 이어서 동기화합니다.",
  "sync.explain.offline":
    "서버에 연결할 수 없습니다. 네트워크가 돌아오면 자동으로 다시 시도합니다. 그동안의 변경은 이 컴퓨터에 저장됩니다.",
  "sync.explain.offlineRetry":
    "서버에 연결할 수 없습니다. 네트워크가 돌아오면 자동으로 다시 시도합니다 ({seconds}초 후). 그동안의 변경은 이 컴퓨터에 저장됩니다.",
  "sync.explain.connecting":
    "앱을 연 뒤 아직 서버에 닿지 않았습니다. 화면의 내용은 마지막 동기화까지 받은 것이며, 곧 서버 연결을 확인합니다.",
  "sync.explain.syncing": "서버와 변경을 주고받는 중입니다.",
  "sync.explain.synced": "모든 변경이 서버와 맞춰져 있습니다.",
  "sync.explain.syncedPending": "보낼 변경 {count}건을 곧 서버로 보냅니다.",
  "sync.explain.neverSynced": "아직 서버와 동기화하지 않았습니다. 곧 시작합니다.",
  "sync.explain.server_key_changed":
    "서버가 처음 로그인할 때와 다른 키로 서명합니다. 이 작업공간은 아무것도 바꾸지 않았습니다. 서버를 백업 없이 다시 만들었는지 관리자에게 확인하세요.",
  "sync.explain.read_only":
    "보기 전용 계정입니다 — 변경을 보낼 수 없습니다. 관리자에게 편집 권한을 요청하세요.",
  "sync.explain.unauthenticated": "서버가 이 로그인을 더 이상 받지 않습니다. 다시 로그인하세요.",
  "sync.explain.token_expired": "로그인이 만료되었습니다. 다시 로그인하세요.",
  "sync.explain.not_logged_in": "로그인되어 있지 않습니다. 서버에 로그인하세요.",
  "sync.explain.forbidden":
    "이 계정은 이 작업공간에 접근할 수 없습니다. 관리자에게 작업공간 권한을 요청하세요.",
  "sync.explain.unknown_workspace":
    "서버에 이 작업공간이 없습니다. 서버에서 지워졌을 수 있습니다. 관리자에게 문의하세요.",
  "sync.explain.body_too_large":
    "보낼 변경이 서버가 한 번에 받는 크기보다 큽니다. 관리자에게 서버의 크기 제한을 확인해 달라고 요청하세요.",
  "sync.explain.store":
    "이 컴퓨터의 로컬 저장소를 읽거나 쓰지 못해 동기화하지 못했습니다. 디스크 공간과 권한을 확인하세요.",
  "sync.explain.sync": "동기화하지 못했습니다.",
  "sync.explain.bad_answer":
    "서버가 알 수 없는 응답을 보냈습니다. 주소가 Cloudwright 동기화 서버인지, 앱과 서버의 버전이 맞는지 확인하세요.",
  "sync.explain.internal":
    "서버에 문제가 생겼습니다. 관리자에게 서버 로그를 확인해 달라고 요청하세요.",
  "sync.explain.insufficient_storage":
    "팀 서버의 디스크가 가득 찼습니다. 아무것도 보내지 않았고, 변경은 이 컴퓨터에 그대로 있습니다. 서버 관리자가 공간을 비우면 자동으로 보냅니다. 서버에서 받아오는 것은 계속됩니다.",
  "sync.explain.unknown": "동기화하지 못했습니다.",
  "sync.retryIn": "{seconds}초 후 다시 시도합니다.",
  "sync.details": "자세히: {message}",
  "sync.server": "서버",
  "sync.user": "사용자",
  "sync.lastSync": "마지막 동기화",
  "sync.never": "아직 없음",
  "sync.pending": "보낼 변경",
  "sync.count": "{count}건",
  "sync.now": "지금 동기화",
  "sync.logout": "로그아웃",
  "sync.login": "서버에 로그인",
  "sync.relogin": "다시 로그인",
  "sync.loggedOut": "로그아웃했습니다. 변경은 이 컴퓨터에 그대로 남습니다.",

  "login.title": "서버에 로그인",
  "login.help": "팀 동기화 서버의 주소와 계정을 입력하세요. 비밀번호는 저장하지 않습니다.",
  "login.server": "서버 주소",
  "login.serverHint": "https:// 또는 http://로 시작하고, 포트가 있으면 함께 적습니다.",
  "login.user": "사용자 이름",
  "login.password": "비밀번호",
  "login.next": "다음",
  "login.submit": "로그인",
  "login.back": "이전",
  "login.checking": "서버에 확인하는 중…",
  "login.loggingIn": "로그인하는 중…",
  "login.chooseWorkspace": "{server}에서 쓸 작업공간을 고르세요",
  "login.chooseHint":
    "이 컴퓨터에 같은 이름의 작업공간이 있으면 그것과 이어지고, 없으면 새로 만들어 서버에서 받아옵니다.",
  "login.done": "{server}에 로그인했습니다 · {workspace} 동기화를 시작합니다",
  "login.error.bad_address": "서버 주소 형식이 아닙니다. 예: https://sync.example.kr:8443",
  "login.error.offline": "서버에 연결할 수 없습니다. 주소와 네트워크 연결을 확인하세요.",
  "login.error.invalid_credentials": "사용자 이름 또는 비밀번호가 맞지 않습니다.",
  "login.error.no_remote_workspace":
    "이 계정으로 쓸 수 있는 작업공간이 서버에 없습니다. 관리자에게 작업공간 권한을 요청하세요.",
  "login.error.choose_workspace": "작업공간을 하나 고르세요.",
  "login.error.forbidden": "이 계정은 그 작업공간에 접근할 수 없습니다.",
  "login.error.bad_answer":
    "서버가 알 수 없는 응답을 보냈습니다. Cloudwright 동기화 서버의 주소인지 확인하세요.",
  "login.error.insufficient_storage":
    "팀 서버의 디스크가 가득 차 이 기기의 첫 로그인을 기록할 수 없습니다. 서버 관리자가 공간을 비운 뒤 다시 로그인하세요.",
  "login.role.admin": "관리자",
  "login.role.editor": "편집",
  "login.role.auditor": "감사",
  "login.role.viewer": "보기 전용",
} as const;

export const en: Translation<typeof ko> = {
  "sync.panel.title": "Team sync",
  "sync.state.not_configured": "No server",
  "sync.state.logged_out": "Logged out",
  "sync.state.connecting": "Checking the server…",
  "sync.state.offline": "Offline",
  "sync.state.syncing": "Syncing…",
  "sync.state.synced": "Synced",
  "sync.state.error": "Sync error",
  "sync.pill.syncedAt": "Synced {time}",
  "sync.pill.waiting": "Waiting to sync",
  "sync.pill.error": "Error: {reason}",
  "sync.pill.pending": "{count} to send",
  "sync.progress.push": "sending {done}/{total}",
  "sync.progress.pull": "receiving {count}",
  "sync.progress.files": "files {done}/{total}",
  "sync.reason.offline": "server unreachable",
  "sync.reason.read_only": "view-only account",
  "sync.reason.unauthenticated": "login needed",
  "sync.reason.token_expired": "login expired",
  "sync.reason.not_logged_in": "login needed",
  "sync.reason.forbidden": "no access",
  "sync.reason.unknown_workspace": "workspace not on server",
  "sync.reason.body_too_large": "changes too large",
  "sync.reason.store": "local store error",
  "sync.reason.sync": "sync failed",
  "sync.reason.bad_answer": "unexpected server answer",
  "sync.reason.internal": "server failure",
  "sync.reason.server_key_changed": "server key changed",
  "sync.reason.insufficient_storage": "server disk full",
  "sync.reason.unknown": "unknown error",
  "sync.explain.not_configured":
    "This workspace is kept on this computer only. Log in to a team server to exchange changes with other devices automatically.",
  "sync.explain.logged_out":
    "You are logged out, so no changes are exchanged. Changes made here stay on this computer and sync once you log in again.",
  "sync.explain.offline":
    "The server cannot be reached. Sync tries again automatically once the network is back; changes made meanwhile are kept on this computer.",
  "sync.explain.offlineRetry":
    "The server cannot be reached. Sync tries again automatically once the network is back (in {seconds} s); changes made meanwhile are kept on this computer.",
  "sync.explain.connecting":
    "The server has not been reached since the app started. What you see is what the last sync brought; the connection is checked shortly.",
  "sync.explain.syncing": "Exchanging changes with the server.",
  "sync.explain.synced": "All changes are in step with the server.",
  "sync.explain.syncedPending": "{count} changes will be sent to the server shortly.",
  "sync.explain.neverSynced": "Not synced with the server yet; it starts shortly.",
  "sync.explain.server_key_changed":
    "The server now signs with another key than at the first login. Nothing was changed here. Ask the administrator whether the server was rebuilt without its backup.",
  "sync.explain.read_only":
    "This is a view-only account — changes cannot be sent. Ask an administrator for edit access.",
  "sync.explain.unauthenticated": "The server no longer accepts this login. Log in again.",
  "sync.explain.token_expired": "Your login has expired. Log in again.",
  "sync.explain.not_logged_in": "You are not logged in. Log in to the server.",
  "sync.explain.forbidden":
    "This account has no access to this workspace. Ask an administrator to add you to it.",
  "sync.explain.unknown_workspace":
    "The server does not have this workspace; it may have been removed there. Ask an administrator.",
  "sync.explain.body_too_large":
    "The changes to send are larger than the server accepts at once. Ask an administrator to check the server's size limit.",
  "sync.explain.store":
    "Sync failed because the local store on this computer could not be read or written. Check disk space and permissions.",
  "sync.explain.sync": "Sync failed.",
  "sync.explain.bad_answer":
    "The server sent an answer this app cannot read. Check that the address is a Cloudwright sync server and that app and server versions match.",
  "sync.explain.internal":
    "The server ran into a problem. Ask an administrator to check the server's log.",
  "sync.explain.insufficient_storage":
    "The team server's disk is full. Nothing was sent, and your changes are kept on this computer; they go out automatically once the server's administrator frees space. Receiving from the server goes on.",
  "sync.explain.unknown": "Sync failed.",
  "sync.retryIn": "Trying again in {seconds} s.",
  "sync.details": "Details: {message}",
  "sync.server": "Server",
  "sync.user": "User",
  "sync.lastSync": "Last sync",
  "sync.never": "Not yet",
  "sync.pending": "To send",
  "sync.count": "{count}",
  "sync.now": "Sync now",
  "sync.logout": "Log out",
  "sync.login": "Log in to a server",
  "sync.relogin": "Log in again",
  "sync.loggedOut": "Logged out. Your changes stay on this computer.",

  "login.title": "Log in to a server",
  "login.help":
    "Enter the team sync server's address and your account. The password is not stored.",
  "login.server": "Server address",
  "login.serverHint": "Starts with https:// or http://, with the port if there is one.",
  "login.user": "User name",
  "login.password": "Password",
  "login.next": "Next",
  "login.submit": "Log in",
  "login.back": "Back",
  "login.checking": "Checking with the server…",
  "login.loggingIn": "Logging in…",
  "login.chooseWorkspace": "Choose a workspace on {server}",
  "login.chooseHint":
    "A workspace of the same name on this computer is joined to it; otherwise a new one is created and filled from the server.",
  "login.done": "Logged in to {server} · syncing {workspace}",
  "login.error.bad_address": "That is not a server address. Example: https://sync.example.kr:8443",
  "login.error.offline":
    "The server cannot be reached. Check the address and the network connection.",
  "login.error.invalid_credentials": "The user name or password is not right.",
  "login.error.no_remote_workspace":
    "This account has no workspace on the server. Ask an administrator to add you to one.",
  "login.error.choose_workspace": "Choose a workspace.",
  "login.error.forbidden": "This account has no access to that workspace.",
  "login.error.bad_answer":
    "The server sent an answer this app cannot read. Check that this is a Cloudwright sync server.",
  "login.error.insufficient_storage":
    "The team server's disk is full, so this device's first login cannot be recorded. Log in again once the server's administrator has freed space.",
  "login.role.admin": "admin",
  "login.role.editor": "editor",
  "login.role.auditor": "auditor",
  "login.role.viewer": "view only",
};
