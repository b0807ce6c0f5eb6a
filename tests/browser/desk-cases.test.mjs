// Browser tests of the staff desk's case work (issue 15, docs/portal-desk.md): a rightsholder
// files a complaint with an upload; staff log in, find it in the queue, open it, assign it, reply
// and close it with the keyboard alone; the rightsholder sees the reply and the state on the
// status page; axe-core on the queue, the case page (before and after), the figures and the status
// page; screenshots of each.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { addStaffUser, launchBrowser, openPage, screenshot, seriousAccessibilityViolations,
        startServer, tabTo } from "./harness.mjs";

const password = "a long browser-test password";
let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer("frontier-multimodal-non-eu");
  addStaffUser(server, "erin", password);
});
after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0);
});

async function checkPage(page, name) {
  assert.equal(await page.locator("main h1").count(), 1, `${name}: one h1 inside main`);
  assert.deepEqual(await seriousAccessibilityViolations(page), [], `${name}: axe-core`);
  assert.deepEqual(page.problems, [], `${name}: console and subresources`);
  await screenshot(page, `desk-cases-${name}`);
}

// Presses Enter on the focused control and waits for the page it leads to.
async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
}

async function fileComplaint() {
  const page = await openPage(browser);
  await page.goto(server.url + "complaints/new");
  const dir = mkdtempSync(path.join(tmpdir(), "gpaikit-evidence-"));
  const evidence = path.join(dir, "access-log.txt");
  writeFileSync(evidence, "2026-05-01 GET /novel 200 ExampleBot\n");
  await page.fill("#f-name", "Ada Example");
  await page.fill("#f-email", "ada@press.example");
  await page.check("#f-authority-rightsholder");
  await page.fill("#f-works", "https://press.example/novel");
  await page.fill("#f-allegation", "The novel was crawled although robots.txt disallowed it.");
  await page.setInputFiles("#f-evidence", evidence);
  await page.check("#f-declaration");
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  rmSync(dir, { recursive: true, force: true });
  const tracking = (await page.locator(".tracking").innerText()).trim();
  const statusPath = await page.locator("main a[href^='/status/']").getAttribute("href");
  await page.context().close();
  return { tracking, statusPath };
}

test("staff triage, reply and close a complaint by keyboard; the filer sees the reply", async () => {
  const { tracking, statusPath } = await fileComplaint();
  assert.match(tracking, /^C-\d{4}-\d{6}$/);
  const page = await openPage(browser);
  await page.goto(server.url + "desk/login");
  await page.fill("#name", "erin");
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/desk$/), page.press("#password", "Enter")]);
  // The queue: the complaint with its clocks; Tab to its link and Enter opens it.
  const row = page.locator("tbody tr", { has: page.locator(`a[href="/desk/case/${tracking}"]`) });
  assert.match(await row.innerText(), /complaint\s+received\s+unassigned\s+\S+\s+0\s+none/);
  await checkPage(page, "queue");
  await tabTo(page, `a[href="/desk/case/${tracking}"]`);
  await enter(page);
  assert.match(page.url(), new RegExp(`/desk/case/${tracking}$`));
  assert.match(await page.locator("main").innerText(), /access-log\.txt/);
  await checkPage(page, "case");
  // Assign to erin: the owner list takes typed letters, as a closed select does.
  await tabTo(page, "#owner");
  await page.keyboard.type("erin");
  assert.equal(await page.locator("#owner").inputValue(), "erin");
  await tabTo(page, "form[action$='/assign'] button");
  await enter(page);
  assert.match(await page.locator("dl").innerText(), /Owner\s+erin/);
  // Reply: typed into the text area, sent with Enter on the button.
  const reply = "We removed https://press.example/novel from the training corpus.";
  await tabTo(page, "#reply");
  await page.keyboard.type(reply);
  await tabTo(page, "form[action$='/reply'] button");
  await enter(page);
  assert.match(await page.locator("table").innerText(), /reply/);
  // Close, with a reason.
  await tabTo(page, "#state");
  await page.keyboard.type("closed");
  assert.equal(await page.locator("#state").inputValue(), "closed");
  await tabTo(page, "#reason");
  await page.keyboard.type("Answered and removed.");
  await tabTo(page, "form[action$='/state'] button");
  await enter(page);
  assert.match(await page.locator("dl").innerText(), /State\s+closed/);
  await checkPage(page, "case-closed");
  // The queue no longer shows it as open; the figures count its reply.
  await page.goto(server.url + "desk");
  assert.equal(await page.locator(`a[href="/desk/case/${tracking}"]`).count(), 0);
  await page.goto(server.url + "desk/figures");
  assert.match(await page.locator("main").innerText(), /Median time to the first reply: \d+\.\d days/);
  await checkPage(page, "figures");
  await page.context().close();
  // The rightsholder, in a browser without the staff's cookies, sees the reply and the state.
  const filer = await openPage(browser);
  await filer.goto(server.url + statusPath.replace(/^\//, ""));
  const text = await filer.locator("main").innerText();
  assert.ok(text.includes(reply), "the status page shows the reply");
  assert.match(text, /State: Closed/);
  assert.ok(!text.includes("erin"), "the status page names no staff member");
  await checkPage(filer, "status-replied");
  await filer.context().close();
});
