// The end-to-end tests' desk: a real shiftdesk server on a temporary database, a real SMTP server for the hand-off
// email, and Debian's chromium driven by playwright-core. One desk per test file:
//
//   const desk = await startDesk({ people: [{ login: "asha", name: "Asha Rao", role: "engineer" }, ...] });
//   await desk.api("POST", "/api/v1/tickets", desk.people.asha, { ... });
//   ...
//   await desk.stop();
//
// SHIFTDESK_BINARY names the server (default ../build/shiftdesk), CHROMIUM the browser (default /usr/bin/chromium).
// E2E_KEEP=1 keeps the temporary directory (database, server log, Maildir) for a look afterwards.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const webDir = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
export const repoDir = path.resolve(webDir, "..");
export const distDir = path.join(webDir, "dist");
// Screenshots go to a temporary directory unless SHIFTDESK_SCREENSHOTS names one: `make screenshots` points it at
// docs/screenshots, so a test run never rewrites the pictures the README shows.
export const screenshotDir = process.env.SHIFTDESK_SCREENSHOTS
  ? path.resolve(repoDir, process.env.SHIFTDESK_SCREENSHOTS)
  : path.join(tmpdir(), "shiftdesk-screenshots");
export const binary = path.resolve(webDir, process.env.SHIFTDESK_BINARY || "../build/shiftdesk");
export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
export const PASSWORD = "correct horse battery";

/** Every wait in the tests is bounded by this (ms): a locator wait, a page load, a poll. */
export const WAIT = 10_000;

const smtpSink = path.join(repoDir, "tests", "fakes", "smtp_sink.py");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

function checkPrerequisites() {
  if (!existsSync(binary)) {
    throw new Error(`no shiftdesk server at ${binary}: build it (make build) or set SHIFTDESK_BINARY`);
  }
  if (!existsSync(path.join(distDir, "index.html"))) {
    throw new Error(`the web UI is not built (${distDir}/index.html is missing): run scripts/build-web.sh`);
  }
  if (!existsSync(smtpSink)) throw new Error(`the test SMTP server ${smtpSink} is missing`);
  checkChromium();
}

function checkChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no chromium at ${chromiumPath}: install Debian's chromium (scripts/install-deps.sh, or apt-get install ` +
        "chromium) or set CHROMIUM to a Chromium binary. The tests never download a browser.",
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

// Whatever happens to the test process, the servers it started go with it.
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    for (const child of children) child.kill("SIGKILL");
    process.exit(130);
  });
}

/** Runs the CLI to completion; throws with its stderr when it fails. */
function runCli(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`shiftdesk ${args.join(" ")} exited ${code}: ${err.trim()}`));
    });
    child.stdin.end(input ?? "");
  });
}

/**
 * Starts a long-running process and resolves with the first stdout line that `ready` accepts (its match). Keeps
 * stderr (and later stdout) as the process's log, for the failure message of a test.
 */
