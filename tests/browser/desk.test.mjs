// Browser tests of the staff desk's door (issue 15, docs/portal-desk.md): a staff member logs in
// and out with the keyboard alone in chromium; the login page (also with its error) and the desk
// pass axe-core without serious or critical violations; screenshots are kept.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { addStaffUser, launchBrowser, openPage, screenshot, seriousAccessibilityViolations,
        startServer } from "./harness.mjs";

const password = "a long browser-test password";
let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer("frontier-multimodal-non-eu");
  addStaffUser(server, "dana", password);
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function checkPage(page, name) {
  assert.equal(await page.locator("main h1").count(), 1, "one h1 inside main");
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await screenshot(page, `desk-${name}`);
}

test("staff log in and out with the keyboard alone; each page passes axe-core", async () => {
  const page = await openPage(browser);
  // The desk without a session sends the browser to the login page.
  await page.goto(server.url + "desk");
  assert.match(page.url(), /\/desk\/login$/);
  await checkPage(page, "login");
  // A wrong password: the page says so, and still passes.
  await page.locator("#name").focus();
  await page.keyboard.type("dana");
  await page.keyboard.press("Tab");
  await page.keyboard.type("not the password");
  await Promise.all([page.waitForLoadState("load"), page.keyboard.press("Enter")]);
  assert.match(await page.locator("[role=alert]").innerText(), /name or the password is wrong/);
  await checkPage(page, "login-failed");
  // The right one, with Tab from the name field to the password and Enter to send.
  await page.locator("#name").fill("");
  await page.locator("#name").focus();
  await page.keyboard.type("dana");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.id);
  assert.equal(focused, "password", "Tab goes from the name to the password");
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL(/\/desk$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator(".desk-bar").innerText(), /Logged in as dana/);
  await checkPage(page, "home");
  // Log out with the keyboard: Tab reaches the button, Enter presses it.
  let onButton = false;
  for (let i = 0; i < 20 && !onButton; i++) {
    await page.keyboard.press("Tab");
    onButton = await page.evaluate(() => document.activeElement.textContent === "Log out");
  }
  assert.ok(onButton, "Tab reaches the logout button");
  await Promise.all([page.waitForURL(/\/desk\/login$/), page.keyboard.press("Enter")]);
  await page.goto(server.url + "desk");
  assert.match(page.url(), /\/desk\/login$/, "after logout the desk needs a login again");
  await page.context().close();
});
