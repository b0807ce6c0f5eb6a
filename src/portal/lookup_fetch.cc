// The network side of the lookup proof (docs/portal.md "Domain lookup"): the token file over
// http(s) with libcurl (no proxy, only http and https, redirects only to the same host, a time
// and size limit, every connect address checked by RefusedAddress) and TXT records through the
// system resolver (res_nquery, RFC 1035 section 3.3.14).
#include "portal/lookup_fetch.h"

#include <arpa/nameser.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <mutex>

#include "gpaikit/optout/domain.h"
#include "gpaikit/optout/url.h"
#include "portal/lookup_proof.h"

namespace gpaikit::portal {
namespace {

struct Transfer {
  const FetchPolicy* policy;
  std::string body;
  bool too_large = false;
  std::string refused;  // why a connect address was refused
};

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->policy->max_bytes) {
    transfer->too_large = true;
    return 0;  // aborts the transfer
  }
  transfer->body.append(data, bytes);
  return bytes;
}

// Called by libcurl for every address it is about to connect to, after name resolution: the
// check sits on the address actually used, so a name that resolves differently the second time
// (DNS rebinding) is caught too.
curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string why = RefusedAddress(&address->addr, transfer->policy->allow_loopback);
  if (!why.empty()) {
    transfer->refused = why;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One GET of `url`, no redirect followed; `status` and `location` (a redirect's target) set.
Status GetOnce(const std::string& url, const FetchPolicy& policy, long remaining_ms,
               Transfer& transfer, long& status, std::string& location) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Status::Internal("libcurl could not start a transfer");
  curl_slist* connect_to = nullptr;
  for (const std::string& entry : policy.connect_to) {
    connect_to = curl_slist_append(connect_to, entry.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // never the environment's proxy
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, remaining_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, policy.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(policy.max_bytes));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, policy.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
  if (connect_to != nullptr) curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
  CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  char* redirect = nullptr;
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &redirect);
  location = redirect != nullptr ? redirect : "";
  curl_easy_cleanup(curl);
  curl_slist_free_all(connect_to);
  if (!transfer.refused.empty()) {
    return Status::InvalidInput(url + ": refused to connect to " + transfer.refused);
  }
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Status::InvalidInput(url + ": larger than " + std::to_string(policy.max_bytes) +
                                " bytes");
  }
  if (code != CURLE_OK) return Status::Io(url + ": " + curl_easy_strerror(code));
  return Status::Ok();
}

// The same host, after normalisation, for a redirect to be followed.
bool SameHost(std::string_view location, const std::string& host) {
  Result<optout::UrlView> url = optout::ParseUrl(location);
  if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) return false;
  if (!url->userinfo.empty()) return false;
  Result<std::string> normalized = optout::NormalizeHost(url->host);
  return normalized.ok() && *normalized == host;
}

Result<std::string> Fetch(std::string url, const std::string& host, const FetchPolicy& policy) {
  long remaining_ms = policy.timeout_ms;
  for (int redirects = 0;; ++redirects) {
    Transfer transfer{&policy, "", false, ""};
    long status = 0;
    std::string location;
    Status got = GetOnce(url, policy, remaining_ms, transfer, status, location);
    if (!got.ok()) return got;
    if (status >= 300 && status < 400 && !location.empty()) {
      if (redirects >= policy.max_redirects) {
        return Status::InvalidInput(url + ": more than " + std::to_string(policy.max_redirects) +
                                    " redirects");
      }
      if (!SameHost(location, host)) {
        return Status::InvalidInput(url + ": redirect to another host or scheme refused (" +
                                    location + ")");
      }
      url = location;
      continue;
    }
    if (status != 200) return Status::NotFound(url + ": HTTP status " + std::to_string(status));
    return std::move(transfer.body);
  }
}

class NetworkSource : public ProofSource {
 public:
  explicit NetworkSource(FetchPolicy policy) : policy_(std::move(policy)) { GlobalInit(); }

