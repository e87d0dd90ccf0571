// A quick look at the app in a real browser: signs in as an engineer and as the shift lead, opens every screen at
// laptop and phone size, runs axe-core on each, and saves screenshots. Not the end-to-end suite; a smoke test.
//
//   BASE=http://127.0.0.1:5173 CHROMIUM=/usr/bin/chromium OUT=/tmp/shiftdesk-smoke npm run smoke
//
// BASE serves the app with the API behind it (the server, or `npm run dev` proxying to one with the demo data:
// `shiftdesk demo --db demo.db`). Exits 1 when axe finds a violation or a screen fails to show.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const base = process.env.BASE ?? "http://127.0.0.1:5173";
const out = process.env.OUT ?? "/tmp/shiftdesk-smoke";
const password = process.env.PASSWORD ?? "shiftdesk-demo";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const viewports = {
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
};

// A screen is a path, optionally with something to do there before the check (a refusal, an open dialog).
const tryToReassign = async (page) => {
  await page.getByTestId("owner-select").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Change owner" }).click();
  await page.getByTestId("refusal-box").waitFor();
};
const openShortcuts = async (page) => {
  await page.keyboard.press("?");
  await page.getByTestId("shortcuts-dialog").waitFor();
};
const openMenu = async (page) => {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
};

const tours = [
  {
    login: "asha",
    screens: [
      ["/bin"],
      ["/queue", openMenu],
      ["/tickets/1"],
      ["/tickets/2", tryToReassign, "refusal"],
      ["/calls"],
      ["/leave"],
      ["/handoff-sheet", openShortcuts, "shortcuts"],
    ],
  },
  {
    login: "mubeen",
    screens: [["/approvals"], ["/team"], ["/at-risk"], ["/handoff-sheet"], ["/training"], ["/leave"], ["/tickets/5"]],
  },
];

async function signIn(page, login) {
  await page.goto(`${base}/`);
  await page.getByTestId("sign-in-form").waitFor();
  await page.getByTestId("sign-in-login").fill(login);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await page.locator("nav[aria-label=Main]").waitFor({ state: "attached" });
}

async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }),
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

function report(name, violations) {
  console.log(`${violations.length ? "FAIL" : "ok  "} ${name}`);
  for (const v of violations) console.log(`    ${v}`);
  return violations.length;
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
let failures = 0;
try {
  for (const [size, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId("sign-in-form").waitFor();
    await page.screenshot({ path: `${out}/${size}-sign-in.png`, fullPage: true });
    failures += report(`${size}-sign-in`, await axeViolations(page));
    await context.close();
  }
  for (const [size, viewport] of Object.entries(viewports)) {
    for (const tour of tours) {
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      page.on("pageerror", (e) => {
        failures += 1;
        console.log(`  page error: ${e.message}`);
      });
      await signIn(page, tour.login);
      for (const [screen, act, what] of tour.screens) {
        await page.goto(`${base}${screen}`);
        await page.locator("h1").first().waitFor();
        await page.waitForLoadState("networkidle").catch(() => {});
        await page.waitForTimeout(300);
        await act?.(page);
        const name = `${size}-${tour.login}${screen.replaceAll("/", "-")}${what ? `-${what}` : ""}`;
        await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
        failures += report(name, await axeViolations(page));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(failures ? `${failures} problems` : "no axe violations");
process.exit(failures ? 1 : 0);
