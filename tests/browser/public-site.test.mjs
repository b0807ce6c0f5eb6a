// Browser tests of the portal's public pages (issue 15): each page renders in chromium without
// console errors or CSP refusals, axe-core finds no serious or critical accessibility violation,
// the navigation is usable by keyboard alone with a visible focus, a screenshot is kept, and
// after `gpaikit publish` the /summaries download links give the bytes whose SHA-256 they show.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";

import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, startServer }
  from "./harness.mjs";

const pages = [
  ["home", "/"], ["crawlers", "/crawlers"], ["summaries", "/summaries"],
  ["transparency", "/transparency"],
  ["not-found", "/no/such/page"],
];

let browser;
const servers = {};
before(async () => {
  browser = await launchBrowser();
  servers.sme = await startServer("open-7b-eu-sme");
  servers.frontier = await startServer("frontier-multimodal-non-eu");
});
after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) assert.equal(await server.stop(), 0);
});

for (const [example, key] of [["open-7b-eu-sme", "sme"], ["frontier-multimodal-non-eu", "frontier"]]) {
  for (const [name, path] of pages) {
    test(`${example} ${path}: renders cleanly and passes axe-core`, async () => {
      const page = await openPage(browser);
      const response = await page.goto(servers[key].url + path.slice(1));
      assert.equal(response.status(), name === "not-found" ? 404 : 200);
      assert.ok((await page.title()).length > 0, "the page has a title");
      assert.equal(await page.locator("main h1").count(), 1, "one h1 inside main");
      assert.deepEqual(await seriousAccessibilityViolations(page), []);
      assert.deepEqual(page.problems, []);
      await screenshot(page, `${key}-${name}`);
      await page.context().close();
    });
  }
}

test("keyboard alone reaches every navigation link with a visible focus and follows it", async () => {
  const page = await openPage(browser);
  await page.goto(servers.sme.url);
  const navLinks = await page.locator("nav a").evaluateAll((links) => links.map((a) => a.href));
  const reached = [];
  for (let i = 0; i < 12 && reached.length < navLinks.length; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { href: el.href || "", inNav: !!el.closest("nav"),
               outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    if (focused.inNav) {
      assert.ok(focused.outline !== "none" && focused.outlineWidth > 0,
                `focus on ${focused.href} is visible (outline ${focused.outline})`);
      reached.push(focused.href);
    }
  }
  assert.deepEqual(reached, navLinks, "Tab order reaches the navigation links in order");
  // Back to the crawler link and follow it with Enter.
  await page.locator("nav a[href='/crawlers']").focus();
  await Promise.all([page.waitForURL(/\/crawlers$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator("main h1").innerText(), /crawler/i);
  await page.context().close();
});

test("the accessibility check is not vacuous: an image without alt text is reported", async () => {
  const page = await openPage(browser);
  await page.goto(servers.sme.url);
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "/style.css";
    document.querySelector("main").append(img);
  });
  const violations = await seriousAccessibilityViolations(page);
  assert.ok(violations.some((v) => v.startsWith("image-alt")), `got ${violations}`);
  await page.context().close();
});

test("open-7b-eu-sme /summaries after publish: each file link downloads the recorded bytes", async () => {
  const server = servers.sme;  // last test on this server: the others saw it unpublished
  server.gpaikit("publish", server.project, "--note", "browser test", "--author", "test");
  const page = await openPage(browser);
  await page.goto(server.url + "summaries");
  const links = page.locator("a[download]");
  assert.equal(await links.count(), 2, "the Markdown and HTML summary files");
  for (let i = 0; i < 2; i++) {
    const link = links.nth(i);
    const recorded = await link.locator("xpath=..").locator("code").innerText();
    const response = await page.request.get(new URL(await link.getAttribute("href"), server.url).href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-disposition"], /^attachment; filename="/);
    assert.equal(createHash("sha256").update(await response.body()).digest("hex"), recorded);
  }
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await screenshot(page, "sme-summaries-published");
  await page.context().close();
});
