// The domain lookup's pages: GET /lookup (the form), POST /lookup (a challenge), POST
// /lookup/check (the proof checked, then the answer); ledger entries for every verification and
// answer, with the domain only as a salted hash (docs/portal.md "Domain lookup").
#include "portal/lookup_pages.h"

#include <nlohmann/json.hpp>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/store/ledger.h"
#include "portal/csrf.h"
#include "portal/lookup_proof.h"
#include "portal/site_state.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kForm = "lookup";

// The client address is rate-limited by its hash: the limiter keeps no address in clear.
std::string ClientKey(const Request& request) { return Sha256Hex(request.client_address); }

// The form page, with `error` when the last attempt failed.
Response FormPage(const Site::State& state, const Request& request, const std::string& domain,
                  const std::string& error, int status) {
  Response response;
  std::string binding = CsrfBinding(request, response);
  Data data = PageData(state, "Domain lookup");
  data.set("csrf_token", state.csrf->Issue(kForm, binding, std::time(nullptr)));
  data.set("domain", domain);
  if (!error.empty()) data.set("error", error);
  Response page = TemplatePage(state, status, "lookup", std::move(data));
  page.headers.insert(page.headers.end(), response.headers.begin(), response.headers.end());
  return page;
}

Response ChallengePage(const Site::State& state, const Request& request, const Challenge& challenge,
                       const std::string& token, const std::string& error, int status) {
  Response response;
  std::string binding = CsrfBinding(request, response);
  Data data = PageData(state, "Prove control of " + challenge.domain);
  data.set("csrf_token", state.csrf->Issue(kForm, binding, std::time(nullptr)));
  data.set("domain", challenge.domain);
  data.set("challenge", challenge.id);
  data.set("token", token);
  data.set("file_url", std::string("https://").append(challenge.domain).append(kProofPath));
  data.set("file_line", std::string(kTokenPrefix) + token);
  data.set("txt_name", std::string(kTxtLabel).append(challenge.domain));
  data.set("expires", UtcTimestamp(challenge.expires));
  if (!error.empty()) data.set("error", error);
  Response page = TemplatePage(state, status, "lookup_challenge", std::move(data));
  page.headers.insert(page.headers.end(), response.headers.begin(), response.headers.end());
  page.headers.emplace_back("Cache-Control", "no-store");
  return page;
}

Data Counts(const std::string& name, const corpus::OptoutCounts& counts) {
  Data row;
  row.set("name", name);
  row.set("records", std::to_string(counts.records));
  row.set("content_bytes", std::to_string(counts.content_bytes));
  return row;
}

// A ledger entry; the domain appears only hashed with the challenge's salt.
Result<store::Entry> Record(const Site::State& state, const std::string& kind,
                            const Challenge& challenge, nlohmann::json content) {
  content["challenge"] = Sha256Hex(challenge.id);
  content["domain_sha256"] = Sha256Hex(challenge.salt + ":" + challenge.domain);
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(state.project.root);
  if (!ledger.ok()) return ledger.status();
  std::string subject = std::string("lookup/").append(Sha256Hex(challenge.id).substr(0, 16));
  return (*ledger)->Append(kind, subject, "portal", content.dump());
}

Response AnswerPage(const Site::State& state, const Challenge& challenge) {
  const LookupService& lookup = *state.lookup;
  std::vector<ModelAnswer> answers = AnswerLookup(lookup.corpora, challenge.domain);
  Data models = Data::type::list;
  nlohmann::json figures = nlohmann::json::array();
  for (const ModelAnswer& answer : answers) {
    Data model;
    model.set("model", answer.model);
    model.set("listed", answer.listed);
    model.set("records", std::to_string(answer.in_corpus.records));
    model.set("content_bytes", std::to_string(answer.in_corpus.content_bytes));
    model.set("exact", answer.exact);
    model.set("error_bound", std::to_string(answer.bytes_error_bound));
    if (!answer.corpus_first_date.empty()) {
      model.set("first_date", answer.corpus_first_date);
      model.set("last_date", answer.corpus_last_date);
    }
    Data verdicts = Data::type::list;
    Data signals = Data::type::list;
    for (const auto& [name, counts] : answer.removed.by_verdict) {
      if (!name.empty()) verdicts.push_back(Counts(name, counts));
    }
    for (const auto& [name, counts] : answer.removed.by_signal) {
      signals.push_back(Counts(name, counts));
    }
    model.set("has_removed", !answer.removed.by_verdict.empty());
    model.set("removed_verdicts", verdicts);
    model.set("removed_signals", signals);
    bool manifests = false;
    for (const LookupCorpus& corpus : lookup.corpora) {
      if (corpus.model == answer.model) manifests = !corpus.removed.empty() || manifests;
    }
    model.set("has_manifests", manifests);
    model.set("audited", answer.audited);
    Data corpus_verdicts = Data::type::list;
    for (const auto& [name, counts] : answer.corpus_verdicts) {
      corpus_verdicts.push_back(Counts(name, counts));
    }
    model.set("corpus_verdicts", corpus_verdicts);
    Data files = Data::type::list;
    for (const std::string& file : answer.files) files.push_back(Data(file));
    model.set("files", files);
    models.push_back(model);
    auto removed = answer.removed.by_verdict.find("");
    figures.push_back({{"model", answer.model},
                       {"records", answer.in_corpus.records},
                       {"content_bytes", answer.in_corpus.content_bytes},
                       {"removed_records",
                        removed == answer.removed.by_verdict.end() ? 0 : removed->second.records}});
  }
  Result<store::Entry> entry = Record(state, "lookup.answer", challenge, {{"models", figures}});
  if (!entry.ok()) return InternalError(entry.status());
  Data data = PageData(state, challenge.domain + " in our training data");
  data.set("domain", challenge.domain);
  data.set("method", challenge.method == "dns-txt" ? "DNS TXT record" : "file on the site");
  data.set("verified", UtcTimestamp(challenge.verified_at.value_or(std::time(nullptr))));
  data.set("models", models);
  data.set("ledger_seq", std::to_string(entry->seq));
  Response page = TemplatePage(state, 200, "lookup_answer", std::move(data));
  page.headers.emplace_back("Cache-Control", "no-store");
  return page;
}

}  // namespace

