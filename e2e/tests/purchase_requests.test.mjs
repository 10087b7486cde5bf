// A purchase request's own life in the real window (issue 19), at 1280×800, in Korean (one
// English label checked): what only vitest and core tests covered before. Seeded by the CLI
// with what other files already drive through the window (a budget and an approval rule
// whose line is 검토 by 이검토, then 결재 by 박팀장); each test's request is made as 김민준
// through the app's own command (the dialog that makes one is purchase_flow's), so its
// requester is the profile the test then acts as, in a workspace without a team, where
// people are their profile names.
//  1. 김민준 edits a draft (a quantity and a price: the total follows) and submits it; 이검토
//     approves the review; 박팀장 asks a question in the thread (the request stays in
//     review) and 김민준 answers under it; 박팀장 asks for changes; 김민준 edits and
//     resubmits, and the approval line shows the earlier review and the request for changes
//     as made before the edit, the request waiting on 이검토 again.
//  2. A submitted request is cancelled: without a reason it is refused at the field; with
//     one, it is cancelled and says why; copied, its lines are a new draft's.
//  3. A file is attached to a draft through the file picker, listed, saved (the bytes saved
//     are the bytes picked) and taken off after the confirmation.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const name = "구매-요청-흐름";
const year = new Date().getFullYear();

const workspace = sharedWorkspace(name, (cli) => {
  cli("workspace", "create", name);
  cli(
    "budget",
    "add",
    "--year",
    String(year),
    "--line",
    "인프라 증설",
    "--kind",
    "project",
    "--amount",
    "500,000,000",
    "--policy",
    "warn",
  );
  cli(
    "approval-rule",
    "add",
    "--name",
    "기본 결재",
    "--step",
    "review:이검토",
    "--step",
    "approve:박팀장",
  );
});

/** Today on this machine as YYYY-MM-DD, as the window sends it. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A line as the request dialog sends it. */
function line(description, manufacturer, part, quantity, unitPrice) {
  return {
    key: "",
    description,
    kind: "hardware",
    manufacturer,
    part_number: part,
    device_type: "",
    quantity,
    unit: "EA",
    unit_price: unitPrice,
    currency: "KRW",
  };
}

/** A draft made by the profile in the window (the request dialog's command); its number. */
async function draft(app, title, lines) {
  const made = await app.invoke("purchase_create", {
    input: {
      title,
      department: "인프라팀",
      needed_by: `${year + 1}-06-30`,
      justification: "",
      budget: `${year}/인프라 증설`,
      rates: [],
      lines,
    },
    today: today(),
  });
  return made.request.number;
}

/** Sets the profile's name through the profile dialog, as a person switching seats would. */
async function becomeProfile(app, person) {
  await dismissToasts(app);
  await app.click("profile-button");
  await app.type("profile-name", person);
  await (await app.waitForTestId("profile-initials")).clearValue();
  await app.click("profile-save");
  await app.waitFor(
    async () =>
      (await (await app.byTestId("profile-button")).getAttribute("aria-label")) ===
      `내 프로필: ${person}`,
    { message: `the profile to be ${person}` },
  );
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[role="dialog"]') === null),
    { message: "the profile dialog closed" },
  );
}

/** Closes every toast, as a person would before reaching the buttons under them. */
async function dismissToasts(app) {
  await app.session.execute(() =>
    document
      .querySelectorAll('[data-testid="toast"] button.icon-btn')
      .forEach((button) => button.click()),
  );
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[data-testid="toast"]') === null),
    { message: "the toasts closed" },
  );
}

/** Clicks the element with this test id once no toast covers it. */
async function press(app, testId) {
  await dismissToasts(app);
  await app.click(testId);
}

/** The shared app at 1280×800 as `person`, the profile and window size put back after. */
async function start(t, person) {
  const app = await workspace.open();
  const size = await app.session.getWindowSize();
  await app.session.setWindowSize(1280, 800);
  const before = (await app.invoke("app_state", {})).profile;
  t.after(async () => {
    if (before !== null) {
      await app.invoke("set_profile", { name: before.name, initials: before.initials });
    }
    await app.session.setWindowSize(size.width, size.height);
  });
  await becomeProfile(app, person);
  return app;
}

