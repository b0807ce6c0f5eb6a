// Browser tests of the portal's intake (issue 15): a rightsholder files a complaint with an
// upload through the form and gets a tracking number, then opens the status link; a downstream
// provider files a request; both forms filled with the keyboard alone; axe-core on the forms (also
// with errors shown), the confirmation and the status pages; screenshots of each.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, startServer, tabTo }
  from "./harness.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer("open-7b-eu-sme");
});
after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0);
});

async function checkPage(page, name, status = 200) {
  assert.equal(await page.locator("main h1").count(), 1, `${name}: one h1 inside main`);
  assert.deepEqual(await seriousAccessibilityViolations(page), [], `${name}: axe-core`);
  assert.deepEqual(page.problems, [], `${name}: console and subresources`);
  await screenshot(page, `intake-${name}`);
  return status;
}

test("a rightsholder files a complaint with an upload and follows it by the status link", async () => {
  const page = await openPage(browser);
  const response = await page.goto(server.url + "complaints/new");
  assert.equal(response.status(), 200);
  await checkPage(page, "complaint-form");
  const dir = mkdtempSync(path.join(tmpdir(), "gpaikit-evidence-"));
  const evidence = path.join(dir, "robots-snapshot.txt");
  writeFileSync(evidence, "User-agent: *\nDisallow: /\n");
  await page.fill("#f-name", "Ada Example");
  await page.fill("#f-organisation", "Example Press");
  await page.fill("#f-email", "ada@press.example");
  await page.check("#f-authority-rightsholder");
  await page.fill("#f-works", "https://press.example/novel\nISBN 978-3-16-148410-0");
  await page.fill("#f-allegation", "The novel was crawled although robots.txt disallowed it.");
  await page.setInputFiles("#f-evidence", evidence);
  await page.check("#f-declaration");
  const [filed] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  assert.equal(filed.status(), 200);
  const tracking = (await page.locator(".tracking").innerText()).trim();
  assert.match(tracking, /^C-\d{4}-\d{6}$/);
  await checkPage(page, "complaint-filed");
  const statusLink = page.locator("main a[href^='/status/']");
  await Promise.all([page.waitForURL(/\/status\/[0-9a-f]{64}$/), statusLink.click()]);
  assert.match(await page.locator("main h1").innerText(), new RegExp(tracking));
  assert.match(await page.locator("main").innerText(), /robots-snapshot\.txt/);
  await checkPage(page, "complaint-status");
  await page.context().close();
});

test("a form with errors shows them beside the fields, accessibly", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + "complaints/new");
  await page.fill("#f-name", "Ada Example");
  await page.fill("#f-email", "ada@press.example");
  await page.check("#f-authority-representative");
  await page.fill("#f-works", "ftp://press.example/novel");
  await page.fill("#f-allegation", "too short");
  await page.check("#f-declaration");
  const [shown] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  assert.equal(shown.status(), 400);
  for (const id of ["f-mandate-error", "f-works-error", "f-allegation-error"]) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `${id} shown`);
  }
  assert.equal(await page.inputValue("#f-name"), "Ada Example", "typed values kept");
  await checkPage(page, "complaint-errors", 400);
  await page.context().close();
});

test("a downstream provider files a request and sees its due date", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + "requests/new");
  await checkPage(page, "request-form");
  await page.fill("#f-organisation", "Downstream GmbH");
  await page.fill("#f-name", "Bo Builder");
  await page.fill("#f-email", "bo@downstream.example");
  await page.selectOption("#f-model", { index: 1 });
  await page.fill("#f-request", "The evaluation results for our integration.");
  const [filed] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  assert.equal(filed.status(), 200);
  assert.match((await page.locator(".tracking").innerText()).trim(), /^R-\d{4}-\d{6}$/);
  assert.match(await page.locator("main").innerText(), /due by \d{4}-\d{2}-\d{2}/);
  await checkPage(page, "request-filed");
  await page.locator("main a[href^='/status/']").click();
  await page.waitForURL(/\/status\//);
  assert.match(await page.locator("main").innerText(), /Answer due/);
  await checkPage(page, "request-status");
  await page.context().close();
});

test("keyboard alone fills and sends the complaint form", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + "complaints/new");
  await tabTo(page, "#f-name", 40);
  await page.keyboard.type("Kay Board");
  await tabTo(page, "#f-email", 40);
  await page.keyboard.type("kay@board.example");
  await tabTo(page, "#f-authority-rightsholder", 40);
  await page.keyboard.press("Space");
  await tabTo(page, "#f-works", 40);
  await page.keyboard.type("https://board.example/song");
  await tabTo(page, "#f-allegation", 40);
  await page.keyboard.type("The song was used for training against our opt-out.");
  await tabTo(page, "#f-declaration", 40);
  await page.keyboard.press("Space");
  await tabTo(page, "button[type=submit]", 40);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match((await page.locator(".tracking").innerText()).trim(), /^C-\d{4}-\d{6}$/);
  await page.context().close();
});

test("keyboard alone fills and sends the request form", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + "requests/new");
  await tabTo(page, "#f-organisation", 40);
  await page.keyboard.type("Keys Ltd");
  await tabTo(page, "#f-name", 40);
  await page.keyboard.type("Kim");
  await tabTo(page, "#f-email", 40);
  await page.keyboard.type("kim@keys.example");
  await tabTo(page, "#f-model", 40);
  await page.keyboard.press("ArrowDown");
  await tabTo(page, "#f-request", 40);
  await page.keyboard.type("The model's documentation for integrators.");
  await tabTo(page, "button[type=submit]", 40);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match((await page.locator(".tracking").innerText()).trim(), /^R-\d{4}-\d{6}$/);
  await page.context().close();
});