function startProcess(name, command, args, { env, ready }) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const log = [];
  const keep = (line) => {
    log.push(line);
    if (log.length > 400) log.shift();
  };
  createInterface({ input: child.stderr }).on("line", keep);
  const lines = createInterface({ input: child.stdout });
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not start within ${WAIT} ms:\n${log.join("\n")}`));
    }, WAIT);
    lines.on("line", (line) => {
      keep(line);
      const match = ready(line);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not be started (${command}): ${e.message}`));
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${log.join("\n")}`));
    });
  });
  return { child, log, started };
}

function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(kill);
      children.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The desk

/**
 * A desk of its own: temporary directory and database, the people (added with `shiftdesk user add`, each with an
 * API token from `shiftdesk token create`), the SMTP sink and the server on free ports, the test clock on.
 *
 * people: [{ login, name, role, deskPhone? }]. Returns the desk; `desk.people[login]` is { id, login, name, email,
 * role, token }.
 */
export async function startDesk({ people }) {
  checkPrerequisites();
  const dir = mkdtempSync(path.join(tmpdir(), "shiftdesk-e2e-"));
  const db = path.join(dir, "desk.db");
  const maildir = path.join(dir, "mail");
  const desk = { dir, db, maildir, people: {}, processes: [] };

  try {
    for (const p of people) {
      const email = p.email ?? `${p.login}@desk.test`;
      const args = ["user", "add", "--db", db, "--login", p.login, "--name", p.name, "--email", email];
      args.push("--role", p.role);
      if (p.deskPhone) args.push("--desk-phone", p.deskPhone);
      const added = await runCli(args, `${PASSWORD}\n`);
      const id = /\bid (\d+)/.exec(added);
      assert.ok(id, `shiftdesk user add printed no id: ${added}`);
      const token = (await runCli(["token", "create", "--db", db, "--login", p.login])).trim();
      assert.match(token, /^\S+$/, `shiftdesk token create printed no token: ${token}`);
      desk.people[p.login] = { id: Number(id[1]), login: p.login, name: p.name, email, role: p.role, token };
    }

    const smtp = startProcess("the SMTP sink", "/usr/bin/python3", [smtpSink, "0", maildir], {
      ready: (line) => /^\d+$/.exec(line.trim())?.[0],
    });
    desk.processes.push(smtp.child);
    const smtpPort = Number(await smtp.started);

    const server = startProcess(
      "shiftdesk serve",
      binary,
      ["serve", "--db", db, "--listen", "127.0.0.1:0", "--test-clock", "--no-access-log", "--web-dir", distDir],
      {
        env: {
          SHIFTDESK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          SHIFTDESK_MAIL_FROM: "desk@desk.test",
          SHIFTDESK_TEAM_ADDRESS: "team@desk.test",
        },
        ready: (line) => /shiftdesk listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1],
      },
    );
    desk.processes.push(server.child);
    desk.base = await server.started;
    desk.serverLog = () => server.log.join("\n");
  } catch (e) {
    await stopDesk(desk);
    throw e;
  }

  desk.api = (method, urlPath, who, body) => api(desk, method, urlPath, who, body);
  desk.call = (method, urlPath, who, body) => call(desk, method, urlPath, who, body);
  desk.stop = () => stopDesk(desk);
  /** Moves the desk's test clock on (and runs what fell due); answers the desk's time as a Date. */
  desk.advanceClock = async (seconds) => {
    const moved = await call(desk, "POST", "/api/v1/test/clock", undefined, { advance_seconds: seconds });
    assert.equal(moved.status, 200, `the test clock did not move: ${JSON.stringify(moved.body)}`);
    return new Date(moved.body.now);
  };
  desk.now = () => desk.advanceClock(0);
  /** The messages the SMTP sink has stored, as text (quoted-printable bodies decoded). */
  desk.mail = () => readMaildir(maildir);
  return desk;
}

async function stopDesk(desk) {
  await Promise.all(desk.processes.map(stopProcess));
  if (process.env.E2E_KEEP) {
    if (desk.serverLog) writeFileSync(path.join(desk.dir, "server.log"), `${desk.serverLog()}\n`);
    console.log(`# kept ${desk.dir} (desk.db, server.log, mail/)`);
  } else {
    rmSync(desk.dir, { recursive: true, force: true });
  }
}