/** Opens the request `number` from the request list of the purchasing screen. */
async function openRequest(app, number) {
  await press(app, "nav-purchasing");
  await press(app, "purchasing-tabs-requests");
  const row = await app.waitFor(
    async () => {
      const found = await app.session.$(`[data-testid="request-row"][data-number="${number}"]`);
      return (await found.isExisting()) && found;
    },
    { message: `${number} in the request list` },
  );
  await row.click();
  await app.waitFor(
    async () =>
      (await (await app.byTestId("request-detail")).getAttribute("data-number")) === number,
    { message: `${number} open` },
  );
}

async function status(app) {
  return (await app.byTestId("request-detail")).getAttribute("data-status");
}

async function waitForStatus(app, expected) {
  let last;
  await app.waitFor(async () => (last = await status(app)) === expected, {
    message: () => `the request to be ${expected} (it is ${last})`,
  });
}

/** Each approver on the approval line: step, name, verdict shown, whether it is stale, text. */
function approvers(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="request-approver"]')].map((element) => ({
      step: Number(element.getAttribute("data-step")),
      name: element.getAttribute("data-name"),
      verdict: element.getAttribute("data-verdict"),
      stale: element.getAttribute("data-stale") === "true",
      text: element.textContent,
    })),
  );
}

/** What the request's lines section says, every line's words together. */
function linesText(app) {
  return app.session.execute(
    () => document.querySelector('[data-testid="request-detail-lines"]')?.textContent ?? "",
  );
}

/** Changes the one line's quantity and unit price in the edit dialog and saves. */
async function editLine(app, quantity, unitPrice) {
  await press(app, "request-edit");
  await app.waitForTestId("request-dialog");
  await app.type("request-line-quantity", quantity);
  await app.type("request-line-unit_price", unitPrice);
  await press(app, "request-save");
  await app.waitFor(async () => !(await (await app.byTestId("request-dialog")).isExisting()), {
    message: "the edit saved",
  });
}

