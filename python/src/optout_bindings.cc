// gpaikit._native.optout: the robots.txt matcher (RFC 9309), TDMRep files, blocklists and
// optout::Decide (Code of Practice, Copyright, Measures 1.2 and 1.3) bound for Python.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "gpaikit/optout/blocklist.h"
#include "gpaikit/optout/crawlers.h"
#include "gpaikit/optout/decision.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/tdmrep.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace gpaikit::python {
namespace {

using optout::RobotsPolicy;

// The verdict of RobotsPolicy.explain: what decided and the deciding line.
struct RobotsVerdict {
  bool allowed = true;
  std::string
      reason;  // rule, group-no-rule-matched, global-no-rule-matched, no-group, robots-txt-path
  std::optional<uint32_t> line;
  std::optional<std::string> rule;  // the deciding line as written
  bool from_global = false;
  std::string explanation;
};

// Bodies above this size are parsed without the GIL; a typical robots.txt (a few KiB) parses in
// microseconds, less than releasing and taking back the GIL costs.
constexpr size_t kReleaseGilAboveBytes = 64 * 1024;

std::shared_ptr<RobotsPolicy> ParseRobots(py::handle body, size_t max_bytes, bool rfc_decoding) {
  std::string_view text = TextOrBytes(body);
  optout::RobotsParseOptions options;
  options.max_bytes = max_bytes;
  options.rfc_percent_decoding = rfc_decoding;
  if (text.size() <= kReleaseGilAboveBytes) {
    return std::make_shared<RobotsPolicy>(RobotsPolicy::Parse(text, options));
  }
  py::gil_scoped_release release;
  return std::make_shared<RobotsPolicy>(RobotsPolicy::Parse(text, options));
}

RobotsVerdict Explain(const RobotsPolicy& policy, std::string_view agent, std::string_view url) {
  optout::RobotsMatch match = policy.Check(agent, url);
  RobotsVerdict verdict;
  verdict.allowed = match.allowed;
  verdict.reason = optout::RobotsReasonName(match.reason);
  if (match.rule >= 0) {
    const optout::RobotsRule& rule = policy.rules()[static_cast<size_t>(match.rule)];
    verdict.line = rule.line;
    verdict.rule = std::string(policy.Text(rule));
  }
  verdict.from_global = match.from_global;
  verdict.explanation = policy.Explain(match);
  return verdict;
}

struct DecideArgs {
  std::string url;
  std::shared_ptr<RobotsPolicy> robots;
  std::optional<int> robots_status;
  int robots_redirects = 0;
  std::string robots_location, robots_fetched_at;
  std::optional<double> robots_age_hours;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> html;
  std::string html_location;
  bool image = false;
  std::shared_ptr<optout::TdmRepFile> tdmrep;
  std::vector<std::shared_ptr<optout::Blocklist>> blocklists;
  std::string policy = "crawl";
  std::vector<std::string> agents;
  std::string crawlers, psl;
};

optout::Decision Decide(const DecideArgs& args) {
  optout::DecisionOptions options;
  if (args.policy == "audit") {
    options.policy = optout::DecisionPolicy::kAudit;
  } else if (args.policy != "crawl") {
    throw py::value_error("policy: expected 'crawl' or 'audit', got '" + args.policy + "'");
  }
  options.agents = args.agents;
  if (options.policy == optout::DecisionPolicy::kCrawl && options.agents.empty()) {
    throw py::value_error("the crawl policy needs your crawler's product tokens: agents=[...]");
  }
  std::shared_ptr<const optout::PublicSuffixList> suffixes = SuffixList(args.psl);
  options.suffixes = suffixes.get();
  std::shared_ptr<const optout::CrawlerRegistry> registry;
  if (options.policy == optout::DecisionPolicy::kAudit) {
    registry = Registry(args.crawlers);
    options.registry = registry.get();
  }
  optout::Evidence evidence;
  if (args.robots != nullptr || args.robots_status.has_value()) {
    int status = args.robots_status.value_or(200);
    evidence.robots.fetch = optout::ClassifyRobotsFetch(status, args.robots_redirects);
    evidence.robots.http_status = status;
    evidence.robots.redirects = args.robots_redirects;
    evidence.robots.location = args.robots_location;
    evidence.robots.fetched_at = args.robots_fetched_at;
    evidence.robots.age_hours = args.robots_age_hours;
    if (evidence.robots.fetch == optout::RobotsFetch::kSuccess) {
      if (args.robots == nullptr) throw py::value_error("robots_status 2xx needs the robots body");
      evidence.robots.policy = args.robots.get();
    }
  }
  evidence.headers = args.headers;
  if (args.html.has_value()) {
    evidence.html = *args.html;
    evidence.html_location = args.html_location;
  }
  evidence.is_image = args.image;
  evidence.tdmrep = args.tdmrep.get();
  for (const auto& list : args.blocklists) evidence.blocklists.push_back(list.get());
  Result<optout::Decision> decision = [&] {
    py::gil_scoped_release release;
    return optout::Decide(args.url, evidence, options);
  }();
  if (!decision.ok()) ThrowStatus(decision.status(), {args.url, {}, {}});
  return std::move(*decision);
}

// RobotsPolicy.allowed(agent, url) as a METH_FASTCALL method: the check costs less than pybind11's
// general argument dispatch, and a crawler makes millions of them (bench/python_ratios).
PyObject* AllowedFast(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
    PyErr_SetString(PyExc_TypeError, "allowed(agent: str, url: str)");
    return nullptr;
  }
  Py_ssize_t agent_size = 0, url_size = 0;
  const char* agent = PyUnicode_AsUTF8AndSize(args[0], &agent_size);
  const char* url = PyUnicode_AsUTF8AndSize(args[1], &url_size);
  if (agent == nullptr || url == nullptr) return nullptr;
  // The method is bound on RobotsPolicy, so `self` is one: its value is read directly, without
  // pybind11's type lookup (a hash lookup a call; this path runs millions of times a crawl).
  py::detail::value_and_holder value =
      reinterpret_cast<py::detail::instance*>(self)->get_value_and_holder();
  const auto* policy = static_cast<const RobotsPolicy*>(value.value_ptr());
  if (policy == nullptr || !value.holder_constructed()) {
    PyErr_SetString(PyExc_TypeError, "allowed(): the RobotsPolicy is not initialised");
    return nullptr;
  }
  bool allowed =
      policy->Check({agent, static_cast<size_t>(agent_size)}, {url, static_cast<size_t>(url_size)})
          .allowed;
  return PyBool_FromLong(allowed ? 1 : 0);
}