/** A request with a person's API token (or none); answers { status, body } whatever the status. */
async function call(desk, method, urlPath, who, body) {
  const headers = { Accept: "application/json" };
  const token = typeof who === "string" ? who : who?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(desk.base + urlPath, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

/** A request that must succeed (2xx); answers the JSON body. `who` is a person from desk.people or a token. */
async function api(desk, method, urlPath, who, body) {
  const { status, body: answer } = await call(desk, method, urlPath, who, body);
  if (status < 200 || status > 299) {
    throw new Error(`${method} ${urlPath} answered ${status}: ${JSON.stringify(answer)}`);
  }
  return answer;
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft[i] === "=" ? /^[0-9A-F]{2}$/i.exec(soft.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function readMaildir(maildir) {
  const dir = path.join(maildir, "new");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(dir, name), "utf8");
      return { name, raw, text: /quoted-printable/i.test(raw) ? decodeQuotedPrintable(raw) : raw };
    });
}

/** Polls `check` (sync or async) until it answers something truthy, at most `timeout` ms; answers that. */
export async function eventually(check, what, timeout = WAIT) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Time, as the team counts it (UTC, the default team time zone; the browser runs in UTC too)

/** "YYYY-MM-DD", `days` after `date`, in UTC. */
export const utcDay = (date, days = 0) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The value of an <input type="datetime-local"> for a UTC instant (the browser's time zone is UTC). */
export const localInput = (date) => date.toISOString().slice(0, 16);

// ---------------------------------------------------------------------------------------------------------------
// The browser

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Debian's chromium, headless; fails with what to do when it is not installed. */
export async function launchBrowser() {
  checkChromium();
  // --no-sandbox: CI runs as root.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
}

/**
 * A new browser context (its own cookies: one per person) on the desk, with one page. The page's uncaught errors
 * are collected in `page.errors`; `options.time` fixes the page's clock (for screenshots that match the desk's).
 */
export async function openPage(browser, desk, { viewport = LAPTOP, time, isMobile = false } = {}) {
  const context = await browser.newContext({
    baseURL: desk.base,
    viewport,
    isMobile,
    hasTouch: isMobile,
    deviceScaleFactor: 1,
    locale: "en-GB",
    timezoneId: "UTC",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(WAIT);
  if (time) await context.clock.setFixedTime(time);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

/** Signs in through the form, as a person would, and waits for the desk to show. */
export async function signIn(page, person) {
  await page.goto("/");
  await page.getByTestId("sign-in-form").waitFor();
  await page.getByTestId("sign-in-login").fill(person.login);
  await page.getByTestId("sign-in-password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await page.locator("nav[aria-label=Main]").waitFor({ state: "attached" });
}

/** Goes to a screen the way a person does: by the main navigation (no page load; the menu opens on a phone). */
export async function goTo(page, label) {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
}

/** Waits until the screen has its heading and nothing is loading. */
export async function settled(page, heading) {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && !main.textContent.includes("Loading…") && document.fonts.status === "loaded";
  });
}

/** Waits for `selector` to be visible; on time-out says what was wanted (`what`) and the page's address. */
export async function see(page, selector, what) {
  const locator = typeof selector === "string" ? page.locator(selector) : selector;
  try {
    await locator.first().waitFor({ state: "visible", timeout: WAIT });
  } catch (e) {
    throw new Error(`expected to see ${what} on ${page.url()} within ${WAIT} ms (${selector}): ${e.message}`);
  }
  return locator;
}

const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * Runs axe-core (WCAG 2.1 A and AA, and best practice) on the page as it is and fails with every violation,
 * readably, when there is one. The desk's Content-Security-Policy allows no inline script, so when the script
 * tag is refused, the source is evaluated through the driver instead.
 */
export async function checkAccessibility(page, name) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ content: axeSource }).catch(() => {});
    if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    axeTags,
  );
  const lines = result.violations.map(
    (v) =>
      `  ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`).join("\n"),
  );
  assert.equal(
    result.violations.length,
    0,
    `axe-core found ${result.violations.length} violation(s) on ${name} (${page.url()}):\n${lines.join("\n")}`,
  );
}

/** Saves <screenshotDir>/<name>.png (the whole page), overwriting the last run's. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** Saves <screenshotDir>/<name>.png of one part of the page. */
export async function screenshotOf(locator, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await locator.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: "disabled" });
}

/** Fails when the page is wider than the window: on that screen size something scrolls sideways. */
export async function assertFitsTheWidth(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${where} is ${scroll} px wide in a ${width} px window: it scrolls sideways`);
}

/** Fails when the page threw an uncaught error. */
export function assertNoPageErrors(page) {
  assert.deepEqual(page.errors, [], `the page threw: ${page.errors.join("; ")}`);
}