test(
  "edit a draft and see its total, submit, a question answered in the thread, changes asked, edited and resubmitted with the earlier decisions shown as made before the edit",
  { timeout: 300_000 },
  async (t) => {
    const app = await start(t, "김민준");
    const number = await draft(app, "평택 1센터 GPU 서버", [
      line("GPU 서버 Dell XE9680", "Dell", "XE9680", "2", "9,000,000"),
    ]);
    await openRequest(app, number);
    await waitForStatus(app, "draft");
    await app.waitForText("request-total", /18,000,000/);
    // 김민준 is its requester: who answers questions and edits it below.
    assert.match(await app.text("request-detail"), /김민준 · 인프라팀/);

    // A quantity and a price changed: the total and the line follow.
    await editLine(app, "3", "8,500,000");
    await app.waitForText("request-total", /25,500,000/);
    const edited = await linesText(app);
    assert.match(edited, /GPU 서버 Dell XE9680/);
    assert.match(edited, /8,500,000/);
    assert.doesNotMatch(edited, /9,000,000/);
    await press(app, "request-submit");
    await waitForStatus(app, "submitted");
    await app.waitForText("request-waiting-on", "이검토");

    // 이검토 reviews it.
    await becomeProfile(app, "이검토");
    await openRequest(app, number);
    await press(app, "request-approve");
    await waitForStatus(app, "in_review");
    await app.waitForText("request-waiting-on", "박팀장");

    // 박팀장 asks for more information: a question in the thread; it stays in review.
    await becomeProfile(app, "박팀장");
    await openRequest(app, number);
    const question = "GPU 서버 한 대당 전력이 랙 예산 안에 드나요?";
    await app.type("request-ask-text", question);
    await press(app, "request-ask-send");
    await app.waitForText("request-question", new RegExp(question.replace(/\?/g, "\\?")));
    assert.match(await app.text("request-question"), /박팀장/);
    assert.equal(await status(app), "in_review");

    // 김민준 answers under the question.
    await becomeProfile(app, "김민준");
    await openRequest(app, number);
    await press(app, "request-answer-open");
    const answer = "대당 10.2kW, B열 랙 두 개에 나눠 넣습니다.";
    await app.type("request-answer-compose-text", answer);
    await press(app, "request-answer-compose-send");
    await app.waitFor(
      () =>
        app.session.execute(
          (said) =>
            [...document.querySelectorAll('[data-testid="request-question"]')].some((item) => {
              const answers = item.querySelector('[data-testid="request-answer"]');
              return answers !== null && answers.textContent.includes(said);
            }),
          answer,
        ),
      { message: "the answer under the question" },
    );
    assert.match(await app.text("request-answer"), /김민준/);
    assert.equal(await status(app), "in_review");

    // 박팀장 asks for changes, with a comment.
    await becomeProfile(app, "박팀장");
    await openRequest(app, number);
    await app.type("request-comment", "예비 1대를 더해 주세요");
    await press(app, "request-changes");
    await waitForStatus(app, "changes_requested");
    assert.deepEqual(
      (await approvers(app)).map(({ name, verdict, stale }) => ({ name, verdict, stale })),
      [
        { name: "이검토", verdict: "approve", stale: false },
        { name: "박팀장", verdict: "changes", stale: false },
      ],
    );

    // 김민준 edits (four servers) and resubmits: what was decided on three is stale, and the
    // review is asked again.
    await becomeProfile(app, "김민준");
    await openRequest(app, number);
    await editLine(app, "4", "8,500,000");
    await app.waitForText("request-total", /34,000,000/);
    await press(app, "request-submit");
    await waitForStatus(app, "submitted");
    await app.waitForText("request-waiting-on", "이검토");
    const decided = await approvers(app);
    assert.deepEqual(
      decided.map(({ step, name, verdict, stale }) => ({ step, name, verdict, stale })),
      [
        { step: 0, name: "이검토", verdict: "approve", stale: true },
        { step: 1, name: "박팀장", verdict: "changes", stale: true },
      ],
    );
    assert.match(decided[0].text, /승인 \(수정 전 내용\)/);
    assert.match(decided[1].text, /보완 요청 \(수정 전 내용\)/);
    // The thread is still there.
    assert.match(await app.text("request-answer"), /10\.2kW/);
    await app.screenshot("purchase-requests-resubmitted-ko");

    // One English label: the same line in English.
    await app.click("language-en");
    await app.waitFor(
      async () => (await approvers(app))[0]?.text.includes("approved (before the edit)"),
      { message: "the stale review in English" },
    );
    await app.click("language-ko");
    await app.waitFor(async () => (await approvers(app))[0]?.text.includes("수정 전 내용"), {
      message: "back in Korean",
    });
  },
);

