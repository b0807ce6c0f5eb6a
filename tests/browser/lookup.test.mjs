// Browser test of the domain lookup (issue 15, docs/portal.md "Domain lookup"), by keyboard
// alone: the form, the challenge with its token, a failed check before the token is placed, the
// answer once it is placed on a site on loopback; axe-core on each page, screenshots kept.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";

import { launchBrowser, openPage, repoRoot, screenshot, seriousAccessibilityViolations,
        startServer, tabTo } from "./harness.mjs";

// The rightsholder's site: serves the proof file once `proof` is set, 404 before.
let proof = "";
const site = createServer((request, response) => {
  if (request.url === "/.well-known/gpaikit-verification.txt" && proof) {
    response.writeHead(200, { "Content-Type": "text/plain" });
    response.end(proof);
  } else {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not found");
  }
});

const stats = JSON.parse(readFileSync(
  path.join(repoRoot, "examples", "open-7b-eu-sme", "corpus", "stats.json"), "utf8"));
// The statistics' domain with the most documents: the answer must show its row.
const row = stats.domains.reduce((a, b) => (b.records > a.records ? b : a));

let browser;
let server;
before(async () => {
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  browser = await launchBrowser();
  server = await startServer("open-7b-eu-sme", [
    "--lookup-allow-loopback", "--lookup-connect-to", `::127.0.0.1:${site.address().port}`]);
});
after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0);
  await new Promise((resolve) => site.close(resolve));
});

async function checkPage(page, name) {
  assert.equal(await page.locator("main h1").count(), 1, `${name}: one h1 inside main`);
  assert.deepEqual(await seriousAccessibilityViolations(page), [], `${name}: axe-core`);
  assert.deepEqual(page.problems, [], `${name}: console and subresources`);
  await screenshot(page, `lookup-${name}`);
}

test("a rightsholder proves control of a domain and reads the answer, by keyboard alone", async () => {
  const page = await openPage(browser);
  const form = await page.goto(server.url + "lookup");
  assert.equal(form.status(), 200);
  await checkPage(page, "form");

  await tabTo(page, "#domain", 30);
  await page.keyboard.type(`www.${row.domain}`);
  const [challenge] = await Promise.all([
    page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.equal(challenge.status(), 200);
  assert.match(await page.locator("main h1").innerText(), new RegExp(row.domain.replace(".", "\\.")));
  await checkPage(page, "challenge");
  const token = await page.locator("input[name=token]").inputValue();
  assert.match(token, /^[0-9a-f]{64}$/);

  // Checked before the token is placed: refused with the reason, announced as an alert.
  await tabTo(page, "button[type=submit]", 30);
  const [refused] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.equal(refused.status(), 403);
  assert.match(await page.locator("[role=alert]").innerText(), /Not verified/);
  await checkPage(page, "refused");

  proof = `gpaikit-verification=${token}\n`;
  await tabTo(page, "button[type=submit]", 30);
  const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.equal(answer.status(), 200);
  const text = await page.locator("main").innerText();
  assert.ok(text.includes(`${row.records} documents, ${row.content_bytes} bytes of content`), text);
  await checkPage(page, "answer");
  await page.context().close();
});
