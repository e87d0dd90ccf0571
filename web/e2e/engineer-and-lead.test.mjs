// An engineer's day in the browser, against the real server: Asha signs in, takes a ticket from the queue, replies
// with a promise, is refused when she tries to give the ticket to Bruno (R11) and files the assignment request
// from the refusal; the shift lead approves it in another browser, and Asha's open ticket shows the new owner
// without a reload (live stream).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertNoPageErrors,
  goTo,
  launchBrowser,
  localInput,
  openPage,
  see,
  settled,
  signIn,
  startDesk,
} from "./desk.mjs";

const customers = {
  northwind: { name: "Northwind Traders", email: "ap@northwind.example", plan: "enterprise", critical: true },
  fabrikam: { name: "Fabrikam Logistics", email: "it@fabrikam.example", plan: "business", critical: false },
  tailspin: { name: "Tailspin Toys", email: "help@tailspin.example", plan: "standard", critical: false },
};

describe("an engineer takes, replies, is refused, and the lead's approval shows live", () => {
  let desk;
  let browser;
  let asha; // Asha's page, kept open from the first test to the last
  let lead;
  let ticket; // the ticket Asha takes
  let rules;

  before(async () => {
    desk = await startDesk({
      people: [
        { login: "asha", name: "Asha Rao", role: "engineer" },
        { login: "bruno", name: "Bruno Costa", role: "engineer" },
        { login: "mubeen", name: "Mubeen Ali", role: "shift_lead" },
      ],
    });
    const { mubeen } = desk.people;
    const newTicket = (subject, customer, priority, channel, description) =>
      desk.api("POST", "/api/v1/tickets", mubeen, { subject, description, priority, channel, customer });
    ticket = await newTicket(
      "Invoice PDF shows the wrong VAT rate",
      customers.northwind,
      "high",
      "email",
      "Our March invoice charged 19% VAT; we are registered for the reduced 7% rate.",
    );
    await newTicket(
      "Carrier labels print blank on the Zebra ZD421",
      customers.fabrikam,
      "normal",
      "intercom",
      "Since this morning every shipping label comes out blank.",
    );
    await newTicket(
      "How do we add a second warehouse?",
      customers.tailspin,
      "low",
      "web",
      "We are opening a site in Leeds and want stock kept apart.",
    );
    rules = (await desk.api("GET", "/api/v1/rules")).rules;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it("Asha signs in, takes a ticket from the queue and finds it in her bin", async () => {
    asha = await openPage(browser, desk);
    await signIn(asha, desk.people.asha);
    await settled(asha, "My bin");
    await see(asha, asha.getByText("Nothing to work on"), "an empty bin before she takes anything");

    await goTo(asha, "Queue");
    await settled(asha, "Queue");
    assert.equal(await asha.getByTestId("queue-row").count(), 3, "the three new tickets wait in the queue");
    const row = asha.locator(`[data-testid=queue-row][data-ticket-id="${ticket.id}"]`);
    await see(asha, row, "the VAT ticket in the queue");
    await row.getByTestId("take-button").click();
    await see(asha, asha.getByText("is yours now"), "the confirmation that she took it");
    await row.waitFor({ state: "detached" });

    const taken = await desk.api("GET", `/api/v1/tickets/${ticket.id}`, desk.people.asha);
    assert.equal(taken.owner_id, desk.people.asha.id, "the desk has Asha as the owner");
    assert.equal(taken.status, "open");

    await goTo(asha, "My bin");
    await settled(asha, "My bin");
    const binRow = await see(
      asha,
      `[data-testid=bin-row][data-ticket-id="${ticket.id}"]`,
      "the taken ticket in her bin",
    );
    assert.match(await binRow.textContent(), /Invoice PDF shows the wrong VAT rate/);
    assert.equal(await asha.getByTestId("bin-row").count(), 1);
    assertNoPageErrors(asha);
  });

  it("she replies with a 'next update by' promise; the reply joins the thread and the promise shows", async () => {
    await asha.locator(`[data-testid=bin-row][data-ticket-id="${ticket.id}"] a`).click();
    await settled(asha, `#${ticket.id} Invoice PDF shows the wrong VAT rate`);
    assert.equal(new URL(asha.url()).pathname, `/tickets/${ticket.id}`);

    const now = await desk.now();
    const promise = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 15, 0));
    const reply = "Thanks for the details. We have reproduced the 19% rate and are checking the tax table now.";
    await asha.getByTestId("reply-box").fill(reply);
    await asha.getByTestId("promise-field").fill(localInput(promise));
    await asha.getByTestId("reply-submit").click();

    const entry = asha.locator("[data-testid=thread-entry][data-kind=reply]");
    await see(asha, entry.filter({ hasText: reply }), "her reply in the thread");
    assert.match(await entry.first().textContent(), /Public reply/);
    assert.equal(await asha.getByTestId("reply-box").inputValue(), "", "the reply box is emptied once sent");

    const promised = asha
      .locator("dl.facts dt", { hasText: "Promised update" })
      .locator("xpath=following-sibling::dd[1]");
    await see(asha, promised, "the promised update time in the ticket's details");
    const shown = await promised.locator("time").getAttribute("datetime");
    assert.equal(Date.parse(shown), promise.getTime(), `the promise shown (${shown}) is the one she made`);
    const clocks = (await desk.api("GET", `/api/v1/tickets/${ticket.id}`, desk.people.asha)).sla;
    assert.equal(Date.parse(clocks.promised_update_at), promise.getTime(), "the desk keeps the promise (R2)");
    assert.ok(clocks.first_response_at, "the public reply counts as the first response");
  });

  it("she tries to give the ticket to Bruno, is refused with the rule, and asks the lead right there", async () => {
    const { bruno, asha: me } = desk.people;
    const owner = asha.getByTestId("owner-field");
    assert.equal(await owner.getAttribute("data-owner-id"), String(me.id));
    await asha.getByTestId("owner-select").selectOption({ label: "Bruno Costa" });
    await owner.getByRole("button", { name: "Change owner" }).click();

    const refusal = await see(asha, owner.getByTestId("refusal-box"), "the refusal box");
    const rule = await refusal.getAttribute("data-rule");
    assert.ok(["R7", "R11"].includes(rule), `the refusal names R7 or R11, not ${rule}`);
    const sentence = rules.find((r) => r.id === rule).sentence;
    const text = await refusal.textContent();
    assert.ok(text.includes(sentence), `the refusal quotes the rule's sentence "${sentence}":\n${text}`);
    assert.match(text, /shift lead/i, "the refusal says who decides");

    const refused = await desk.api("GET", `/api/v1/tickets/${ticket.id}`, me);
    assert.equal(refused.owner_id, me.id, "a refused command changes nothing");

    const form = refusal.getByTestId("assignment-request-form");
    await see(asha, form, "the assignment request offered in the refusal");
    assert.equal(
      await form.getByLabel("Give the ticket to").inputValue(),
      String(bruno.id),
      "the request suggests the person she chose",
    );
    await form.getByLabel("Why (the lead reads this)").fill("Bruno wrote the tax-table import; he can fix it today.");
    await form.getByRole("button", { name: "Ask the shift lead for reassignment" }).click();
    await see(asha, refusal.getByText(/Request \d+ is with the shift lead/), "the confirmation of the request");

    const pending = await desk.api("GET", "/api/v1/requests?state=pending", desk.people.mubeen);
    const filed = pending.requests.filter((r) => r.kind === "assignment" && r.ticket_id === ticket.id);
    assert.equal(filed.length, 1, `one assignment request for the ticket: ${JSON.stringify(pending.requests)}`);
    assert.equal(filed[0].owner_id, bruno.id);
    assert.equal(filed[0].requester.id, me.id);
    assertNoPageErrors(asha);
  });

  it("the lead approves it with a note, and Asha's open page shows Bruno as the owner without a reload", async () => {
    const { bruno, mubeen } = desk.people;
    const live = asha.getByTestId("live-status");
    await see(asha, '[data-testid=live-status][data-mode="stream"]', "the live stream connected on Asha's page");
    await asha.evaluate(() => {
      window.__marker = 1;
    });
    const before = asha.url();
    let loads = 0;
    asha.on("load", () => (loads += 1));

    lead = await openPage(browser, desk);
    await signIn(lead, mubeen);
    await settled(lead, "Approvals");
    const row = await see(lead, "[data-testid=approvals-row][data-kind=assignment]", "the request in the lead's inbox");
    assert.equal(await lead.getByTestId("approvals-row").count(), 1);
    const rowText = await row.textContent();
    assert.match(rowText, /Invoice PDF shows the wrong VAT rate/);
    assert.match(rowText, /Asha Rao/);
    assert.match(rowText, /Give it to: Bruno Costa/);

    const note = "Approved: Bruno owns the VAT import, he takes this one.";
    await row.getByTestId("approval-note").fill(note);
    await row.getByTestId("approve-button").click();
    await see(lead, lead.getByText(/Request \d+ approved\./), "the lead's confirmation");
    await see(lead, lead.getByText("Nothing to decide."), "an empty inbox after the decision");

    // Asha did nothing: the stream told her page that the desk changed, and it refetched.
    await see(asha, `[data-testid=owner-field][data-owner-id="${bruno.id}"]`, "Bruno as the owner on Asha's page");
    assert.equal(await asha.getByTestId("owner-name").textContent(), "Bruno Costa");
    await see(asha, asha.getByText(note), "the lead's note on the ticket (R10)");
    assert.equal(await asha.evaluate(() => window.__marker), 1, "the page was not reloaded");
    assert.equal(asha.url(), before, "the page did not move");
    assert.equal(loads, 0, "no page load happened");
    assert.equal(await live.getAttribute("data-mode"), "stream");

    const moved = await desk.api("GET", `/api/v1/tickets/${ticket.id}`, mubeen);
    assert.equal(moved.owner_id, bruno.id);
    assertNoPageErrors(asha);
    assertNoPageErrors(lead);
  });
});