test(
  "cancel a submitted request: refused without a reason at its field, then cancelled with the reason shown; copied, its lines are a new draft's",
  { timeout: 300_000 },
  async (t) => {
    const app = await start(t, "김민준");
    const number = await draft(app, "B동 스위치 교체", [
      line("10G 스위치 Arista 7050", "Arista", "7050SX3", "2", "12,000,000"),
      line("광 트랜시버 10G SR", "Arista", "SFP-10G-SR", "48", "150,000"),
    ]);
    await openRequest(app, number);
    await press(app, "request-submit");
    await waitForStatus(app, "submitted");

    await press(app, "request-cancel");
    await app.waitForTestId("request-cancel-dialog");
    await press(app, "request-cancel-confirm");
    await app.waitFor(
      () =>
        app.session.execute(
          () =>
            document.querySelector('[data-testid="request-cancel-dialog"] .field-error')
              ?.textContent ?? "",
        ),
      { message: "the empty reason refused at its field" },
    );
    assert.equal(await status(app), "submitted", "nothing cancelled without a reason");
    const reason = "본사 표준 장비로 대체";
    await app.type("request-cancel-reason", reason);
    await press(app, "request-cancel-confirm");
    await waitForStatus(app, "cancelled");
    await app.waitForText("request-cancelled-reason", new RegExp(`김민준.*${reason}`));
    // Nothing to cancel or edit any more; copying still is.
    assert.equal(await (await app.byTestId("request-cancel")).isExisting(), false);
    assert.equal(await (await app.byTestId("request-edit")).isExisting(), false);

    await press(app, "request-copy");
    let copy;
    await app.waitFor(
      async () => {
        copy = await (await app.byTestId("request-detail")).getAttribute("data-number");
        return copy !== null && copy !== number;
      },
      { message: "the copy opened" },
    );
    await waitForStatus(app, "draft");
    // Both lines carried, with their quantities and prices: the same total.
    await app.waitForText("request-total", /31,200,000/);
    const lines = await linesText(app);
    for (const part of [/10G 스위치 Arista 7050/, /12,000,000/, /광 트랜시버 10G SR/, /150,000/]) {
      assert.match(lines, part);
    }
    // Both are in the list: the cancelled one and its copy.
    await app.waitFor(
      () =>
        app.session.execute(
          (wanted) =>
            wanted.every((pair) =>
              [...document.querySelectorAll('[data-testid="request-row"]')].some(
                (row) =>
                  row.getAttribute("data-number") === pair[0] &&
                  row.getAttribute("data-status") === pair[1],
              ),
            ),
          [
            [number, "cancelled"],
            [copy, "draft"],
          ],
        ),
      { message: "the cancelled request and its draft copy listed" },
    );
    await app.screenshot("purchase-requests-copied-ko");
  },
);

test(
  "a file attached through the picker is listed, saved with the bytes picked, and taken off after the confirmation",
  { timeout: 300_000 },
  async (t) => {
    const app = await start(t, "김민준");
    const number = await draft(app, "A동 랙 배선 자재", [
      line("Cat6A 패치 케이블 3m", "", "", "200", "9,000"),
    ]);
    await openRequest(app, number);
    await app.waitForTestId("request-files-empty");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "request-file-"));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const drawing = path.join(dir, "A동-배선도.pdf");
    // Every byte value: a file read as text or cut short would not compare equal.
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, at) => (at * 7) % 256));
    fs.writeFileSync(drawing, bytes);
    await (await app.session.$('[data-testid="request-file-input"]')).setValue(drawing);
    const listed = await app.waitFor(
      async () => {
        const row = await app.session.$('[data-testid="request-file"]');
        return (await row.isExisting()) && row;
      },
      { message: "the drawing listed" },
    );
    assert.equal(await listed.getAttribute("data-name"), "A동-배선도.pdf");
    assert.match(await listed.getText(), /김민준/);
    assert.equal(await (await app.byTestId("request-files-empty")).isExisting(), false);

    // Saved (where exports go, the toast names the path): the same bytes.
    await dismissToasts(app);
    await (await listed.$('[data-testid="file-save"]')).click();
    const saved = await app.waitFor(
      () =>
        app.session.execute(
          () =>
            [...document.querySelectorAll(".toast-message")]
              .map((element) => element.textContent.match(/(\/\S+\.pdf)/)?.[1])
              .find((found) => found !== undefined) ?? false,
        ),
      { message: "a toast naming the saved file" },
    );
    assert.deepEqual(fs.readFileSync(saved), bytes);
    await app.screenshot("purchase-requests-file-ko");

    // Taken off: asked first; kept when the question is cancelled, gone when confirmed.
    await press(app, "request-file-remove");
    await app.waitForTestId("request-file-remove-confirm");
    await press(app, "request-file-remove-confirm-cancel");
    assert.equal(await (await app.byTestId("request-file")).isExisting(), true);
    await press(app, "request-file-remove");
    await press(app, "request-file-remove-confirm-go");
    await app.waitForTestId("request-files-empty");
    assert.equal(await (await app.byTestId("request-file")).isExisting(), false);
  },
);