// Lists at least this long are checked without the GIL; shorter ones take less time than
// releasing and taking it back.
constexpr size_t kReleaseGilAboveUrls = 256;

// RobotsPolicy.allowed_many(agent, urls): the URLs are read in place (no copies), the verdicts
// become a list of the two bool singletons.
py::list AllowedMany(const RobotsPolicy& policy, std::string_view agent, py::handle urls) {
  // A tuple of the URLs owns a reference to each, so they stay alive without the GIL even if
  // another thread changes the caller's list meanwhile.
  auto items = py::reinterpret_steal<py::tuple>(PySequence_Tuple(urls.ptr()));
  if (!items) throw py::error_already_set();
  size_t n = items.size();
  std::vector<std::string_view> views(n);
  for (size_t i = 0; i < n; ++i) views[i] = TextOrBytes(PyTuple_GET_ITEM(items.ptr(), i));
  std::vector<unsigned char> verdicts(n);
  auto check = [&] {
    optout::RobotsAgentRules rules = policy.ForAgent(agent);
    std::string scratch;
    for (size_t i = 0; i < n; ++i) verdicts[i] = rules.Match(views[i], &scratch).allowed;
  };
  if (n >= kReleaseGilAboveUrls) {
    py::gil_scoped_release release;
    check();
  } else {
    check();
  }
  py::list out(n);
  for (size_t i = 0; i < n; ++i) {
    PyObject* verdict = verdicts[i] ? Py_True : Py_False;
    Py_INCREF(verdict);
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), verdict);
  }
  return out;
}

PyMethodDef allowed_method = {
    "allowed", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&AllowedFast)),
    METH_FASTCALL,
    "allowed(agent, url)\n\nTrue when the product token `agent` may crawl `url` (absolute URL or "
    "path)."};

