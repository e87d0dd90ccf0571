// The desk with the keyboard only: sign in, move through the bin with j/k, open with Enter, "?" for the shortcuts,
// Tab to the reply box and send a reply, "g q" to the queue and "t" to take - and no shortcut fires while typing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PASSWORD, assertNoPageErrors, launchBrowser, openPage, see, settled, startDesk } from "./desk.mjs";

describe("keyboard only", () => {
  let desk;
  let browser;
  let page;
  const mine = [];
  let unowned;

  before(async () => {
    desk = await startDesk({
      people: [
        { login: "asha", name: "Asha Rao", role: "engineer" },
        { login: "mubeen", name: "Mubeen Ali", role: "shift_lead" },
      ],
    });
    const { asha, mubeen } = desk.people;
    const customer = { name: "Contoso Pharmacy", email: "ops@contoso.example", plan: "business", critical: false };
    for (const [subject, priority] of [
      ["Stock count differs after the nightly sync", "urgent"],
      ["Barcode scanner drops the first digit", "high"],
      ["Export to CSV misses the batch column", "normal"],
    ]) {
      const t = await desk.api("POST", "/api/v1/tickets", mubeen, { subject, priority, channel: "email", customer });
      await desk.api("POST", `/api/v1/tickets/${t.id}/take`, asha, {});
      mine.push(t);
    }
    unowned = await desk.api("POST", "/api/v1/tickets", mubeen, {
      subject: "Password reset mail never arrives",
      priority: "normal",
      channel: "web",
      customer,
    });
    browser = await launchBrowser();
    page = await openPage(browser, desk);
  });

  after(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName,
        testId: el?.getAttribute("data-testid") ?? null,
        row: el?.closest("[data-ticket-id]")?.getAttribute("data-ticket-id") ?? null,
        outline: el ? getComputedStyle(el).outlineStyle : "none",
      };
    });

  it("signs in with Tab, typing and Enter", async () => {
    await page.goto("/");
    await page.getByTestId("sign-in-form").waitFor();
    await page.keyboard.press("Tab");
    assert.equal((await focused()).testId, "sign-in-login", "Tab reaches the login first");
    await page.keyboard.type(desk.people.asha.login);
    await page.keyboard.press("Tab");
    assert.equal((await focused()).testId, "sign-in-password");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await settled(page, "My bin");
    assert.equal(await page.getByTestId("bin-row").count(), 3);
  });

  it("j and k move through the bin, Enter opens the ticket", async () => {
    const order = await page.getByTestId("bin-row").evaluateAll((rows) => rows.map((r) => r.dataset.ticketId));
    assert.deepEqual([...order].sort(), mine.map((t) => String(t.id)).sort());

    const expectRow = async (index, after) => {
      const f = await focused();
      assert.equal(f.row, order[index], `after ${after} row ${index + 1} (#${order[index]}) has focus, not #${f.row}`);
      assert.equal(f.tag, "A", "focus is on the row's link");
      assert.notEqual(f.outline, "none", "the focused row shows a focus ring");
      const active = page.locator(".ticket-row--active");
      assert.equal(await active.count(), 1);
      assert.equal(await active.getAttribute("data-ticket-id"), order[index]);
    };
    await page.keyboard.press("j");
    await expectRow(0, "j");
    await page.keyboard.press("j");
    await expectRow(1, "j j");
    await page.keyboard.press("j");
    await expectRow(2, "j j j");
    await page.keyboard.press("j");
    await expectRow(2, "j past the end");
    await page.keyboard.press("k");
    await expectRow(1, "k");

    await page.keyboard.press("Enter");
    await page.waitForURL(`**/tickets/${order[1]}`);
    const subject = mine.find((t) => String(t.id) === order[1]).subject;
    await settled(page, `#${order[1]} ${subject}`);
  });

  it("? shows the shortcuts, Escape closes them", async () => {
    await page.keyboard.press("?");
    const dialog = await see(page, page.getByTestId("shortcuts-dialog"), "the shortcuts dialog");
    assert.equal(await dialog.evaluate((d) => d.open && d.matches(":modal")), true, "a modal dialog");
    assert.match(await dialog.textContent(), /Next ticket in a list/);
    assert.equal(await page.evaluate(() => document.activeElement?.closest("dialog") !== null), true, "focus is in it");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("Tab reaches the reply box; typing there fires no shortcut; the reply goes out with the keyboard", async () => {
    const url = page.url();
    let presses = 0;
    while ((await focused()).testId !== "reply-box") {
      presses += 1;
      assert.ok(presses <= 40, `Tab did not reach the reply box in 40 presses (at ${JSON.stringify(await focused())})`);
      await page.keyboard.press("Tab");
    }
    assert.notEqual((await focused()).outline, "none", "the reply box shows a focus ring");

    // Every shortcut key in one sentence: j, k, t, r, n, g then b, g then q, and "?".
    const reply =
      "Quick check: is the job queue backed up tonight? Try the scanner again, then let us know (ref gb-2291/gq).";
    await page.keyboard.type(reply);
    assert.equal(await page.getByTestId("reply-box").inputValue(), reply, "every key went into the reply box");
    assert.equal(page.url(), url, "no g b / g q navigation while typing");
    assert.equal(await page.getByTestId("shortcuts-dialog").isVisible(), false, "no ? dialog while typing");
    assert.equal((await focused()).testId, "reply-box", "focus stayed in the reply box");

    await page.keyboard.press("Tab"); // the promise field
    assert.equal((await focused()).testId, "promise-field");
    await page.keyboard.type("j");
    assert.equal(page.url(), url);
    let steps = 0;
    while ((await focused()).testId !== "reply-submit") {
      steps += 1;
      assert.ok(steps <= 12, "Tab did not reach the send button"); // a date-time field has a stop per part
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    const sent = page.locator("[data-testid=thread-entry][data-kind=reply]").filter({ hasText: reply });
    await see(page, sent, "the reply in the thread");

    // Outside a field "r" brings the reply box back.
    assert.notEqual((await focused()).testId, "reply-box");
    await page.keyboard.press("r");
    assert.equal((await focused()).testId, "reply-box", "r focuses the reply box");
  });

  it("g q opens the queue, j selects the ticket and t takes it", async () => {
    await page.keyboard.press("Shift+Tab"); // out of the reply box: shortcuts are off while typing
    assert.notEqual((await focused()).testId, "reply-box");
    await page.keyboard.press("g");
    await page.keyboard.press("q");
    await settled(page, "Queue");
    await page.keyboard.press("j");
    assert.equal((await focused()).row, String(unowned.id));
    await page.keyboard.press("t");
    await see(page, page.getByText("is yours now"), "the ticket taken");
    const taken = await desk.api("GET", `/api/v1/tickets/${unowned.id}`, desk.people.asha);
    assert.equal(taken.owner_id, desk.people.asha.id);

    await page.keyboard.press("g");
    await page.keyboard.press("b");
    await settled(page, "My bin");
    await see(page, `[data-testid=bin-row][data-ticket-id="${unowned.id}"]`, "the taken ticket in the bin");
    assertNoPageErrors(page);
  });
});