  Result<std::string> FetchProofFile(const std::string& host) override {
    std::string path(kProofPath);
    Result<std::string> https = Fetch("https://" + host + path, host, policy_);
    if (https.ok()) return https;
    Result<std::string> http = Fetch("http://" + host + path, host, policy_);
    if (http.ok()) return http;
    return Status(http.status().code(), https.status().message() + "; " + http.status().message());
  }

  Result<std::vector<std::string>> QueryTxt(const std::string& name) override {
    struct __res_state state {};
    if (res_ninit(&state) != 0) return Status::Io("the system resolver could not start");
    state.retrans = 2;  // seconds per try
    state.retry = 2;
    unsigned char answer[4096];
    int length = res_nquery(&state, name.c_str(), ns_c_in, ns_t_txt, answer, sizeof answer);
    int error = state.res_h_errno;
    res_nclose(&state);
    if (length < 0) {
      if (error == HOST_NOT_FOUND || error == NO_DATA) {
        return Status::NotFound(name + ": no TXT record");
      }
      return Status::Io(name + ": the DNS query failed (" + hstrerror(error) + ")");
    }
    return ParseTxtAnswer(answer, static_cast<size_t>(length));
  }

 private:
  FetchPolicy policy_;
};

}  // namespace

Result<std::vector<std::string>> ParseTxtAnswer(const unsigned char* message, size_t size) {
  ns_msg parsed;
  if (size > 65535 || ns_initparse(message, static_cast<int>(size), &parsed) != 0) {
    return Status::InvalidInput("DNS answer: byte 0: not a DNS message");
  }
  std::vector<std::string> records;
  int count = ns_msg_count(parsed, ns_s_an);
  for (int i = 0; i < count; ++i) {
    ns_rr rr;
    if (ns_parserr(&parsed, ns_s_an, i, &rr) != 0) {
      return Status::InvalidInput("DNS answer: record " + std::to_string(i + 1) + ": malformed");
    }
    if (ns_rr_type(rr) != ns_t_txt || ns_rr_class(rr) != ns_c_in) continue;
    const unsigned char* data = ns_rr_rdata(rr);
    size_t length = ns_rr_rdlen(rr);
    size_t offset = static_cast<size_t>(data - message);
    std::string text;
    for (size_t at = 0; at < length;) {
      size_t piece = data[at];
      if (at + 1 + piece > length) {
        return Status::InvalidInput("DNS answer: byte " + std::to_string(offset + at) +
                                    ": a TXT string runs past its record");
      }
      text.append(reinterpret_cast<const char*>(data + at + 1), piece);
      at += 1 + piece;
    }
    records.push_back(std::move(text));
  }
  return records;
}

std::unique_ptr<ProofSource> NetworkProofSource(FetchPolicy policy) {
  return std::make_unique<NetworkSource>(std::move(policy));
}

ProofCheck CheckProof(ProofSource& source, const std::string& domain, ProofMethod method,
                      std::string_view stored_hash) {
  ProofTokens proof;
  std::string where;
  if (method == ProofMethod::kWellKnownFile) {
    where = domain + std::string(kProofPath);
    Result<std::string> body = source.FetchProofFile(domain);
    if (!body.ok()) return {false, body.status().message()};
    proof = ParseProofFile(*body);
  } else {
    where = std::string(kTxtLabel) + domain;
    Result<std::vector<std::string>> records = source.QueryTxt(where);
    if (!records.ok()) return {false, records.status().message()};
    proof = ParseProofRecords(*records);
  }
  if (ProofMatches(proof, stored_hash)) return {true, where + ": the token matches"};
  std::string detail = where + ": ";
  if (!proof.tokens.empty()) {
    detail += "no token there matches this challenge";
  } else if (!proof.problems.empty()) {
    detail += proof.problems.front();
  }
  return {false, detail};
}

}  // namespace gpaikit::portal