void BindRobots(py::module_& m) {
  py::class_<RobotsVerdict>(m, "RobotsVerdict", "A robots.txt verdict and what decided it.")
      .def_readonly("allowed", &RobotsVerdict::allowed)
      .def_readonly(
          "reason", &RobotsVerdict::reason,
          "rule, group-no-rule-matched, global-no-rule-matched, no-group or robots-txt-path")
      .def_readonly("line", &RobotsVerdict::line, "1-based line of the deciding rule, or None")
      .def_readonly("rule", &RobotsVerdict::rule, "the deciding line as written, or None")
      .def_readonly("from_global", &RobotsVerdict::from_global,
                    "the deciding rule belongs to the '*' group")
      .def_readonly("explanation", &RobotsVerdict::explanation)
      .def("__bool__", [](const RobotsVerdict& v) { return v.allowed; })
      .def("__repr__", [](const RobotsVerdict& v) {
        return "<RobotsVerdict " + std::string(v.allowed ? "allowed" : "disallowed") + ": " +
               v.explanation + ">";
      });

  auto policy_class =
      py::class_<RobotsPolicy, std::shared_ptr<RobotsPolicy>>(
          m, "RobotsPolicy",
          "A robots.txt body parsed once (RFC 9309); check many URLs against it.\n\n"
          "Parsing never fails: unparseable lines are ignored (RFC 9309 section 2.2); bytes past\n"
          "max_bytes (500 KiB by default, section 2.5) are ignored and `truncated` says so.")
          .def(py::init(&ParseRobots), "body"_a, py::kw_only(),
               "max_bytes"_a = optout::kRobotsDefaultMaxBytes, "rfc_percent_decoding"_a = false)
          .def("explain", &Explain, "agent"_a, "url"_a,
               "The verdict for `agent` and `url` with the deciding rule (RobotsVerdict).")
          .def("allowed_many", &AllowedMany, "agent"_a, "urls"_a,
               "allowed() for each URL (str or bytes), without the GIL for long lists.")
          .def_property_readonly(
              "sitemaps",
              [](const RobotsPolicy& policy) {
                std::vector<std::string> out;
                for (const auto* d : policy.DirectivesNamed("sitemap")) out.push_back(d->value);
                return out;
              },
              "Sitemap URLs, in file order.")
          .def_property_readonly("truncated", &RobotsPolicy::truncated,
                                 "True when the body was longer than max_bytes.")
          .def_property_readonly("lines", &RobotsPolicy::lines)
          .def_property_readonly("rule_count",
                                 [](const RobotsPolicy& p) { return p.rules().size(); });
  PyObject* allowed =
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(policy_class.ptr()), &allowed_method);
  if (allowed == nullptr) throw py::error_already_set();
  policy_class.attr("allowed") = py::reinterpret_steal<py::object>(allowed);
}

void BindEvidenceFiles(py::module_& m) {
  py::class_<optout::TdmRepFile, std::shared_ptr<optout::TdmRepFile>>(
      m, "TdmRepFile", "A site's /.well-known/tdmrep.json (W3C TDMRep final report).")
      .def(py::init([](py::handle text, const std::string& source) {
             auto file = optout::TdmRepFile::Parse(TextOrBytes(text), source);
             if (!file.ok()) ThrowStatus(file.status(), {source, {}, {}});
             return std::make_shared<optout::TdmRepFile>(std::move(*file));
           }),
           "text"_a, "source"_a = "tdmrep.json",
           "Parses the JSON; InputError names `source` and line:column when it is malformed.")
      .def(
          "reservation",
          [](const optout::TdmRepFile& file, std::string_view path) -> std::optional<int> {
            const optout::TdmRepRule* rule = file.Match(path);
            if (rule == nullptr || rule->reservation < 0) return std::nullopt;
            return rule->reservation;
          },
          "path"_a, "tdm-reservation (0 or 1) of the rule deciding `path`, or None.")
      .def_property_readonly("source", &optout::TdmRepFile::source)
      .def_property_readonly("rule_count",
                             [](const optout::TdmRepFile& f) { return f.rules().size(); });

  py::class_<optout::Blocklist, std::shared_ptr<optout::Blocklist>>(
      m, "Blocklist", "A list of infringing domains and URLs (CoP Copyright Measure 1.2).")
      .def_static(
          "load",
          [](const std::filesystem::path& path) {
            auto list = optout::Blocklist::Load(path);
            if (!list.ok()) ThrowStatus(list.status(), {path.string(), {}, {}});
            return std::make_shared<optout::Blocklist>(std::move(*list));
          },
          "path"_a)
      .def_static(
          "parse",
          [](py::handle text, const std::string& file) {
            auto list = optout::Blocklist::Parse(TextOrBytes(text), file);
            if (!list.ok()) ThrowStatus(list.status(), {file, {}, {}});
            return std::make_shared<optout::Blocklist>(std::move(*list));
          },
          "text"_a, "file"_a = "blocklist")
      .def_property_readonly("name", &optout::Blocklist::name)
      .def_property_readonly("entry_count",
                             [](const optout::Blocklist& b) { return b.entries().size(); });
}

