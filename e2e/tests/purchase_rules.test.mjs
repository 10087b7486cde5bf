// The approval rules tab (결재 규칙, issue 19) in the real window at 1280×800, in Korean with
// one English label checked. Seeded by the CLI with a rule to remove later (기존 규칙) and a
// substitute (대결: 이본부장 for 강대표) in a workspace without a team, where people are the
// names typed.
//  1. A rule is saved through the add dialog (a name, an upper bound, 검토 by 박팀장 then 결재
//     by 강대표) and listed with its band and its line.
//  2. The substitute is edited through its dialog, which opens with its values: a later last
//     day and another reason, shown in the list.
//  3. The seeded rule is removed: the confirmation says requests already submitted keep their
//     line; cancelled it stays, confirmed it is gone and the new rule stays.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const name = "구매-결재-규칙";
const next = new Date().getFullYear() + 1;

const workspace = sharedWorkspace(name, (cli) => {
  cli("workspace", "create", name);
  cli(
    "approval-rule",
    "add",
    "--name",
    "기존 규칙",
    "--min",
    "100,000,000",
    "--step",
    "approve:강대표",
  );
  cli(
    "substitute",
    "add",
    "--absent",
    "강대표",
    "--substitute",
    "이본부장",
    "--from",
    `${next}-01-10`,
    "--until",
    `${next}-01-20`,
    "--reason",
    "해외 출장",
  );
});

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

/** The rules listed, by name, as the table shows them. */
function ruleNames(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="rule-row"]')].map((row) =>
      row.getAttribute("data-rule"),
    ),
  );
}

/** The element matching `selector` once it is displayed. */
async function shown(app, selector, message) {
  return app.waitFor(
    async () => {
      const element = await app.session.$(selector);
      return (await element.isExisting()) && (await element.isDisplayed()) && element;
    },
    { message },
  );
}

/** Waits until no dialog is open. */
async function dialogClosed(app, message) {
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[role="dialog"]') === null),
    { message },
  );
}

test(
  "save a rule through the dialog, edit a substitute and remove a rule after its confirmation, in Korean at 1280×800",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));
    await app.click("nav-purchasing");
    await app.click("purchasing-tabs-rules");
    await app.waitForTestId("rules-tab");
    await app.waitFor(async () => (await ruleNames(app)).includes("기존 규칙"), {
      message: "the seeded rule listed",
    });

    // 1. A rule through the dialog.
    await app.click("rule-add");
    await app.waitForTestId("rule-dialog");
    await app.type("rule-field-name", "소액 구매");
    await app.type("rule-field-max_krw", "10,000,000");
    await app.type("rule-step-approvers", "박팀장");
    await app.click("rule-step-add");
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="rule-step"]')).length === 2,
      { message: "a second step" },
    );
    const kinds = await app.session.$$('[data-testid="rule-step-kind"]');
    await kinds[0].selectByAttribute("value", "review");
    await kinds[1].selectByAttribute("value", "approve");
    const approvers = await app.session.$$('[data-testid="rule-step-approvers"]');
    await approvers[1].setValue("강대표");
    await app.click("rule-save");
    await dialogClosed(app, "the rule dialog closed after saving");
    const row = await shown(
      app,
      '[data-testid="rule-row"][data-rule="소액 구매"]',
      "소액 구매 listed",
    );
    const rowText = await row.getText();
    assert.match(rowText, /10,000,000/);
    assert.match(rowText, /검토 박팀장/);
    assert.match(rowText, /결재 강대표/);

    // 2. The substitute edited through its dialog, which opens with its values.
    await dismissToasts(app);
    const substitute = await shown(app, '[data-testid="substitute-row"]', "the substitute listed");
    assert.match(await substitute.getText(), new RegExp(`${next}-01-10 – ${next}-01-20`));
    await (await substitute.$('[data-testid="substitute-edit"]')).click();
    const dialog = await app.waitForTestId("substitute-dialog");
    assert.match(await dialog.getText(), /대결 수정/);
    assert.equal(await (await app.byTestId("substitute-field-reason")).getValue(), "해외 출장");
    await app.type("substitute-field-until", `${next}-01-31`);
    await app.type("substitute-field-reason", "출장 연장");
    await app.click("substitute-save");
    await dialogClosed(app, "the substitute dialog closed after saving");
    await app.waitFor(
      async () => {
        const text = await (await app.byTestId("substitute-row")).getText();
        return text.includes(`${next}-01-10 – ${next}-01-31`) && text.includes("출장 연장");
      },
      { message: "the substitute's new last day and reason listed" },
    );

    // 3. The seeded rule removed, after its confirmation.
    await dismissToasts(app);
    const old = await shown(app, '[data-testid="rule-row"][data-rule="기존 규칙"]', "기존 규칙");
    await (await old.$('[data-testid="rule-remove"]')).click();
    const confirm = await app.waitForTestId("rule-remove-confirm");
    assert.match(await confirm.getText(), /이미 올라간 요청은 정해진 결재선을 그대로 따릅니다/);
    await app.click("rule-remove-confirm-cancel");
    await dialogClosed(app, "the confirmation closed when cancelled");
    assert.deepEqual((await ruleNames(app)).sort(), ["기존 규칙", "소액 구매"].sort());
    await (await old.$('[data-testid="rule-remove"]')).click();
    await app.click("rule-remove-confirm-go");
    await dialogClosed(app, "the confirmation closed when confirmed");
    await app.waitFor(async () => !(await ruleNames(app)).includes("기존 규칙"), {
      message: "기존 규칙 gone from the list",
    });
    assert.deepEqual(await ruleNames(app), ["소액 구매"]);
    const overflow = await app.session.execute(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page overflows sideways by ${overflow}px`);

    // One English label: the remove button of the rule left.
    await dismissToasts(app);
    await app.click("language-en");
    await app.waitForText("purchasing-tabs-rules", "Approval rules");
    const english = await shown(app, '[data-testid="rule-row"][data-rule="소액 구매"]', "the rule");
    const remove = await english.$('[data-testid="rule-remove"]');
    assert.equal(await remove.getText(), "Remove");
    assert.equal(await remove.getAttribute("aria-label"), "Remove the rule 소액 구매");
    await app.click("language-ko");
    await app.waitForText("purchasing-tabs-rules", "결재 규칙");
  },
);