Result<std::unique_ptr<LookupService>> LoadLookupService(const project::Project& project,
                                                         const PortalDb& db, FetchPolicy policy) {
  auto service = std::make_unique<LookupService>();
  Result<std::shared_ptr<const optout::PublicSuffixList>> suffixes =
      optout::PublicSuffixList::Load();
  if (!suffixes.ok()) return suffixes.status();
  service->suffixes = *suffixes;
  Result<std::vector<LookupCorpus>> corpora = LoadLookupCorpora(project, **suffixes);
  if (!corpora.ok()) return corpora.status();
  service->corpora = std::move(*corpora);
  service->proofs = NetworkProofSource(std::move(policy));
  Result<LookupStore> store = LookupStore::Open(db);
  if (!store.ok()) return store.status();
  service->store.emplace(*store);
  return service;
}

Response LookupFormPage(const Site::State& state, const Request& request) {
  return FormPage(state, request, "", "", 200);
}

Response LookupChallengePost(const Site::State& state, const Request& request) {
  std::string typed = request.Form("domain");
  Status csrf = CheckCsrf(*state.csrf, request, kForm, std::time(nullptr));
  if (!csrf.ok()) return FormPage(state, request, typed, csrf.message(), 403);
  LookupService& lookup = *state.lookup;
  Result<LookupDomain> domain = ParseLookupDomain(typed, *lookup.suffixes);
  if (!domain.ok()) return FormPage(state, request, typed, domain.status().message(), 400);
  std::time_t now = std::time(nullptr);
  if (!lookup.challenges.Allow(ClientKey(request), now)) {
    Response page = FormPage(state, request, typed,
                             "Too many verification tokens were asked from your address; try "
                             "again later.",
                             429);
    page.headers.emplace_back(
        "Retry-After", std::to_string(lookup.challenges.RetryAfter(ClientKey(request), now)));
    return page;
  }
  Result<std::string> token = NewChallengeToken();
  if (!token.ok()) return InternalError(token.status());
  (void)lookup.store->DeleteExpired(now);
  Result<Challenge> challenge = lookup.store->Create(domain->registrable, TokenHash(*token), now);
  if (!challenge.ok()) return InternalError(challenge.status());
  return ChallengePage(state, request, *challenge, *token, "", 200);
}

Response LookupCheckPost(const Site::State& state, const Request& request) {
  Status csrf = CheckCsrf(*state.csrf, request, kForm, std::time(nullptr));
  if (!csrf.ok()) return FormPage(state, request, "", csrf.message(), 403);
  LookupService& lookup = *state.lookup;
  std::time_t now = std::time(nullptr);
  Result<Challenge> challenge = lookup.store->Find(request.Form("challenge"), now);
  if (!challenge.ok()) {
    return FormPage(state, request, "",
                    "This verification has expired or does not exist; ask for a new token.", 404);
  }
  // The token is shown again only when it is the challenge's own (never echo other input).
  std::string token = request.Form("token");
  if (!TokenMatches(token, challenge->token_hash)) token.clear();
  if (challenge->verified_at) return AnswerPage(state, *challenge);
  std::string method = request.Form("method");
  if (method != "well-known" && method != "dns-txt") {
    return ChallengePage(state, request, *challenge, token,
                         "Choose where you placed the token: the file or a DNS TXT record.", 400);
  }
  if (!lookup.checks.Allow(ClientKey(request), now)) {
    return ChallengePage(state, request, *challenge, token,
                         "Too many checks from your address; try again later.", 429);
  }
  Status counted = lookup.store->CountCheck(challenge->id);
  if (!counted.ok())
    return ChallengePage(state, request, *challenge, token, counted.message(), 429);
  ProofCheck check =
      CheckProof(*lookup.proofs, challenge->domain,
                 method == "dns-txt" ? ProofMethod::kDnsTxt : ProofMethod::kWellKnownFile,
                 challenge->token_hash);
  Result<store::Entry> entry =
      Record(state, "lookup.verify", *challenge,
             {{"method", method}, {"outcome", check.verified ? "verified" : "failed"}});
  if (!entry.ok()) return InternalError(entry.status());
  if (!check.verified) {
    return ChallengePage(state, request, *challenge, token, "Not verified: " + check.detail, 403);
  }
  Status marked = lookup.store->MarkVerified(challenge->id, method, now);
  if (!marked.ok()) return InternalError(marked);
  challenge->verified_at = now;
  challenge->method = method;
  return AnswerPage(state, *challenge);
}

}  // namespace gpaikit::portal