void BindDecision(py::module_& m) {
  py::class_<optout::Signal>(m, "Signal", "One piece of evidence considered by decide().")
      .def_property_readonly("kind",
                             [](const optout::Signal& s) { return optout::SignalKindName(s.kind); })
      .def_property_readonly(
          "effect", [](const optout::Signal& s) { return optout::SignalEffectName(s.effect); })
      .def_readonly("source", &optout::Signal::source)
      .def_readonly("location", &optout::Signal::location)
      .def_readonly("line", &optout::Signal::line, "1-based line in the source, 0 when none")
      .def_readonly("rule", &optout::Signal::rule)
      .def_readonly("detail", &optout::Signal::detail)
      .def_readonly("fetched_at", &optout::Signal::fetched_at)
      .def_readonly("tdm_policy", &optout::Signal::policy)
      .def_readonly("agent", &optout::Signal::agent)
      .def_readonly("superseded", &optout::Signal::superseded)
      .def("__repr__", [](const optout::Signal& s) {
        return "<Signal " + std::string(optout::SignalKindName(s.kind)) + " " +
               std::string(optout::SignalEffectName(s.effect)) + ": " + s.detail + ">";
      });

  py::class_<optout::Decision>(m, "Decision", "The opt-out verdict for one URL and its signals.")
      .def_property_readonly(
          "verdict", [](const optout::Decision& d) { return optout::VerdictName(d.verdict); },
          "allowed, reserved, blocked or unknown")
      .def_property_readonly(
          "allowed",
          [](const optout::Decision& d) { return d.verdict == optout::Verdict::kAllowed; })
      .def_readonly("url", &optout::Decision::url)
      .def_readonly("host", &optout::Decision::host)
      .def_readonly("registrable_domain", &optout::Decision::registrable_domain)
      .def_readonly("signals", &optout::Decision::signals)
      .def_readonly("summary", &optout::Decision::summary)
      .def_readonly("suffix_list", &optout::Decision::suffix_list)
      .def("__repr__", [](const optout::Decision& d) {
        return "<Decision " + std::string(optout::VerdictName(d.verdict)) + ": " + d.summary + ">";
      });

  m.def(
      "decide",
      [](std::string url, std::shared_ptr<RobotsPolicy> robots, std::optional<int> robots_status,
         int robots_redirects, std::string robots_location, std::string robots_fetched_at,
         std::optional<double> robots_age_hours,
         std::vector<std::pair<std::string, std::string>> headers, std::optional<std::string> html,
         std::string html_location, bool image, std::shared_ptr<optout::TdmRepFile> tdmrep,
         std::vector<std::shared_ptr<optout::Blocklist>> blocklists, std::string policy,
         std::vector<std::string> agents, std::string crawlers, std::string psl) {
        DecideArgs args{std::move(url),
                        std::move(robots),
                        robots_status,
                        robots_redirects,
                        std::move(robots_location),
                        std::move(robots_fetched_at),
                        robots_age_hours,
                        std::move(headers),
                        std::move(html),
                        std::move(html_location),
                        image,
                        std::move(tdmrep),
                        std::move(blocklists),
                        std::move(policy),
                        std::move(agents),
                        std::move(crawlers),
                        std::move(psl)};
        return Decide(args);
      },
      "url"_a, py::kw_only(), "robots"_a = nullptr, "robots_status"_a = py::none(),
      "robots_redirects"_a = 0, "robots_location"_a = "", "robots_fetched_at"_a = "",
      "robots_age_hours"_a = py::none(),
      "headers"_a = std::vector<std::pair<std::string, std::string>>{}, "html"_a = py::none(),
      "html_location"_a = "", "image"_a = false, "tdmrep"_a = nullptr,
      "blocklists"_a = std::vector<std::shared_ptr<optout::Blocklist>>{}, "policy"_a = "crawl",
      "agents"_a = std::vector<std::string>{}, "crawlers"_a = "", "psl"_a = "",
      "optout::Decide on parsed evidence (gpaikit.optout.decide is the friendly front).");
}

}  // namespace

// The default public suffix list and crawler registry, each loaded once per process.
std::shared_ptr<const optout::PublicSuffixList> SuffixList(const std::string& file) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const optout::PublicSuffixList>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded.find(file);
  if (it != loaded.end()) return it->second;
  auto list = optout::PublicSuffixList::Load(file);
  if (!list.ok()) ThrowStatus(list.status(), {file, {}, {}});
  loaded.emplace(file, *list);
  return *list;
}

std::shared_ptr<const optout::CrawlerRegistry> Registry(const std::string& file) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const optout::CrawlerRegistry>> loaded;
  std::filesystem::path path =
      file.empty() ? optout::CrawlerRegistry::DefaultPath() : std::filesystem::path(file);
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded.find(path.string());
  if (it != loaded.end()) return it->second;
  auto registry = optout::CrawlerRegistry::Load(path);
  if (!registry.ok()) ThrowStatus(registry.status(), {path.string(), {}, {}});
  auto shared = std::make_shared<const optout::CrawlerRegistry>(std::move(*registry));
  loaded.emplace(path.string(), shared);
  return shared;
}

void BindOptout(py::module_& module) {
  BindRobots(module);
  BindEvidenceFiles(module);
  BindDecision(module);
}

}  // namespace gpaikit::python
