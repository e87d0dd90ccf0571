// Leave readiness in the browser (R4, R5, R8, R13): Asha, who has a desk phone, plans leave while she still owns
// a ticket with a promise inside the leave; the checklist is red. She fixes every item from the screens the
// blockers lead to - the ticket onto the hand-off sheet, the desk phone diverted and confirmed, the hand-off
// email sent - and the checklist turns green by itself once the real SMTP server has taken the email.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertNoPageErrors,
  eventually,
  goTo,
  launchBrowser,
  openPage,
  screenshot,
  see,
  settled,
  signIn,
  startDesk,
  utcDay,
} from "./desk.mjs";

const subject = "Invoice PDF shows the wrong VAT rate";

describe("leave readiness goes from red to green", () => {
  let desk;
  let browser;
  let page;
  let ticket;
  let firstDay;
  let lastDay;

  before(async () => {
    desk = await startDesk({
      people: [
        { login: "asha", name: "Asha Rao", role: "engineer", deskPhone: "1001" },
        { login: "bruno", name: "Bruno Costa", role: "engineer", deskPhone: "1002" },
        { login: "mubeen", name: "Mubeen Ali", role: "shift_lead" },
      ],
    });
    const { asha } = desk.people;
    const now = await desk.now();
    firstDay = utcDay(now, 3);
    lastDay = utcDay(now, 4);
    ticket = await desk.api("POST", "/api/v1/tickets", asha, {
      subject,
      description: "Our March invoice charged 19% VAT; we are registered for the reduced 7% rate.",
      priority: "high",
      channel: "email",
      customer: { name: "Northwind Traders", email: "ap@northwind.example", plan: "enterprise", critical: true },
    });
    await desk.api("POST", `/api/v1/tickets/${ticket.id}/take`, asha, {});
    // She promised the customer an update on the first day of her leave (R2): a follow-up the leave must cover.
    await desk.api("POST", `/api/v1/tickets/${ticket.id}/promise`, asha, { by: `${firstDay}T10:00:00Z` });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const card = () => page.getByTestId("leave-card");
  const item = (name) => card().locator(`[data-testid=readiness-item][data-item=${name}]`);
  const itemIs = (name, state) =>
    see(page, item(name).and(page.locator(`[data-state=${state}]`)), `readiness item ${name}: ${state}`);

  it("she plans leave for days 3 to 4 and the checklist is red on every item", async () => {
    page = await openPage(browser, desk);
    await signIn(page, desk.people.asha);
    await goTo(page, "Leave");
    await settled(page, "Leave");
    await see(page, page.getByText("No leave planned."), "no leave yet");

    const form = page.getByTestId("plan-leave-form");
    await form.getByLabel("First day").fill(firstDay);
    await form.getByLabel("Last day").fill(lastDay);
    await form.getByLabel("Kind").selectOption("vacation");
    await form.getByLabel("Note for the team (optional)").fill("Back on Monday; Bruno covers Northwind.");
    await form.getByRole("button", { name: "Plan leave" }).click();

    await see(page, card(), "the planned leave");
    await see(page, '[data-testid=readiness-ready][data-ready="false"]', "the checklist not ready");
    for (const name of ["bin_cleared", "followups_done", "handoff_sent", "diversion_set"]) {
      await itemIs(name, "missing");
    }
    assert.match(await item("bin_cleared").textContent(), new RegExp(`#${ticket.id}`), "names the ticket in her bin");
    assert.match(await item("diversion_set").textContent(), /1001/, "names her desk phone");

    const [leave] = (await desk.api("GET", `/api/v1/leaves?user_id=${desk.people.asha.id}`, desk.people.asha)).leaves;
    assert.equal(leave.first_day, firstDay);
    assert.equal(leave.last_day, lastDay);
    assert.equal(leave.readiness.ready, false);
    await screenshot(page, "leave-readiness");
    assertNoPageErrors(page);
  });

  it("she places her ticket on the hand-off sheet from its screen: bin and follow-ups turn green", async () => {
    await item("bin_cleared").getByRole("link", { name: `Open ticket #${ticket.id}` }).click();
    await settled(page, `#${ticket.id} ${subject}`);
    await page.getByText("Place on the hand-off sheet (R8)").click();
    const form = page.getByTestId("handoff-form");
    await form.getByLabel("Why").selectOption("leave");
    const validation = "Reproduced: the March invoice used 19%; the tax table says 7%.";
    await form.getByLabel("Validation done so far").fill(validation);
    await form.getByLabel("Next step").fill("Re-run the invoice job with the fixed rate and re-issue the PDF.");
    await form.getByRole("button", { name: "Place on the hand-off sheet" }).click();
    await see(page, form.getByText(/On the hand-off sheet as entry \d+/), "the ticket placed on the sheet");

    await goTo(page, "Leave");
    await settled(page, "Leave");
    await itemIs("bin_cleared", "done");
    await itemIs("followups_done", "done");
    await see(page, '[data-testid=readiness-ready][data-ready="false"]', "still not ready");
  });

  it("she diverts her desk phone and confirms it", async () => {
    const diversion = await see(page, item("diversion_set").getByTestId("diversion-form"), "the diversion form");
    await diversion.getByLabel("Forward my desk phone to").fill("1002");
    await diversion.getByRole("button", { name: "Set diversion" }).click();
    const confirm = await see(page, item("diversion_set").getByTestId("confirm-diversion"), "the confirmation button");
    await see(page, card().getByText("Desk phone 1001 forwards to 1002"), "the diversion on the leave");
    await itemIs("diversion_set", "missing"); // the phone system here is manual: it waits for her word
    await confirm.click();
    await itemIs("diversion_set", "done");
  });

  it("she sends the hand-off email; once the SMTP server has it, the checklist is green by itself", async () => {
    await see(page, '[data-testid=live-status][data-mode="stream"]', "the live stream connected");
    const mark = await page.evaluate(() => (window.__marker = Math.random()));
    await item("handoff_sent").getByTestId("send-handoff-email").click();
    await see(page, '[data-testid=readiness-ready][data-ready="true"]', "the checklist ready");
    for (const name of ["bin_cleared", "followups_done", "handoff_sent", "diversion_set"]) {
      await itemIs(name, "done");
    }
    assert.equal(await page.evaluate(() => window.__marker), mark, "it turned green without a reload");
    await see(page, card().getByText("Hand-off email: accepted by the mail server"), "the email's state");

    const mail = await eventually(
      () => desk.mail().find((m) => m.text.includes(subject)),
      "a message in the Maildir that names the ticket",
    );
    assert.match(mail.raw, /^X-RcptTo: team@desk\.test/m, "sent to the whole team (R5)");
    assert.match(mail.text, /Re-run the invoice job with the fixed rate and re-issue the PDF\./, "with the next step");
    assert.equal(desk.mail().length, 1, "one email");

    const [leave] = (await desk.api("GET", `/api/v1/leaves?user_id=${desk.people.asha.id}`, desk.people.asha)).leaves;
    assert.equal(leave.readiness.ready, true);
    assert.equal(leave.handoff_email.state, "delivered");
    assertNoPageErrors(page);
  });
});
