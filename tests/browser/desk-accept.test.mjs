// Browser test of the desk's "Accept with actions" (issue 15, docs/portal-desk.md; Code of
// Practice, Copyright, Measures 1.2 and 1.5) on a copy of examples/open-7b-eu-sme: staff accept a
// complaint with a domain by keyboard alone, the case page shows the corpus filter job's result
// once the background run ends; axe-core on the case page before and after; screenshots.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { addStaffUser, launchBrowser, openPage, screenshot, seriousAccessibilityViolations,
        startServer, tabTo } from "./harness.mjs";

const password = "a long browser-test password";
let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer("open-7b-eu-sme");
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
  await screenshot(page, `desk-accept-${name}`);
}

async function fileComplaint() {
  const page = await openPage(browser);
  await page.goto(server.url + "complaints/new");
  await page.fill("#f-name", "Ada Example");
  await page.fill("#f-email", "ada@press.example");
  await page.check("#f-authority-rightsholder");
  await page.fill("#f-works", "https://press.example/novel");
  await page.fill("#f-allegation", "Our novel is copied on 0513mt.com, which the crawl kept.");
  await page.check("#f-declaration");
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  const tracking = (await page.locator(".tracking").innerText()).trim();
  await page.context().close();
  return tracking;
}

test("staff accept a complaint with a domain by keyboard; the filter job's result shows", async () => {
  const tracking = await fileComplaint();
  const page = await openPage(browser);
  await page.goto(server.url + "desk/login");
  await page.fill("#name", "erin");
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/desk$/), page.press("#password", "Enter")]);
  await page.goto(server.url + `desk/case/${tracking}`);
  await checkPage(page, "case");
  await tabTo(page, "#entries");
  await page.keyboard.type("0513mt.com");
  await tabTo(page, "#accept-note");
  await page.keyboard.type("The site copies the novel.");
  await tabTo(page, "form[action$='/accept'] button");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(await page.locator("dl").innerText(), /State\s+accepted/);
  // The filter runs in the background: the page is reloaded until the job has ended.
  const jobs = page.locator("table", { has: page.locator("caption", { hasText: "corpus filter" }) });
  for (let i = 0; i < 300; i++) {
    if (/done|failed/.test(await jobs.innerText())) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.reload();
  }
  assert.match(await jobs.innerText(), /done\s.*kept 15, removed 1 \(1 on a blocklist\)/s);
  const list = readFileSync(path.join(server.project, "blocklist.txt"), "utf8");
  assert.ok(list.endsWith(`erin\n0513mt.com\n`), list);
  await checkPage(page, "case-accepted");
  await page.context().close();
});
